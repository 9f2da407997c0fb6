import type { EpochMs, Priority, WorkOrder } from '../domain/index.js';
import type { DayProblem } from './check.js';
import { checkDay } from './check.js';
import type { PlanKpis } from './kpis.js';
import type { Reason, SaidReason } from './reasons.js';
import type { PlanMove } from '../sync/mutations/booking.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin, withStops } from './state.js';

/** One change a proposal makes to the plan, with the reason in one line. */
export interface ProposalMove {
  kind: 'assign' | 'move' | 'unassign';
  orderId: string;
  code: string;
  priority: Priority;
  from: { engineerId: string; start: EpochMs } | null;
  to: { engineerId: string; start: EpochMs; end: EpochMs } | null;
  /** The order version the move was planned from; the server rejects it if the order changed since. */
  base: { version: number; rev: string };
  reason: string;
  /** The reason as data, for the console to word in its language. */
  say?: Reason[] | undefined;
  /** Orders whose moves must be accepted with this one (they free its slot, van stock or route). */
  dependsOn: string[];
}

/** An order the proposal leaves in the queue, and why. */
export interface LeftInQueue {
  orderId: string;
  code: string;
  priority: Priority;
  reason: string;
  /** The reason as data, for the console to word in its language. */
  say?: Reason[] | undefined;
}

/** What the engine proposes: moves the dispatcher accepts whole or in part, and what they do to the KPIs. */
export interface Proposal {
  kind: 'auto-dispatch' | 'resequence' | 'emergency';
  /** When it was computed (the state's now). */
  createdAt: EpochMs;
  moves: ProposalMove[];
  unassigned: LeftInQueue[];
  kpis: { before: PlanKpis; after: PlanKpis; delta: PlanKpis };
  /** Plan cost under the policy before and after (lower is better). */
  cost: { before: number; after: number };
  /** Travel source and anything else the dispatcher should know: as data, and in English. */
  notes: SaidReason[];
  /** Open orders in scope whose appointment is on another day: planned on that day, neither moved nor left here. */
  otherDays?: number | undefined;
  search: {
    seed: number;
    iterations: number;
    /** Wall time the run took; it varies from run to run, the plan does not (iterations come from the budget). */
    elapsedMs: number;
    stoppedBy: 'budget' | 'cancelled' | 'complete' | 'time cap';
  };
}

/** One move as the sync server's `applyPlan` mutation takes it. */
export type { PlanMove } from '../sync/mutations/booking.js';

function stopFor(state: DispatchState, order: WorkOrder, start: EpochMs): Stop {
  const s = toMin(state, start);
  const loc = state.siteLoc.get(order.id) ?? state.locations.index(order.site);
  return { order, loc, start: s, end: s + order.durationMin, fixed: null };
}

/** The engineer days the given moves touch, as they would be with only those moves applied. */
export function applyMoves(state: DispatchState, moves: readonly ProposalMove[]): Map<string, EngineerDay> {
  const stops = new Map<string, Stop[]>();
  const touched = (id: string): Stop[] | undefined => {
    let list = stops.get(id);
    if (!list) {
      const day = state.engineerById.get(id);
      if (!day) return undefined;
      list = [...day.stops];
      stops.set(id, list);
    }
    return list;
  };
  for (const m of moves) {
    if (m.from) {
      const list = touched(m.from.engineerId);
      const i = list?.findIndex((s) => s.order.id === m.orderId) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
    }
  }
  for (const m of moves) {
    const order = state.orders.get(m.orderId);
    if (m.to && order) touched(m.to.engineerId)?.push(stopFor(state, order, m.to.start));
  }
  const out = new Map<string, EngineerDay>();
  for (const [id, list] of stops) out.set(id, withStops(state.engineerById.get(id) as EngineerDay, list));
  return out;
}

/** The hard-rule problems the moves cause when applied on their own on top of the current plan. */
export function problemsOf(state: DispatchState, moves: readonly ProposalMove[]): DayProblem[] {
  const changed = new Set(moves.map((m) => m.orderId));
  const out: DayProblem[] = [];
  for (const day of applyMoves(state, moves).values()) out.push(...checkDay(state, day, changed));
  return out;
}

/**
 * Fills in `dependsOn` for every move: a move that breaks a rule on its own (its slot is still taken, the van stock
 * is still promised, the drive to the next job no longer fits) depends on the moves on the same engineers that make
 * it valid, found by widening to the moves touching those engineers until the rules hold.
 */
export function linkDependencies(state: DispatchState, moves: ProposalMove[]): void {
  const byEngineer = new Map<string, ProposalMove[]>();
  for (const m of moves)
    for (const id of engineersOf(m)) {
      const list = byEngineer.get(id);
      if (list) list.push(m);
      else byEngineer.set(id, [m]);
    }
  for (const m of moves) {
    const group = new Set<ProposalMove>([m]);
    let frontier = engineersOf(m);
    const seen = new Set<string>();
    while (problemsOf(state, [...group]).length > 0 && frontier.length > 0) {
      const next: string[] = [];
      for (const id of frontier) {
        if (seen.has(id)) continue;
        seen.add(id);
        for (const other of byEngineer.get(id) ?? []) {
          if (group.has(other)) continue;
          group.add(other);
          next.push(...engineersOf(other));
        }
      }
      frontier = next;
    }
    // Widening takes whole engineers' days; keep only the moves this one really needs.
    if (group.size > 1 && problemsOf(state, [...group]).length === 0) {
      for (const other of [...group].reverse()) {
        if (other === m) continue;
        group.delete(other);
        if (problemsOf(state, [...group]).length > 0) group.add(other);
      }
    }
    m.dependsOn = [...group].filter((x) => x !== m).map((x) => x.orderId);
  }
}

