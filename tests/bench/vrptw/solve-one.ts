// Child process of the VRPTW benchmark: solves one Solomon instance through the VROOM interchange on one core,
// with the process's CPU time as the clock, and prints one JSON line.
import { parseArgs } from 'node:util';
import type { SearchTuning } from '../../../shared/dispatch/solver/search.js';
import { solve } from '../../../shared/dispatch/solver/solve.js';
import { modelToVroomSolution, vroomToModel } from '../../../shared/dispatch/vroom/index.js';
import { readSolomon, solomonToVroom } from './solomon.js';

const { values } = parseArgs({
  options: {
    instance: { type: 'string' },
    dir: { type: 'string' },
    'time-limit': { type: 'string', default: '10' },
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
const instance = readSolomon(name, values.dir);
const problem = solomonToVroom(instance);
const started = cpuMs();
const vm = vroomToModel(problem);
const result = solve(vm.model, {
  seed: Number(values.seed),
  timeLimitMs: Number(values['time-limit']) * 1000,
  ...(values.iterations ? { maxIterations: Number(values.iterations) } : {}),
  clock: cpuMs,
  ...(values.tuning ? { tuning: JSON.parse(values.tuning) as Partial<SearchTuning> } : {}),
});
const solution = modelToVroomSolution(vm, result);
const spent = cpuMs() - started;
process.stdout.write(`${JSON.stringify({ name, cpuMs: spent, iterations: result.iterations, solution })}\n`);
