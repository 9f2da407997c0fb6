import { z } from 'zod';
import { EpochMs, GeoPoint, Id, Phone, Rev, TimeWindow, text } from './primitives.js';

/** A skill an engineer can hold and an order can require (e.g. "hvac", "fibre-splicing"). */
export const Skill = z.object({ id: Id, name: text(80) });
export type Skill = z.infer<typeof Skill>;

/** A skill at a level from 1 (trainee) to 5 (expert); on an order it is the minimum level required. */
export const SkillLevel = z.object({ skill: Id, level: z.number().int().min(1).max(5) });
export type SkillLevel = z.infer<typeof SkillLevel>;

/** A spare part carried on vans and required by orders. */
export const Part = z.object({ id: Id, name: text(120) });
export type Part = z.infer<typeof Part>;

/** A paid break inside a shift, during which no work is booked. */
export const Break = TimeWindow;
export type Break = z.infer<typeof Break>;

/** One working shift with its breaks; breaks must lie inside the shift. */
export const Shift = z
  .object({ start: EpochMs, end: EpochMs, breaks: z.array(Break).max(8) })
  .refine((s) => s.end > s.start, { message: 'a shift must end after it starts', params: { say: 'shiftEndsFirst' } })
  .refine((s) => s.breaks.every((b) => b.start >= s.start && b.end <= s.end), {
    message: 'breaks must lie inside their shift',
    params: { say: 'breaksOutsideShift' },
  });
export type Shift = z.infer<typeof Shift>;

/**
 * The one shift an engineer works on a planning day [day.start, day.end) (the control centre's local midnight to the
 * next): the shift that starts that day, so a night shift (22:00–06:00) belongs to the evening it starts on and not to
 * the morning it ends on; except that while planning the day that holds `now`, a shift that began earlier and is still
 * running is the engineer's current shift (a night engineer at 03:00 is at work). On a day no shift starts on (and
 * none is running now), the shift that overlaps the day most: one of more than a day that began earlier, or the
 * morning end of a night crew's last night. Undefined when no shift touches the day.
 *
 * Two may apply: last night's shift still running at 03:00 and tonight's, or a split day. The first by start that is
 * not over by `now` wins — the work in hand is on it, and tonight's shift becomes the day's once last night's has
 * ended; when all are over (a day in the past), the first by start. The list's order never matters.
 */
export function shiftOfDay<S extends Pick<Shift, 'start' | 'end'>>(
  shifts: readonly S[],
  day: { readonly start: number; readonly end: number },
  now: number,
): S | undefined {
  const today = now >= day.start && now < day.end;
  let best: S | undefined;
  for (const s of shifts) {
    const startsThatDay = s.start >= day.start && s.start < day.end;
    const runningNow = today && s.start <= now && s.end > now;
    if (!startsThatDay && !runningNow) continue;
    if (!best) best = s;
    else if (s.end > now !== best.end > now) best = s.end > now ? s : best;
    else if (s.start < best.start || (s.start === best.start && s.end < best.end)) best = s;
  }
  return best ?? longestOverlap(shifts, day);
}

/** The shift that overlaps the day most (the earlier of two that overlap it alike), if any does. */
function longestOverlap<S extends Pick<Shift, 'start' | 'end'>>(
  shifts: readonly S[],
  day: { readonly start: number; readonly end: number },
): S | undefined {
  let best: S | undefined;
  let most = 0;
  for (const s of shifts) {
    const overlap = Math.min(s.end, day.end) - Math.max(s.start, day.start);
    if (overlap > most || (overlap === most && overlap > 0 && best && s.start < best.start))
      [best, most] = [s, overlap];
  }
  return best;
}

/**
 * The time whose bookings shape an engineer's planning day: the day itself, stretched to the start and end of the
 * engineer's shift of that day, so the jobs of a night shift after midnight (01:00 on a 22:00–06:00 shift) are on it.
 */
