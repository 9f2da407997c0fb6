import type { WorkOrder } from '../domain/index.js';
import { checkDay } from './check.js';
import { say, type SaidReason } from './reasons.js';
import { reasonForMove, reasonForQueued, type PlanChange } from './explain.js';
import { kpiDelta, planKpis } from './kpis.js';
import { distinctNotes, type DispatchModel } from './model.js';
import type { LeftInQueue, Proposal, ProposalMove } from './proposal.js';
import { linkDependencies } from './proposal.js';
import type { SolveResult } from './solver/index.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMs, withStops } from './state.js';

/** A whole plan for the engineers in scope: their days, and the in-scope orders left in the queue. */
export interface PlanAfter {
  days: Map<string, EngineerDay>;
  queue: WorkOrder[];
}

/** The solver's routes as engineer days: kept bookings plus each route's jobs at their scheduled start. */
export function planFromResult(
  state: DispatchState,
  dm: DispatchModel,
  result: SolveResult,
  scope: readonly EngineerDay[],
): PlanAfter {
  const stops = new Map<string, Stop[]>();
  for (const day of scope) stops.set(day.engineer.id, [...(dm.kept.get(day.engineer.id) ?? [])]);
  const placed = new Set<number>();
  for (const route of result.routes) {
    const day = dm.vehicles[route.vehicle] as EngineerDay;
    const list = stops.get(day.engineer.id) as Stop[];
    for (const s of route.stops) {
      if (s.kind !== 'job' || s.index === undefined) continue;
      const job = dm.jobs[s.index];
      if (!job) continue;
      placed.add(s.index);
      const loc = state.siteLoc.get(job.order.id) ?? state.locations.index(job.order.site);
      list.push({ order: job.order, loc, start: s.start, end: s.start + job.order.durationMin, fixed: job.fixed });
    }
  }
  const queue: WorkOrder[] = [];
  dm.jobs.forEach((job, i) => {
    if (placed.has(i)) return;
    // A fixed booking the solver could not keep stays where it is; the check below guards its neighbours.
    if (job.fixed && job.from) stops.get(job.from.day.engineer.id)?.push(job.from.stop);
    else queue.push(job.order);
  });
  const days = new Map<string, EngineerDay>();
  for (const day of scope) days.set(day.engineer.id, withStops(day, stops.get(day.engineer.id) ?? []));
  return { days, queue };
}

/** A plan from engineer days worked out directly (not by the solver). */
export function planFromDays(days: ReadonlyMap<string, EngineerDay>, queue: readonly WorkOrder[]): PlanAfter {
  return { days: new Map(days), queue: [...queue] };
}

/** Where an order is booked in a set of days. */
function placements(days: ReadonlyMap<string, EngineerDay>): Map<string, { engineerId: string; stop: Stop }> {
  const out = new Map<string, { engineerId: string; stop: Stop }>();
  for (const [engineerId, day] of days) for (const stop of day.stops) out.set(stop.order.id, { engineerId, stop });
  return out;
}

/**
 * The last line of defence: every changed booking is checked against the hard rules with the domain's own timeline.
 * Anything that fails goes back to the queue (taking work away never breaks a rule), and the dispatcher is told.
 */
