// What the views show: core's answers as the typed API's contract defines them (shared/ipc, the one definition),
// and the few shapes the console makes of them.
import type { Reason } from '../../../shared/dispatch/index.js';
import type { MethodArgs, MethodResult } from '../../../shared/ipc/index.js';
import type { MutationArgs, MutationName } from '../../../shared/sync/index.js';

export type {
  BatchItemOutcome,
  Conflict,
  EngineerView,
  OrderEventView,
  OrderView,
  SlaAlertView,
  SlaTimelineView,
  Snapshot,
  StepBlocked,
  StepDone,
  StepStack,
  SyncStatus,
  UndoHistory,
  ViewChanges,
} from '../../../shared/ipc/index.js';

/** Any named mutation with its own arguments. */
export type AnyAction = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/** A booking made against the hard rules after the dispatcher confirmed it: the rules broken and why. */
export type RuleOverride = NonNullable<MutationArgs<'assignOrder'>['override']>;

/** The hard rules the dispatcher confirmed breaking for one order of a refused action re-applied. */
export type ConflictOverride = NonNullable<MethodArgs<'console.retryConflict'>['overrides']>[number];

/** A booking as the dispatcher wants it: an order on an engineer at a time (null engineer: back to the queue). */
export interface Move {
  orderId: string;
  engineerId: string | null;
  start: number | null;
  /** Present when the dispatcher confirmed a booking that breaks a hard rule. */
  override?: RuleOverride;
}

/** Every engineer for an order as the engine ranks them, and the smallest changes when nobody fits. */
export type CandidateList = MethodResult<'dispatch.rankCandidates'>;
/** One engineer of a candidate list: the slot, each rule's verdict, the cost in minutes. */
export type Candidate = CandidateList['candidates'][number];
/** A change that would let an engineer take an order nobody can take as things stand. */
export type FitChange = CandidateList['changes'][number];

/** A booking that breaks a hard rule as the cache holds it: the rule and why, in the engine's words. */
export type RuleViolation = MethodResult<'dispatch.violations'>['violations'][number];

/** Appointment windows for a caller: the best first, graded, each day's outcome, and why none when none. */
export type SlotSearch = MethodResult<'dispatch.findSlots'>;
/** One window the console can promise, with the engineer it would go to and the figures behind its grade. */
export type SlotOffer = SlotSearch['slots'][number];
/** What to find windows for, and what the caller can do. */
export type SlotQuery = MethodArgs<'dispatch.findSlots'>;
/** One team's working time on one day: available, booked (work and travel), left, and the emergency buffer. */
export type TeamDayCapacity = MethodResult<'dispatch.capacity'>['days'][number];

/** A booking not made yet, drawn as a ghost on the board: a drag under way, or a move of a proposal. */
export interface GhostBooking {
  orderId: string;
  engineerId: string;
  start: number;
  end: number;
  /** Drawn hatched red when the engine says it breaks a rule. */
  feasible: boolean | null;
  kind: 'drag' | 'proposal';
}

/** One rule's judgement of a proposed booking, in words. */
export interface RuleVerdict {
  rule: RuleViolation['rule'];
  /** False for soft rules (travel, preference), which cost but never forbid. */
  hard: boolean;
  ok: boolean;
  /** In English, as the engine gave it. */
  message: string;
  /** The reason as data, for the console to word in its language. */
  say?: readonly Reason[] | undefined;
}

/** What the engine says about dropping an order on an engineer at a time. */
export interface DropVerdict {
  feasible: boolean;
  verdicts: RuleVerdict[];
  /** Change in the plan's cost in minutes-equivalent (negative is better). */
  costDelta: number | null;
  /** Minutes of driving added (negative when saved); null when the drop is not allowed. */
  travelMin: number | null;
  /** Minutes past its SLA deadline the order would start. */
  lateMin: number | null;
  /** Minutes of overtime added. */
  overtimeMin: number | null;
}

/** An engineer the engine considers for an order: the best slot they have, or why they cannot take it. */
export interface CandidateView {
  engineerId: string;
  name: string;
  feasible: boolean;
  start: number | null;
  /** When the work would be done there. */
  end: number | null;
  costDelta: number | null;
  travelMin: number | null;
  reasons: string[];
}
