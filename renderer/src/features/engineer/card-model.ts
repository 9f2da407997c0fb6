// What the engineer card shows, worked out from the console's cache. Pure: no store, no DOM, so it is tested in Node.
import { onPlanningDay, workingDay } from '../../../../shared/domain/index.js';
import type { Engineer, Priority, Shift, WorkOrder } from '../../../../shared/domain/index.js';
import { haversineKm } from '../../../../shared/geo/index.js';
import { addDays, epochAtLocal, localDate } from '../../../../shared/time/index.js';
import type { EngineerPosition } from '../../../../shared/sync/index.js';
import { partLabel, skillLabel } from '../../i18n/domain-labels.js';
import { formatDateTime, formatTime } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';

const MINUTE = 60_000;

function overlapMs(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/** The engineer's skills, strongest first, by name in the console's language where the catalogue knows it (else the id). */
export function skillRows(
  skills: Engineer['skills'],
  locale: Locale,
): Array<{ id: string; name: string; level: number }> {
  return skills
    .map((s) => ({ id: s.skill, name: skillLabel(s.skill, locale), level: s.level }))
    .sort((a, b) => b.level - a.level || a.name.localeCompare(b.name));
}

/** The parts on the van by name (the id where the catalogue has no name), with the quantity on hand; none left last. */
export function stockRows(
  vanStock: Engineer['vanStock'],
  locale: Locale,
): Array<{ id: string; name: string; qty: number }> {
  return Object.entries(vanStock)
    .map(([id, qty]) => ({ id, name: partLabel(id, locale), qty }))
    .sort((a, b) => Number(b.qty > 0) - Number(a.qty > 0) || a.name.localeCompare(b.name));
}

/**
 * The day the card counts: its calendar day (the centre's local midnight to the next, whose times need no date), the
 * engineer's shift of their working day (none or one) and the time [span.start, span.end) its bookings and absences
 * are counted in.
 */
export interface CardDay {
  day: { start: number; end: number };
  shifts: Shift[];
  span: { start: number; end: number };
}

/**
 * The card's day at `now` in the centre's zone: the engineer's working day today as the engine plans it (workingDay).
 * A night shift is counted whole, once: at 23:00 (and from the morning on) it is tonight's 22:00–06:00, jobs after
 * midnight included; at 02:00 it is still the shift that began the evening before, until it ends.
 */
export function cardDay(engineer: Pick<Engineer, 'shifts'>, now: number, timeZone: string): CardDay {
  const today = localDate(now, timeZone);
  const day = { start: epochAtLocal(today, 0, timeZone), end: epochAtLocal(addDays(today, 1), 0, timeZone) };
  const { shift, span } = workingDay(engineer.shifts, day, now);
  return { day, shifts: shift ? [shift] : [], span };
}

/** The absences that touch the card's day, in order. */
export function absencesOfDay(engineer: Pick<Engineer, 'absences'>, { span }: CardDay) {
  return engineer.absences.filter((a) => a.end > span.start && a.start < span.end).sort((a, b) => a.start - b.start);
}

/** One booking of the day's plan as the card lists it. */
export interface PlanRow {
  orderId: string;
  code: string;
  customer: string;
  priority: Priority;
  status: WorkOrder['status'];
  start: number;
  end: number;
}

/**
 * The engineer's bookings of the card's day, in start order (cancelled ones are not bookings): those the engine plans
 * on the working day (onPlanningDay), so a job at 01:00 on tonight's shift is tonight's and not tomorrow's.
 */
export function planRows(
  engineer: Pick<Engineer, 'id' | 'shifts'>,
  orders: Iterable<WorkOrder>,
  { day, shifts, span }: CardDay,
): PlanRow[] {
  const mine: WorkOrder[] = [];
  for (const o of orders) {
    const b = o.booking;
    if (!b || b.engineerId !== engineer.id || o.status === 'cancelled' || b.end <= span.start || b.start >= span.end)
      continue;
    if (onPlanningDay(b, engineer.shifts, shifts[0], day)) mine.push(o);
  }
  mine.sort((a, b) => a.booking!.start - b.booking!.start || a.code.localeCompare(b.code));
  return mine.map((o) => ({
    orderId: o.id,
    code: o.code,
    customer: o.customer.name,
    priority: o.priority,
    status: o.status,
    start: o.booking!.start,
    end: o.booking!.end,
  }));
}

/** How much of the day's working time (shifts less breaks) is booked; `pct` is null when there is no working time. */
export interface Utilisation {
  bookedMin: number;
  workMin: number;
  pct: number | null;
}

/** Booked minutes over shift minutes less breaks, both counted in the card's day (a night shift whole). */
export function utilisation({ shifts, span }: CardDay, plan: readonly PlanRow[]): Utilisation {
  let work = 0;
  for (const s of shifts) {
    work += overlapMs(s.start, s.end, span.start, span.end);
    for (const b of s.breaks) work -= overlapMs(b.start, b.end, span.start, span.end);
  }
  let booked = 0;
  for (const r of plan) booked += overlapMs(r.start, r.end, span.start, span.end);
  const workMin = Math.round(work / MINUTE);
  const bookedMin = Math.round(booked / MINUTE);
  return { bookedMin, workMin, pct: workMin > 0 ? Math.round((bookedMin / workMin) * 100) : null };
}

/** The newest position known for the engineer: the live stream's or the one on their record, whichever is later. */
export function latestPositionAt(
  engineer: Pick<Engineer, 'lastPosition'>,
  live: Pick<EngineerPosition, 'at'> | undefined,
): number | null {
  const a = engineer.lastPosition?.at ?? null;
  const b = live?.at ?? null;
  if (a === null) return b;
  return b === null ? a : Math.max(a, b);
}

/** "position 3 min ago" in the console's language; "no position yet" when the device never reported one. */
export function positionAgeText(at: number | null, now: number, locale: Locale): string {
  if (at === null) return translate(locale, 'engineer.positionNever');
  const min = Math.floor(Math.max(0, now - at) / MINUTE);
  if (min < 1) return translate(locale, 'engineer.positionNow');
  if (min < 60) return translate(locale, 'engineer.positionMin', { n: min });
  if (min < 48 * 60) return translate(locale, 'engineer.positionHours', { h: Math.floor(min / 60), m: min % 60 });
  return translate(locale, 'engineer.positionDays', { n: Math.floor(min / 1440) });
}

/** The day's trail in figures: how many positions, from when to when, and the distance along them. */
export function trailSummary(
  points: readonly Pick<EngineerPosition, 'lat' | 'lon' | 'at'>[],
): { points: number; from: number; to: number; km: number } | null {
  if (points.length === 0) return null;
  const sorted = [...points].sort((a, b) => a.at - b.at);
  let km = 0;
  for (let i = 1; i < sorted.length; i++) km += haversineKm(sorted[i - 1]!, sorted[i]!);
  return { points: sorted.length, from: sorted[0]!.at, to: sorted.at(-1)!.at, km: Math.round(km * 10) / 10 };
}

/**
 * A shift's or a booking's span as the card shows it: clock times on the card's calendar day, the date too for an end
 * or a start on another day (a night shift that began yesterday or runs into tomorrow, a job after midnight on it), so
 * two night shifts of one day read apart and tonight's 01:00 job is not taken for this morning's.
 */
export function spanText(
  span: { readonly start: number; readonly end: number },
  dayStart: number,
  dayEnd: number,
  locale: Locale,
  timeZone: string,
): string {
  const onDay = (t: number) => t >= dayStart && t < dayEnd;
  const at = (t: number) => (onDay(t) ? formatTime(t, locale, timeZone) : formatDateTime(t, locale, timeZone));
  // A span ending at midnight ends on the card's day; one ending on the date it starts on is dated once.
  const endTime =
    span.end === dayEnd || (!onDay(span.start) && localDate(span.end, timeZone) === localDate(span.start, timeZone));
  return `${at(span.start)}–${endTime ? formatTime(span.end, locale, timeZone) : at(span.end)}`;
}

/**
 * The day's trail in words, consistent with the position the card shows: a position reported today that the trail
 * does not hold yet (it was asked for before, or the server keeps no points for it) is named, never "no positions".
 */
export function trailText(
  summary: { from: number; to: number; km: number } | null,
  positionAt: number | null,
  dayStart: number,
  locale: Locale,
  timeZone: string,
): string {
  const time = (t: number) => formatTime(t, locale, timeZone);
  if (summary)
    return translate(locale, 'engineer.trailSummary', {
      km: summary.km,
      from: time(summary.from),
      to: time(summary.to),
    });
  if (positionAt !== null && positionAt >= dayStart)
    return translate(locale, 'engineer.trailLatestOnly', { time: time(positionAt) });
  return translate(locale, 'engineer.trailNone');
}
