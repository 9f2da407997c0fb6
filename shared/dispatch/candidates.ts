import type { EpochMs, WorkOrder } from '../domain/index.js';
import type { CostDelta } from './cost.js';
import { addCosts, placementCost, removalCost } from './cost.js';
import type { RuleId, Verdict } from './rules.js';
import { fail, feasible, firstFailure, pass, setVerdict, skipped, staticVerdicts } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { findBooking, toMin, toMs, withStops } from './state.js';
import type { GapMiss, JobToPlace, Placement } from './timeline.js';
import { dayCeiling, dayFloor, driveFrom, finishTime, firstUsefulGap, fitInGap, isPlacement } from './timeline.js';
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

interface Source {
  day: EngineerDay;
  at: number;
  stop: Stop;
  removal: CostDelta;
}

function sourceOf(state: DispatchState, order: WorkOrder): Source | undefined {
  const found = findBooking(state, order.id);
  if (!found) return undefined;
  const stop = found.day.stops[found.at] as Stop;
  return { ...found, stop, removal: removalCost(state, found.day, found.at) };
}

/** The engineer's day as it would be without the order (when it is booked there). */
function dayWithout(day: EngineerDay, source: Source | undefined): EngineerDay {
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

/** The judgement of one proposed drop: every rule's verdict and, when it is allowed, the cost delta. */
export interface DropVerdict {
  orderId: string;
  engineerId: string;
  start: EpochMs;
  feasible: boolean;
  verdicts: Verdict[];
  cost: CostDelta | null;
}

/**
 * The verdicts and cost delta of dropping the order on an engineer at `start`, for the board's drag hover: cheap
 * enough for every pointer move (one engineer, a binary search through their day).
 */
export function verdictFor(order: WorkOrder, engineerId: string, start: EpochMs, state: DispatchState): DropVerdict {
  const original = state.engineerById.get(engineerId);
  const out = (verdicts: Verdict[], cost: CostDelta | null): DropVerdict => ({
    orderId: order.id,
    engineerId,
    start,
    feasible: feasible(verdicts),
    verdicts,
    cost,
  });
  if (!original) return out([fail('shift', `engineer ${engineerId} is not on this board`)], null);
  const words = state.words;
  const job = jobFor(state, order);
  const source = sourceOf(state, order);
  const verdicts = staticVerdicts(state, original, order, source?.day === original);
  const day = dayWithout(original, source);
  const s = toMin(state, start);
  const dur = order.durationMin;
  const e = s + dur;

  if (source?.stop.fixed !== 'pinned')
    setVerdict(verdicts, pass('pinned', source ? 'its booking is not pinned' : 'not booked yet'));
  if (source?.stop.fixed && (source.day !== original || source.stop.start !== s))
    setVerdict(
      verdicts,
      fail(source.stop.fixed === 'pinned' ? 'pinned' : 'horizon', describeFixed(state, source.stop, source.day)),
    );
  else if (s < state.nowMin) setVerdict(verdicts, fail('horizon', `${words.clock(s)} is already past`));
  else if (s < state.notBefore)
    setVerdict(
      verdicts,
      fail(
        'horizon',
        `${words.clock(s)} is inside the ${state.policy.frozenHorizonMin}-minute frozen horizon; new work starts from ${words.clock(state.notBefore)}`,
      ),
    );
  else setVerdict(verdicts, pass('horizon', `starts after ${words.clock(state.notBefore)}`));

  const w = order.window;
  if (!w) setVerdict(verdicts, pass('window', 'no appointment promised'));
  else {
    const ws = toMin(state, w.start);
    const we = toMin(state, w.end);
    const promised = `${words.clock(ws)}–${words.clock(we)}`;
    setVerdict(
      verdicts,
      s < ws || s > we
        ? fail('window', `starts ${words.clock(s)}; the customer was promised arrival ${promised}`)
        : pass('window', `starts ${words.clock(s)}, inside ${promised}`),
    );
  }

  const block = day.blocks.find((b) => b.start < e && b.end > s);
  if (block)
    setVerdict(
      verdicts,
      fail(
        block.what === 'break' ? 'breaks' : 'absence',
        `runs into ${block.what} ${words.clock(block.start)}–${words.clock(block.end)}`,
      ),
    );
  else setVerdict(verdicts, pass('breaks', 'clear of breaks'));

  const shift = day.shift;
  if (shift) {
    if (s < shift.start)
      setVerdict(verdicts, fail('shift', `starts before the shift begins at ${words.clock(shift.start)}`));
    else if (e > dayCeiling(state, day))
      setVerdict(
        verdicts,
        fail('shift', `ends ${words.clock(e)}, past the shift end ${words.clock(shift.end)}${overtimeNote(state)}`),
      );
  }

  const stops = day.stops;
  let g = 0;
  while (g < stops.length && (stops[g] as Stop).start < s) g++;
  const prev = stops[g - 1];
  const next = stops[g];
  const clash = [prev, next].find((x) => x && x.start < e && x.end > s);
  const fromLoc = prev ? prev.loc : day.origin.loc;
  const depart = Math.max(prev ? prev.end : day.origin.time, state.nowMin);
  const travelIn = state.travel.minutes(fromLoc, job.loc);
  const arrive = driveFrom(day.blocks, depart, travelIn);
  let placement: Placement | null = null;
  if (clash)
    setVerdict(
      verdicts,
      fail('overlap', `overlaps ${words.order(clash.order)} ${words.clock(clash.start)}–${words.clock(clash.end)}`),
    );
  else if (arrive > s + 1e-9)
    setVerdict(
      verdicts,
      fail(
        'overlap',
        prev
          ? `needs ${travelIn} min to drive from ${words.order(prev.order)} (done ${words.clock(prev.end)}): arrives ${words.clock(arrive)}`
          : `needs ${travelIn} min to drive from ${day.origin.what} (from ${words.clock(depart)}): arrives ${words.clock(arrive)}`,
      ),
    );
  else {
    const finishBefore = finishTime(state, day, stops);
    const home = state.policy.returnToBase;
    const travelOut = next
      ? state.travel.minutes(job.loc, next.loc)
      : home
        ? state.travel.minutes(job.loc, day.homeLoc)
        : 0;
    const reach = driveFrom(day.blocks, e, travelOut);
    if (next && reach > next.start + 1e-9)
      setVerdict(
        verdicts,
        fail(
          'overlap',
          `needs ${travelOut} min to reach ${words.order(next.order)} at ${words.clock(next.start)}: arrives ${words.clock(reach)}`,
        ),
      );
    else if (!next && shift && reach > dayCeiling(state, day))
      setVerdict(
        verdicts,
        fail(
          'shift',
          `back at base ${words.clock(reach)}, past the shift end ${words.clock(shift.end)}${overtimeNote(state)}`,
        ),
      );
    else {
      const toLoc = next ? next.loc : home ? day.homeLoc : -1;
      placement = {
        start: s,
        end: e,
        prev: prev ?? null,
        next: next ?? null,
        travelIn,
        travelOut,
        travelSaved: toLoc < 0 ? 0 : state.travel.minutes(fromLoc, toLoc),
        finishBefore,
        finishAfter: next ? finishBefore : reach,
      };
      setVerdict(
        verdicts,
        pass('overlap', `${travelIn} min drive in${next ? `, ${travelOut} min on to ${words.order(next.order)}` : ''}`),
      );
    }
  }
  const ok = feasible(verdicts);
  const cost = ok && placement ? placementCost(state, day, order, placement) : null;
  return out(verdicts, cost && source ? addCosts(cost, source.removal) : cost);
}

function overtimeNote(state: DispatchState): string {
  const ot = state.policy.maxOvertimeMin;
  return ot > 0 ? ` plus ${ot} min overtime allowed` : '';
}
