import { z } from 'zod';
import { ReasonSchema } from '../../dispatch/reasons.js';
import {
  Engineer,
  EpochMs,
  Id,
  OrderEvent,
  OrderEventKind,
  OrderStatus,
  Priority,
  SlaPolicy,
  WorkOrder,
} from '../../domain/index.js';
import {
  EngineerPosition,
  Override,
  Principal,
  addNote,
  applyPlan,
  assignOrder,
  cancelOrder,
  createEngineer,
  createOrder,
  moveBooking,
  pinBooking,
  raiseSlaAlert,
  setEngineerState,
  setOrderStatus,
  unassignOrder,
  unpinBooking,
  updateEngineer,
  updateOrder,
  updateSlaPolicy,
  setAutopilot,
} from '../../sync/index.js';
import { KpiReport } from '../../kpi/index.js';
import { method } from '../define.js';
import { NoArgs } from './no-args.js';

/** An order as the console shows it: marked when it carries changes the server has not settled yet. */
export const OrderView = z.intersection(WorkOrder, z.object({ pending: z.boolean() }));
export type OrderView = z.infer<typeof OrderView>;
export const EngineerView = z.intersection(Engineer, z.object({ pending: z.boolean() }));
export type EngineerView = z.infer<typeof EngineerView>;

/** The state of the link to the sync server. */
export const SyncLinkState = z.enum([
  /** No link (network down, server down); retrying. */
  'offline',
  'connecting',
  'online',
  'syncing',
  /** The dispatcher chose to work offline. */
  'paused',
  /** The server speaks another protocol version: update the console; the outbox is kept. */
  'update_required',
  /** The token was refused or expired: sign in again; the outbox is kept. */
  'unauthorized',
]);
export type SyncLinkState = z.infer<typeof SyncLinkState>;

/**
 * A dispatcher action as undo menus, the conflicts panel and the status bar name it, as data: the console words it in
 * its own language from its catalogue (`action.<key>`, the values as arguments). `order` is an order's code,
 * `engineer` an engineer's name, `start` and `from` a booking's new and old start (epoch ms; `moveBookingTime` is a move
 * that keeps the engineer and changes only the time), `status` an order status, `state` an engineer state, `n` a count, `on` 1 or 0;
 * `text` is the caller's own words (a label given with the action, already in the language it was made in), `other`
 * an action the catalogue does not name (`name`).
 */
export const ActionLabelKey = z.enum([
  'assignOrder',
  'moveBooking',
  'moveBookingTime',
  'unassignOrder',
  'pinBooking',
  'unpinBooking',
  'setOrderStatus',
  'cancelOrder',
  'restoreOrder',
  'addNote',
  'updateOrder',
  'createOrder',
  'createAnOrder',
  'applyPlan',
  'applyNamedPlan',
  'updateEngineer',
  'createEngineer',
  'createAnEngineer',
  'setEngineerState',
  'updateSlaPolicy',
  'setAutopilot',
  'setAutopilotAll',
  'raiseSlaAlert',
  'acknowledgeSlaAlerts',
  'text',
  'other',
]);
export type ActionLabelKey = z.infer<typeof ActionLabelKey>;
export const ActionLabel = z.strictObject({
  key: ActionLabelKey,
  values: z.record(z.string().max(40), z.union([z.string().max(300), z.number()])),
});
export type ActionLabel = z.infer<typeof ActionLabel>;

/** Sync that keeps failing while the link is up: what does not get through, since when, and why. */
export const SyncStuck = z.strictObject({
  /** `sending`: this console's changes do not reach the server; `receiving`: the server's changes do not arrive. */
  what: z.enum(['sending', 'receiving']),
  /** The first failure of this streak. */
  since: EpochMs,
  /** The first change waiting to be sent, as the undo menu names it (when sending is stuck). */
  change: ActionLabel.nullable(),
  /** The latest failure, in words. */
  message: z.string(),
});
export type SyncStuck = z.infer<typeof SyncStuck>;

