import { z } from 'zod';
import { EpochMs, Id } from '../../domain/index.js';
import { defineMutator, refused } from '../mutation.js';
import { MAX_ACTED_AGE_MS, MAX_CLIENT_AHEAD_MS } from '../protocol.js';
import { requireOrder } from './common.js';

/** The id of an SLA alert event: one per order, kind and deadline, so raising it twice records it once. */
export function slaAlertId(orderId: string, kind: 'jeopardy' | 'escalated', deadline: 'respond' | 'resolve'): string {
  return `sla:${orderId}:${kind}:${deadline}`;
}

export const raiseSlaAlert = defineMutator({
  name: 'raiseSlaAlert',
  title: 'raise an SLA alert',
  args: z.object({
    orderId: Id,
    kind: z.enum(['jeopardy', 'escalated']),
    deadline: z.enum(['respond', 'resolve']),
    dueAt: EpochMs,
    /** When the console detected it (it may have been offline). */
    detectedAt: EpochMs,
  }),
  roles: ['dispatcher', 'supervisor'],
  reads: (args) => [
    { kind: 'order', id: args.orderId },
    { kind: 'event', id: slaAlertId(args.orderId, args.kind, args.deadline) },
  ],
  apply(tx, args, ctx) {
    const order = requireOrder(tx, args.orderId);
    // The alert's id is one per order, kind and deadline: a time nobody could have seen it at would stand in for the
    // real alert for good. `ctx.now` is the sender's time, never later than the server's.
    const iso = (t: number) => new Date(t).toISOString();
    if (args.detectedAt > ctx.now + MAX_CLIENT_AHEAD_MS || args.detectedAt < ctx.now - MAX_ACTED_AGE_MS)
      throw refused('invalid', 'slaAlertNotBelievable', { at: iso(args.detectedAt) });
    if (args.dueAt < order.createdAt) throw refused('invalid', 'slaDueBeforeLogged', { at: iso(args.dueAt) });
    const lead = args.kind === 'escalated' ? 0 : tx.policy().jeopardyMin * 60_000;
    if (args.dueAt - lead > Math.min(args.detectedAt, ctx.now) + MAX_CLIENT_AHEAD_MS)
      throw refused('invalid', args.deadline === 'respond' ? 'respondNotDue' : 'resolveNotDue', { order: order.code });
    const id = slaAlertId(args.orderId, args.kind, args.deadline);
    if (tx.hasEvent(id)) return;
    tx.addEvent({
      id,
      orderId: args.orderId,
      kind: args.kind,
      at: args.detectedAt,
      actor: { kind: ctx.actor.kind, id: ctx.actor.id, name: ctx.actor.name },
      clientId: ctx.clientId,
      mutationId: ctx.mutationId,
      data: { deadline: args.deadline, dueAt: args.dueAt },
    });
  },
});

/** The id of one user's acknowledgement of one escalation: acknowledging it again records nothing more. */
export function slaAlertAckId(alertId: string, userId: string): string {
  return `${alertId}:ack:${userId}`;
}

/** One escalation, named by its order and deadline (its id is `slaAlertId(orderId, 'escalated', deadline)`). */
export const SlaAlertRef = z.object({ orderId: Id, deadline: z.enum(['respond', 'resolve']) });
export type SlaAlertRef = z.infer<typeof SlaAlertRef>;

export const acknowledgeSlaAlerts = defineMutator({
  name: 'acknowledgeSlaAlerts',
  title: 'dismiss SLA alerts',
  args: z.object({ alerts: z.array(SlaAlertRef).min(1).max(100) }),
  roles: ['dispatcher', 'supervisor'],
  reads: (args, ctx) =>
    args.alerts.flatMap((a) => {
      const id = slaAlertId(a.orderId, 'escalated', a.deadline);
      return [
        { kind: 'order' as const, id: a.orderId },
        { kind: 'event' as const, id },
        { kind: 'event' as const, id: slaAlertAckId(id, ctx.actor.id) },
      ];
    }),
  apply(tx, args, ctx) {
    // Per user: the acknowledgement is an event in the order's trail under an id made of the alert's and the user's, so
    // every console of that user drops the alert and other users still see it. An alert that is not on record (its
    // order gone) has nothing to acknowledge, and is skipped rather than refusing the others.
    for (const a of args.alerts) {
      const alertId = slaAlertId(a.orderId, 'escalated', a.deadline);
      const id = slaAlertAckId(alertId, ctx.actor.id);
      if (!tx.order(a.orderId) || !tx.hasEvent(alertId) || tx.hasEvent(id)) continue;
      tx.addEvent({
        id,
        orderId: a.orderId,
        kind: 'alert_acknowledged',
        at: ctx.now,
        actor: { kind: ctx.actor.kind, id: ctx.actor.id, name: ctx.actor.name },
        clientId: ctx.clientId,
        mutationId: ctx.mutationId,
        data: { alertId, deadline: a.deadline },
      });
    }
  },
});
