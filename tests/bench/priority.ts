// npm run bench:priority — the two objectives side by side on an overloaded field-service day built by the
// project's scenario generator (default 200 engineers × 2,000 orders, every order known at 07:00 and the day's
// work compressed into the afternoon so that it cannot all be done).
// Both modes get the same budget in search iterations (the iteration count the console derives from a 10 s budget
// for this model, and three times that), so the figures do not depend on how loaded the machine is; wall and CPU
// times are printed alongside. Per priority class: orders left in the queue and their unassigned penalty, and the
// P1/P2 orders left while a P4 is served by an engineer who could have taken the P1/P2 in its place.
//   ENGINEERS=200 ORDERS=2000 FROM=13:00 SEED=1 ITERATIONS=<n> MODES=weighted,priority-first npm run bench:priority
import { PRIORITIES, type Priority } from '../../shared/domain/index.js';
import { buildModel, type DispatchModel } from '../../shared/dispatch/model.js';
import { defaultDispatchPolicy } from '../../shared/dispatch/policy.js';
import { iterationsFor, warmStart } from '../../shared/dispatch/search-budget.js';
import {
  compileModel,
  evaluateRoute,
  solve,
  type CompiledModel,
  type ObjectiveMode,
  type SolveResult,
} from '../../shared/dispatch/solver/index.js';
import { buildDispatchState } from '../../shared/dispatch/state.js';
import { generateScenario } from '../../shared/scenario/index.js';

const MIN = 60_000;
const engineers = Number(process.env.ENGINEERS ?? 200);
const orderCount = Number(process.env.ORDERS ?? 2000);
const seed = Number(process.env.SEED ?? 1);
const [fromH, fromM] = (process.env.FROM ?? '13:00').split(':').map(Number) as [number, number];

const policy = defaultDispatchPolicy();
const city = generateScenario({ seed: 7, engineers, orders: orderCount });
const now = city.meta.dayStart + (fromH * 60 + fromM) * MIN;
// Every order known and queued; whatever was booked is planned again, so the whole day's work competes for the
// afternoon.
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
  policy,
  timeZone: city.meta.timeZone,
  skills: city.skills,
  parts: city.parts,
});

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** P1/P2 jobs left out while a vehicle serving a P4 could serve them in its place (at any position). */
function swappable(cm: CompiledModel, dm: DispatchModel, result: SolveResult): number {
  let count = 0;
  for (const u of result.unassigned) {
    const p = dm.jobs[u.job]!.order.priority;
    if (p !== 'P1' && p !== 'P2') continue;
    const found = result.routes.some((r) =>
      r.jobs.some((w, k) => {
        if (dm.jobs[w]!.order.priority !== 'P4' || dm.jobs[w]!.fixed || !cm.compat[u.job * cm.nVehicles + r.vehicle])
          return false;
        const rest = r.jobs.filter((_, q) => q !== k);
        for (let at = 0; at <= rest.length; at++) {
          if (evaluateRoute(cm, r.vehicle, [...rest.slice(0, at), u.job, ...rest.slice(at)]).feasible) return true;
        }
        return false;
      }),
    );
    if (found) count++;
  }
  return count;
}

function run(objective: ObjectiveMode, iterations: number) {
  const dm = buildModel(state, {}, objective);
  const c0 = cpuMs();
  const w0 = performance.now();
  const cm = compileModel(dm.model);
  const result = solve(cm, { seed, maxIterations: iterations, initial: warmStart(cm, dm) });
  const wallMs = Math.round(performance.now() - w0);
  const cpu = Math.round(cpuMs() - c0);
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
  const out = {
    objective,
    iterations: result.iterations,
    wallMs,
    cpuMs: cpu,
    travelMin: Math.round(result.cost.duration),
    unassigned: left,
    unassignedCount: PRIORITIES.reduce((n, p) => n + left[p].count, 0),
    unassignedPenalty: PRIORITIES.reduce((n, p) => n + left[p].penalty, 0),
    p1p2SwappableForAP4: swappable(cm, dm, result),
  };
  console.log(
    `${objective.padEnd(14)} ${String(result.iterations).padStart(6)} it  ${String(wallMs).padStart(6)} ms wall ${String(cpu).padStart(6)} ms CPU  ` +
      `left ${PRIORITIES.map((p) => `${p} ${left[p].count}`).join(' ')} (${out.unassignedCount}; penalty ${out.unassignedPenalty})  ` +
      `travel ${out.travelMin} min  P1/P2 left that could replace a served P4: ${out.p1p2SwappableForAP4}`,
  );
  return out;
}

const probe = compileModel(buildModel(state, {}).model);
const base = Number(process.env.ITERATIONS ?? iterationsFor(10_000, probe));
console.log(
  `field day: ${engineers} engineers, ${state.queue.length} queued orders (${PRIORITIES.map((p) => `${p} ${state.queue.filter((o) => o.priority === p).length}`).join(', ')}), ` +
    `planned from ${process.env.FROM ?? '13:00'}; ${probe.nVehicles} engineers working, ${probe.nJobs} jobs; ` +
    `${base} iterations = the console's 10 s budget for this model (seed ${seed})`,
);
const modes = (process.env.MODES ?? 'weighted,priority-first').split(',') as ObjectiveMode[];
const results = [1, 3].flatMap((times) => modes.map((mode) => run(mode, times * base)));
console.log(JSON.stringify({ bench: 'priority', engineers, orders: orderCount, seed, results }));
