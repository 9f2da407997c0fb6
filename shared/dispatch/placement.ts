import type { WorkOrder } from '../domain/index.js';
import type { Block, DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';

/** Whole minutes, tolerant of float noise (engine times are minutes; bookings start on the minute). */
export function ceilMinute(t: number): number {
  return Math.ceil(t - 1e-9);
}

/** When a drive of `mins` minutes that sets off at `t` arrives; the drive pauses during breaks and absences. */
export function driveFrom(blocks: readonly Block[], t: number, mins: number): number {
  let clock = t;
  let left = mins;
  for (const b of blocks) {
    if (left <= 0) break;
    if (b.end <= clock) continue;
    if (b.start >= clock + left) break;
    if (b.start > clock) left -= b.start - clock;
    clock = b.end;
  }
  return clock + left;
}

/**
 * When an engineer free from `free` gets to a place `minutes` of driving away: setting off when free, and not before
 * now (free in the past, or kept on site past a job's planned end, they leave now). What the engine places new work by.
 */
export function arrivalFrom(state: DispatchState, blocks: readonly Block[], free: number, minutes: number): number {
  return driveFrom(blocks, Math.max(free, state.nowMin), minutes);
}

/** A drive to a job as a day has it: from when the engineer is free, and from when the plan had them free. */
export interface Leg {
  /** When the engineer can set off as the day stands (a job on site past its planned end holds them until now). */
  free: number;
  /**
   * When and where the plan had them free: the end the job before was booked to, the shift's start at base for the
   * first job; null from a reported position (where they were when the plan was made is not known).
   */
  planned: number | null;
  /** Minutes of driving. */
  minutes: number;
}

/** The leg into a day's job from the job before it, or from where the day starts. */
export function legInto(state: DispatchState, day: EngineerDay, prev: Stop | null | undefined, loc: number): Leg {
  if (prev)
    return {
      free: prev.end,
      planned: Math.min(prev.end, prev.start + prev.order.durationMin),
      minutes: state.travel.minutes(prev.loc, loc),
    };
  const o = day.origin;
  const planned = o.loc !== day.homeLoc || !day.shift ? null : day.shift.start;
  return { free: o.time, planned, minutes: state.travel.minutes(o.loc, loc) };
}

/**
 * Whether work starting at `start` is out of reach by a leg: the one reachability rule of a planned day's check, of
 * a drop and of the board's rule violations. The arrival when it is out of reach, undefined when it is in reach.
 *
 * The engine places work at the earliest start the drive allows (`arrivalFrom`), often the drive from where the
 * engineer is now; from then on that arrival moves with the clock until the engineer sets off. So work the engineer
 * is free to set off for now (from base or a reported position once the shift has begun, or after the job before) is
 * in reach while they would get there at most the policy's `reachGraceMin` late, as long as the plan itself reached
 * it on time; work they are not free for yet must be reached on time. Once the engineer is on the way, the arrival
 * is the drive from each reported position, which keeps it (work under way is not judged by this rule at all:
 * lateness there is the SLA's to tell).
 */
export function outOfReach(
  state: DispatchState,
  blocks: readonly Block[],
  leg: Leg,
  start: number,
): number | undefined {
  const arrive = arrivalFrom(state, blocks, leg.free, leg.minutes);
  if (arrive <= start + 1e-6) return undefined;
  if (leg.free > ceilMinute(state.nowMin) + 1e-9) return arrive;
  if (leg.planned !== null && driveFrom(blocks, leg.planned, leg.minutes) > start + 1e-6) return arrive;
  return arrive > start + state.policy.reachGraceMin + 1e-6 ? arrive : undefined;
}

/** The earliest start at or after `t` at which `dur` minutes of work touch no break or absence. */
export function clearStart(blocks: readonly Block[], t: number, dur: number): number {
  let s = t;
  for (const b of blocks) {
    if (b.end <= s) continue;
    if (b.start >= s + dur) break;
    s = b.end;
  }
  return s;
}

/** The break or absence that work in [start, end) would run into, if any. */
export function blockDuring(blocks: readonly Block[], start: number, end: number): Block | undefined {
  for (const b of blocks) if (b.start < end && b.end > start) return b;
  return undefined;
}

/** The engineer's day ends when the last job is done and, if the policy says so, they are back at base. */
export function finishTime(state: DispatchState, day: EngineerDay, stops: readonly Stop[]): number {
  const last = stops[stops.length - 1];
  const [loc, time] = last ? [last.loc, last.end] : [day.origin.loc, day.origin.time];
  const home = state.policy.returnToBase ? state.travel.minutes(loc, day.homeLoc) : 0;
  return driveFrom(day.blocks, Math.max(time, state.nowMin), home);
}

/** A job placed between two neighbours of a day (or at its start or end), with what it changes. */
export interface Placement {
  start: number;
  end: number;
  prev: Stop | null;
  next: Stop | null;
  /** Minutes driving in from the previous place (the day's origin for a first job). */
  travelIn: number;
  /** Minutes driving on to the next job, or home after a last job when the policy returns engineers to base. */
  travelOut: number;
  /** Minutes of the drive between the neighbours that the job replaces. */
  travelSaved: number;
  /** The day's finish (last job done, home if required) before and after the job is added. */
  finishBefore: number;
  finishAfter: number;
}

/** Why a job does not fit in one gap of a day. */
export type GapMiss =
  | { rule: 'window'; earliest: number }
  | { rule: 'overlap'; next: Stop; start: number; lateBy: number }
  | { rule: 'shift'; finish: number };

/** The job, where it is and how long it takes. */
export interface JobToPlace {
  order: WorkOrder;
  loc: number;
}

/** Earliest start the job can have in a day before any booking is considered. */
export function dayFloor(state: DispatchState, day: EngineerDay, job: JobToPlace): number {
  const shiftStart = day.shift ? day.shift.start : 0;
  const w = job.order.window;
  return Math.max(state.notBefore, shiftStart, w ? toMin(state, w.start) : -Infinity);
}

/** The latest end the day allows: the shift end plus the overtime the policy permits. */
export function dayCeiling(state: DispatchState, day: EngineerDay): number {
  return day.shift ? day.shift.end + state.policy.maxOvertimeMin : -Infinity;
}

/**
 * Fits a job into the gap before `stops[gap]` (gap = stops.length is after the last job) at its earliest start:
 * driving from the previous place, not before now plus the frozen horizon, inside its appointment window, clear of
 * breaks and absences, leaving time to drive to the next job, and finishing within shift plus permitted overtime.
 */
export function fitInGap(
  state: DispatchState,
  day: EngineerDay,
  stops: readonly Stop[],
  gap: number,
  job: JobToPlace,
  finishBefore: number,
): Placement | GapMiss {
  const prev = stops[gap - 1] ?? null;
  const next = stops[gap] ?? null;
  const travel = state.travel;
  const fromLoc = prev ? prev.loc : day.origin.loc;
  // A job that ended in the past leaves the engineer free now, not then.
  const travelIn = travel.minutes(fromLoc, job.loc);
  const arrive = arrivalFrom(state, day.blocks, prev ? prev.end : day.origin.time, travelIn);
  const dur = job.order.durationMin;
  const start = ceilMinute(clearStart(day.blocks, Math.max(arrive, dayFloor(state, day, job)), dur));
  const w = job.order.window;
  if (w && start > toMin(state, w.end)) return { rule: 'window', earliest: start };
  const end = start + dur;
  const ceiling = dayCeiling(state, day);
  if (end > ceiling) return { rule: 'shift', finish: end };
  let travelOut: number;
  let travelSaved: number;
  let finishAfter = finishBefore;
  if (next) {
    travelOut = travel.minutes(job.loc, next.loc);
    const reach = driveFrom(day.blocks, end, travelOut);
    if (reach > next.start) return { rule: 'overlap', next, start, lateBy: reach - next.start };
    travelSaved = travel.minutes(fromLoc, next.loc);
  } else {
    const home = state.policy.returnToBase;
    travelOut = home ? travel.minutes(job.loc, day.homeLoc) : 0;
    travelSaved = home ? travel.minutes(fromLoc, day.homeLoc) : 0;
    finishAfter = driveFrom(day.blocks, end, travelOut);
    if (finishAfter > ceiling) return { rule: 'shift', finish: finishAfter };
  }
  return { start, end, prev, next, travelIn, travelOut, travelSaved, finishBefore, finishAfter };
}

/** Whether a fit attempt produced a placement. */
export function isPlacement(fit: Placement | GapMiss): fit is Placement {
  return !('rule' in fit);
}

/** The first gap whose next job starts late enough that the job could go before it (binary search by start). */
export function firstUsefulGap(stops: readonly Stop[], earliestStart: number, dur: number): number {
  let lo = 0;
  let hi = stops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((stops[mid] as Stop).start < earliestStart + dur) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
