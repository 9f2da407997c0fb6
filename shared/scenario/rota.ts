import type { Absence, Shift } from '../domain/index.js';
import { localParts } from '../time/zoned.js';
import type { DayClock } from './clock.js';
import type { Random } from '../random/index.js';

/** Days of shifts the rota publishes, from the simulated day on. */
export const ROTA_DAYS = 14;
/** Engineers of a team take turns at weekend cover: one group of every this many is on call each weekend. */
export const WEEKEND_GROUPS = 4;

/** A shift pattern in local minutes; the night shift runs past midnight (emergency cover around the clock). */
export interface ShiftPattern {
  name: 'day' | 'early' | 'late' | 'long' | 'night';
  start: number;
  end: number;
  weight: number;
}

export const SHIFT_PATTERNS: readonly ShiftPattern[] = [
  { name: 'day', start: 8 * 60, end: 17 * 60, weight: 52 },
  { name: 'early', start: 7 * 60, end: 15 * 60 + 30, weight: 13 },
  { name: 'late', start: 11 * 60, end: 20 * 60, weight: 13 },
  { name: 'long', start: 8 * 60, end: 20 * 60, weight: 9 },
  { name: 'night', start: 20 * 60, end: 32 * 60, weight: 9 },
];

/** The weekend on-call shift of day workers: a shorter day, at home base between calls. */
const WEEKEND_CALL: ShiftPattern = { name: 'day', start: 9 * 60, end: 18 * 60, weight: 0 };

/** Whether the simulated day `dayOffset` days away is a Saturday or Sunday in the city. */
export function isWeekend(clock: DayClock, dayOffset: number): boolean {
  const weekday = localParts(clock.at(dayOffset, 12 * 60), clock.timeZone).weekday;
  return weekday === 0 || weekday === 6;
}

/** A number for the weekend a day belongs to, the same for its Saturday and Sunday in every city and year. */
function weekendNumber(clock: DayClock, dayOffset: number): number {
  const weekday = localParts(clock.at(dayOffset, 12 * 60), clock.timeZone).weekday;
  const saturday = dayOffset - (weekday === 0 ? 1 : 0);
  return Math.floor(clock.at(saturday, 12 * 60) / (7 * 86_400_000));
}

/** Whether an engineer of weekend group `group` is on call on the weekend of `dayOffset`. */
export function onCallThatWeekend(clock: DayClock, dayOffset: number, group: number): boolean {
  return ((weekendNumber(clock, dayOffset) % WEEKEND_GROUPS) + WEEKEND_GROUPS) % WEEKEND_GROUPS === group;
}

function shiftOn(rng: Random, clock: DayClock, dayOffset: number, pattern: ShiftPattern): Shift {
  if (pattern.name === 'night') {
    const breaks = [0, 4 * 60].map((m) => ({
      start: clock.at(dayOffset + 1, m),
      end: clock.at(dayOffset + 1, m + 30),
    }));
    return { start: clock.at(dayOffset, pattern.start), end: clock.at(dayOffset, pattern.end), breaks };
  }
  const lunchStart = Math.min(pattern.end - 180, Math.max(pattern.start + 180, rng.pick([690, 720, 750, 780])));
  const breaks = [{ start: clock.at(dayOffset, lunchStart), end: clock.at(dayOffset, lunchStart + 60) }];
  if (pattern.end - pattern.start > 10 * 60) {
    breaks.push({ start: clock.at(dayOffset, 17 * 60 + 30), end: clock.at(dayOffset, 18 * 60) });
  }
  return { start: clock.at(dayOffset, pattern.start), end: clock.at(dayOffset, pattern.end), breaks };
}

/**
 * An engineer's published rota: their pattern on every weekday of the next ROTA_DAYS days (a night worker's shift that
 * began yesterday evening too, as it covers today's small hours), and weekend cover when it is their group's turn —
 * night workers on nights, everyone else on a shorter on-call day. Leave takes whole days out.
 */
export function rotaShifts(
  rng: Random,
  clock: DayClock,
  pattern: ShiftPattern,
  weekendGroup: number,
  leave: readonly Absence[],
): Shift[] {
  const shifts: Shift[] = [];
  for (let day = pattern.name === 'night' ? -1 : 0; day < ROTA_DAYS; day++) {
    const weekend = isWeekend(clock, day);
    if (weekend && !onCallThatWeekend(clock, day, weekendGroup)) continue;
    const shape = weekend && pattern.name !== 'night' ? WEEKEND_CALL : pattern;
    const shift = shiftOn(rng, clock, day, shape);
    if (leave.some((a) => a.start <= shift.start && a.end >= shift.end)) continue;
    shifts.push(shift);
  }
  return shifts;
}

const LEAVE_REASONS = ['Annual leave', 'Annual leave', 'Training course', 'Sick leave'] as const;

/** Leave already known when the rota is published: a few engineers away today, a few more later in the fortnight. */
export function plannedLeave(rng: Random, clock: DayClock): Absence[] {
  const leave: Absence[] = [];
  if (rng.chance(0.03)) leave.push({ start: clock.at(0, 0), end: clock.at(1, 0), reason: rng.pick(LEAVE_REASONS) });
  if (rng.chance(0.1)) {
    const from = rng.int(1, ROTA_DAYS - 2);
    const days = rng.int(1, 5);
    leave.push({
      start: clock.at(from, 0),
      end: clock.at(Math.min(ROTA_DAYS, from + days), 0),
      reason: 'Annual leave',
    });
  }
  return leave;
}
