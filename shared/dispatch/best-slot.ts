// The cheapest slot of one engineer's day for one order, and the order's current booking: what candidate lists
// and suggested changes are built from.
import type { EpochMs, WorkOrder } from '../domain/index.js';
import type { CostDelta } from './cost.js';
import { placementCost, removalCost } from './cost.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { findBooking, toMin, toMs, withStops } from './state.js';
import type { GapMiss, JobToPlace, Placement } from './placement.js';
import { dayCeiling, dayFloor, finishTime, firstUsefulGap, fitInGap, isPlacement } from './placement.js';

/** Where and when an engineer would do the order. */
export interface Slot {
  start: EpochMs;
  end: EpochMs;
  /** Minutes of driving to get there. */
  travelBeforeMin: number;
  /** Kilometres of that drive. */
  travelBeforeKm: number;
  /** The job before it, if any. */
  afterOrderId: string | null;
  /** The job after it, if any. */
  beforeOrderId: string | null;
}

/** The job as the engine places it, with its site in the state's location table. */
export function jobFor(state: DispatchState, order: WorkOrder): JobToPlace {
  return { order, loc: state.siteLoc.get(order.id) ?? state.locations.index(order.site) };
}

/** Where an order is booked now, and what taking it off that day saves. */
export interface Source {
  day: EngineerDay;
  at: number;
  stop: Stop;
  removal: CostDelta;
}

export function sourceOf(state: DispatchState, order: WorkOrder): Source | undefined {
  const found = findBooking(state, order.id);
  if (!found) return undefined;
  const stop = found.day.stops[found.at] as Stop;
  return { ...found, stop, removal: removalCost(state, found.day, found.at) };
}

/** The engineer's day as it would be without the order (when it is booked there). */
export function dayWithout(day: EngineerDay, source: Source | undefined): EngineerDay {
  if (!source || source.day !== day) return day;
  return withStops(
    day,
    day.stops.filter((s) => s !== source.stop),
  );
}

/**
 * Fits a job into each gap of a day in time order, at the gap's earliest start, telling `take` of each fit (it says
 * whether to stop) and `missed` of each gap that cannot hold it. Gaps that open after `startBefore` are not tried.
 */
function eachFit(
  state: DispatchState,
  day: EngineerDay,
  job: JobToPlace,
  take: (fit: Placement) => boolean,
  missed: (miss: GapMiss) => void,
  startBefore = Infinity,
): void {
  const stops = day.stops;
  const finishBefore = finishTime(state, day, stops);
  const floor = dayFloor(state, day, job);
  const w = job.order.window;
  const latestStart = Math.min(startBefore, w ? toMin(state, w.end) : dayCeiling(state, day) - job.order.durationMin);
  const dur = job.order.durationMin;
  const ceiling = dayCeiling(state, day);
  for (let g = firstUsefulGap(stops, floor, dur); g <= stops.length; g++) {
    const prev = stops[g - 1];
    if (prev && prev.end > latestStart) break;
    // Cheap rejection before any drive is priced: the free time in the gap must hold the work itself.
    const next = stops[g];
    const from = Math.max(prev ? prev.end : day.origin.time, floor);
    const until = next ? next.start : ceiling;
    if (until - from < dur) {
      missed(
        next
          ? { rule: 'overlap', next, start: from, lateBy: from + dur - until }
          : { rule: 'shift', finish: from + dur },
      );
      continue;
    }
    const fit = fitInGap(state, day, stops, g, job, finishBefore);
    if (!isPlacement(fit)) missed(fit);
    else if (take(fit)) return;
  }
}

/** The cheapest gap of a day for a job, or the reasons no gap works. */
export function bestPlacement(
  state: DispatchState,
  day: EngineerDay,
  job: JobToPlace,
): { placement: Placement; cost: CostDelta } | { misses: GapMiss[] } {
  let best: { placement: Placement; cost: CostDelta } | undefined;
  const misses: GapMiss[] = [];
  eachFit(
    state,
    day,
    job,
    (fit) => {
      const cost = placementCost(state, day, job.order, fit);
      if (!best || cost.total < best.cost.total - 1e-9) best = { placement: fit, cost };
      // Later gaps start later, so they can only cost more lateness; stop once on time and nothing is late here.
      return cost.lateMin === 0 && cost.travelMin <= 0;
    },
    (miss) => misses.push(miss),
  );
  return best ?? { misses };
}

/**
 * The earliest start a day can give a job without moving its other work, if it is before `until`: the first gap that
 * holds it (gaps come in time order, so no later one starts it sooner).
 */
export function earliestPlacement(
  state: DispatchState,
  day: EngineerDay,
  job: JobToPlace,
  until = Infinity,
): Placement | undefined {
  let first: Placement | undefined;
  eachFit(
    state,
    day,
    job,
    (fit) => {
      if (fit.start < until) first = fit;
      return true;
    },
    () => {},
    until,
  );
  return first;
}

/** The slot of a placement in a day, as candidate lists and suggested changes show it. */
export function slotOf(state: DispatchState, day: EngineerDay, job: JobToPlace, p: Placement): Slot {
  const from = p.prev ? p.prev.loc : day.origin.loc;
  return {
    start: toMs(state, p.start),
    end: toMs(state, p.end),
    travelBeforeMin: p.travelIn,
    travelBeforeKm: Math.round(state.travel.km(from, job.loc) * 10) / 10,
    afterOrderId: p.prev?.order.id ?? null,
    beforeOrderId: p.next?.order.id ?? null,
  };
}
