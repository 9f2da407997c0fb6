// Messages between dispatch-solve and its search worker threads (the island model): zod-checked on both sides.
import { z } from 'zod';
import type { CompiledModel } from '../../../shared/dispatch/solver/compile.js';
import type { SearchTuning } from '../../../shared/dispatch/solver/search.js';
import type { SolveResult } from '../../../shared/dispatch/solver/solution.js';
import { BudgetClock } from './search-clock.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What one search worker is given: the compiled model, its seed and budget, and the shared board and stop flag. */
export const IslandSetup = z.object({
  index: z.number().int().min(0),
  seed: z.number().int(),
  maxIterations: z.number().int().min(0).optional(),
  timeLimitMs: z.number().positive().optional(),
  /** Date.now() when the command started: a wall-clock budget counts from there, thread start-up included. */
  startedAt: z.number(),
  clock: BudgetClock,
  exchangeIntervalMs: z.number().positive(),
  initial: z.array(z.object({ vehicle: z.number().int(), jobs: z.array(z.number().int()) })).optional(),
  tuning: z.custom<Partial<SearchTuning>>(isObject).optional(),
  board: z.instanceof(SharedArrayBuffer),
  stop: z.instanceof(SharedArrayBuffer),
  model: z.custom<CompiledModel>(
    (v) => isObject(v) && typeof v.nJobs === 'number' && typeof v.nVehicles === 'number',
    'a compiled model',
  ),
});
export type IslandSetup = z.infer<typeof IslandSetup>;

const Result = z.custom<SolveResult>(
  (v) =>
    isObject(v) &&
    Array.isArray(v.routes) &&
    Array.isArray(v.unassigned) &&
    isObject(v.cost) &&
    typeof v.iterations === 'number' &&
    typeof v.cancelled === 'boolean',
  'a solve result',
);

/** A search worker's answer: its best plan with its score, or why it failed. */
export const FromIsland = z.discriminatedUnion('type', [
  z.object({ type: z.literal('done'), score: z.array(z.number()), result: Result }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type FromIsland = z.infer<typeof FromIsland>;
