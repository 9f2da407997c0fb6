// VROOM's JSON problem/solution interchange for the solver: schemas, problem → model, result → solution.
import { solve, type SolveOptions } from '../solver/solve.js';
import { vroomToModel } from './problem.js';
import type { VroomSolution } from './schema.js';
import { modelToVroomSolution } from './solution.js';

export {
  VroomJob,
  VroomBreak,
  VroomProblem,
  VroomRoute,
  VroomSolution,
  VroomStep,
  VroomTimeWindow,
  VroomVehicle,
} from './schema.js';
export { fieldPath, VroomInputError, vroomToModel, type VroomModel } from './problem.js';
export { modelToVroomSolution } from './solution.js';

/** Solves an untrusted VROOM problem object; throws VroomInputError (message names the field) when invalid. */
export function solveVroom(input: unknown, options: SolveOptions = {}): VroomSolution {
  const vm = vroomToModel(input);
  const result = solve(vm.model, { ...options, ...(vm.initial.length > 0 ? { initial: vm.initial } : {}) });
  return modelToVroomSolution(vm, result);
}
