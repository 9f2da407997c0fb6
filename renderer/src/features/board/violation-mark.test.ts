import { describe, expect, it } from 'vitest';
import { at, DAY_END, DAY_START, engineer, order, TZ } from '../../../../shared/dispatch/fixtures.testing.js';
import type { OrderSla } from '../../../../shared/sla/index.js';
import type { OrderView } from '../../services/index.js';
import { buildBoardModel } from './model.js';
import { paintBoard, type PaintInput } from './paint.js';
import { NAMES_WIDTH, scaleFor, timeToX } from './time-scale.js';

/** The red of the warning sign (paint.ts). */
const MARK_RED = '#b91c1c';

/**
 * A canvas that draws nothing and remembers where each warning sign went: the sign is the one path filled in its red,
 * started at its apex (x, y - 8).
 */
function recordingCanvas() {
  const marks: number[] = [];
  const state: Record<string | symbol, unknown> = { fillStyle: '#000000' };
  const ctx = new Proxy(state, {
    get(target, key) {
      if (key === 'measureText') return (text: string) => ({ width: text.length * 6 });
      if (key === 'moveTo')
        return (x: number) => {
          if (target.fillStyle === MARK_RED) marks.push(x);
        };
      if (key in target) return target[key];
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, marks };
}

/** The board painted 800 px wide with one booking from `start` to `end` that breaks a rule, scrolled to `scrollTo`. */
function paintOne(start: number, end: number, scrollTo: number) {
  const e1 = {
    ...engineer('e1', { shifts: [{ start: at('14:00'), end: at('+1 02:00'), breaks: [] }] }),
    pending: false,
  };
  const o: OrderView = {
    ...order('late', { status: 'scheduled', booking: { engineerId: 'e1', start, end, pinned: false } }),
    pending: false,
  };
  const width = 800;
  const scale = scaleFor('day', DAY_START, width - NAMES_WIDTH, TZ);
  const model = buildBoardModel(new Map([['e1', e1]]), new Map([[o.id, o]]), [], DAY_START, DAY_END);
  const { ctx, marks } = recordingCanvas();
  const input: PaintInput = {
    model,
    scale,
    scrollX: timeToX(scale, scrollTo),
    scrollY: 0,
    width,
    height: 300,
    now: at('12:00'),
    selected: new Set(),
    focusedEngineerId: null,
    palette: 'status',
    ghosts: [],
    orders: new Map([[o.id, o]]),
    hiddenOrderIds: new Set(),
    timeZone: TZ,
    formatTick: () => '00:00',
    utilisationLabel: (pct) => `${pct}%`,
    stateLabel: (s) => s,
    // Both clocks running and due long after the bar ends: the bar is not late, so only the rule mark is drawn.
    sla: () =>
      ({
        state: 'ok',
        respond: { dueAt: at('+1 20:00'), stoppedAt: null },
        resolve: { dueAt: at('+1 20:00'), stoppedAt: null },
      }) as OrderSla,
    violations: new Map([[o.id, [{}]]]),
  };
  const painted = paintBoard(ctx, input);
  const x = (t: number) => NAMES_WIDTH + timeToX(scale, t) - input.scrollX;
  return { marks, barX: x(start), barEnd: x(end), width, axisLabels: painted.axisLabels };
}

describe('the violation mark on a bar', () => {
  it('stays on screen when the bar runs past the right edge of the timeline (19:45 to 00:10)', () => {
    const { marks, barX, barEnd, width } = paintOne(at('19:45'), at('+1 00:10'), at('09:00'));
    // The day view shows 14 hours: from 09:00 the timeline ends at 23:00, before the bar does.
    expect(barX).toBeLessThan(width - 40);
    expect(barEnd).toBeGreaterThan(width);
    expect(marks).toHaveLength(1);
    // The whole sign (8 px either side of its centre) inside the visible timeline, at the bar's start.
    expect(marks[0]! - 8).toBeGreaterThanOrEqual(Math.max(barX, NAMES_WIDTH));
    expect(marks[0]! + 8).toBeLessThanOrEqual(width);
  });

  it('stays on screen when the bar starts left of the visible timeline too', () => {
    const { marks, barX, width } = paintOne(at('13:00'), at('17:00'), at('14:00'));
    expect(barX).toBeLessThan(NAMES_WIDTH);
    expect(marks).toHaveLength(1);
    expect(marks[0]! - 8).toBeGreaterThanOrEqual(NAMES_WIDTH);
    expect(marks[0]! + 8).toBeLessThanOrEqual(width);
  });
});

describe('the time axis', () => {
  it('paints no label cut by the left edge of the timeline, scrolled to 09:20', () => {
    const { axisLabels, width } = paintOne(at('13:00'), at('17:00'), at('09:20'));
    expect(axisLabels.length).toBeGreaterThanOrEqual(3);
    for (const l of axisLabels) {
      expect(l.x).toBeGreaterThanOrEqual(NAMES_WIDTH);
      expect(l.x + l.width).toBeLessThanOrEqual(width);
    }
  });
});
