import { orderSla } from '../../../../shared/sla/index.js';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DragEvent, KeyboardEvent, MouseEvent, PointerEvent } from 'react';
import { useActions, type DropVerdict, type GhostBooking, type Move } from '../../services/index.js';
import { formatDay, formatShortDay, formatTime, formatTimeOn } from '../../i18n/format.js';
import { translate } from '../../i18n/messages.js';
import { clauseWords } from '../../i18n/punctuation.js';
import { useT } from '../../i18n/use-t.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { dropTargets, ghostsFor, isMovable, nudge, type BarDrag } from './drag.js';
import { draggedOrder, ORDER_DRAG_TYPE, setOrderDropTarget } from '../../ui/order-drag.js';
import {
  barAt,
  buildBoardModel,
  ENGINEER_ROW_HEIGHT,
  firstShiftStart,
  rowAt,
  visibleRows,
  type BoardModel,
} from './model.js';
import { epochAtLocal, localDate } from '../../../../shared/time/index.js';
import { paintBoard } from './paint.js';
import { OverrideDialog } from './OverrideDialog.js';
import { BarCard } from './BarCard.js';
import { besidePointer } from './beside-pointer.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { refusalWords } from '../../i18n/reason-words.js';
import { BoardLegend } from './BoardLegend.js';
import { withOverrides, type OverrideRequest } from './override.js';
import { KeyTargets } from './key-moves.js';
import { verdictLines } from './verdict-lines.js';

type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';
import {
  AXIS_HEIGHT,
  NAMES_WIDTH,
  scaleFor,
  snapTime,
  timeToX,
  timelineWidth,
  xToTime,
  type TimeScale,
} from './time-scale.js';

interface Hint {
  x: number;
  y: number;
  title: string;
  lines: string[];
  feasible: boolean | null;
}

type Gesture =
  | { kind: 'bars'; drag: BarDrag; moved: boolean; moves: Move[] }
  | { kind: 'rubber'; x0: number; y0: number; x1: number; y1: number }
  /** A press on a bar that cannot move (work under way or done): selected; told so only if it is dragged. */
  | { kind: 'locked'; x0: number; y0: number; notice: string | null }
  | null;

/** Called with the time the board spent painting each frame (for the benchmark). */
export type FrameProbe = (ms: number) => void;

/**
 * The dispatch board: engineers by team down the side, their day (or week) across, bookings as bars. Drawn on one
 * canvas, only what is on screen, so it stays smooth with a thousand engineers and twenty thousand bookings.
 */
