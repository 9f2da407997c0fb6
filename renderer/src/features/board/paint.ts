import { bookedLateness, type OrderSla } from '../../../../shared/sla/index.js';
import type { GhostBooking, OrderView } from '../../services/index.js';
import type { Palette } from '../../store/view-slice.js';
import { ENGINEER_ROW_HEIGHT, visibleRows, type BoardModel } from './model.js';
import { STATE_COLOURS, barColour } from '../../ui/palette.js';
import {
  AXIS_HEIGHT,
  NAMES_WIDTH,
  layoutAxisLabels,
  ticks,
  timeToX,
  type AxisLabel,
  type TimeScale,
} from './time-scale.js';
import { travelMinutes } from './travel.js';

export interface PaintInput {
  model: BoardModel;
  scale: TimeScale;
  scrollX: number;
  scrollY: number;
  width: number;
  height: number;
  now: number;
  selected: ReadonlySet<string>;
  focusedEngineerId: string | null;
  palette: Palette;
  ghosts: readonly GhostBooking[];
  orders: ReadonlyMap<string, OrderView>;
  hiddenOrderIds: ReadonlySet<string>;
  timeZone: string;
  /** A tick's label: a day start's date (`short`: a shorter form), or a time of day. */
  formatTick: (t: number, major: boolean, short: boolean) => string;
  utilisationLabel: (pct: number) => string;
  stateLabel: (state: string) => string;
  /** The order's SLA clocks now (shared/sla, as the queue and core's watcher read them). */
  sla: (o: OrderView) => OrderSla;
  /** Bookings that break a hard rule, by order id: their bars carry a warning mark. */
  violations: ReadonlyMap<string, readonly unknown[]>;
  /** Orders a refused change would have changed, marked until the conflict is settled. */
  refused?: ReadonlySet<string>;
}

const PAD = 5;
/** The mark of a booking whose change the server refused (queue rows and details use the same colour). */
const REFUSED_COLOUR = '#7c3aed';
const FONT = '12px system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif';
const SMALL = '11px system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif';

/** Where the painted frame put what a reader looks for: the now line and the axis labels, in canvas x. */
export interface Painted {
  /** The now line's x, or null when now is not on screen. */
  nowX: number | null;
  axisLabels: AxisLabel[];
  /** The first selected bar drawn, as [x, y, width, height] on the canvas; null when none is on screen. */
  selectedBar: [number, number, number, number] | null;
  /** The orders whose bars on screen carry the late mark (booked to arrive after respond-by or finish after resolve-by). */
  lateBars: string[];
  /** The orders whose bars this frame drew. */
  bars: string[];
}

