/** The dispatch engine (DESIGN §5): pure and deterministic; core runs it in a worker thread, never on the UI thread. */
export { defaultDispatchPolicy, DispatchPolicy, DispatchWeights, TravelParams } from './policy.js';
export {
  bookingsOfDay,
  buildDispatchState,
  judgedOnDay,
  type DispatchInput,
  type DispatchState,
  type EngineerDay,
  type Stop,
} from './state.js';
export {
  Locations,
  RecordingTravel,
  RoadMatrixTravel,
  StraightLineTravel,
  type RoadLeg,
  type TravelTimes,
} from './travel.js';
export { RULES, type RuleId, type Verdict } from './rules.js';
export { REASONS, REASON_IDS, ReasonSchema, reasonText, joinerOf, type Reason, type ReasonId } from './reasons.js';
export { WEEKDAYS } from './wording.js';
export type { CostDelta, CostTerms } from './cost.js';
export {
  earliestCandidate,
  rankCandidates,
  type Candidate,
  type CandidateList,
  type LaterDay,
  type Slot,
} from './candidates.js';
export type { FitChange, PartTransfer } from './fit-changes.js';
export { verdictFor, type DropVerdict } from './verdict.js';
export { bookingViolations, type BookingViolation } from './violations.js';
export { autoDispatch } from './auto.js';
export type { DispatchScope } from './model.js';
export { DEFAULT_OBJECTIVE, ObjectiveModeSchema } from './model.js';
export type { ObjectiveMode } from './solver/index.js';
export { resequenceDay, type ResequenceOptions } from './resequence.js';
export { insertEmergency, type EmergencyOptions } from './emergency.js';
export {
  acceptMoves,
  neededWith,
  toPlanMove,
  type LeftInQueue,
  type PlanMove,
  type Proposal,
  type ProposalMove,
} from './proposal.js';
export type { PlanKpis } from './kpis.js';
export type { EngineHooks, EngineProgress, StoppedBy } from './search-budget.js';
export {
  BookingViolationSchema,
  CandidateListSchema,
  DispatchDay,
  DispatchDays,
  DispatchScopeSchema,
  DropVerdictSchema,
  EngineProgressSchema,
  FitChangeSchema,
  LaterDaySchema,
  ProposalSchema,
  RuleIdSchema,
} from './schemas.js';
export { emptyTeamDay, engineerCapacity, teamCapacity, TeamDayCapacity } from './capacity.js';
export {
  DAY_HALVES,
  findSlots,
  firstDayFor,
  NoSlotReason,
  planningDays,
  PlanningDays,
  SlotDayReason,
  SlotGrade,
  SlotOffer,
  SlotPreferences,
  SlotSearch,
  statesOfDays,
  type SlotOptions,
} from './slots.js';
