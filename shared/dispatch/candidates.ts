import type { EpochMs, WorkOrder } from '../domain/index.js';
import type { CostDelta } from './cost.js';
import { addCosts, placementCost, removalCost } from './cost.js';
import type { RuleId, Verdict } from './rules.js';
import { fail, firstFailure, pass, setVerdict, skipped, staticVerdicts } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { findBooking, toMin, toMs, withStops } from './state.js';
import type { GapMiss, JobToPlace, Placement } from './placement.js';
import { dayCeiling, dayFloor, finishTime, firstUsefulGap, fitInGap, isPlacement } from './placement.js';
import { describeFixed, slotVerdicts, timeFailure } from './slot-words.js';

/** Where and when an engineer would do the order. */
export interface Slot {
  start: EpochMs;
  end: EpochMs;
  /** Minutes of driving to get there. */
  travelBeforeMin: number;
  /** The job before it, if any. */
  afterOrderId: string | null;
  /** The job after it, if any. */
  beforeOrderId: string | null;
}

/** One engineer as a candidate for one order: the best slot, each rule's verdict, and the cost of doing it there. */
export interface Candidate {
  engineerId: string;
  name: string;
  team: string;
  feasible: boolean;
  /** The cheapest feasible slot; null when a hard rule rules the engineer out. */
  slot: Slot | null;
  /** The change in plan cost (including taking the order off its current engineer, if booked); null when infeasible. */
  cost: CostDelta | null;
  verdicts: Verdict[];
  /** One line for the candidate list: the slot and its cost, or the first rule that failed and why. */
  summary: string;
}

/** The ranked answer to "who can do this order?". */
export interface CandidateList {
  orderId: string;
  /** Feasible engineers by cost (cheapest first), then the infeasible ones by how close they came. */
  candidates: Candidate[];
  /** Where the travel times came from, and anything the dispatcher should know about them. */
  travelSource: string;
  notes: string[];
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

/** The cheapest gap of a day for a job, or the reasons no gap works. */
export function bestPlacement(
  state: DispatchState,
  day: EngineerDay,
  job: JobToPlace,
): { placement: Placement; cost: CostDelta } | { misses: GapMiss[] } {
  const stops = day.stops;
  const finishBefore = finishTime(state, day, stops);
  const floor = dayFloor(state, day, job);
  const w = job.order.window;
  const latestStart = w ? toMin(state, w.end) : dayCeiling(state, day) - job.order.durationMin;
  let best: { placement: Placement; cost: CostDelta } | undefined;
  const misses: GapMiss[] = [];
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
      misses.push(
        next
          ? { rule: 'overlap', next, start: from, lateBy: from + dur - until }
          : { rule: 'shift', finish: from + dur },
      );
      continue;
    }
    const fit = fitInGap(state, day, stops, g, job, finishBefore);
    if (!isPlacement(fit)) {
      misses.push(fit);
      continue;
    }
    const cost = placementCost(state, day, job.order, fit);
    if (!best || cost.total < best.cost.total - 1e-9) best = { placement: fit, cost };
    // Later gaps start later, so they can only cost more lateness; stop once on time and nothing is late here.
    if (cost.lateMin === 0 && cost.travelMin <= 0) break;
  }
  return best ?? { misses };
}

/**
 * Every engineer with the best feasible slot for the order, each rule's verdict and the cost delta, ranked:
 * feasible engineers cheapest first, then those ruled out, each saying which rule failed and why.
 */
export function rankCandidates(order: WorkOrder, state: DispatchState): CandidateList {
  const job = jobFor(state, order);
  const source = sourceOf(state, order);
  const fixedBy = source?.stop.fixed ?? null;
  const candidates: Candidate[] = [];
  for (const original of state.engineers) {
    const own = source?.day === original;
    const verdicts = staticVerdicts(state, original, order, own);
    const e = original.engineer;
    const base = { engineerId: e.id, name: e.name, team: e.team };
    if (fixedBy && source) {
      const rule: RuleId = fixedBy === 'pinned' ? 'pinned' : 'horizon';
      verdicts.push(fail(rule, describeFixed(state, source.stop, source.day)));
    }
    if (fixedBy !== 'pinned') verdicts.push(pass('pinned', source ? 'its booking is not pinned' : 'not booked yet'));
    const blocked = firstFailure(verdicts);
    if (blocked) {
      for (const r of ['horizon', 'window', 'breaks', 'overlap'] as const)
        if (!verdicts.some((v) => v.rule === r)) verdicts.push(skipped(r, blocked.rule));
      candidates.push({ ...base, feasible: false, slot: null, cost: null, verdicts, summary: blocked.reason });
      continue;
    }
    const day = dayWithout(original, source);
    const found = bestPlacement(state, day, job);
    if ('misses' in found) {
      for (const v of timeFailure(state, day, job, found.misses)) setVerdict(verdicts, v);
      candidates.push({
        ...base,
        feasible: false,
        slot: null,
        cost: null,
        verdicts,
        summary: firstFailure(verdicts)?.reason ?? '',
      });
      continue;
    }
    const { placement } = found;
    const cost = source ? addCosts(found.cost, source.removal) : found.cost;
    for (const v of slotVerdicts(state, day, job, placement)) setVerdict(verdicts, v);
    candidates.push({
      ...base,
      feasible: true,
      slot: slotOf(state, placement),
      cost,
      verdicts,
      summary: `${state.words.clock(placement.start)}, ${placement.travelIn} min drive, cost ${signed(cost.total)}`,
    });
  }
  return {
    orderId: order.id,
    candidates: ranked(candidates),
    travelSource: state.travel.source,
    notes: state.travel.notes(),
  };
}

/** Feasible candidates by cost then start; the others by how few hard rules they fail; ties by engineer id. */
function ranked(candidates: Candidate[]): Candidate[] {
  const keyed = candidates.map((c) => {
    let failures = 0;
    if (!c.feasible) for (const v of c.verdicts) if (v.hard && v.status === 'fail') failures++;
    return { c, failures, cost: c.cost?.total ?? 0, start: c.slot?.start ?? 0 };
  });
  keyed.sort((a, b) => {
    if (a.c.feasible !== b.c.feasible) return a.c.feasible ? -1 : 1;
    if (a.c.feasible) {
      if (Math.abs(a.cost - b.cost) > 1e-9) return a.cost - b.cost;
      if (a.start !== b.start) return a.start - b.start;
    } else if (a.failures !== b.failures) return a.failures - b.failures;
    return a.c.engineerId < b.c.engineerId ? -1 : a.c.engineerId > b.c.engineerId ? 1 : 0;
  });
  return keyed.map((k) => k.c);
}

function signed(x: number): string {
  const r = Math.round(x);
  return r > 0 ? `+${r}` : String(r);
}

function slotOf(state: DispatchState, p: Placement): Slot {
  return {
    start: toMs(state, p.start),
    end: toMs(state, p.end),
    travelBeforeMin: p.travelIn,
    afterOrderId: p.prev?.order.id ?? null,
    beforeOrderId: p.next?.order.id ?? null,
  };
}