/** Draws the visible part of the board. Only rows and bars on screen are touched, whatever the board's size. */
export function paintBoard(ctx: CanvasRenderingContext2D, p: PaintInput): Painted {
  const { model, scale, width, height } = p;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const [first, last] = visibleRows(model, p.scrollY, height - AXIS_HEIGHT);
  const x0 = NAMES_WIDTH - p.scrollX; // screen x of content x = 0
  const tx = (t: number) => x0 + timeToX(scale, t);
  const visibleFrom = p.scrollX;
  const visibleTo = p.scrollX + width - NAMES_WIDTH;
  let selectedBar: Painted['selectedBar'] = null;
  const lateBars: string[] = [];
  const bars: string[] = [];

  // Timeline area, clipped right of the names.
  ctx.save();
  ctx.beginPath();
  ctx.rect(NAMES_WIDTH, AXIS_HEIGHT, width - NAMES_WIDTH, height - AXIS_HEIGHT);
  ctx.clip();
  for (let i = first; i <= last; i++) {
    const row = model.rows[i]!;
    const top = AXIS_HEIGHT + model.offsets[i]! - p.scrollY;
    const h = model.offsets[i + 1]! - model.offsets[i]!;
    if (row.kind === 'team') {
      ctx.fillStyle = '#eef2f7';
      ctx.fillRect(NAMES_WIDTH, top, width, h);
      continue;
    }
    // Off shift is shaded; breaks are hatched.
    ctx.fillStyle = '#f1f5f9';
    ctx.fillRect(NAMES_WIDTH, top, width, h);
    for (const s of row.engineer.shifts) {
      const a = Math.max(NAMES_WIDTH, tx(s.start));
      const b = Math.min(width, tx(s.end));
      if (b <= a) continue;
      ctx.fillStyle = i % 2 === 0 ? '#ffffff' : '#fbfcfe';
      ctx.fillRect(a, top, b - a, h);
      for (const br of s.breaks) hatch(ctx, tx(br.start), top, tx(br.end) - tx(br.start), h, '#e2e8f0');
    }
    for (const a of row.engineer.absences) hatch(ctx, tx(a.start), top, tx(a.end) - tx(a.start), h, '#fecaca');
    ctx.strokeStyle = '#e5e7eb';
    ctx.beginPath();
    ctx.moveTo(NAMES_WIDTH, top + h - 0.5);
    ctx.lineTo(width, top + h - 0.5);
    ctx.stroke();

    // Travel legs first, then bars, so a leg never covers the job before it.
    let prev = row.engineer.homeBase as { lat: number; lon: number };
    let firstBar = -1;
    let lastBar = -1;
    for (let j = 0; j < row.bookings.length; j++) {
      const o = row.bookings[j]!;
      const b = o.booking!;
      const legMs = travelMinutes(prev, o.site) * 60_000;
      prev = o.site;
      const x1 = timeToX(scale, b.start - legMs);
      const x2 = timeToX(scale, b.end);
      if (x2 < visibleFrom || x1 > visibleTo) continue;
      if (firstBar < 0) firstBar = j;
      lastBar = j;
      if (p.hiddenOrderIds.has(o.id) || legMs <= 0) continue;
      const xa = tx(b.start);
      const legPx = legMs / scale.msPerPx;
      ctx.fillStyle = '#cbd5e1';
      ctx.fillRect(xa - legPx, top + h / 2 - 1.5, legPx, 3);
      ctx.fillRect(xa - legPx, top + h / 2 - 4, 1.5, 8);
    }
    for (let j = firstBar; j >= 0 && j <= lastBar; j++) {
      const o = row.bookings[j]!;
      if (p.hiddenOrderIds.has(o.id)) continue;
      const b = o.booking!;
      const sla = p.sla(o);
      const late = o.status !== 'completed' && bookedLateness(sla, b) !== null;
      if (late) lateBars.push(o.id);
      bars.push(o.id);
      drawBar(ctx, p, o, tx(b.start), tx(b.end), top, false, null, sla.state, late);
      if (!selectedBar && p.selected.has(o.id))
        selectedBar = [tx(b.start), top + PAD, Math.max(3, tx(b.end) - tx(b.start)), ENGINEER_ROW_HEIGHT - 2 * PAD];
      // The resolve deadline as it stands now (later by any time on hold).
      if (o.status !== 'completed') slaTick(ctx, tx(sla.resolve.dueAt), top, sla.resolve.dueAt < b.end);
    }
  }
  // Ghosts: where a dragged bar would land, or the bars of a proposal.
  for (const g of p.ghosts) {
    const i = model.rowOfEngineer.get(g.engineerId);
    const o = p.orders.get(g.orderId);
    if (i === undefined || i < first || i > last || !o) continue;
    const top = AXIS_HEIGHT + model.offsets[i]! - p.scrollY;
    drawBar(ctx, p, o, tx(g.start), tx(g.end), top, true, g, 'ok');
  }
  // Now.
  const nx = tx(p.now);
  const nowShown = nx >= NAMES_WIDTH && nx <= width;
  if (nowShown) {
    ctx.strokeStyle = '#ef4444';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(nx, AXIS_HEIGHT);
    ctx.lineTo(nx, height);
    ctx.stroke();
    ctx.lineWidth = 1;
  }
  ctx.restore();

  paintNames(ctx, p, first, last);
  const axisLabels = paintAxis(ctx, p, tx);
  return { nowX: nowShown ? nx : null, axisLabels, selectedBar, lateBars, bars };
}

