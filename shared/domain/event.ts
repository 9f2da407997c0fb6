import { z } from 'zod';
import { ActorKind, EpochMs, Id } from './primitives.js';

/** What happened to an order; the audit trail dispatchers and supervisors read. */
export const ORDER_EVENT_KINDS = [
  'created',
  'updated',
  'assigned',
  'moved',
  'unassigned',
  'pinned',
  'unpinned',
  'status_changed',
  'note_added',
  'cancelled',
  'revisit_created',
  'jeopardy',
  'escalated',
  /** A user took an escalation off their alert list (one per alert and user). */
  'alert_acknowledged',
  /** The customer answered the satisfaction survey on their tracking page (data: SurveyAnswers, shared/kpi). */
  'survey_answered',
  /** The engineer's device submitted the service report (the report itself is on the order). */
  'report_submitted',
  /** A message to the customer left the outbox, failed for good or was withheld (data: CustomerNotified). */
  'customer_notified',
] as const;
export const OrderEventKind = z.enum(ORDER_EVENT_KINDS);
export type OrderEventKind = z.infer<typeof OrderEventKind>;

/** Who did it: a user, an engineer's device or the system, and through which role. */
export const Actor = z.object({
  kind: ActorKind,
  id: Id,
  name: z.string().max(120),
});
export type Actor = z.infer<typeof Actor>;

/** One entry of an order's audit trail: who, what, when, from which client and mutation. */
export const OrderEvent = z.object({
  /** Derived from the mutation that wrote it (`clientId:mutationId:n`), so client and server agree on it. */
  id: z.string().min(1).max(160),
  orderId: Id,
  kind: OrderEventKind,
  at: EpochMs,
  actor: Actor,
  /** The console or device the change came from; null for the system. */
  clientId: Id.nullable(),
  /** The client's mutation id that caused it; null for the system. */
  mutationId: z.number().int().min(0).nullable(),
  /** Details of the change, e.g. { from: 'scheduled', to: 'dispatched' } or { engineerId, start }. */
  data: z.record(z.string(), z.unknown()),
});
export type OrderEvent = z.infer<typeof OrderEvent>;

/**
 * Audit-trail order: by time; of two at the same time from one client, the earlier mutation first, then the order the
 * mutation wrote them in (the `n` of the id). Two at the same time from different clients compare equal, so a stable
 * sort keeps the order they came in. Ids as text are no order: `c-1:10:0` sorts before `c-1:9:0`.
 */
export function compareEvents(
  a: Pick<OrderEvent, 'at' | 'id' | 'clientId' | 'mutationId'>,
  b: Pick<OrderEvent, 'at' | 'id' | 'clientId' | 'mutationId'>,
): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.clientId === null || a.clientId !== b.clientId || a.mutationId === null || b.mutationId === null) return 0;
  return a.mutationId - b.mutationId || indexInMutation(a.id) - indexInMutation(b.id);
}

/** The `n` of an event id `clientId:mutationId:n` (0 for an id of another shape). */
function indexInMutation(id: string): number {
  const n = Number(id.slice(id.lastIndexOf(':') + 1));
  return Number.isInteger(n) ? n : 0;
}
