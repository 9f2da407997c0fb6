// VROOM's JSON problem/solution interchange for the solver: schemas, problem → model, result → solution.
import { solve, type SolveOptions } from '../solver/solve.js';
import { vroomToModel, type VroomModel } from './problem.js';
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
export { fieldPath, unknownKeys, VroomInputError, type UnknownKey, vroomToModel, type VroomModel } from './problem.js';
export { modelToVroomSolution } from './solution.js';

/** Solves an untrusted VROOM problem object; throws VroomInputError (message names the field) when invalid. */
export function solveVroom(input: unknown, options: SolveOptions = {}): VroomSolution {
  return solveVroomModel(vroomToModel(input), options);
}

/** Solves a problem already read by `vroomToModel` (whose unknown keys the caller has reported). */
export function solveVroomModel(vm: VroomModel, options: SolveOptions = {}): VroomSolution {
  const result = solve(vm.model, { ...options, ...(vm.initial.length > 0 ? { initial: vm.initial } : {}) });
  return modelToVroomSolution(vm, result);
}
