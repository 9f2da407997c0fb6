// npm run bench:priority — the two objectives side by side on an overloaded field-service day built by the
// project's scenario generator (default 200 engineers × 2,000 orders, every order known at 07:00 and the day's
// work compressed into the afternoon so that it cannot all be done).
// Both modes get the same budget in search iterations (the iteration count the console derives from a 10 s budget
// for this model, and three times that), so the figures do not depend on how loaded the machine is; wall and CPU
// times are printed alongside. Per priority class: orders left in the queue and their unassigned penalty, and the
// P1/P2 orders left while a P4 is served by an engineer who could have taken the P1/P2 in its place.
//   ENGINEERS=200 ORDERS=2000 FROM=13:00 SEED=1 ITERATIONS=<n> MODES=weighted,priority-first npm run bench:priority
import { PRIORITIES } from '../../shared/domain/index.js';
import { buildModel } from '../../shared/dispatch/model.js';
import { iterationsFor, warmStart } from '../../shared/dispatch/search-budget.js';
import { compileModel, solve, type ObjectiveMode } from '../../shared/dispatch/solver/index.js';
import { cpuMs, leftByPriority, overloadedFieldDay, queueByPriority, swappableForP4 } from './field-day.js';

const engineers = Number(process.env.ENGINEERS ?? 200);
const orderCount = Number(process.env.ORDERS ?? 2000);
const seed = Number(process.env.SEED ?? 1);
const state = overloadedFieldDay({ engineers, orders: orderCount, from: process.env.FROM ?? '13:00' });

function run(objective: ObjectiveMode, iterations: number) {
  const dm = buildModel(state, {}, objective);
  const c0 = cpuMs();
  const w0 = performance.now();
  const cm = compileModel(dm.model);
  const result = solve(cm, { seed, maxIterations: iterations, initial: warmStart(cm, dm) });
  const wallMs = Math.round(performance.now() - w0);
  const cpu = Math.round(cpuMs() - c0);
  const left = leftByPriority(cm, dm, result.unassigned);
  const out = {
    objective,
    iterations: result.iterations,
    wallMs,
    cpuMs: cpu,
    travelMin: Math.round(result.cost.duration),
    unassigned: left,
    unassignedCount: PRIORITIES.reduce((n, p) => n + left[p].count, 0),
    unassignedPenalty: PRIORITIES.reduce((n, p) => n + left[p].penalty, 0),
    p1p2SwappableForAP4: swappableForP4(cm, dm, result),
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
  `field day: ${engineers} engineers, ${state.queue.length} queued orders (${queueByPriority(state)}), ` +
    `planned from ${process.env.FROM ?? '13:00'}; ${probe.nVehicles} engineers working, ${probe.nJobs} jobs; ` +
    `${base} iterations = the console's 10 s budget for this model (seed ${seed})`,
);
const modes = (process.env.MODES ?? 'weighted,priority-first').split(',') as ObjectiveMode[];
const results = [1, 3].flatMap((times) => modes.map((mode) => run(mode, times * base)));
console.log(JSON.stringify({ bench: 'priority', engineers, orders: orderCount, seed, results }));