function drawBar(
  ctx: CanvasRenderingContext2D,
  p: PaintInput,
  o: OrderView,
  xa: number,
  xb: number,
  top: number,
  ghost: boolean,
  g: GhostBooking | null,
  slaState: OrderSla['state'],
  late = false,
): void {
  const y = top + PAD;
  const h = ENGINEER_ROW_HEIGHT - 2 * PAD;
  const w = Math.max(3, xb - xa);
  const colour = barColour(o, p.palette);
  ctx.globalAlpha = ghost ? 0.55 : 1;
  ctx.fillStyle = colour;
  roundRect(ctx, xa, y, w, h, 4);
  ctx.fill();
  ctx.globalAlpha = 1;
  if (ghost) {
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = g?.feasible === false ? '#dc2626' : '#0f172a';
    ctx.lineWidth = 1.5;
    roundRect(ctx, xa, y, w, h, 4);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
    if (g?.feasible === false) hatch(ctx, xa, y, w, h, 'rgba(220,38,38,0.45)');
  }
  if (o.pending && !ghost) {
    // Not yet on the server: a dashed outline.
    ctx.setLineDash([3, 2]);
    ctx.strokeStyle = '#0f172a';
    roundRect(ctx, xa + 0.5, y + 0.5, w - 1, h - 1, 4);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (p.refused?.has(o.id) && !ghost) {
    // A change to it was refused by the server: a heavy dashed purple frame until the conflict is settled.
    ctx.setLineDash([5, 3]);
    ctx.strokeStyle = REFUSED_COLOUR;
    ctx.lineWidth = 2.5;
    roundRect(ctx, xa + 1.25, y + 1.25, w - 2.5, h - 2.5, 4);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 1;
  }
  if (slaState !== 'ok' && !ghost) {
    // Breached: a red frame and a red band on top; in jeopardy: an amber band. Same states as the queue's rows.
    const colourOf = slaState === 'breached' ? '#dc2626' : '#f59e0b';
    ctx.fillStyle = colourOf;
    ctx.fillRect(xa + 2, y, Math.max(1, w - 4), 3);
    if (slaState === 'breached') {
      ctx.strokeStyle = colourOf;
      ctx.lineWidth = 2;
      roundRect(ctx, xa + 1, y + 1, w - 2, h - 2, 4);
      ctx.stroke();
      ctx.lineWidth = 1;
    }
  }
  if (p.selected.has(o.id) && !ghost) {
    ctx.strokeStyle = '#facc15';
    ctx.lineWidth = 3;
    roundRect(ctx, xa - 1.5, y - 1.5, w + 3, h + 3, 5);
    ctx.stroke();
    ctx.lineWidth = 1;
  }
  let textX = xa + 5;
  if (o.booking?.pinned && w > 14) {
    pin(ctx, xa + 7, y + h / 2);
    textX += 10;
  }
  // A booking that breaks a hard rule: a warning sign at the start of the bar's visible part, before its words, so
  // a bar running past either edge of the timeline still shows it.
  const violated = !ghost && (p.violations.get(o.id)?.length ?? 0) > 0;
  if (violated) {
    const markX = violationMarkX(xa, w, textX, NAMES_WIDTH, p.width);
    warningSign(ctx, markX, y + h / 2);
    textX = Math.max(textX, markX + MARK_HALF_WIDTH + 3);
  }
  // A booking that arrives after respond-by (or finishes after resolve-by): a clock sign, after any warning sign.
  if (late) {
    const markX = violationMarkX(xa, w, textX, NAMES_WIDTH, p.width);
    lateSign(ctx, markX, y + h / 2);
    textX = Math.max(textX, markX + MARK_HALF_WIDTH + 3);
  }
  if (w > 46) {
    ctx.fillStyle = '#ffffff';
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const room = xa + w - 4 - textX;
    ctx.fillText(
      fitText(
        ctx,
        barLabel(o.code, o.customer.name, room, (s) => textWidth(ctx, s)),
        room,
      ),
      textX,
      y + h / 2,
    );
  }
}

/** Half the width of the warning sign. */
const MARK_HALF_WIDTH = 8;

/**
 * Where a mark's centre (rule violation, late booking) goes on a bar from `xa`, `w` wide, whose words would start at `textX`, on a timeline
 * visible from `left` to `right` (canvas x): where the words start, or at the left of the bar's visible part when the
 * bar starts off screen, and never past the visible part's right end. A bar too narrow for the sign has it centred.
 */
export function violationMarkX(xa: number, w: number, textX: number, left: number, right: number): number {
  const from = Math.max(xa, left);
  const to = Math.min(xa + w, right);
  if (to - from <= 2 * MARK_HALF_WIDTH + 4) return (from + to) / 2;
  return Math.min(Math.max(textX, from + 2) + MARK_HALF_WIDTH, to - MARK_HALF_WIDTH - 2);
}

/** A dark red clock face with white hands centred on (x, y), outlined in white: booked after its SLA. */
function lateSign(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.fillStyle = '#7f1d1d';
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(x, y, 7, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x, y - 4.5);
  ctx.lineTo(x, y);
  ctx.lineTo(x + 3.5, y);
  ctx.stroke();
  ctx.lineWidth = 1;
}

/** A red warning triangle with a white "!" centred on (x, y), outlined in white to stand out on any bar. */
function warningSign(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.fillStyle = '#b91c1c';
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(x, y - 8);
  ctx.lineTo(x + 8, y + 6);
  ctx.lineTo(x - 8, y + 6);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.lineWidth = 1;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x - 1, y - 4, 2, 6);
  ctx.fillRect(x - 1, y + 3, 2, 1.6);
}

