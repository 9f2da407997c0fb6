// npm run bench:fs — the engine's time-to-quality on overloaded field-service days (tests/bench/field-day.ts: the
// project's scenario generator, every order queued at --from, more work than the engineers' remaining shifts).
// For each size, objective and budget, one solve on one core with the process CPU clock (model compilation and the
// warm start count against the budget): travel, the orders left per priority class with their unassigned penalty,
// and the P1/P2 orders left while an engineer who could take one serves a P4. With --traced, one solve per size and
// objective for the largest budget, the smaller budgets read off the solver's new-best trace (cheaper, but it shows
// how far a long run has got, not what a short run reaches: see tests/bench/vrptw/curve.ts). Prints a table and one
// JSON line.
//   --sizes 40x400,100x1000,200x2000   engineers x orders
//   --budgets 1,10,60                  CPU seconds
//   --objectives weighted,priority-first
//   --traced                           one traced solve instead of one per budget
//   --from 13:00, --seed 1
//   --tuning '{"priorityRuin":0.25}'   search knobs, for experiments
import { parseArgs } from 'node:util';
import { PRIORITIES } from '../../shared/domain/index.js';
import { buildModel, type DispatchModel } from '../../shared/dispatch/model.js';
import { warmStart } from '../../shared/dispatch/search-budget.js';
import {
  compileModel,
  solve,
  type CompiledModel,
  type ObjectiveMode,
  type SolveImprovement,
  type SolveResult,
} from '../../shared/dispatch/solver/index.js';
import { DEFAULT_TUNING, type SearchTuning } from '../../shared/dispatch/solver/search.js';
import type { DispatchState } from '../../shared/dispatch/state.js';
import {
  cpuMs,
  leftByPriority,
  overloadedFieldDay,
  queueByPriority,
  swappableForP4,
  type LeftByPriority,
} from './field-day.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '40x400,100x1000,200x2000' },
    budgets: { type: 'string', default: '1,10,60' },
    objectives: { type: 'string', default: 'weighted,priority-first' },
    traced: { type: 'boolean', default: false },
    from: { type: 'string', default: '13:00' },
    seed: { type: 'string', default: '1' },
    tuning: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const sizes = values.sizes.split(',').map((s) => {
  const m = /^(\d+)x(\d+)$/.exec(s.trim());
  if (!m) fail(`--sizes: engineers x orders expected (e.g. 40x400), got ${s}`);
  return { engineers: Number(m[1]), orders: Number(m[2]) };
});
const budgets = [...new Set(values.budgets.split(',').map(Number))].sort((a, b) => a - b);
if (budgets.length === 0 || budgets.some((b) => !(b > 0))) fail(`--budgets: positive CPU seconds expected`);
const objectives = values.objectives.split(',') as ObjectiveMode[];
for (const o of objectives) if (o !== 'weighted' && o !== 'priority-first') fail(`--objectives: unknown ${o}`);
const seed = Number(values.seed);
const tuning = parseTuning(values.tuning);

