// npm run bench:cores — one worker against several (the island model of dispatch-solve --workers) at the same
// wall-clock budget, on Solomon instances (average gap to the best known distance, every solution checked by the
// independent validator) and on an overloaded field-service day from the scenario generator (unassigned priority
// per class). Worker start-up counts against the budget, as it does for the command. The machine's load average is
// printed before and after: on a shared machine the figures move with it.
//   npm run bench:cores -- --only C101,R101,RC101,R201 --time-limit 10 --workers 1,2 --field 100x1000 --seed 1
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PRIORITIES, type Priority } from '../../shared/domain/index.js';
import { buildModel } from '../../shared/dispatch/model.js';
import { defaultDispatchPolicy } from '../../shared/dispatch/policy.js';
import { warmStart } from '../../shared/dispatch/search-budget.js';
import {
  compileModel,
  solve,
  type CompiledModel,
  type RoutePlan,
  type SolveResult,
} from '../../shared/dispatch/solver/index.js';
import { buildDispatchState } from '../../shared/dispatch/state.js';
import { modelToVroomSolution, vroomToModel } from '../../shared/dispatch/vroom/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import { solveOnIslands } from '../../electron/core/dispatch/islands.js';
import { budgetClock } from '../../electron/core/dispatch/search-clock.js';
import { readBks, readSolomon, SOLOMON_DIR, solomonToVroom } from './vrptw/solomon.js';
import { validateSolomon } from './vrptw/validate.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'C101,R101,R201,RC101,RC201' },
    'time-limit': { type: 'string', default: '10' },
    workers: { type: 'string', default: '1,2' },
    field: { type: 'string', default: '100x1000' },
    objective: { type: 'string', default: 'priority-first' },
    seed: { type: 'string', default: '1' },
    clock: { type: 'string', default: 'wall' },
  },
});
const budgetMs = Number(values['time-limit']) * 1000;
const seed = Number(values.seed);
const counts = values.workers.split(',').map(Number);
// wall: the same wall-clock budget for all; cpu: each search thread gets the budget in CPU time of its own, which shows
// what a second core would bring where it is free (on a shared machine, threads of one process may share one
// scheduling group's time, and then a second thread adds no CPU time in wall-clock terms).
const clockKind = values.clock === 'cpu' ? 'cpu' : 'wall';
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** One solve at the wall-clock budget: in this thread for one worker, else on worker threads. */
async function solveWith(cm: CompiledModel, workers: number, initial?: RoutePlan[]): Promise<SolveResult> {
  const startedAt = Date.now();
  const warm = initial ? { initial } : {};
  if (workers === 1) return solve(cm, { seed, timeLimitMs: budgetMs, clock: budgetClock(clockKind), ...warm });
  return solveOnIslands(cm, { workers, seed, timeLimitMs: budgetMs, clock: clockKind, startedAt, ...warm });
}

async function benchSolomon(): Promise<Record<number, number>> {
  const names = values.only.split(',').filter(Boolean);
  const bks = readBks(readFileSync(join(SOLOMON_DIR, 'bks_distance_only.csv'), 'utf8'));
  const gaps: Record<number, number[]> = {};
  console.log(`instance ${counts.map((w) => `${w} worker gap %`.padStart(16)).join('')}   iterations`);
  for (const name of names) {
    const instance = readSolomon(name);
    const vm = vroomToModel(solomonToVroom(instance));
    const cm = compileModel(vm.model);
    const row: string[] = [];
    const its: number[] = [];
    for (const w of counts) {
      const result = await solveWith(cm, w);
      const check = validateSolomon(instance, modelToVroomSolution(vm, result));
      if (check.errors.length > 0) throw new Error(`${name}, ${w} workers: infeasible: ${check.errors[0]}`);
      const best = bks.get(name)!.distance;
      const gap = (100 * (check.distance - best)) / best;
      (gaps[w] ??= []).push(gap);
      row.push(gap.toFixed(2).padStart(16));
      its.push(result.iterations);
    }
    console.log(`${name.padEnd(9)}${row.join('')}   ${its.join(' / ')}`);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const avg = Object.fromEntries(counts.map((w) => [w, mean(gaps[w]!)]));
  console.log(`average  ${counts.map((w) => avg[w]!.toFixed(3).padStart(16)).join('')}`);
  return avg;
}

async function benchField(): Promise<Record<number, unknown>> {
  const [engineers, orderCount] = values.field.split('x').map(Number) as [number, number];
  const MIN = 60_000;
  const city = generateScenario({ seed: 7, engineers, orders: orderCount });
  const now = city.meta.dayStart + 13 * 60 * MIN;
  // As bench:priority: every order queued and planned from 13:00, so the day cannot all be done.
  const orders = city.orders.map((o) => ({
    ...o,
    status: 'new' as const,
    booking: null,
    createdAt: Math.min(o.createdAt, now - MIN),
    updatedAt: Math.min(o.updatedAt, now - MIN),
  }));
  const state = buildDispatchState({
    now,
    day: { start: city.meta.dayStart, end: city.meta.dayStart + 24 * 60 * MIN },
    engineers: city.engineers,
    orders,
    policy: defaultDispatchPolicy(),
    timeZone: city.meta.timeZone,
    skills: city.skills,
    parts: city.parts,
  });
  const objective = values.objective === 'weighted' ? 'weighted' : 'priority-first';
  const dm = buildModel(state, {}, objective);
  const cm = compileModel(dm.model);
  console.log(`\nfield day ${engineers}×${orderCount} (${cm.nVehicles} working, ${cm.nJobs} jobs), ${objective}`);
  const out: Record<number, unknown> = {};
  for (const w of counts) {
    const result = await solveWith(cm, w, warmStart(cm, dm));
    const left = Object.fromEntries(PRIORITIES.map((p) => [p, { count: 0, penalty: 0 }])) as Record<
      Priority,
      { count: number; penalty: number }
    >;
    for (const u of result.unassigned) {
      const job = dm.jobs[u.job]!;
      if (job.fixed) continue;
      left[job.order.priority].count += 1;
      left[job.order.priority].penalty += cm.penalty[u.job]!;
    }
    const penalty = PRIORITIES.reduce((n, p) => n + left[p].penalty, 0);
    console.log(
      `${w} worker${w > 1 ? 's' : ' '} ${String(result.iterations).padStart(7)} it  left ` +
        `${PRIORITIES.map((p) => `${p} ${left[p].count}`).join(' ')}  unassigned priority ${penalty}  ` +
        `travel ${Math.round(result.cost.duration)} min`,
    );
    out[w] = { iterations: result.iterations, unassigned: left, unassignedPenalty: penalty };
  }
  return out;
}

console.log(
  `bench:cores — ${values['time-limit']} s ${clockKind === 'wall' ? 'wall-clock' : 'CPU time per search thread'} each, workers ${values.workers}, seed ${seed}; load average ${load()}`,
);
const solomon = values.only === '' ? {} : await benchSolomon();
const field = values.field === '' ? {} : await benchField();
console.log(`load average after: ${load()}`);
console.log(
  JSON.stringify({ bench: 'cores', budgetS: budgetMs / 1000, clock: clockKind, solomonAvgGapPct: solomon, field }),
);
