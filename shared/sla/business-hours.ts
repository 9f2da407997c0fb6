import type { BusinessHours } from '../domain/sla.js';
import { addDays, epochAtLocal, localDate } from '../time/index.js';

/** A half-open span of time [from, to) in epoch milliseconds. */
export interface Span {
  from: number;
  to: number;
}

/** Longer than any SLA target (90 days) plus a long hold: a walk that needs more days means a bug, not a deadline. */
const MAX_DAYS = 400;

/**
 * Each local day's open span, by zone, date and hours: placing them needs Intl (microseconds a call), and every tick
 * of the watcher walks the same few days for thousands of orders.
 */
const spans = new Map<string, Span | null>();

function openSpanOf(date: string, hours: BusinessHours): Span | null {
  const day = hours.days[weekdayOf(date)];
  if (!day) return null;
  const key = `${hours.timeZone}|${date}|${day.startMin}|${day.endMin}`;
  let span = spans.get(key);
  if (span === undefined) {
    span = {
      from: epochAtLocal(date, day.startMin, hours.timeZone),
      to:
        day.endMin === 24 * 60
          ? epochAtLocal(addDays(date, 1), 0, hours.timeZone)
          : epochAtLocal(date, day.endMin, hours.timeZone),
    };
    if (spans.size > 50_000) spans.clear();
    spans.set(key, span);
  }
  return span;
}

/** Each calendar date's weekday and the next date, computed once. */
const calendar = new Map<string, { weekday: number; next: string }>();

function dayOf(date: string): { weekday: number; next: string } {
  let d = calendar.get(date);
  if (!d) {
    const [y, m, day] = date.split('-').map(Number) as [number, number, number];
    d = { weekday: new Date(Date.UTC(y, m - 1, day)).getUTCDay(), next: addDays(date, 1) };
    if (calendar.size > 50_000) calendar.clear();
    calendar.set(date, d);
  }
  return d;
}

function weekdayOf(date: string): number {
  return dayOf(date).weekday;
}

const QUARTER_HOUR = 15 * 60_000;
const dates = new Map<string, string>();

/**
 * The local date of an instant. Every zone's offset today is a whole number of quarter hours, so local midnight falls on a
 * quarter-hour boundary and the date is the same throughout each aligned quarter hour: one Intl call per quarter.
 */
function localDateOf(epochMs: number, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(epochMs / QUARTER_HOUR)}`;
  let date = dates.get(key);
  if (date === undefined) {
    date = localDate(epochMs, timeZone);
    if (dates.size > 50_000) dates.clear();
    dates.set(key, date);
  }
  return date;
}

/**
 * The open spans of each local day from the one containing `from` onwards. Each day's opening and closing times are
 * placed with epochAtLocal, so a day on which the clocks change is as long as the wall clock says (an hour shorter or
 * longer when the opening hours straddle the change).
 */
function* openSpans(from: number, hours: BusinessHours): Generator<Span> {
  let date = localDateOf(from, hours.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, date = dayOf(date).next) {
    const span = openSpanOf(date, hours);
    if (span && span.to > from) yield span;
  }
  throw new Error(`no business hours within ${MAX_DAYS} days`);
}

/** Milliseconds of [from, to) that fall in business hours; every millisecond when `hours` is null. */
export function businessMs(from: number, to: number, hours: BusinessHours | null): number {
  if (to <= from) return 0;
  if (!hours) return to - from;
  let sum = 0;
  for (const s of openSpans(from, hours)) {
    if (s.from >= to) break;
    sum += Math.max(0, Math.min(s.to, to) - Math.max(s.from, from));
  }
  return sum;
}

/**
 * The instant at which `ms` milliseconds of business time have passed since `from` (`from + ms` around the clock).
 * Zero is `from` itself. An amount that ends exactly at closing time ends there, not at the next opening.
 */
export function addBusinessMs(from: number, ms: number, hours: BusinessHours | null): number {
  if (!hours) return from + ms;
  let left = ms;
  if (left <= 0) return from;
  for (const s of openSpans(from, hours)) {
    const start = Math.max(s.from, from);
    const len = s.to - start;
    if (len >= left) return start + left;
    left -= len;
  }
  /* c8 ignore next */
  throw new Error('unreachable');
}
