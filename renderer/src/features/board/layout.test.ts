import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../../shared/scenario/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import { buildBoardModel, isOffShift } from './model.js';
import { AXIS_LABEL_GAP, layoutAxisLabels, NAMES_WIDTH, scaleFor, ticks, timeToX } from './time-scale.js';

const city = generateScenario({ seed: 5, engineers: 30, orders: 150 });
const day = city.meta.dayStart;
const H = 3_600_000;
const D = 24 * H;

/**
 * The city with the first `off` engineers given no shift on the day (one of them booked that day anyway) and every
 * other engineer on shift that day.
 */
function withOffShift(off: number) {
  const engineers = new Map<string, EngineerView>(
    city.engineers.map((e, i) => [
      e.id,
      {
        ...e,
        pending: false,
        shifts:
          i < off
            ? e.shifts.filter((s) => s.end <= day || s.start >= day + D)
            : [{ start: day + 8 * H, end: day + 17 * H, breaks: [] }],
      },
    ]),
  );
  const orders = new Map<string, OrderView>(
    city.orders.map((o) => [
      o.id,
      {
        ...o,
        pending: false,
        // Bookings only for engineers on shift, but the first off-shift engineer keeps one (an overtime job).
        booking: o.booking && city.engineers.findIndex((e) => e.id === o.booking!.engineerId) < off ? null : o.booking,
      },
    ]),
  );
  const overtime = city.orders.find((o) => o.booking && o.booking.start >= day && o.booking.start < day + D)!;
  orders.set(overtime.id, {
    ...overtime,
    pending: false,
    booking: { ...overtime.booking!, engineerId: city.engineers[0]!.id },
  });
  return { engineers, orders };
}

const engineerRows = (m: ReturnType<typeof buildBoardModel>) =>
  m.rows.flatMap((r) => (r.kind === 'engineer' ? [r.engineer.id] : []));

describe('hiding engineers off shift', () => {
  it('leaves out engineers with no shift and no booking in the range, and counts them', () => {
    const { engineers, orders } = withOffShift(10);
    const all = buildBoardModel(engineers, orders, [], day, day + D);
    const shown = buildBoardModel(engineers, orders, [], day, day + D, { hideOffShift: true });
    expect(engineerRows(all)).toHaveLength(30);
    expect(all.hiddenOffShift).toBe(0);
    // Nine of the ten off shift are hidden; the one with an overtime job that day stays.
    expect(shown.hiddenOffShift).toBe(9);
    expect(engineerRows(shown)).toHaveLength(21);
    expect(engineerRows(shown)).toContain(city.engineers[0]!.id);
    for (const e of city.engineers.slice(1, 10)) expect(engineerRows(shown)).not.toContain(e.id);
    // Every booking of the day is still on the board.
    const bars = (m: ReturnType<typeof buildBoardModel>) =>
      m.rows.reduce((n, r) => n + (r.kind === 'engineer' ? r.bookings.length : 0), 0);
    expect(bars(shown)).toBe(bars(all));
    // Team rows count the engineers shown, and a team with none shown has no row.
    for (let i = 0; i < shown.rows.length; i++) {
      const row = shown.rows[i]!;
      if (row.kind !== 'team') continue;
      let n = 0;
      for (let j = i + 1; j < shown.rows.length && shown.rows[j]!.kind === 'engineer'; j++) n++;
      expect(row.engineers).toBe(n);
      expect(n).toBeGreaterThan(0);
    }
    expect(shown.offsets[shown.rows.length]).toBeLessThan(all.offsets[all.rows.length]!);
  });

  it('judges by the range shown: a shift the next day does not count today, but does in the week', () => {
    const e = { shifts: [{ start: day + D + 8 * H, end: day + D + 17 * H, breaks: [] }] };
    expect(isOffShift(e, [], day, day + D)).toBe(true);
    expect(isOffShift(e, [], day, day + 7 * D)).toBe(false);
    // A shift ending exactly as the day starts is not on the day.
    expect(isOffShift({ shifts: [{ start: day - 9 * H, end: day, breaks: [] }] }, [], day, day + D)).toBe(true);
    expect(isOffShift({ shifts: [{ start: day - H, end: day + H, breaks: [] }] }, [], day, day + D)).toBe(false);
  });
});

describe('axis labels', () => {
  /** Text as wide as 6.5 px a character, about what 11 px system-ui measures. */
  const measure = (text: string) => text.length * 6.5;
  const text = (t: number, major: boolean, short: boolean) =>
    major ? (short ? `Sun ${new Date(t).getUTCDate()}` : `Sun ${new Date(t).getUTCDate()} Dec`) : '06:00';
  const overlapping = (labels: { x: number; width: number }[]) =>
    labels.some((a, i) => labels.some((b, j) => i !== j && a.x < b.x + b.width && b.x < a.x + a.width));

  function layout(zoom: 'day' | 'week', timeline: number) {
    const scale = scaleFor(zoom, day, timeline, city.meta.timeZone);
    const marks = ticks(scale, 0, timeline, 'UTC').map((k) => ({ ...k, x: timeToX(scale, k.t) }));
    return { marks, labels: layoutAxisLabels(marks, text, measure) };
  }

  it('never overprints on a narrow week, keeping every day start in a shorter form', () => {
    for (const timeline of [200, 300, 400, 470, 640, 900, 1400]) {
      const { marks, labels } = layout('week', timeline);
      expect(overlapping(labels), `timeline ${timeline}`).toBe(false);
      for (let i = 1; i < labels.length; i++)
        expect(labels[i]!.x - (labels[i - 1]!.x + labels[i - 1]!.width)).toBeGreaterThanOrEqual(AXIS_LABEL_GAP);
      const days = marks.filter((k) => k.major).length;
      if (timeline >= 400) expect(labels.filter((l) => l.major)).toHaveLength(days);
    }
    expect(layout('week', 400).labels.find((l) => l.major)!.text).toMatch(/^Sun \d+$/);
    expect(layout('week', 1400).labels.find((l) => l.major)!.text).toMatch(/Dec$/);
  });

  it('shows no part of a label cut by the edges of the timeline, scrolled between two hours', () => {
    const width = 800;
    const scale = scaleFor('day', day, width - NAMES_WIDTH, city.meta.timeZone);
    // Scrolled to 09:20: the 09:00 tick sits left of the timeline, under the engineer names.
    const scrollX = timeToX(scale, day + 9 * H + 20 * 60_000);
    const marks = ticks(scale, scrollX, scrollX + width, 'UTC').map((k) => ({
      ...k,
      x: NAMES_WIDTH - scrollX + timeToX(scale, k.t),
    }));
    expect(marks[0]!.x).toBeLessThan(NAMES_WIDTH);
    const labels = layoutAxisLabels(marks, text, measure, NAMES_WIDTH, width);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    for (const l of labels) {
      expect(l.x).toBeGreaterThanOrEqual(NAMES_WIDTH);
      expect(l.x + l.width).toBeLessThanOrEqual(width);
    }
    expect(labels.map((l) => l.t)).not.toContain(marks[0]!.t);
  });

  it('keeps the hours on a day view', () => {
    const { marks, labels } = layout('day', 1000);
    expect(overlapping(labels)).toBe(false);
    expect(labels.length).toBe(marks.length);
  });
});
