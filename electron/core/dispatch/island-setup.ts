// The setup of one search thread and its check at the thread's door (see island-protocol.ts for why not zod).
import type { CompiledModel } from '../../../shared/dispatch/solver/compile.js';
import type { RoutePlan } from '../../../shared/dispatch/solver/model.js';
import type { SearchTuning } from '../../../shared/dispatch/solver/search.js';
import { BUDGET_CLOCKS, type BudgetClock } from './search-clock.js';

export interface IslandSetup {
  readonly index: number;
  readonly seed: number;
  readonly maxIterations?: number;
  readonly timeLimitMs?: number;
  /** Date.now() when the command started: a wall-clock budget counts from there, thread start-up included. */
  readonly startedAt: number;
  readonly clock: BudgetClock;
  readonly exchangeIntervalMs: number;
  readonly initial?: readonly RoutePlan[];
  readonly tuning?: Partial<SearchTuning>;
  readonly board: SharedArrayBuffer;
  readonly stop: SharedArrayBuffer;
  readonly model: CompiledModel;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);

/** The setup, or an error naming the first field that is wrong. */
export function checkIslandSetup(data: unknown): IslandSetup {
  const bad = (field: string, expected: string): never => {
    throw new Error(`bad setup: ${field}: expected ${expected}`);
  };
  if (!isObject(data)) return bad('(root)', 'an object');
  const d = data;
  if (!isInt(d.index) || d.index < 0) bad('index', 'a whole number ≥ 0');
  if (!isInt(d.seed)) bad('seed', 'a whole number');
  if (d.maxIterations !== undefined && (!isInt(d.maxIterations) || d.maxIterations < 0))
    bad('maxIterations', 'a whole number ≥ 0');
  if (d.timeLimitMs !== undefined && !(typeof d.timeLimitMs === 'number' && d.timeLimitMs > 0))
    bad('timeLimitMs', 'a positive number');
  if (typeof d.startedAt !== 'number' || !Number.isFinite(d.startedAt)) bad('startedAt', 'a time');
  if (!BUDGET_CLOCKS.some((c) => c === d.clock)) bad('clock', BUDGET_CLOCKS.join(' or '));
  if (!(typeof d.exchangeIntervalMs === 'number' && d.exchangeIntervalMs > 0))
    bad('exchangeIntervalMs', 'a positive number');
  if (
    d.initial !== undefined &&
    !(
      Array.isArray(d.initial) &&
      d.initial.every((r) => isObject(r) && isInt(r.vehicle) && Array.isArray(r.jobs) && r.jobs.every(isInt))
    )
  )
    bad('initial', 'routes of whole numbers');
  if (d.tuning !== undefined && !isObject(d.tuning)) bad('tuning', 'an object');
  if (!(d.board instanceof SharedArrayBuffer)) bad('board', 'a SharedArrayBuffer');
  if (!(d.stop instanceof SharedArrayBuffer)) bad('stop', 'a SharedArrayBuffer');
  if (!isObject(d.model) || !isInt(d.model.nJobs) || !isInt(d.model.nVehicles)) bad('model', 'a compiled model');
  return data as unknown as IslandSetup;
}