export function Board({ onFrame }: { onFrame?: FrameProbe }) {
  const t = useT();
  const names = useEngineerNames();
  const actions = useActions();
  const dataVersion = useConsole((s) => s.dataVersion);
  const teams = useConsole((s) => s.teams);
  const zoom = useConsole((s) => s.zoom);
  const viewStart = useConsole((s) => s.viewStart);
  const palette = useConsole((s) => s.palette);
  const snapMin = useConsole((s) => s.snapMin);
  const selected = useConsole((s) => s.selectedOrderIds);
  const selectedEngineerId = useConsole((s) => s.selectedEngineerId);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const proposal = useConsole((s) => s.proposalGhosts);
  const violations = useConsole((s) => s.violations);
  const refused = useConsole((s) => s.refusedOrders);
  const hideOffShift = useConsole((s) => s.hideOffShift[s.zoom]);

  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 1200, height: 600 });
  /** Whether `size` is the scroller's own (the first guess would put "now" at the wrong place). */
  const [measured, setMeasured] = useState(false);
  const [hint, setHint] = useState<Hint | null>(null);
  const hintBox = useRef<HTMLDivElement>(null);
  // The rule check goes beside the pointer where its text fits whole, inside the board: measured before it is painted.
  useLayoutEffect(() => {
    const el = hintBox.current;
    if (!el || !hint) return;
    const area = el.offsetParent ?? el.parentElement;
    if (!area) return;
    const { left, top } = besidePointer(
      { x: hint.x, y: hint.y },
      { width: el.offsetWidth, height: el.offsetHeight },
      { width: area.clientWidth, height: area.clientHeight },
    );
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }, [hint, size]);
  /** The bar under a resting pointer, and where its card goes (board coordinates). */
  const [card, setCard] = useState<{ orderId: string; x: number; y: number } | null>(null);
  const [rowsOnScreen, setRowsOnScreen] = useState<[number, number]>([0, -1]);
  const gesture = useRef<Gesture>(null);
  const dragGhosts = useRef<GhostBooking[]>([]);
  const verdictTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const verdictSeq = useRef(0);
  const frame = useRef(0);
  /** The view (zoom and range) last opened on now. */
  const scrolledToNow = useRef('');
  const rowsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [override, setOverride] = useState<OverrideRequest | null>(null);
  /** A key move being checked and made: further arrow presses wait in `keyQueue` and each is made after it. */
  const checking = useRef(false);
  const keyQueue = useRef<ArrowKey[]>([]);
  /** Where key moves sent bookings the cache does not show there yet: the next press starts from there. */
  const keyTargets = useRef(new KeyTargets());
  const violationsSeq = useRef(0);

  const scale: TimeScale = useMemo(
    () => scaleFor(zoom, viewStart, size.width - NAMES_WIDTH, timeZone),
    [zoom, viewStart, size.width, timeZone],
  );
  const model: BoardModel = useMemo(() => {
    const { engineers, orders } = consoleStore().getState();
    return buildBoardModel(engineers, orders, teams, scale.rangeStart, scale.rangeEnd, {
      hideOffShift,
      locale,
      timeZone,
      now: Date.now(),
    });
    // dataVersion announces changes to the maps, which are mutated in place.
  }, [dataVersion, teams, scale.rangeStart, scale.rangeEnd, hideOffShift, locale, timeZone]);

  useEffect(() => {
    consoleStore().getState().setOffShiftHidden(model.hiddenOffShift);
  }, [model]);

  const paint = useCallback(() => {
    frame.current = 0;
    const el = canvas.current;
    const sc = scroller.current;
    if (!el || !sc) return;
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const { orders, policy, slaTimelines } = consoleStore().getState();
    const now = Date.now();
    const dragging = gesture.current?.kind === 'bars' && gesture.current.moved ? gesture.current.drag.orderIds : [];
    const painted = paintBoard(ctx, {
      model,
      scale,
      scrollX: sc.scrollLeft,
      scrollY: sc.scrollTop,
      width: size.width,
      height: size.height,
      now,
      selected,
      focusedEngineerId: selectedEngineerId,
      palette,
      ghosts: [...proposal, ...dragGhosts.current],
      orders,
      hiddenOrderIds: new Set(dragging),
      timeZone,
      formatTick: (tick, major, short) =>
        major
          ? short
            ? formatShortDay(tick, locale, timeZone)
            : formatDay(tick, locale, timeZone)
          : formatTime(tick, locale, timeZone),
      utilisationLabel: (pct) => translate(locale, 'board.utilisation', { pct }),
      stateLabel: (state) => translate(locale, `state.${state}` as 'state.off'),
      sla: (o) => orderSla(o, now, policy, slaTimelines.get(o.id)),
      violations,
      refused,
    });
    // Where this frame put the now line and the axis labels, readable from the page (the canvas itself is not).
    sc.dataset.nowX = painted.nowX === null ? '' : String(Math.round(painted.nowX));
    // Each label as [x, width, 1 for a day start or 0, its text].
    sc.dataset.axisLabels = JSON.stringify(
      painted.axisLabels.map((l) => [Math.round(l.x), Math.round(l.width), l.major ? 1 : 0, l.text]),
    );
    sc.dataset.selectedBar = painted.selectedBar ? JSON.stringify(painted.selectedBar.map(Math.round)) : '';
    sc.dataset.lateBars = painted.lateBars.join(' ');
    sc.dataset.bars = painted.bars.join(' ');
    const g = gesture.current;
    if (g?.kind === 'rubber') {
      ctx.strokeStyle = '#2563eb';
      ctx.fillStyle = 'rgba(37, 99, 235, 0.08)';
      const x = Math.min(g.x0, g.x1) + NAMES_WIDTH - sc.scrollLeft;
      const y = Math.min(g.y0, g.y1) + AXIS_HEIGHT - sc.scrollTop;
      ctx.fillRect(x, y, Math.abs(g.x1 - g.x0), Math.abs(g.y1 - g.y0));
      ctx.strokeRect(x, y, Math.abs(g.x1 - g.x0), Math.abs(g.y1 - g.y0));
    }
    // The screen-reader list of rows follows the scroll, but not on every frame.
    const range = visibleRows(model, sc.scrollTop, size.height - AXIS_HEIGHT);
    if (rowsTimer.current) clearTimeout(rowsTimer.current);
    rowsTimer.current = setTimeout(
      () => setRowsOnScreen((prev) => (prev[0] === range[0] && prev[1] === range[1] ? prev : range)),
      200,
    );
    onFrame?.(performance.now() - started);
  }, [
    model,
    scale,
    size,
    selected,
    selectedEngineerId,
    palette,
    proposal,
    timeZone,
    locale,
    zoom,
    onFrame,
    violations,
    refused,
  ]);

  const requestPaint = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(paint);
  }, [paint]);

  useEffect(() => {
    requestPaint();
  }, [requestPaint]);

  useEffect(() => {
    const sc = scroller.current;
    if (!sc) return;
    const measure = () => {
      setSize((prev) =>
        prev.width === sc.clientWidth && prev.height === sc.clientHeight
          ? prev
          : { width: sc.clientWidth, height: sc.clientHeight },
      );
      setMeasured(true);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(sc);
    const tick = setInterval(requestPaint, 30_000);
    return () => {
      observer.disconnect();
      clearInterval(tick);
    };
  }, [requestPaint]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(size.width * dpr);
    el.height = Math.round(size.height * dpr);
    el.style.width = `${size.width}px`;
    el.style.height = `${size.height}px`;
  }, [size]);

  // Which bookings of the days on screen break a hard rule, as core's engine judges the cache: asked again a moment
  // after each change; an answer overtaken by a newer question is dropped.
  useEffect(() => {
    const seq = ++violationsSeq.current;
    const timer = setTimeout(() => {
      actions.violations(scale.rangeStart, scale.rangeEnd).then(
        (list) => {
          if (seq === violationsSeq.current) consoleStore().getState().applyViolations(list);
        },
        () => undefined,
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [actions, dataVersion, scale.rangeStart, scale.rangeEnd]);

  // Open on now, two hours in from the left (or a quarter of a narrow timeline), once the board knows its width: the
  // scale, and so where now is, depends on it. Again on switching between day and week or back to today. Another day
  // (walked to with ‹ ›) opens on its working day: an hour before the first shift that starts in it.
  useEffect(() => {
    const sc = scroller.current;
    const view = `${zoom}|${scale.rangeStart}`;
    if (!sc || !measured || scrolledToNow.current === view || model.rows.length === 0) return;
    scrolledToNow.current = view;
    const now = Date.now();
    if (now < scale.rangeStart || now >= scale.rangeEnd) {
      const firstShift = firstShiftStart(model, scale.rangeStart, scale.rangeEnd);
      sc.scrollLeft = firstShift === null ? 0 : Math.max(0, timeToX(scale, firstShift - 3_600_000));
      return;
    }
    const lead = Math.min((2 * 3_600_000) / scale.msPerPx, (size.width - NAMES_WIDTH) / 4);
    sc.scrollLeft = Math.max(0, timeToX(scale, now) - lead);
  }, [model, scale, measured, size.width, zoom]);

  // Bring the focused order's bar into view when it was chosen elsewhere (queue, map, find): its day, its row, its time.
  // The board goes to the focused order's day once per focus: a dispatcher who then walks to another day (Today, ‹ ›)
  // stays there, however long the order stays selected. An order focused before it had a booking is followed once it
  // gets one (booked from the candidate list, on another day or just past midnight).
  const focusedOrderId = useConsole((s) => s.focusedOrderId);
  const focusedBooked = useConsole((s) =>
    s.focusedOrderId ? Boolean(s.orders.get(s.focusedOrderId)?.booking) : false,
  );
  const dayFollowed = useRef<string | null>(null);
  useEffect(() => {
    const sc = scroller.current;
    const booking = focusedOrderId ? consoleStore().getState().orders.get(focusedOrderId)?.booking : null;
    if (!focusedOrderId) dayFollowed.current = null;
    if (!sc || !booking) return;
    if (booking.start < scale.rangeStart || booking.start >= scale.rangeEnd) {
      if (dayFollowed.current === focusedOrderId) return;
      dayFollowed.current = focusedOrderId;
      consoleStore()
        .getState()
        .setViewStart(epochAtLocal(localDate(booking.start, timeZone), 0, timeZone));
      return; // the new range re-runs this effect
    }
    dayFollowed.current = focusedOrderId;
    const row = model.rows.findIndex((r) => r.kind === 'engineer' && r.engineer.id === booking.engineerId);
    if (row < 0) return;
    const top = model.offsets[row]!;
    const rowsHeight = size.height - AXIS_HEIGHT;
    if (top < sc.scrollTop || top + ENGINEER_ROW_HEIGHT > sc.scrollTop + rowsHeight)
      sc.scrollTop = Math.max(0, top - rowsHeight / 3);
    const x = timeToX(scale, booking.start);
    const timeline = size.width - NAMES_WIDTH;
    if (x < sc.scrollLeft || x > sc.scrollLeft + timeline - 40) sc.scrollLeft = Math.max(0, x - timeline / 4);
    // Only when the focus, its being booked or the range changes, not on every data change.
  }, [focusedOrderId, focusedBooked, scale.rangeStart]);

  /** The one day the board shows (its times need no day), or null in the week. */
  const shownDay = zoom === 'day' ? viewStart : null;

  /** Content coordinates (timeline x from the range start, y from the first row) of a pointer. */
  const contentPoint = (clientX: number, clientY: number) => {
    const sc = scroller.current!;
    const box = sc.getBoundingClientRect();
    const sx = clientX - box.left;
    const sy = clientY - box.top;
    return { sx, sy, x: sx - NAMES_WIDTH + sc.scrollLeft, y: sy - AXIS_HEIGHT + sc.scrollTop };
  };

  /** Asks the engine about the primary move, after the pointer rests a moment; older answers are dropped. */
  const askVerdict = (move: Move, at: { sx: number; sy: number }) => {
    if (verdictTimer.current) clearTimeout(verdictTimer.current);
    const seq = ++verdictSeq.current;
    const order = consoleStore().getState().orders.get(move.orderId);
    const engineer = move.engineerId ? consoleStore().getState().engineers.get(move.engineerId) : undefined;
    if (!order || !engineer || move.start === null) return;
    const title = t('board.dropHere', {
      code: order.code,
      name: names.get(engineer.id) ?? engineer.name,
      time: formatTimeOn(move.start, shownDay, locale, timeZone),
    });
    setHint({ x: at.sx, y: at.sy, title, lines: [t('board.checking')], feasible: null });
    verdictTimer.current = setTimeout(() => {
      actions
        .verdictFor(move.orderId, move.engineerId!, move.start!)
        .then((v: DropVerdict) => {
          if (seq !== verdictSeq.current) return;
          const lines = verdictLines(v, locale, names);
          dragGhosts.current = dragGhosts.current.map((g) => ({ ...g, feasible: v.feasible }));
          setHint({ x: at.sx, y: at.sy, title, lines, feasible: v.feasible });
          requestPaint();
        })
        .catch(() => undefined);
    }, 60);
  };

  /**
   * Books moves made on the board once the engine has judged each: at once when they keep every hard rule, otherwise
   * after the dispatcher confirms in the override dialog (soft rules never ask). Resolves when it is booked or asked.
   */
  const commit = async (moves: Move[], label?: string): Promise<'booked' | 'asked' | 'failed'> => {
    const bookings = moves.filter((m) => m.engineerId !== null && m.start !== null);
    let verdicts: DropVerdict[];
    try {
      verdicts = await Promise.all(bookings.map((m) => actions.verdictFor(m.orderId, m.engineerId!, m.start!)));
    } catch (err) {
      consoleStore()
        .getState()
        .notify('error', t('override.checkFailed', { error: refusalWords(err, consoleStore().getState().locale) }));
      return 'failed';
    }
    const { orders } = consoleStore().getState();
    const broken = bookings.flatMap((move, i) => {
      const rules = verdicts[i]!.verdicts.filter((v) => v.hard && !v.ok);
      if (rules.length === 0) return [];
      const title = t('override.move', {
        code: orders.get(move.orderId)?.code ?? move.orderId,
        name: names.get(move.engineerId!) ?? move.engineerId!,
        time: formatTimeOn(move.start!, shownDay, locale, timeZone),
      });
      return [{ move, title, rules }];
    });
    if (broken.length === 0) return (await actions.applyMoves(moves, label)) ? 'booked' : 'failed';
    setOverride({ moves, label, broken });
    return 'asked';
  };

  const endGesture = () => {
    gesture.current = null;
    dragGhosts.current = [];
    verdictSeq.current += 1;
    if (verdictTimer.current) clearTimeout(verdictTimer.current);
    setHint(null);
    requestPaint();
  };

  /** The card of the bar under the pointer, placed beside it and kept inside the board. */
  const hoverCard = (clientX: number, clientY: number) => {
    const p = contentPoint(clientX, clientY);
    const row = p.sx >= NAMES_WIDTH && p.sy >= AXIS_HEIGHT ? model.rows[rowAt(model, p.y)] : undefined;
    const bar = row ? barAt(row, xToTime(scale, p.x), 3 * scale.msPerPx) : null;
    if (!bar) {
      if (card) setCard(null);
      return;
    }
    if (card?.orderId === bar.id) return;
    const x = p.sx + 320 > size.width ? Math.max(0, p.sx - 324) : p.sx + 14;
    const y = p.sy + 250 > size.height ? Math.max(0, p.sy - 254) : p.sy + 18;
    setCard({ orderId: bar.id, x, y });
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    setCard(null);
    if (e.button !== 0) return;
    scroller.current?.focus();
    const p = contentPoint(e.clientX, e.clientY);
    if (p.sy < AXIS_HEIGHT) return;
    const rowIndex = rowAt(model, p.y);
    const row = rowIndex >= 0 ? model.rows[rowIndex] : undefined;
    const state = consoleStore().getState();
    if (p.sx < NAMES_WIDTH) {
      if (row?.kind === 'engineer') state.selectEngineer(row.engineer.id);
      return;
    }
    const bar = row ? barAt(row, xToTime(scale, p.x), 3 * scale.msPerPx) : null;
    if (!bar) {
      if (!e.shiftKey && !e.ctrlKey && !e.metaKey) state.clearSelection();
      gesture.current = { kind: 'rubber', x0: p.x, y0: p.y, x1: p.x, y1: p.y };
      e.currentTarget.setPointerCapture(e.pointerId);
      return;
    }
    const multi = e.shiftKey || e.ctrlKey || e.metaKey;
    if (multi) state.selectOrder(bar.id, 'toggle');
    else if (!state.selectedOrderIds.has(bar.id)) state.selectOrder(bar.id, 'replace');
    else state.selectOrder(bar.id, 'add');
    if (row?.kind === 'engineer') state.selectEngineer(row.engineer.id);
    const ids = [...consoleStore().getState().selectedOrderIds].filter((id) => {
      const o = state.orders.get(id);
      return o?.booking && isMovable(o);
    });
    if (!isMovable(bar)) {
      const notice = t('board.cannotMove', { code: bar.code, status: t(`status.${bar.status}` as 'status.new') });
      gesture.current = { kind: 'locked', x0: p.x, y0: p.y, notice };
      e.currentTarget.setPointerCapture(e.pointerId);
      return;
    }
    gesture.current = {
      kind: 'bars',
      drag: {
        orderIds: ids.includes(bar.id) ? ids : [bar.id],
        primaryId: bar.id,
        startX: p.x,
        startY: p.y,
        startTime: xToTime(scale, p.x),
        startRow: rowIndex,
      },
      moved: false,
      moves: [],
    };
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  // The row's label opens the engineer's card: on the click, once the press has moved the focus to the board, so the
  // card takes it from there (and gives it back to the board).
  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const p = contentPoint(e.clientX, e.clientY);
    if (p.sx >= NAMES_WIDTH || p.sy < AXIS_HEIGHT) return;
    const row = model.rows[rowAt(model, p.y)];
    if (row?.kind === 'engineer') consoleStore().getState().showEngineerCard(row.engineer.id);
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (!g) {
      if (e.pointerType !== 'touch') hoverCard(e.clientX, e.clientY);
      return;
    }
    const p = contentPoint(e.clientX, e.clientY);
    if (g.kind === 'rubber') {
      g.x1 = p.x;
      g.y1 = p.y;
      requestPaint();
      return;
    }
    if (g.kind === 'locked') {
      if (g.notice !== null && Math.hypot(p.x - g.x0, p.y - g.y0) >= 4) {
        consoleStore().getState().notify('info', g.notice);
        g.notice = null;
      }
      return;
    }
    if (!g.moved && Math.hypot(p.x - g.drag.startX, p.y - g.drag.startY) < 4) return;
    g.moved = true;
    const { orders } = consoleStore().getState();
    g.moves = dropTargets(g.drag, model, scale, orders, p.x, p.y, snapMin, timeZone);
    dragGhosts.current = ghostsFor(g.moves, orders, null);
    const primary = g.moves.find((m) => m.orderId === g.drag.primaryId);
    if (primary) askVerdict(primary, p);
    requestPaint();
  };

  const onPointerUp = () => {
    const g = gesture.current;
    if (g?.kind === 'bars' && g.moved && g.moves.length > 0) {
      const changed = g.moves.filter((m) => {
        const o = consoleStore().getState().orders.get(m.orderId);
        return o?.booking && (o.booking.engineerId !== m.engineerId || o.booking.start !== m.start);
      });
      if (changed.length > 0)
        void commit(changed, changed.length > 1 ? t('board.bulkMoved', { n: changed.length }) : undefined);
    } else if (g?.kind === 'rubber') {
      const [x0, x1] = [Math.min(g.x0, g.x1), Math.max(g.x0, g.x1)];
      const [y0, y1] = [Math.min(g.y0, g.y1), Math.max(g.y0, g.y1)];
      if (x1 - x0 > 4 || y1 - y0 > 4) {
        const [t0, t1] = [xToTime(scale, x0), xToTime(scale, x1)];
        const ids: string[] = [];
        for (let i = Math.max(0, rowAt(model, y0)); i >= 0 && i < model.rows.length && model.offsets[i]! <= y1; i++) {
          const row = model.rows[i]!;
          if (row.kind === 'engineer')
            for (const o of row.bookings) if (o.booking!.end > t0 && o.booking!.start < t1) ids.push(o.id);
        }
        consoleStore().getState().selectOrders(ids);
      }
    }
    endGesture();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const state = consoleStore().getState();
    const ids = [...state.selectedOrderIds];
    if (e.key === 'Escape') {
      if (gesture.current) endGesture();
      else state.clearSelection();
      return;
    }
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (ids.length === 0) return;
      e.preventDefault();
      // A press while the previous move is still being checked and made waits for it, then moves on from where it
      // put the bookings: every press is one step.
      if (checking.current) keyQueue.current.push(e.key);
      else keyMove.current(e.key);
      return;
    }
    if ((e.key === 'Delete' || e.key === 'Backspace') && ids.length > 0) {
      e.preventDefault();
      void actions.unassign(ids);
      return;
    }
    if (e.key === 'Enter' && state.focusedOrderId) {
      e.preventDefault();
      void actions.assignBest(state.focusedOrderId);
    }
  };

  /** Moves the selected bookings one step for an arrow key, then makes the presses that came meanwhile. */
  const moveByKey = (key: ArrowKey) => {
    const state = consoleStore().getState();
    const ids = [...state.selectedOrderIds];
    const view = keyTargets.current.view(state.orders, ids);
    const moves = nudge(ids, view, model, key, snapMin);
    if (moves.length === 0) {
      keyQueue.current = [];
      return;
    }
    checking.current = true;
    keyTargets.current.record(moves, state.orders);
    void commit(moves, moves.length > 1 ? t('board.bulkMoved', { n: moves.length }) : undefined).then((outcome) => {
      checking.current = false;
      const next = keyQueue.current.shift();
      if (outcome !== 'booked') {
        keyTargets.current.forget(moves);
        // The presses after one that was not made are not made either, and the dispatcher is told (a refusal or
        // the rule question says why the first was not).
        const left = keyQueue.current.length + (next ? 1 : 0);
        keyQueue.current = [];
        if (left > 0 && outcome === 'asked')
          consoleStore()
            .getState()
            .notify('info', t('board.keyMovesLeft', { n: left }));
        return;
      }
      if (next) keyMove.current(next);
    });
  };
  // The latest closure (the board's rows change as moves arrive).
  const keyMove = useRef(moveByKey);
  keyMove.current = moveByKey;

  // Orders brought in from the queue (HTML drag and drop) or carried from the map (pointer events).
  const dropMove = (orderId: string, clientX: number, clientY: number): Move | null => {
    const order = consoleStore().getState().orders.get(orderId);
    if (!order) return null;
    const p = contentPoint(clientX, clientY);
    const box = scroller.current!.getBoundingClientRect();
    if (p.sx < NAMES_WIDTH || p.sy < AXIS_HEIGHT || clientX > box.right || clientY > box.bottom) return null;
    const row = model.rows[rowAt(model, p.y)];
    if (row?.kind !== 'engineer') return null;
    return { orderId: order.id, engineerId: row.engineer.id, start: snapTime(xToTime(scale, p.x), snapMin, timeZone) };
  };
  const lastDropKey = useRef('');
  const hoverOrder = (orderId: string, clientX: number, clientY: number): boolean => {
    const move = dropMove(orderId, clientX, clientY);
    if (!move) {
      if (lastDropKey.current) leaveOrder();
      return false;
    }
    const key = `${move.engineerId}@${move.start}`;
    if (key === lastDropKey.current) return true;
    lastDropKey.current = key;
    dragGhosts.current = ghostsFor([move], consoleStore().getState().orders, null);
    askVerdict(move, contentPoint(clientX, clientY));
    requestPaint();
    return true;
  };
  const dropOrder = (orderId: string, clientX: number, clientY: number): boolean => {
    const move = dropMove(orderId, clientX, clientY);
    lastDropKey.current = '';
    endGesture();
    if (!move?.engineerId || move.start === null) return false;
    void commit([move]);
    return true;
  };
  const leaveOrder = () => {
    lastDropKey.current = '';
    endGesture();
  };
  // The latest closures, for the map's pointer carries.
  const dropTarget = useRef({ hover: hoverOrder, drop: dropOrder, leave: leaveOrder });
  dropTarget.current = { hover: hoverOrder, drop: dropOrder, leave: leaveOrder };
  useEffect(
    () =>
      setOrderDropTarget({
        hover: (id, x, y) => dropTarget.current.hover(id, x, y),
        drop: (id, x, y) => dropTarget.current.drop(id, x, y),
        leave: () => dropTarget.current.leave(),
      }),
    [],
  );

  const draggedId = (e: DragEvent<HTMLDivElement>) =>
    draggedOrder() ?? (e.dataTransfer.getData(ORDER_DRAG_TYPE) || null);
  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!e.dataTransfer.types.includes(ORDER_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const id = draggedId(e);
    if (id) hoverOrder(id, e.clientX, e.clientY);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    const id = draggedId(e);
    if (id && dropOrder(id, e.clientX, e.clientY)) e.preventDefault();
  };
  const onDragLeave = (e: DragEvent<HTMLDivElement>) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    leaveOrder();
  };

  const width = NAMES_WIDTH + timelineWidth(scale);
  const height = AXIS_HEIGHT + model.offsets[model.rows.length]!;
  return (
    <div className="board" role="region" aria-label={t('board.title')}>
      <div
        ref={scroller}
        className="board-scroller"
        tabIndex={0}
        onScroll={requestPaint}
        onKeyDown={onKeyDown}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onDragLeave={onDragLeave}
        data-testid="board"
      >
        <canvas
          ref={canvas}
          className="board-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onClick={onClick}
          onPointerCancel={endGesture}
          onPointerLeave={() => setCard(null)}
          aria-hidden="true"
        />
        <div className="board-spacer" style={{ width, height, marginTop: -size.height }} />
      </div>
      <ul className="visually-hidden" aria-label={t('board.title')}>
        {model.rows.slice(rowsOnScreen[0], rowsOnScreen[1] + 1).map((row) =>
          row.kind === 'engineer' ? (
            <li key={row.engineer.id}>
              {clauseWords(
                [
                  t('board.rowLabel', {
                    name: row.label,
                    team: teamLabel(row.engineer.team, locale),
                    state: t(`state.${row.engineer.state}` as 'state.off'),
                    count: row.bookings.length,
                  }),
                  ...rowViolations(row.bookings, violations, (count) => t('board.rowViolations', { count })),
                  ...rowMarks(row.bookings, refused, (pending, refusedCount) => [
                    ...(pending > 0 ? [t('board.rowPending', { count: pending })] : []),
                    ...(refusedCount > 0 ? [t('board.rowRefused', { count: refusedCount })] : []),
                  ]),
                ],
                locale,
              )}
            </li>
          ) : null,
        )}
      </ul>
      {card && !hint && <BarCard orderId={card.orderId} x={card.x} y={card.y} />}
      <BoardLegend palette={palette} />
      {hint && (
        <div
          ref={hintBox}
          className={`board-hint ${hint.feasible === false ? 'bad' : hint.feasible ? 'good' : ''}`}
          role="status"
        >
          <strong>{hint.title}</strong>
          {hint.lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      )}
      {override && (
        <OverrideDialog
          request={override}
          onCancel={() => setOverride(null)}
          onConfirm={(reason) => {
            setOverride(null);
            void actions.applyMoves(withOverrides(override, reason), override.label);
          }}
        />
      )}
    </div>
  );
}

/** "1 not yet on the server", "1 with a refused change" for a row's screen-reader line; none when all are settled. */
function rowMarks(
  bookings: readonly { id: string; pending: boolean }[],
  refused: ReadonlySet<string>,
  words: (pending: number, refused: number) => string[],
): string[] {
  return words(bookings.filter((o) => o.pending).length, bookings.filter((o) => refused.has(o.id)).length);
}

/** "2 breaking a rule" for a row's screen-reader line; none when every booking keeps the rules. */
function rowViolations(
  bookings: readonly { id: string }[],
  violations: ReadonlyMap<string, readonly unknown[]>,
  words: (count: number) => string,
): string[] {
  const count = bookings.filter((o) => (violations.get(o.id)?.length ?? 0) > 0).length;
  return count > 0 ? [words(count)] : [];
}
