import type { input } from 'zod';
import type { MutatorDef } from '../mutation.js';
import { setAutopilot } from './autopilot.js';
import { applyPlan, assignOrder, moveBooking, pinBooking, unassignOrder, unpinBooking } from './booking.js';
import { createEngineer, updateEngineer } from './engineer.js';
import { addNote, cancelOrder, createOrder, restoreOrder, updateOrder } from './orders.js';
import { updateSlaPolicy } from './policy.js';
import { acknowledgeSlaAlerts, raiseSlaAlert } from './sla.js';
import { submitServiceReport } from './report.js';
import { setEngineerState, setOrderStatus } from './status.js';
import { withdrawMutation } from './withdraw.js';
import { recordSurvey } from './survey.js';

export {
  applyPlan,
  assignOrder,
  moveBooking,
  pinBooking,
  unassignOrder,
  unpinBooking,
  PlanMove,
  planOrder,
  ProposalKind,
} from './booking.js';
export { createEngineer, updateEngineer, NewEngineer } from './engineer.js';
export { addNote, cancelOrder, createOrder, restoreOrder, updateOrder, NewOrder } from './orders.js';
export { updateSlaPolicy } from './policy.js';
export { setAutopilot } from './autopilot.js';
export { acknowledgeSlaAlerts, raiseSlaAlert, slaAlertAckId, slaAlertId, SlaAlertRef } from './sla.js';
export { setEngineerState, setOrderStatus } from './status.js';
export { submitServiceReport } from './report.js';
export { Base, Override } from './common.js';
export { withdrawMutation, WithdrawReason } from './withdraw.js';
export { recordSurvey, surveyClientId } from './survey.js';

const all = [
  createOrder,
  updateOrder,
  assignOrder,
  moveBooking,
  unassignOrder,
  pinBooking,
  unpinBooking,
  setOrderStatus,
  cancelOrder,
  restoreOrder,
  addNote,
  updateEngineer,
  setEngineerState,
  updateSlaPolicy,
  applyPlan,
  raiseSlaAlert,
  acknowledgeSlaAlerts,
  createEngineer,
  setAutopilot,
  recordSurvey,
  submitServiceReport,
] as const;

/**
 * Every named mutation of protocol v1, by name: the server and the desktop core run the same definitions. Besides the
 * dispatcher's actions, `withdrawMutation`, which only the sync client sends (in place of a change it cannot send).
 */
export const MUTATORS: ReadonlyMap<string, MutatorDef<unknown>> = new Map(
  [...all, withdrawMutation].map((m) => [m.name, m as unknown as MutatorDef<unknown>]),
);

type AnyMutator = (typeof all)[number];

/** The names of the mutations. */
export type MutationName = AnyMutator['name'];

/** The args a named mutation takes, as a caller writes them (before defaults). */
export type MutationArgs<N extends MutationName> = input<Extract<AnyMutator, { name: N }>['args']>;

/** Every mutation name. */
export const MUTATION_NAMES = all.map((m) => m.name) as MutationName[];