function engineersOf(m: ProposalMove): string[] {
  const ids: string[] = [];
  if (m.from) ids.push(m.from.engineerId);
  if (m.to && m.to.engineerId !== m.from?.engineerId) ids.push(m.to.engineerId);
  return ids;
}

/**
 * The other moves of a proposal that the chosen ones need with them: what they depend on (a move that frees the slot,
 * van stock or route), and, when moves each valid with their dependencies still clash together, the other moves on the
 * engineers concerned until the rules hold (the whole proposal always does). `needing` names the chosen orders that
 * cannot go without them. Both empty when the chosen moves hold on their own.
 */
export function neededWith(
  state: DispatchState,
  proposal: Pick<Proposal, 'moves'>,
  orderIds: Iterable<string>,
): { needs: string[]; needing: string[] } {
  const byOrder = new Map(proposal.moves.map((m) => [m.orderId, m]));
  const chosen = new Set<string>();
  const wanted = new Set<string>();
  const visit = (id: string) => {
    if (chosen.has(id) || !byOrder.has(id)) return;
    chosen.add(id);
    for (const dep of byOrder.get(id)?.dependsOn ?? []) visit(dep);
  };
  for (const id of orderIds) {
    if (!byOrder.has(id)) throw new Error(`order ${id} is not part of this proposal`);
    wanted.add(id);
    visit(id);
  }
  const picked = proposal.moves.filter((m) => wanted.has(m.orderId));
  const alone = problemsOf(state, picked);
  if (alone.length === 0) return { needs: [], needing: [] };
  let selected = proposal.moves.filter((m) => chosen.has(m.orderId));
  let problems = problemsOf(state, selected);
  while (problems.length > 0) {
    const engineers = new Set(problems.map((p) => p.engineerId));
    const before = selected.length;
    for (const m of proposal.moves)
      if (!chosen.has(m.orderId) && engineersOf(m).some((id) => engineers.has(id))) chosen.add(m.orderId);
    selected = proposal.moves.filter((m) => chosen.has(m.orderId));
    if (selected.length === before) break;
    problems = problemsOf(state, selected);
  }
  // No other move of the proposal makes the chosen ones fit (the day has moved on since it was made: a slot now inside
  // the frozen horizon, a booking changed meanwhile): naming others would only lead the dispatcher round in circles;
  // accepting says why the plan no longer fits.
  if (problems.length > 0) return { needs: [], needing: [] };
  const needs = selected.filter((m) => !wanted.has(m.orderId)).map((m) => m.orderId);
  const needSet = new Set(needs);
  const troubled = new Set(alone.map((p) => p.engineerId));
  const needing = picked
    .filter(
      (m) =>
        m.dependsOn.some((d) => needSet.has(d)) ||
        alone.some((p) => p.orderId === m.orderId) ||
        engineersOf(m).some((id) => troubled.has(id)),
    )
    .map((m) => m.orderId);
  return { needs, needing: needing.length > 0 ? needing : picked.map((m) => m.orderId) };
}

/**
 * The moves to send when the dispatcher accepts some of a proposal: exactly the chosen ones, in an order that frees
 * slots before filling them; nothing else is taken in. When they break a rule without other moves of the proposal
 * (see neededWith), `problems` says what and `needs` names those moves, for the dispatcher to take as well or not.
 */
export function acceptMoves(
  state: DispatchState,
  proposal: Pick<Proposal, 'moves'>,
  orderIds: Iterable<string>,
  pin = false,
): { moves: PlanMove[]; needs: string[]; problems: DayProblem[] } {
  const ids = [...orderIds];
  const wanted = new Set(ids);
  for (const id of wanted)
    if (!proposal.moves.some((m) => m.orderId === id)) throw new Error(`order ${id} is not part of this proposal`);
  const selected = proposal.moves.filter((m) => wanted.has(m.orderId));
  const rank = { unassign: 0, move: 1, assign: 2 } as const;
  selected.sort((a, b) => rank[a.kind] - rank[b.kind] || (a.orderId < b.orderId ? -1 : 1));
  const problems = problemsOf(state, selected);
  return {
    moves: selected.map((m) => toPlanMove(m, pin)),
    needs: problems.length > 0 ? neededWith(state, proposal, ids).needs : [],
    problems,
  };
}

/** A proposal move as `applyPlan` takes it. */
export function toPlanMove(m: ProposalMove, pin = false): PlanMove {
  return {
    orderId: m.orderId,
    base: { ...m.base },
    engineerId: m.to?.engineerId ?? null,
    start: m.to?.start ?? null,
    pinned: m.to ? pin : false,
  };
}