/**
 * A bar's words: its code and customer when both fit, otherwise the customer alone (cut to fit), since a dispatcher
 * knows work by its customer; the code is on the bar's card.
 */
export function barLabel(code: string, customer: string, room: number, width: (text: string) => number): string {
  const full = `${code}  ${customer}`;
  return width(full) <= room ? full : customer;
}

const widths = new Map<string, number>();

/** A label's width in the bar font, measured once. */
function textWidth(ctx: CanvasRenderingContext2D, text: string): number {
  let w = widths.get(text);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    if (widths.size > 50_000) widths.clear();
    widths.set(text, w);
  }
  return w;
}

const fitted = new Map<string, string>();

/**
 * An engineer's label as drawn on their row: cut to end before the utilisation bar, which a long name ran under. When
 * the label is the engineer's `name` and what tells them from a namesake after it (" (#0051)"), the name is cut and
 * that is kept whole: two long names alike still read apart ("Ouyang… (#0051)").
 */
export function rowLabelText(
  ctx: Pick<CanvasRenderingContext2D, 'measureText'>,
  label: string,
  name: string = label,
): string {
  const room = NAMES_WIDTH - 46 - 26 - 6;
  const tail = label.startsWith(name) ? label.slice(name.length) : '';
  if (tail === '') return fitText(ctx, label, room);
  // Measured once per label, not every frame.
  const key = `${name}|${label}`;
  let out = rowLabels.get(key);
  if (out !== undefined) return out;
  const left = room - ctx.measureText(tail).width;
  const whole = fitText(ctx, label, room);
  // A name cut after a word reads "Ouyang…", not "Ouyang …".
  const cut = whole === label || left <= 0 ? '' : fitText(ctx, name, left).replace(/\s+…$/, '…');
  out = cut === '' ? whole : `${cut}${tail}`;
  if (rowLabels.size > 50_000) rowLabels.clear();
  rowLabels.set(key, out);
  return out;
}

const rowLabels = new Map<string, string>();

/** The label cut to fit `maxWidth` (measured once per label and width step, not every frame). */
function fitText(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, maxWidth: number): string {
  const step = Math.floor(maxWidth / 8) * 8;
  const key = `${step}|${text}`;
  let out = fitted.get(key);
  if (out !== undefined) return out;
  out = text;
  if (ctx.measureText(text).width > step) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ctx.measureText(`${text.slice(0, mid)}…`).width <= step) lo = mid;
      else hi = mid - 1;
    }
    out = lo > 0 ? `${text.slice(0, lo)}…` : '';
  }
  if (fitted.size > 50_000) fitted.clear();
  fitted.set(key, out);
  return out;
}

function slaTick(ctx: CanvasRenderingContext2D, x: number, top: number, late: boolean): void {
  ctx.fillStyle = late ? '#dc2626' : '#f97316';
  ctx.beginPath();
  ctx.moveTo(x - 4, top + 1);
  ctx.lineTo(x + 4, top + 1);
  ctx.lineTo(x, top + 7);
  ctx.closePath();
  ctx.fill();
}

