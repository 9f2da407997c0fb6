import type { Engineer } from '../domain/index.js';
import type { DayClock } from './clock.js';

const MINUTE = 60_000;

/** Share of rostered daytime a well-dispatched centre books (travel and work on site). */
export const TARGET_UTILISATION = 0.85;
/** At weekends the engineers on call wait at base for calls: fewer of them, and less booked. */
export const WEEKEND_UTILISATION = 0.6;
/** Driving and parking per job when the work is dispatched well (nearby engineers, sensible rounds). */
export const TRAVEL_PER_JOB_MIN = 30;
/** Share of finished jobs that bring a revisit, which costs another visit's time. */
export const REVISIT_ALLOWANCE = 0.08;
/**
 * Share of a day's calls that are work for a later day: appointments the customer took for tomorrow or after, and
 * calls in the evening. The day's own work is the rest plus what earlier days booked for it (the backlog).
 */
export const LATER_SHARE = 0.35;
/** Mean time on site of a generated order, minutes (the type mix and log-normal spread of `orders.ts`). */
export const MEAN_JOB_MIN = 95;
/** The working part of the day the centre sizes its demand for; night cover is for emergencies. */
const DAYTIME = { from: 7 * 60, to: 20 * 60 } as const;

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Minutes the engineers are rostered on day `dayOffset` in daytime (07:00–20:00 local): shifts less breaks and
 * absences. This is what a day's calls are sized against.
 */
export function daytimeCapacityMin(engineers: readonly Engineer[], clock: DayClock, dayOffset = 0): number {
  const from = clock.at(dayOffset, DAYTIME.from);
  const to = clock.at(dayOffset, DAYTIME.to);
  let total = 0;
  for (const e of engineers) {
    for (const s of e.shifts) {
      const inside = overlap(s.start, s.end, from, to);
      if (inside <= 0) continue;
      let off = 0;
      for (const b of s.breaks) off += overlap(b.start, b.end, Math.max(s.start, from), Math.min(s.end, to));
      for (const a of e.absences) off += overlap(a.start, a.end, Math.max(s.start, from), Math.min(s.end, to));
      total += Math.max(0, inside - off);
    }
  }
  return total / MINUTE;
}

/**
 * How many orders a day brings so that, dispatched well, the day's own work books about TARGET_UTILISATION of the
 * rostered daytime: each order costs its time on site, the drive to it and its share of revisits, and LATER_SHARE of
 * the orders are for later days.
 */
export function ordersForCapacity(capacityMin: number, utilisation = TARGET_UTILISATION): number {
  const perOrder = (MEAN_JOB_MIN + TRAVEL_PER_JOB_MIN) * (1 + REVISIT_ALLOWANCE);
  return Math.max(0, Math.round((capacityMin * utilisation) / perOrder / (1 - LATER_SHARE)));
}
