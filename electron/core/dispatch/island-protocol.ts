// Messages between dispatch-solve and its search worker threads (the island model): zod-checked on both sides.
import { z } from 'zod';
import type { SolveResult } from '../../../shared/dispatch/solver/solution.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * What one search worker is given: the compiled model, its seed and budget, and the shared board and stop flag.
 * Checked in the thread by `checkIslandSetup` (island-setup.ts), without zod: loading zod would cost each search
 * thread half a second of its budget on a busy machine. Answers are checked here, with zod, on the main thread.
 */
export type { IslandSetup } from './island-setup.js';

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