/** The link to the sync server as the status bar shows it. */
export const SyncStatus = z.strictObject({
  state: SyncLinkState,
  /** Mutations made here that the server has not yet settled. */
  pending: z.number().int().min(0),
  /** Rejected mutations waiting for the dispatcher to retry or discard them. */
  conflicts: z.number().int().min(0),
  /** When the last full round (pull, push, pull) finished. */
  lastSyncAt: EpochMs.nullable(),
  /** The last problem, in words, if the link is not healthy. */
  message: z.string().nullable(),
  /** Sending or receiving that keeps failing, or null. */
  stuck: SyncStuck.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** Everything a console shows at start: the whole view. */
export const Snapshot = z.strictObject({
  orders: z.array(OrderView),
  engineers: z.array(EngineerView),
  policy: SlaPolicy,
  positions: z.array(EngineerPosition),
  status: SyncStatus,
  /** Who this console acts as. */
  principal: Principal,
  clientId: Id,
});
export type Snapshot = z.infer<typeof Snapshot>;

/** What changed in the view: whole records; `reset` means reload everything. */
export const ViewChanges = z.strictObject({
  orders: z.array(OrderView),
  engineers: z.array(EngineerView),
  policy: SlaPolicy.nullable(),
  /** Orders whose audit trail changed. */
  eventOrderIds: z.array(Id),
  reset: z.boolean(),
});
export type ViewChanges = z.infer<typeof ViewChanges>;

/** What undo and redo would do now. */
export const UndoHistory = z.strictObject({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: ActionLabel.nullable(),
  redoLabel: ActionLabel.nullable(),
});
export type UndoHistory = z.infer<typeof UndoHistory>;

/** What moves an order's SLA clocks: when it was responded to, resolved or cancelled, and its spans on hold. */
export const SlaTimelineView = z.strictObject({
  orderId: Id,
  timeline: z.strictObject({
    respondedAt: EpochMs.nullable(),
    resolvedAt: EpochMs.nullable(),
    cancelledAt: EpochMs.nullable(),
    holds: z.array(z.strictObject({ from: EpochMs, to: EpochMs.nullable() })),
  }),
});
export type SlaTimelineView = z.infer<typeof SlaTimelineView>;

/** An entry of an order's audit trail, marked when it is this console's and not yet on the server. */
export const OrderEventView = z.intersection(OrderEvent, z.object({ pending: z.boolean() }));
export type OrderEventView = z.infer<typeof OrderEventView>;

/** A breached deadline this console has just escalated (recorded as an `escalated` event in the audit trail). */
export const SlaAlertView = z.strictObject({
  id: z.string().min(1).max(160),
  orderId: Id,
  code: z.string(),
  customer: z.string(),
  priority: Priority,
  deadline: z.enum(['respond', 'resolve']),
  dueAt: EpochMs,
  detectedAt: EpochMs,
});
export type SlaAlertView = z.infer<typeof SlaAlertView>;

const mutation = <const N extends string, S extends z.ZodType>(m: { name: N; args: S }) =>
  z.strictObject({
    name: z.literal(m.name),
    args: m.args,
    /** What undo menus and the conflicts panel call it; described from the args when left out. */
    label: z.string().trim().min(1).max(200).optional(),
  });

/** A dispatcher action: one named mutation of protocol v1 with its args, checked by that mutation's own schema. */
export const MutateArgs = z.discriminatedUnion('name', [
  mutation(createOrder),
  mutation(updateOrder),
  mutation(assignOrder),
  mutation(moveBooking),
  mutation(unassignOrder),
  mutation(pinBooking),
  mutation(unpinBooking),
  mutation(setOrderStatus),
  mutation(cancelOrder),
  mutation(addNote),
  mutation(updateEngineer),
  mutation(setEngineerState),
  mutation(updateSlaPolicy),
  mutation(applyPlan),
  mutation(raiseSlaAlert),
  mutation(createEngineer),
  mutation(setAutopilot),
]);
export type MutateArgs = z.input<typeof MutateArgs>;

/** The stored mutation an action became. */
export const MutationRef = z.strictObject({ mutationId: z.number().int().min(1) });
export type MutationRef = z.infer<typeof MutationRef>;

/** Most actions one call may carry (a call is also held to the API's size limit). */
export const MAX_BATCH_ACTIONS = 5_000;

/**
 * Many actions the dispatcher takes as one (the rows of an import): one undo step under one label. A batch too big
 * for one call goes in parts; every part after the first sets `continueStep` to join the step the first opened.
 */
export const MutateAllArgs = z.strictObject({
  label: z.string().trim().min(1).max(200),
  actions: z.array(MutateArgs).min(1).max(MAX_BATCH_ACTIONS),
  continueStep: z.boolean().optional(),
});
export type MutateAllArgs = z.input<typeof MutateAllArgs>;

/** Each action's outcome, in order: stored and queued, or refused by the rules with the reason (nothing stored). */
export const BatchOutcome = z.strictObject({
  results: z.array(
    z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), mutationId: z.number().int().min(1) }),
      z.strictObject({
        ok: z.literal(false),
        code: z.string(),
        message: z.string(),
        /** The refusal as data, when the rules gave it: the console words it in its language. */
        say: z.array(ReasonSchema).max(20).optional(),
      }),
    ]),
  ),
});
export type BatchOutcome = z.infer<typeof BatchOutcome>;
/** What became of one action of a batch. */
export type BatchItemOutcome = BatchOutcome['results'][number];

