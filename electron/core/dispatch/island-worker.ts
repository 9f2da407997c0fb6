// One search of the island model, in its own worker thread: solves the model with its own seed, offering its best
// plan to the shared board and taking better ones from it, and answers with its best plan and that plan's score.
import { parentPort, workerData } from 'node:worker_threads';
import { boardExchange } from '../../../shared/dispatch/solver/island.js';
import { Plan } from '../../../shared/dispatch/solver/plan.js';
import { newScore, scorePlan } from '../../../shared/dispatch/solver/priority.js';
import { solve } from '../../../shared/dispatch/solver/solve.js';
import type { FromIsland } from './island-protocol.js';
import { checkIslandSetup } from './island-setup.js';
import { budgetClock } from './search-clock.js';

const port = parentPort;
if (!port) throw new Error('the search worker must run in a worker thread');
const post = (msg: FromIsland) => port.postMessage(msg);

try {
  const setup = checkIslandSetup(workerData);
  const cm = setup.model;
  const stop = new Int32Array(setup.stop);
  let timeLimitMs = setup.timeLimitMs;
  // A wall-clock budget started when the command did; a CPU budget is this thread's own.
  if (timeLimitMs !== undefined && setup.clock === 'wall') {
    timeLimitMs = Math.max(1, timeLimitMs - (Date.now() - setup.startedAt));
  }
  const result = solve(cm, {
    seed: setup.seed,
    clock: budgetClock(setup.clock),
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    exchange: boardExchange(cm, setup.board, setup.index, setup.exchangeIntervalMs),
    ...(setup.maxIterations !== undefined ? { maxIterations: setup.maxIterations } : {}),
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
    ...(setup.initial ? { initial: setup.initial } : {}),
    ...(setup.tuning ? { tuning: setup.tuning } : {}),
  });
  const plan = new Plan(cm);
  const routes = Array.from({ length: cm.nVehicles }, () => new Int32Array(0));
  for (const r of result.routes) routes[r.vehicle] = Int32Array.from(r.jobs);
  plan.restore({ routes, unassigned: result.unassigned.map((u) => u.job) });
  post({ type: 'done', score: [...scorePlan(cm, plan, newScore(cm))], result });
} catch (e) {
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
