import { z } from 'zod';
import { EpochMs, Id } from '../../domain/index.js';
import { defineMutator } from '../mutation.js';
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
    requireOrder(tx, args.orderId);
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