/** The undo stack or the redo stack. */
export const StepStack = z.enum(['undo', 'redo']);
export type StepStack = z.infer<typeof StepStack>;

/** The latest change to a record a step would put back: whose, when and what (an audit event kind). */
export const StepChange = z.strictObject({
  /** The order's code or the engineer's name; null for the SLA policy. */
  record: z.string().nullable(),
  by: z.string().nullable(),
  /** The change was made from this console. */
  mine: z.boolean(),
  at: EpochMs.nullable(),
  what: OrderEventKind.nullable(),
  /** For a status change: from which status to which, so it reads as what was done ("Released", "Put on hold"). */
  status: z.strictObject({ from: OrderStatus, to: OrderStatus }).optional(),
});
export type StepChange = z.infer<typeof StepChange>;

/** A booking as a conflict card names it: the engineer (by name, as the board shows it) and the planned start. */
export const ConflictBooking = z.strictObject({ engineerId: Id, engineer: z.string().max(300), start: EpochMs });
export type ConflictBooking = z.infer<typeof ConflictBooking>;

/**
 * An order a refused action acted on, as it stands now: its status and booking, and the latest change by someone else
 * since the version the action was based on (who and when), or the latest change when there is none.
 */
export const ConflictOrderNow = z.strictObject({
  orderId: Id,
  code: z.string().max(300),
  status: OrderStatus,
  booking: ConflictBooking.nullable(),
  change: StepChange,
});
export type ConflictOrderNow = z.infer<typeof ConflictOrderNow>;

/** A change the server rejected, with its reason, waiting for retry or discard. */
export const Conflict = z.strictObject({
  mutationId: z.number().int().min(1),
  name: z.string(),
  label: ActionLabel,
  code: z.string(),
  message: z.string(),
  /** The refusal as data, when the server gave it: the panel words it in the console's language. */
  say: z.array(ReasonSchema).max(20).optional(),
  createdAt: EpochMs,
  rejectedAt: EpochMs.nullable(),
  /** The orders the refused action would have changed: marked as refused until the conflict is settled. */
  orderIds: z.array(Id).max(1_000),
  /** The bookings it makes (who, when), for the engine's rule check before it is re-applied, as a drop has. */
  bookings: z.array(z.strictObject({ orderId: Id, engineerId: Id, start: EpochMs })).max(2_000),
  /** Where those orders stand now (the first 20), and whose change put them there, to weigh against this action. */
  now: z.array(ConflictOrderNow).max(20),
});
export type Conflict = z.infer<typeof Conflict>;

/**
 * Re-applies a refused action on the current state. `overrides`, once the engine has judged its bookings again: the
 * hard rules the dispatcher confirmed breaking, per order; each booking then carries exactly its order's (none when
 * not listed). Absent, the action goes as it was made.
 */
export const RetryConflict = z.strictObject({
  mutationId: z.number().int().min(1),
  overrides: z
    .array(z.strictObject({ orderId: Id, override: Override }))
    .max(2_000)
    .optional(),
});
export type RetryConflict = z.infer<typeof RetryConflict>;

/**
 * A step that met a later change of what it would put back: nothing was done and the step is kept. `canForce`: it
 * may be applied anyway on top of that change (it cannot when the rules refuse it whatever the version).
 */
export const StepBlocked = z.strictObject({
  stack: StepStack,
  label: ActionLabel,
  /** Why, in English (logs); `say` the same as data when the rules refused it, for the console to word. */
  message: z.string(),
  say: z.array(ReasonSchema).max(20).optional(),
  changes: z.array(StepChange).max(100),
  canForce: z.boolean(),
});
export type StepBlocked = z.infer<typeof StepBlocked>;

/**
 * An undo or redo taken, by the label the dispatcher reads; with `blocked` when it met someone else's change and
 * nothing was done; null when there was nothing to take.
 */
