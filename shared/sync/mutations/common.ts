import { z } from 'zod';
import type {
  ActorKind,
  Booking,
  Engineer,
  EpochMs,
  OrderEventKind,
  OrderStatus,
  TransitionRefusal,
  WorkOrder,
} from '../../domain/index.js';
import { checkTransition, FIELD_STATUSES, IN_PROGRESS_STATUSES, Id, Rev } from '../../domain/index.js';
import { ReasonSchema, type Reason, type ReasonId } from '../../dispatch/reasons.js';
import { RuleIdSchema } from '../../dispatch/schemas.js';
import { refused, type MutationContext, type MutationTx } from '../mutation.js';

const MINUTE = 60_000;

/** The version of a record the user acted on. */
export const Base = z.object({ version: z.number().int().min(0), rev: Rev });
export type Base = z.infer<typeof Base>;

/** A planned start: a whole minute. */
export const Start = z
  .number()
  .int()
  .min(0)
  .refine((t) => t % MINUTE === 0, { message: 'a start time is a whole minute', params: { say: 'wholeMinute' } });

export const OrderId = Id;

/**
 * A booking made against the engine's hard rules on purpose, after the dispatcher was asked: the rules it breaks, each
 * with the engine's reason in English words and as data (`say`, for a console to word in its language), and the
 * dispatcher's own reason when one was typed. It goes into the audit trail with the booking.
 */
export const Override = z.object({
  broken: z
    .array(
      z.object({
        rule: RuleIdSchema.refine((r) => r !== 'preferred', {
          message: 'only a hard rule is overridden',
          params: { say: 'hardRuleOnly' },
        }),
        reason: z.string().trim().min(1).max(300),
        say: z.array(ReasonSchema).min(1).max(12).optional(),
      }),
    )
    .min(1)
    .max(12),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type Override = z.infer<typeof Override>;

/** The revision a mutation gives the records it writes. */
export function revOf(ctx: MutationContext): string {
  return `${ctx.clientId}:${ctx.mutationId}`;
}

/** The base a follow-up action on a record this mutation wrote must name. */
export function baseAfter(before: { version: number }, ctx: MutationContext): Base {
  return { version: before.version + 1, rev: revOf(ctx) };
}

/** The status machine's actor kind for a principal. */
export function actorKind(ctx: MutationContext): ActorKind {
  return ctx.actor.kind;
}

export function requireOrder(tx: MutationTx, id: string): WorkOrder {
  const order = tx.order(id);
  if (!order) throw refused('not_found', 'orderMissing', { id });
  return order;
}

export function requireEngineer(tx: MutationTx, id: string): Engineer {
  const engineer = tx.engineer(id);
  if (!engineer) throw refused('not_found', 'engineerMissing', { id });
  return engineer;
}

/** Refuses a change built on a version of the order the server no longer has. */
export function checkBase(order: WorkOrder, base: Base): void {
  if (order.version !== base.version || order.rev !== base.rev)
    throw refused('stale', 'staleOrder', { order: order.code, status: order.status });
}

/** Refuses to re-plan an order the engineer is already working on or has finished: field statuses win. */
export function checkPlannable(order: WorkOrder): void {
  if (IN_PROGRESS_STATUSES.has(order.status))
    throw refused('field_wins', 'alreadyWorking', { order: order.code, status: order.status });
  if (order.status === 'completed') throw refused('field_wins', 'completedInField', { order: order.code });
  if (order.status === 'cancelled') throw refused('illegal_transition', 'orderCancelled', { order: order.code });
}

/** Why the status machine refuses a move, as a reason. */
const TRANSITION_REASONS: Record<TransitionRefusal, ReasonId> = {
  already: 'alreadyStatus',
  final: 'finalStatus',
  never: 'neverStatus',
  deviceOnly: 'deviceOnlyStatus',
  dispatcherOnly: 'dispatcherOnlyStatus',
};

/** Refuses a status move the machine does not allow for this actor. */
export function checkMove(order: WorkOrder, to: OrderStatus, ctx: MutationContext): void {
  const verdict = checkTransition(order.status, to, actorKind(ctx));
  if (!verdict.ok) {
    const code = FIELD_STATUSES.has(order.status) || order.status === 'completed' ? 'field_wins' : 'illegal_transition';
    const why: Reason = { id: TRANSITION_REASONS[verdict.refusal], args: { status: order.status, toStatus: to } };
    throw refused(code, 'orderRefused', { order: order.code, why: [why] });
  }
}

/** The order after this mutation: next version, this mutation's revision, stamped now. */
export function nextOrder(order: WorkOrder, ctx: MutationContext, patch: Partial<WorkOrder>): WorkOrder {
  return { ...order, ...patch, version: order.version + 1, rev: revOf(ctx), updatedAt: ctx.now };
}

/** The engineer after this mutation. */
export function nextEngineer(engineer: Engineer, ctx: MutationContext, patch: Partial<Engineer>): Engineer {
  return { ...engineer, ...patch, version: engineer.version + 1, rev: revOf(ctx) };
}

export function bookingFor(order: WorkOrder, engineerId: string, start: EpochMs, pinned: boolean): Booking {
  return { engineerId, start, end: start + order.durationMin * MINUTE, pinned };
}

/** Writes audit-trail events with ids derived from the mutation, so client and server produce the same ids. */
export class EventLog {
  private n = 0;

  constructor(
    private readonly tx: MutationTx,
    private readonly ctx: MutationContext,
  ) {}

  add(orderId: string, kind: OrderEventKind, data: Record<string, unknown> = {}): void {
    const { ctx } = this;
    this.tx.addEvent({
      id: `${ctx.clientId}:${ctx.mutationId}:${this.n++}`,
      orderId,
      kind,
      at: ctx.now,
      actor: { kind: ctx.actor.kind, id: ctx.actor.id, name: ctx.actor.name },
      clientId: ctx.clientId,
      mutationId: ctx.mutationId,
      data,
    });
  }
}
