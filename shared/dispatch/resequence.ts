import { buildModel, type DispatchScope } from './model.js';
import { planFromResult, proposalFrom } from './outcome.js';
import type { Proposal } from './proposal.js';
import { runSearch, type EngineHooks } from './search-budget.js';
import type { DispatchState } from './state.js';

/** How long re-sequencing searches, and with which seed. */
export interface ResequenceOptions {
  budgetMs?: number;
  seed?: number;
  hooks?: EngineHooks;
}

/** The scope re-sequencing plans in: one engineer, no queued orders, bookings kept. */
export function resequenceScope(engineerId: string): DispatchScope {
  return { engineerIds: [engineerId], orderIds: [], keepBooked: true };
}

/**
 * Re-orders one engineer's day for the least driving, lateness and overtime: pinned, frozen and under-way bookings
 * stay put, the others keep their engineer and change only their time. A booking that fits nowhere in the day any
 * more goes back to the queue, saying why.
 */
export function resequenceDay(engineerId: string, state: DispatchState, options: ResequenceOptions = {}): Proposal {
  const day = state.engineerById.get(engineerId);
  if (!day) throw new Error(`engineer ${engineerId} is not on this board`);
  const { budgetMs = 300, seed = 1, hooks = {} } = options;
  const clock = hooks.clock ?? Date.now;
  const started = clock();
  const dm = buildModel(state, resequenceScope(engineerId));
  const { result, iterations, stoppedBy } = runSearch(dm, budgetMs, seed, hooks);
  const plan = planFromResult(state, dm, result, [day]);
  return proposalFrom(state, 'resequence', [day], [], plan, dm.vehicles, [...dm.notes], {
    seed,
    iterations,
    elapsedMs: Math.round(clock() - started),
    stoppedBy,
  });
}