export function planningSpan(
  shift: Pick<Shift, 'start' | 'end'> | undefined,
  day: { readonly start: number; readonly end: number },
): { start: number; end: number } {
  return shift
    ? { start: Math.min(day.start, shift.start), end: Math.max(day.end, shift.end) }
    : { start: day.start, end: day.end };
}

/**
 * An engineer's working day: their shift of the planning day (shiftOfDay) and the span whose bookings can be on it
 * (planningSpan). A night shift is worked whole on the day it starts on, and on today while it is still running; the
 * work of the day is what onPlanningDay says is on it.
 */
export function workingDay<S extends Pick<Shift, 'start' | 'end'>>(
  shifts: readonly S[],
  day: { readonly start: number; readonly end: number },
  now: number,
): { shift: S | undefined; span: { start: number; end: number } } {
  const shift = shiftOfDay(shifts, day, now);
  return { shift, span: planningSpan(shift, day) };
}

/**
 * Whether booked work [start, end) is the engineer's on a planning day, the day it is judged on: work on their shift of
 * that day (see shiftOfDay), past midnight too; otherwise work in the day on none of their other shifts (a job at 01:00
 * on last night's shift is last night's, not the morning's).
 */
export function onPlanningDay<S extends Pick<Shift, 'start' | 'end'>>(
  work: { readonly start: number; readonly end: number },
  shifts: readonly S[],
  shift: S | undefined,
  day: { readonly start: number; readonly end: number },
): boolean {
  if (shift && work.start < shift.end && work.end > shift.start) return true;
  if (work.start >= day.end || work.end <= day.start) return false;
  return !shifts.some((s) => s !== shift && work.start < s.end && work.end > s.start);
}

/** Time an engineer is unavailable (leave, training, sickness). */
export const Absence = z.object({ start: EpochMs, end: EpochMs, reason: text(200) }).refine((a) => a.end > a.start, {
  message: 'an absence must end after it starts',
  params: { say: 'absenceEndsFirst' },
});
export type Absence = z.infer<typeof Absence>;

/** What the engineer is doing now, as last reported. */
export const ENGINEER_STATES = ['off', 'available', 'en_route', 'on_site'] as const;
export const EngineerState = z.enum(ENGINEER_STATES);
export type EngineerState = z.infer<typeof EngineerState>;

/** The last position a device reported; heading in degrees from north, speed in m/s. */
export const Position = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).max(360),
  speed: z.number().min(0).max(100),
  at: EpochMs,
});
export type Position = z.infer<typeof Position>;

/** Parts on the van: part id → quantity on hand. */
export const VanStock = z.record(Id, z.number().int().min(0).max(100_000));
export type VanStock = z.infer<typeof VanStock>;

/** A field engineer as the control centre plans with them. */
export const Engineer = z.object({
  id: Id,
  name: text(120),
  team: Id,
  /** The engineer's phone, for the control centre to call; absent when none is on file. */
  phone: Phone.optional(),
  skills: z.array(SkillLevel).max(50),
  homeBase: GeoPoint,
  shifts: z.array(Shift).max(62),
  absences: z.array(Absence).max(100),
  vanStock: VanStock,
  /** Most jobs a day the engineer should be given; null means no limit. */
  maxJobs: z.number().int().min(1).max(100).nullable(),
  state: EngineerState,
  lastPosition: Position.nullable(),
  version: z.number().int().min(0),
  rev: Rev,
});
export type Engineer = z.infer<typeof Engineer>;

/** Milliseconds since the engineer's last position, or null when none was ever reported. */
export function positionAgeMs(engineer: Pick<Engineer, 'lastPosition'>, now: EpochMs): number | null {
  return engineer.lastPosition ? Math.max(0, now - engineer.lastPosition.at) : null;
}

/** The highest level the engineer holds in a skill, 0 when they lack it. */
export function skillLevel(engineer: Pick<Engineer, 'skills'>, skill: string): number {
  let best = 0;
  for (const s of engineer.skills) if (s.skill === skill && s.level > best) best = s.level;
  return best;
}
