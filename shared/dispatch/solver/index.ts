// The route-optimisation core of the dispatch engine: a rich VRPTW solver, pure and deterministic.
export type {
  BreakSpec,
  JobSpec,
  ObjectiveMode,
  ObjectiveWeights,
  PinnedAssignment,
  RoutePlan,
  SoftDeadline,
  TimeWindow,
  TravelMatrix,
  VehicleSpec,
  VrpModel,
} from './model.js';
export type {
  CostBreakdown,
  RouteStop,
  SolvedRoute,
  SolveImprovement,
  SolveProgress,
  SolveResult,
  UnassignedJob,
  UnassignedReason,
} from './solution.js';
export { compileModel, ModelError, type CompiledModel } from './compile.js';
export { solve, type SolveOptions } from './solve.js';
export { DEFAULT_TUNING, type SearchTuning } from './search.js';
export { evaluateRoute, RouteSet, type InsertionOption, type RouteEvaluation, type RuleFailure } from './evaluate.js';