export const StepDone = z
  .strictObject({
    label: ActionLabel,
    /** The change that took a single-action step, queued for the server (which may still refuse it). */
    mutationId: z.number().int().min(1).optional(),
    blocked: StepBlocked.optional(),
    /** A batch taken in part: how many of its actions no longer applied, of how many, and the first one's refusal. */
    notTaken: z
      .strictObject({
        count: z.number().int().min(1),
        of: z.number().int().min(1),
        message: z.string(),
        say: z.array(ReasonSchema).max(20).optional(),
      })
      .optional(),
  })
  .nullable();
export type StepDone = z.infer<typeof StepDone>;

/** The dispatcher's console: the cached view, actions, undo and redo, conflicts and the link (DESIGN §4, §6). */
export const CONSOLE_METHODS = {
  'console.snapshot': method('the whole view: orders, engineers, policy, positions, link, who I am', NoArgs, Snapshot),
  'console.mutate': method('apply an action to the cache and queue it for the server', MutateArgs, MutationRef),
  'console.mutateAll': method(
    'apply many actions as one (an import): each stored or refused on its own, one undo step for those stored',
    MutateAllArgs,
    BatchOutcome,
  ),
  'console.undo': method('undo the latest action (a new mutation); null when none', NoArgs, StepDone),
  'console.redo': method('redo the latest undone action; null when none', NoArgs, StepDone),
  'console.history': method('what undo and redo would do now', NoArgs, UndoHistory),
  'console.forceStep': method(
    'take the latest undo (or redo) step on top of the changes it met, on the versions held now',
    z.strictObject({ stack: StepStack }),
    StepDone,
  ),
  'console.dropStep': method(
    'forget the latest undo (or redo) step without taking it',
    z.strictObject({ stack: StepStack }),
    z.null(),
  ),
  'console.conflicts': method('rejected actions waiting for retry or discard', NoArgs, z.array(Conflict)),
  'console.retryConflict': method('re-apply a rejected action on the current state', RetryConflict, MutationRef),
  'console.discardConflict': method('drop a rejected action', MutationRef, z.null()),
  'console.setWorkOffline': method(
    'work offline on purpose, or come back',
    z.strictObject({ offline: z.boolean() }),
    z.null(),
  ),
  'console.breadcrumbs': method(
    "an engineer's position trail between two instants (at most three days), from the server",
    z
      .strictObject({ engineerId: Id, from: EpochMs, to: EpochMs })
      .refine((r) => r.to > r.from && r.to - r.from <= 3 * 24 * 3_600_000, {
        message: 'a trail covers at most three days',
      }),
    z.array(EngineerPosition).max(100_000),
  ),
  'console.trackingLink': method(
    "a new link to the customer's tracking page of one order, issued by the server",
    z.strictObject({ orderId: Id }),
    z.strictObject({ url: z.string().url().max(500) }),
  ),
  'console.kpis': method(
    'the KPIs of a period (at most 92 days) for one team or the whole centre, from the event log this console holds',
    z
      .strictObject({ from: EpochMs, to: EpochMs, team: Id.nullable() })
      .refine((r) => r.to > r.from && r.to - r.from <= 92 * 86_400_000, {
        message: 'a KPI period runs forward and covers at most 92 days',
      }),
    KpiReport,
  ),
  'console.orderEvents': method(
    "an order's audit trail, this console's pending events included",
    z.strictObject({ orderId: Id }),
    z.array(OrderEventView),
  ),
  'console.slaAlerts': method(
    "the user's SLA alert list: escalations of the last day on open orders, raised by any console, that this user has not dismissed; newest last (at most 100)",
    NoArgs,
    z.array(SlaAlertView),
  ),
  'console.ackSlaAlerts': method(
    "dismisses escalations for this console's user, on the server: no window or console of this user lists them again",
    z.strictObject({ ids: z.array(SlaAlertView.shape.id).min(1).max(100) }),
    z.null(),
  ),
  'console.slaTimelines': method(
    'what moves the SLA clocks of the given orders (all when null): response, completion, holds',
    z.strictObject({ orderIds: z.array(Id).max(50_000).nullable() }),
    z.array(SlaTimelineView),
  ),
};

/** Console events. */
export const CONSOLE_EVENTS = {
  'console.changes': ViewChanges,
  'console.positions': z.array(EngineerPosition),
  'console.status': SyncStatus,
  'console.history': UndoHistory,
  'console.slaAlert': SlaAlertView,
  /** Escalations dismissed (in this window or another): every window drops them from its list. */
  'console.slaAlertsAcked': z.strictObject({ ids: z.array(SlaAlertView.shape.id).max(100) }),
};
