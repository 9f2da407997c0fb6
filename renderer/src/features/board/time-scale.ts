import { addDays, epochAtLocal, localDate, utcOffsetMin } from '../../../../shared/time/index.js';

export const NAMES_WIDTH = 210;
export const AXIS_HEIGHT = 30;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Where the board's time axis is: the first instant of the range and its scale. */
export interface TimeScale {
  /** The instant at content x = 0 (the left edge of the timeline, right of the names). */
  origin: number;
  msPerPx: number;
  /** The whole range the board can scroll over. */
  rangeStart: number;
  rangeEnd: number;
}

/**
 * The scale for a day (about 14 hours across the screen, scrolled) or a week (its seven days across the whole timeline,
 * however narrow) starting at `start`, a midnight of the control centre's clock. The range runs to the midnight one (or
 * seven) local days later: a day with a clock change is 23 or 25 hours long and all of it is on the board.
 */
export function scaleFor(zoom: 'day' | 'week', start: number, timelineWidthPx: number, timeZone: string): TimeScale {
  const rangeEnd = epochAtLocal(addDays(localDate(start, timeZone), zoom === 'week' ? 7 : 1), 0, timeZone);
  if (zoom === 'week')
    return { origin: start, msPerPx: (rangeEnd - start) / Math.max(1, timelineWidthPx), rangeStart: start, rangeEnd };
  const msPerPx = Math.min((14 * HOUR) / Math.max(200, timelineWidthPx), HOUR / 40);
  return { origin: start, msPerPx, rangeStart: start, rangeEnd };
}

/** Content x (from the timeline's left edge) of an instant. */
export function timeToX(scale: TimeScale, t: number): number {
  return (t - scale.origin) / scale.msPerPx;
}

export function xToTime(scale: TimeScale, x: number): number {
  return scale.origin + x * scale.msPerPx;
}

/** Total width of the scrollable timeline. */
export function timelineWidth(scale: TimeScale): number {
  return (scale.rangeEnd - scale.rangeStart) / scale.msPerPx;
}

/** Rounds an instant to the nearest `minutes` step of the control centre's local clock. */
export function snapTime(t: number, minutes: number, timeZone: string): number {
  const offset = utcOffsetMin(t, timeZone) * MINUTE;
  const step = minutes * MINUTE;
  return Math.round((t + offset) / step) * step - offset;
}

/** Axis ticks for the visible part: every hour (day) or every 6 hours (week), with which ones are day starts. */
export function ticks(
  scale: TimeScale,
  fromX: number,
  toX: number,
  timeZone: string,
): Array<{ t: number; major: boolean }> {
  const start = xToTime(scale, fromX);
  const end = xToTime(scale, toX);
  const step = scale.msPerPx * 80 > 3 * HOUR ? 6 * HOUR : scale.msPerPx * 80 > HOUR ? 3 * HOUR : HOUR;
  const offset = utcOffsetMin(start, timeZone) * MINUTE;
  const out: Array<{ t: number; major: boolean }> = [];
  for (let t = Math.floor((start + offset) / step) * step - offset; t <= end; t += step) {
    const local = (t + utcOffsetMin(t, timeZone) * MINUTE) % (24 * HOUR);
    out.push({ t, major: Math.abs(local) < MINUTE });
  }
  return out;
}

/** A label on the board's time axis: its tick, where its text starts and how wide it is (canvas px). */
export interface AxisLabel {
  t: number;
  x: number;
  width: number;
  text: string;
  major: boolean;
}

/** Room kept between two axis labels, px. */
export const AXIS_LABEL_GAP = 8;

/**
 * The tick labels the axis shows, none over another: day starts first, in their long form ("Sun 6 Dec") when every
 * one fits before the next and otherwise the short one ("Sun 6"), any still too close dropped; then the times between
 * them wherever they fit. `ticks` carry their screen x; a label's text starts 4 px right of its tick. Only labels wholly
 * between `left` and `right` (the axis's visible part) are shown: the tick just before the left edge would otherwise
 * leave the tail of its label ("0" of 07:00) beside the engineer names.
 */
export function layoutAxisLabels(
  ticks: ReadonlyArray<{ t: number; major: boolean; x: number }>,
  text: (t: number, major: boolean, short: boolean) => string,
  measure: (text: string) => number,
  left = -Infinity,
  right = Infinity,
): AxisLabel[] {
  const label = (tick: { t: number; major: boolean; x: number }, short: boolean): AxisLabel => {
    const s = text(tick.t, tick.major, short);
    return { t: tick.t, x: tick.x + 4, width: measure(s), text: s, major: tick.major };
  };
  const clear = (placed: readonly AxisLabel[], l: AxisLabel) =>
    l.x >= left &&
    l.x + l.width <= right &&
    placed.every((o) => l.x + l.width + AXIS_LABEL_GAP <= o.x || o.x + o.width + AXIS_LABEL_GAP <= l.x);
  const majorTicks = ticks.filter((k) => k.major);
  let majors = majorTicks.map((k) => label(k, false));
  const crowded = majors.some((l, i) => i + 1 < majors.length && l.x + l.width + AXIS_LABEL_GAP > majors[i + 1]!.x);
  if (crowded) majors = majorTicks.map((k) => label(k, true));
  const placed: AxisLabel[] = [];
  for (const l of majors) if (clear(placed, l)) placed.push(l);
  for (const k of ticks) {
    if (k.major) continue;
    const l = label(k, false);
    if (clear(placed, l)) placed.push(l);
  }
  return placed.sort((a, b) => a.x - b.x);
}
