import type { WorkOrder } from '../domain/index.js';
import type { CostDelta } from './cost.js';
import { addCosts, slaDeadline } from './cost.js';
import type { RuleId, Verdict } from './rules.js';
import { fail, firstFailure, pass, setVerdict, skipped, staticVerdicts } from './rules.js';
import type { DispatchState } from './state.js';
import type { Slot } from './best-slot.js';
import { bestPlacement, dayWithout, jobFor, slotOf, sourceOf } from './best-slot.js';
import { smallestChanges, type FitChange } from './fit-changes.js';
import { whyNoChange } from './no-change.js';
import { say, type SaidReason } from './reasons.js';
import { describeFixed, slotVerdicts, timeFailure } from './slot-words.js';

export { bestPlacement, dayWithout, jobFor, slotOf, sourceOf, type Slot, type Source } from './best-slot.js';

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
  /** Minutes between the slot's start and the latest start that keeps the SLA (negative: that late); null without a slot. */
  slaSlackMin: number | null;
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
  /** When nobody fits as things stand: the smallest changes that would let someone take it, smallest first. */
  changes: FitChange[];
  /** When nobody fits and no change was found: why, naming only what stands in the way and the changes tried. */
  noChange: SaidReason | null;
}

/**
 * Every engineer with the best feasible slot for the order, each rule's verdict and the cost delta, ranked:
 * feasible engineers cheapest first, then those ruled out, each saying which rule failed and why; when nobody fits,
 * the smallest changes that would make it fit (unless `smallestChanges` is false: the autopilot only needs the best).
 */
export function rankCandidates(
  order: WorkOrder,
  state: DispatchState,
  options: { smallestChanges?: boolean } = {},
): CandidateList {
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
    if (fixedBy !== 'pinned') verdicts.push(pass('pinned', say(state.words, source ? 'notPinned' : 'notBooked')));
    const blocked = firstFailure(verdicts);
    if (blocked) {
      for (const r of ['horizon', 'window', 'breaks', 'overlap'] as const)
        if (!verdicts.some((v) => v.rule === r)) verdicts.push(skipped(r, blocked.rule));
      candidates.push({
        ...base,
        feasible: false,
        slot: null,
        cost: null,
        slaSlackMin: null,
        verdicts,
        summary: blocked.reason,
      });
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
        slaSlackMin: null,
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
      slot: slotOf(state, day, job, placement),
      cost,
      slaSlackMin: Math.round(slaDeadline(state, order) - placement.start),
      verdicts,
      summary: `${state.words.clock(placement.start)}, ${placement.travelIn} min drive, cost ${signed(cost.total)}`,
    });
  }
  const list = ranked(candidates);
  const search = options.smallestChanges !== false && !list.some((c) => c.feasible);
  const changes = search ? smallestChanges(order, state, list) : [];
  return {
    orderId: order.id,
    candidates: list,
    travelSource: state.travel.source,
    notes: state.travel.notes().map((n) => n.text),
    changes,
    noChange: search && changes.length === 0 ? whyNoChange(order, state, list) : null,
  };
}

/** The first of some days on which someone can take an order, and the earliest slot anyone has that day. */
export interface LaterDay {
  /** The day's local midnight. */
  dayStart: number;
  /** The engineer who can start soonest that day (the cheapest of those who start as soon). */
  candidate: Candidate;
}

/**
 * The earliest feasible slot anyone has for the order on the state's day, or null when nobody can take it that day:
 * the ranking without the smallest changes (a day nobody fits is only passed over).
 */
export function earliestCandidate(order: WorkOrder, state: DispatchState): Candidate | null {
  let best: Candidate | null = null;
  for (const c of rankCandidates(order, state, { smallestChanges: false }).candidates)
    if (c.feasible && c.slot && (!best || c.slot.start < best.slot!.start)) best = c;
  return best;
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
