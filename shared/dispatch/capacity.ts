// How much working time each team has on a day, how much of it is booked, and the emergency buffer held back from it:
// what the capacity view shows and what slot-finding checks before it offers a window.
import { z } from 'zod';
import { EpochMs, Id } from '../domain/index.js';
import { toMin, type DispatchState, type EngineerDay } from './state.js';

/** One team's working time on one day, in minutes. */
export const TeamDayCapacity = z.object({
  team: Id,
  /** The local midnight the day starts at. */
  dayStart: EpochMs,
  /** Engineers of the team with working time that day. */
  engineers: z.number().int().min(0),
  /** Shift time less breaks, absences and leave. */
  availableMin: z.number().min(0),
  /** Minutes of booked work. */
  workMin: z.number().min(0),
  /** Minutes of driving the booked work needs (from base, between jobs, back to base when the policy says so). */
  travelMin: z.number().min(0),
  /** Available less work and travel; negative when the day is overbooked. */
  remainingMin: z.number(),
  /** The share of the available time held back for P1 and P2 work. */
  bufferMin: z.number().min(0),
});
export type TeamDayCapacity = z.infer<typeof TeamDayCapacity>;

/** What one engineer's day adds to their team's capacity. */
export interface EngineerCapacity {
  availableMin: number;
  workMin: number;
  travelMin: number;
}

/**
 * Shift time less breaks and absences, the booked work, and the driving between it, on the state's day only. A shift
 * or a job that runs past midnight counts on each day for the part that falls in it (a night crew's hours are not
 * counted on both days); the drive to a job counts on the day the job starts, the drive back to base on the day the
 * last job ends. Capacity is hours on the calendar, so it reads every shift in the day, not only the one the engineer
 * is planned on that day (shiftOfDay): the morning end of last night's shift is time the team has that morning.
 */
export function engineerCapacity(state: DispatchState, day: EngineerDay): EngineerCapacity {
  const dayEnd = state.dayEndMin;
  const within = (start: number, end: number): number => Math.max(0, Math.min(end, dayEnd) - Math.max(start, 0));
  let availableMin = 0;
  for (const shift of day.engineer.shifts) {
    const from = Math.max(toMin(state, shift.start), 0);
    const to = Math.min(toMin(state, shift.end), dayEnd);
    if (to <= from) continue;
    availableMin += to - from;
    // Breaks and absences by start; overlapping ones (a break inside an absence) count once.
    const blocks = [...shift.breaks, ...day.engineer.absences]
      .map((b) => ({ start: toMin(state, b.start), end: toMin(state, b.end) }))
      .sort((a, b) => a.start - b.start || a.end - b.end);
    let covered = from;
    for (const b of blocks) {
      const start = Math.max(b.start, covered);
      const end = Math.min(b.end, to);
      if (end > start) availableMin -= end - start;
      covered = Math.max(covered, b.end);
    }
  }
  let workMin = 0;
  let travelMin = 0;
  let at = day.homeLoc;
  for (const stop of day.stops) {
    workMin += within(stop.start, stop.end);
    const leg = state.travel.minutes(at, stop.loc);
    if (stop.start >= 0 && stop.start < dayEnd) travelMin += leg;
    at = stop.loc;
  }
  const last = day.stops[day.stops.length - 1];
  if (last && state.policy.returnToBase && last.end > 0 && last.end <= dayEnd)
    travelMin += state.travel.minutes(at, day.homeLoc);
  return { availableMin: Math.max(0, availableMin), workMin, travelMin };
}

/** A team's day with nobody on shift: no time available, none booked. */
export function emptyTeamDay(team: string, dayStart: number): TeamDayCapacity {
  return { team, dayStart, engineers: 0, availableMin: 0, workMin: 0, travelMin: 0, remainingMin: 0, bufferMin: 0 };
}

const byState = new WeakMap<DispatchState, { bufferPct: number; teams: Map<string, TeamDayCapacity> }>();

/**
 * Every team's capacity on the state's day, by team id; `bufferPct` of the available time is the emergency buffer.
 * Worked out once per state.
 */
export function teamCapacity(state: DispatchState, bufferPct: number): ReadonlyMap<string, TeamDayCapacity> {
  const known = byState.get(state);
  if (known && known.bufferPct === bufferPct) return known.teams;
  const teams = new Map<string, TeamDayCapacity>();
  for (const day of state.engineers) {
    const team = day.engineer.team;
    const c = engineerCapacity(state, day);
    const t = teams.get(team) ?? emptyTeamDay(team, state.epoch);
    if (c.availableMin > 0) t.engineers += 1;
    t.availableMin += c.availableMin;
    t.workMin += c.workMin;
    t.travelMin += Math.round(c.travelMin);
    teams.set(team, t);
  }
  for (const t of teams.values()) {
    t.remainingMin = t.availableMin - t.workMin - t.travelMin;
    t.bufferMin = Math.round((t.availableMin * bufferPct) / 100);
  }
  byState.set(state, { bufferPct, teams });
  return teams;
}