function parseTuning(text: string | undefined): Partial<SearchTuning> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    fail(`--tuning: not JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('--tuning: a JSON object expected');
  const known = Object.keys(DEFAULT_TUNING);
  for (const [key, value] of Object.entries(parsed)) {
    if (!known.includes(key)) fail(`--tuning: unknown knob ${key} (known: ${known.join(', ')})`);
    if (typeof value !== typeof DEFAULT_TUNING[key as keyof SearchTuning]) fail(`--tuning: ${key} has the wrong type`);
  }
  return parsed as Partial<SearchTuning>;
}

/** One row: a size, an objective, a budget. */
interface Row {
  engineers: number;
  orders: number;
  objective: ObjectiveMode;
  budgetS: number;
  /** CPU seconds into the solve when this plan was found (the whole solve for the returned plan); null: no plan. */
  foundAtS: number | null;
  iterations: number;
  travelMin: number | null;
  unassignedCount: number | null;
  unassignedPenalty: number | null;
  unassigned: LeftByPriority | null;
  p1p2SwappableForAP4: number | null;
}

/** Service hours queued against shift hours left (fixed jobs count as planned work). */
function loadRatio(cm: CompiledModel): { workH: number; shiftH: number } {
  let work = 0;
  let shift = 0;
  for (let j = 0; j < cm.nJobs; j++) work += cm.jobService[j]!;
  for (let v = 0; v < cm.nVehicles; v++) shift += Math.max(0, cm.vShiftEnd[v]! - cm.vStart[v]!);
  return { workH: work / 60, shiftH: shift / 60 };
}

function rowOf(
  base: Pick<Row, 'engineers' | 'orders' | 'objective' | 'budgetS'>,
  cm: CompiledModel,
  dm: DispatchModel,
  plan: Pick<SolveResult, 'routes' | 'unassigned' | 'cost'> | null,
  foundAtMs: number,
  iterations: number,
): Row {
  if (!plan) {
    return {
      ...base,
      foundAtS: null,
      iterations,
      travelMin: null,
      unassignedCount: null,
      unassignedPenalty: null,
      unassigned: null,
      p1p2SwappableForAP4: null,
    };
  }
  const left = leftByPriority(cm, dm, plan.unassigned);
  return {
    ...base,
    foundAtS: Number((foundAtMs / 1000).toFixed(2)),
    iterations,
    travelMin: Math.round(plan.cost.duration),
    unassignedCount: PRIORITIES.reduce((n, p) => n + left[p].count, 0),
    unassignedPenalty: PRIORITIES.reduce((n, p) => n + left[p].penalty, 0),
    unassigned: left,
    p1p2SwappableForAP4: swappableForP4(cm, dm, plan),
  };
}

/** Solves once for the largest of `runBudgets` and returns a row per budget. */
function runOnce(
  state: DispatchState,
  size: { engineers: number; orders: number },
  objective: ObjectiveMode,
  runBudgets: number[],
): Row[] {
  const c0 = cpuMs();
  const dm = buildModel(state, {}, objective);
  const cm = compileModel(dm.model);
  const initial = warmStart(cm, dm);
  const setupMs = cpuMs() - c0;
  const limitMs = Math.max(...runBudgets) * 1000;
  const trace: SolveImprovement[] = [];
  const result = solve(cm, {
    seed,
    timeLimitMs: Math.max(0, limitMs - setupMs),
    clock: cpuMs,
    initial,
    ...(tuning ? { tuning } : {}),
    onImproved: (imp) => trace.push(imp),
  });
  const totalMs = cpuMs() - c0;
  return runBudgets.map((budgetS) => {
    const base = { ...size, objective, budgetS };
    if (budgetS * 1000 >= limitMs) return rowOf(base, cm, dm, result, totalMs, result.iterations);
    const last = trace.filter((t) => setupMs + t.elapsedMs <= budgetS * 1000).at(-1);
    return last
      ? rowOf(base, cm, dm, last.describe(), setupMs + last.elapsedMs, last.iterations)
      : rowOf(base, cm, dm, null, 0, 0);
  });
}

const pad = (s: string | number | null, n: number): string => String(s ?? '—').padStart(n);
console.log(
  `field-service bench: budgets ${budgets.join(', ')} s of process CPU time (model compilation included), ` +
    `${values.traced ? 'one solve per size and objective traced at each budget' : 'one solve per budget'}, ` +
    `orders queued at ${values.from}, seed ${seed}` +
    (values.tuning ? `, tuning ${values.tuning}` : ''),
);
const rows: Row[] = [];
for (const size of sizes) {
  const state = overloadedFieldDay({ ...size, from: values.from });
  const probe = compileModel(buildModel(state, {}).model);
  const load = loadRatio(probe);
  console.log(
    `\n${size.engineers} engineers × ${size.orders} orders: ${probe.nVehicles} engineers working, ${probe.nJobs} jobs ` +
      `(${queueByPriority(state)}); ${load.workH.toFixed(0)} h of service against ${load.shiftH.toFixed(0)} h of shift left`,
  );
  console.log(
    `${'objective'.padEnd(15)}${pad('budget', 7)}${pad('found', 7)}${pad('iters', 8)}${pad('travel', 8)}${pad('left', 6)}` +
      `${PRIORITIES.map((p) => pad(`${p} n/pen`, 13)).join('')}${pad('penalty', 9)}${pad('P1/P2>P4', 10)}`,
  );
  for (const objective of objectives) {
    const out = values.traced
      ? runOnce(state, size, objective, budgets)
      : budgets.flatMap((b) => runOnce(state, size, objective, [b]));
    for (const r of out) {
      const cls = PRIORITIES.map((p) =>
        pad(r.unassigned ? `${r.unassigned[p].count}/${r.unassigned[p].penalty}` : null, 13),
      );
      console.log(
        `${objective.padEnd(15)}${pad(`${r.budgetS} s`, 7)}${pad(r.foundAtS, 7)}${pad(r.iterations, 8)}${pad(r.travelMin, 8)}` +
          `${pad(r.unassignedCount, 6)}${cls.join('')}${pad(r.unassignedPenalty, 9)}${pad(r.p1p2SwappableForAP4, 10)}`,
      );
      rows.push(r);
    }
  }
}
console.log(
  JSON.stringify({
    bench: 'fs',
    budgetsS: budgets,
    clock: 'process CPU time',
    runs: values.traced ? 'one per size and objective, traced' : 'one per budget',
    from: values.from,
    seed,
    ...(tuning ? { tuning } : {}),
    rows,
  }),
);
