// Child process of the VRPTW benchmark: solves one Solomon instance through the VROOM interchange on one core,
// with the process's CPU time as the clock, and prints one JSON line. With --checkpoints 1,10,60 it runs once for
// the largest budget and also reports the best solution found by each earlier checkpoint (the solver's new-best
// trace), so a time-to-quality curve costs one run.
import { parseArgs } from 'node:util';
import type { SearchTuning } from '../../../shared/dispatch/solver/search.js';
import type { SolveImprovement } from '../../../shared/dispatch/solver/solution.js';
import { solve } from '../../../shared/dispatch/solver/solve.js';
import { modelToVroomSolution, vroomToModel } from '../../../shared/dispatch/vroom/index.js';
import { readSolomon, solomonToVroom } from './solomon.js';

const { values } = parseArgs({
  options: {
    instance: { type: 'string' },
    dir: { type: 'string' },
    'time-limit': { type: 'string', default: '10' },
    checkpoints: { type: 'string' },
    iterations: { type: 'string' },
    seed: { type: 'string', default: '1' },
    tuning: { type: 'string' },
  },
});

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const name = values.instance;
if (!name) throw new Error('--instance is required');
const checkpoints = values.checkpoints ? values.checkpoints.split(',').map(Number) : [];
if (checkpoints.some((s) => !(s > 0)))
  throw new Error(`--checkpoints: positive seconds expected, got ${values.checkpoints}`);
const timeLimitS = checkpoints.length > 0 ? Math.max(...checkpoints) : Number(values['time-limit']);
const instance = readSolomon(name, values.dir);
const problem = solomonToVroom(instance);
const started = cpuMs();
const vm = vroomToModel(problem);
const trace: SolveImprovement[] = [];
const result = solve(vm.model, {
  seed: Number(values.seed),
  timeLimitMs: timeLimitS * 1000,
  ...(values.iterations ? { maxIterations: Number(values.iterations) } : {}),
  clock: cpuMs,
  ...(values.tuning ? { tuning: JSON.parse(values.tuning) as Partial<SearchTuning> } : {}),
  ...(checkpoints.length > 0 ? { onImproved: (imp: SolveImprovement) => trace.push(imp) } : {}),
});
const solution = modelToVroomSolution(vm, result);
const spent = cpuMs() - started;
// The best plan at each checkpoint: the last new best found within it (null if the first plan came later).
const atCheckpoints = checkpoints.map((s) => {
  const last = trace.filter((t) => t.elapsedMs <= s * 1000).at(-1);
  if (!last) return { budgetS: s, solution: null };
  const described = { ...last.describe(), iterations: last.iterations, cancelled: false };
  return {
    budgetS: s,
    foundAtMs: last.elapsedMs,
    iterations: last.iterations,
    solution: modelToVroomSolution(vm, described),
  };
});
process.stdout.write(
  `${JSON.stringify({ name, cpuMs: spent, iterations: result.iterations, solution, ...(checkpoints.length > 0 ? { checkpoints: atCheckpoints } : {}) })}\n`,
);