function enforceRules(
  state: DispatchState,
  before: ReadonlyMap<string, EngineerDay>,
  plan: PlanAfter,
  notes: SaidReason[],
): void {
  const was = placements(before);
  for (let round = 0; round < 50; round++) {
    let withdrawn = 0;
    for (const [id, day] of plan.days) {
      const changed = new Set<string>();
      for (const s of day.stops) {
        const b = was.get(s.order.id);
        if (!b || b.engineerId !== id || b.stop.start !== s.start) changed.add(s.order.id);
      }
      if (changed.size === 0) continue;
      const problems = checkDay(state, day, changed);
      if (problems.length === 0) continue;
      const bad = new Set(problems.map((p) => p.orderId));
      for (const p of problems) {
        // The problem's data leaves its order out; its words lead with it.
        const stop = day.stops.find((s) => s.order.id === p.orderId);
        const why =
          stop && p.say ? say(state.words, 'orderRefused', { order: state.words.order(stop.order), why: p.say }) : p;
        notes.push(say(state.words, 'withdrawnByCheck', { why }));
      }
      plan.days.set(
        id,
        withStops(
          day,
          day.stops.filter((s) => !bad.has(s.order.id)),
        ),
      );
      for (const s of day.stops) if (bad.has(s.order.id)) plan.queue.push(s.order);
      withdrawn += bad.size;
    }
    if (withdrawn === 0) return;
  }
}

/** Search figures a proposal reports. */
export interface SearchFacts {
  seed: number;
  iterations: number;
  elapsedMs: number;
  stoppedBy: Proposal['search']['stoppedBy'];
}

/**
 * Turns a plan for the engineers in scope into a proposal: the moves that lead there (each with its reason and the
 * moves it depends on), the orders left in the queue with why, and the KPIs before and after.
 */
export function proposalFrom(
  state: DispatchState,
  kind: Proposal['kind'],
  scope: readonly EngineerDay[],
  queuedBefore: readonly WorkOrder[],
  plan: PlanAfter,
  vehicles: readonly EngineerDay[],
  notes: SaidReason[],
  search: SearchFacts,
): Proposal {
  const before = new Map(scope.map((d) => [d.engineer.id, d]));
  enforceRules(state, before, plan, notes);
  const was = placements(before);
  const now = placements(plan.days);
  const moves: ProposalMove[] = [];
  const consider = new Map<string, WorkOrder>();
  for (const o of queuedBefore) consider.set(o.id, o);
  for (const day of scope) for (const s of day.stops) consider.set(s.order.id, s.order);
  for (const order of consider.values()) {
    const a = was.get(order.id);
    const b = now.get(order.id);
    if (a && b && a.engineerId === b.engineerId && Math.abs(a.stop.start - b.stop.start) < 1e-9) continue;
    if (!a && !b) continue;
    moves.push({
      kind: !a ? 'assign' : !b ? 'unassign' : 'move',
      orderId: order.id,
      code: order.code,
      priority: order.priority,
      from: a ? { engineerId: a.engineerId, start: order.booking?.start ?? toMs(state, a.stop.start) } : null,
      to: b ? { engineerId: b.engineerId, start: toMs(state, b.stop.start), end: toMs(state, b.stop.end) } : null,
      base: { version: order.version, rev: order.rev },
      reason: '',
      dependsOn: [],
    });
  }
  moves.sort((x, y) => (x.to?.start ?? Infinity) - (y.to?.start ?? Infinity) || (x.orderId < y.orderId ? -1 : 1));
  const change: PlanChange = { before, after: plan.days, moves, vehicles };
  for (const m of moves) {
    const why = reasonForMove(state, change, m);
    m.reason = why.text;
    m.say = why.say;
  }
  linkDependencies(state, moves);

  const unassigned: LeftInQueue[] = plan.queue.map((o) => {
    const why = reasonForQueued(state, o, plan.days, vehicles);
    return { orderId: o.id, code: o.code, priority: o.priority, reason: why.text, say: why.say };
  });
  const b = planKpis(state, scope, queuedBefore);
  const a = planKpis(state, plan.days.values(), plan.queue);
  return {
    kind,
    createdAt: state.now,
    moves,
    unassigned,
    kpis: { before: b.kpis, after: a.kpis, delta: kpiDelta(b.kpis, a.kpis) },
    cost: { before: b.cost, after: a.cost },
    notes: distinctNotes([
      say(state.words, 'travelTimes', { why: state.travel.sourceSaid }),
      ...state.travel.notes(),
      ...notes,
    ]),
    search,
  };
}
