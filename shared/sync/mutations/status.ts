import { z } from 'zod';
import {
  ENGINEER_STATES,
  FIELD_STATUSES,
  Id,
  OrderStatus,
  followUpOrder,
  slaFor,
  type EngineerState,
  type OrderStatus as Status,
} from '../../domain/index.js';
import type { EntityKey } from '../mutation.js';
import { defineMutator, refused, type MutationContext } from '../mutation.js';
import {
  Base,
  EventLog,
  baseAfter,
  checkBase,
  checkMove,
  nextEngineer,
  nextOrder,
  requireEngineer,
  requireOrder,
  revOf,
} from './common.js';

/** What the engineer is doing once their device reports an order status. */
const ENGINEER_STATE_AFTER: Partial<Record<Status, EngineerState>> = {
  en_route: 'en_route',
  on_site: 'on_site',
  completed: 'available',
  on_hold: 'available',
};

const Revisit = z.object({
  id: Id,
  code: z.string().trim().min(1).max(40),
  durationMin: z.number().int().min(1).max(1440).optional(),
});

export const setOrderStatus = defineMutator({
  name: 'setOrderStatus',
  title: "change an order's status",
  args: z
    .object({
      orderId: Id,
      status: OrderStatus,
      /** Required from dispatchers; devices report what happened in the field, which wins. */
      base: Base.optional(),
      /** With `completed`: the work needs another visit, created as a linked follow-up order. */
      revisit: Revisit.optional(),
      note: z.string().trim().min(1).max(2_000).optional(),
    })
    .refine((a) => a.revisit === undefined || a.status === 'completed', {
      message: 'only a completion can ask for a revisit',
      params: { say: 'revisitOnCompletion' },
      path: ['revisit'],
    }),
  roles: ['dispatcher', 'supervisor', 'device'],
  reads: (args, ctx) => {
    const keys: EntityKey[] = [{ kind: 'order', id: args.orderId }, { kind: 'policy' }];
    if (ctx.actor.engineerId) keys.push({ kind: 'engineer', id: ctx.actor.engineerId });
    if (args.revisit) keys.push({ kind: 'order', id: args.revisit.id }, { kind: 'orderCode', code: args.revisit.code });
    return keys;
  },
  apply(tx, args, ctx) {
    const order = requireOrder(tx, args.orderId);
    const device = ctx.actor.role === 'device';
    if (device) {
      if (!order.booking || order.booking.engineerId !== ctx.actor.engineerId)
        throw refused('forbidden', 'notThisDevice', { order: order.code });
    } else {
      if (FIELD_STATUSES.has(args.status)) throw refused('forbidden', 'deviceReports', { status: args.status });
      if (!args.base) throw refused('bad_args', 'baseMissing');
      checkBase(order, args.base);
    }
    checkMove(order, args.status, ctx);
    if (args.status === 'scheduled' && !order.booking)
      throw refused('illegal_transition', 'noBookingToResume', { order: order.code });

    const clearsBooking = args.status === 'new' || args.status === 'cancelled';
    const next = nextOrder(order, ctx, {
      status: args.status,
      booking: clearsBooking ? null : order.booking,
      ...(args.status === 'completed' ? { firstTimeFix: args.revisit === undefined } : {}),
    });
    tx.putOrder(next);
    const log = new EventLog(tx, ctx);
    log.add(order.id, 'status_changed', {
      from: order.status,
      to: args.status,
      // The booking it takes away was made against a rule on purpose: the trail says its mark went with it.
      ...(clearsBooking && order.booking?.overridden ? { overrideCleared: true } : {}),
    });
    if (args.note) log.add(order.id, 'note_added', { text: args.note });

    if (args.revisit) {
      if (tx.order(args.revisit.id)) throw refused('exists', 'orderIdTaken', { id: args.revisit.id });
      if (tx.orderIdByCode(args.revisit.code)) throw refused('exists', 'orderCodeTaken', { code: args.revisit.code });
      const sla = slaFor(tx.policy(), order.priority, order.customer.tier, ctx.now);
      const followUp = followUpOrder(
        next,
        { id: args.revisit.id, code: args.revisit.code, rev: revOf(ctx) },
        ctx.now,
        sla,
        args.revisit.durationMin,
      );
      tx.putOrder({ ...followUp, version: 1 });
      log.add(followUp.id, 'created', { priority: followUp.priority, type: followUp.type, revisitOf: order.id });
      log.add(order.id, 'revisit_created', { orderId: followUp.id, code: followUp.code });
    }

    const state = ENGINEER_STATE_AFTER[args.status];
    if (device && state && ctx.actor.engineerId) {
      const engineer = requireEngineer(tx, ctx.actor.engineerId);
      if (engineer.state !== state) tx.putEngineer(nextEngineer(engineer, ctx, { state }));
    }
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    if (!order || ctx.actor.role === 'device') return null;
    const base = baseAfter(order, ctx);
    // Held once dispatched: the machine does not go from on hold to dispatched, so undo restores it.
    if (order.status === 'dispatched' && args.status === 'on_hold' && order.booking)
      return { name: 'restoreOrder', args: { orderId: order.id, base, status: 'dispatched', booking: order.booking } };
    // Sent to the queue from hold, a booking is gone: holding it again would not bring it back.
    if (args.status === 'new' && order.booking) return null;
    const back = undoStatus(order.status, args.status);
    return back ? { name: 'setOrderStatus', args: { orderId: order.id, status: back, base } } : null;
  },
});

/** The status a dispatcher's status change is undone to, when the machine allows going back directly. */
function undoStatus(from: Status, to: Status): Status | null {
  if (from === 'scheduled' && to === 'dispatched') return 'scheduled';
  if (from === 'dispatched' && to === 'scheduled') return 'dispatched';
  if (to === 'on_hold' && (from === 'scheduled' || from === 'new')) return from;
  // A release (back to scheduled with its booking, or to the queue) is undone by holding it again.
  if (from === 'on_hold' && (to === 'scheduled' || to === 'new')) return 'on_hold';
  return null;
}

export const setEngineerState = defineMutator({
  name: 'setEngineerState',
  title: "change an engineer's state",
  args: z.object({ engineerId: Id, state: z.enum(ENGINEER_STATES) }),
  roles: ['dispatcher', 'supervisor', 'device'],
  reads: (args) => [{ kind: 'engineer', id: args.engineerId }],
  apply(tx, args, ctx: MutationContext) {
    if (ctx.actor.role === 'device' && ctx.actor.engineerId !== args.engineerId)
      throw refused('forbidden', 'ownStateOnly');
    const engineer = requireEngineer(tx, args.engineerId);
    if (engineer.state === args.state) return;
    tx.putEngineer(nextEngineer(engineer, ctx, { state: args.state }));
  },
});