function pin(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  ctx.fillStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(x, y - 2, 3, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillRect(x - 0.75, y, 1.5, 5);
}

function hatch(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, colour: string): void {
  if (w <= 0) return;
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let s = x - h; s < x + w; s += 7) {
    ctx.moveTo(s, y + h);
    ctx.lineTo(s + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, Math.min(r, w / 2));
}

function paintNames(ctx: CanvasRenderingContext2D, p: PaintInput, first: number, last: number): void {
  const { model } = p;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, AXIS_HEIGHT, NAMES_WIDTH, p.height - AXIS_HEIGHT);
  ctx.clip();
  ctx.textBaseline = 'middle';
  for (let i = first; i <= last; i++) {
    const row = model.rows[i]!;
    const top = AXIS_HEIGHT + model.offsets[i]! - p.scrollY;
    const h = model.offsets[i + 1]! - model.offsets[i]!;
    if (row.kind === 'team') {
      ctx.fillStyle = '#e2e8f0';
      ctx.fillRect(0, top, NAMES_WIDTH, h);
      ctx.fillStyle = '#334155';
      ctx.font = `600 ${SMALL}`;
      ctx.fillText(`${row.label} · ${row.engineers}`, 10, top + h / 2);
      continue;
    }
    const e = row.engineer;
    ctx.fillStyle = p.focusedEngineerId === e.id ? '#fef9c3' : '#f8fafc';
    ctx.fillRect(0, top, NAMES_WIDTH, h);
    ctx.fillStyle = STATE_COLOURS[e.state] ?? '#94a3b8';
    ctx.beginPath();
    ctx.arc(14, top + h / 2, 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#0f172a';
    ctx.font = FONT;
    ctx.fillText(rowLabelText(ctx, row.label, row.engineer.name), 26, top + 12);
    const pct = row.shiftMin > 0 ? Math.round((row.bookedMin / row.shiftMin) * 100) : 0;
    ctx.fillStyle = '#64748b';
    ctx.font = SMALL;
    ctx.fillText(`${p.stateLabel(e.state)} · ${p.utilisationLabel(pct)}`, 26, top + 25);
    // Utilisation bar.
    ctx.fillStyle = '#e2e8f0';
    ctx.fillRect(NAMES_WIDTH - 46, top + h / 2 - 3, 36, 6);
    ctx.fillStyle = pct > 100 ? '#dc2626' : pct > 85 ? '#f59e0b' : '#22c55e';
    ctx.fillRect(NAMES_WIDTH - 46, top + h / 2 - 3, Math.min(36, (36 * pct) / 100), 6);
    ctx.strokeStyle = '#e5e7eb';
    ctx.beginPath();
    ctx.moveTo(0, top + h - 0.5);
    ctx.lineTo(NAMES_WIDTH, top + h - 0.5);
    ctx.stroke();
  }
  ctx.restore();
  ctx.strokeStyle = '#cbd5e1';
  ctx.beginPath();
  ctx.moveTo(NAMES_WIDTH - 0.5, 0);
  ctx.lineTo(NAMES_WIDTH - 0.5, p.height);
  ctx.stroke();
}

function paintAxis(ctx: CanvasRenderingContext2D, p: PaintInput, tx: (t: number) => number): AxisLabel[] {
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, p.width, AXIS_HEIGHT);
  ctx.strokeStyle = '#cbd5e1';
  ctx.beginPath();
  ctx.moveTo(0, AXIS_HEIGHT - 0.5);
  ctx.lineTo(p.width, AXIS_HEIGHT - 0.5);
  ctx.stroke();
  ctx.save();
  ctx.beginPath();
  ctx.rect(NAMES_WIDTH, 0, p.width - NAMES_WIDTH, AXIS_HEIGHT);
  ctx.clip();
  ctx.font = SMALL;
  ctx.textBaseline = 'middle';
  const marks = ticks(p.scale, p.scrollX, p.scrollX + p.width, p.timeZone).map((k) => ({ ...k, x: tx(k.t) }));
  for (const { x, major } of marks) {
    ctx.strokeStyle = major ? '#64748b' : '#cbd5e1';
    ctx.beginPath();
    ctx.moveTo(x + 0.5, major ? 0 : AXIS_HEIGHT - 8);
    ctx.lineTo(x + 0.5, AXIS_HEIGHT);
    ctx.stroke();
  }
  // Only the labels that fit: a crowded axis (a week on a narrow board) shows fewer, shorter ones.
  const labels = layoutAxisLabels(marks, p.formatTick, (text) => ctx.measureText(text).width, NAMES_WIDTH, p.width);
  for (const l of labels) {
    ctx.fillStyle = l.major ? '#0f172a' : '#475569';
    ctx.fillText(l.text, l.x, AXIS_HEIGHT / 2);
  }
  ctx.restore();
  return labels;
}
