import { z } from 'zod';
import { Booking, Id, WorkOrderFields, slaFor, type OrderStatus, type WorkOrder } from '../../domain/index.js';
import { defineMutator, refused } from '../mutation.js';
import { PLANNERS } from '../roles.js';
import { planOrder } from './booking.js';
import {
  Base,
  EventLog,
  Start,
  baseAfter,
  checkBase,
  checkMove,
  nextOrder,
  requireEngineer,
  requireOrder,
  revOf,
} from './common.js';

/** The fields of an order a dispatcher types in; status, SLA and booking follow from the rules. */
const OrderFields = WorkOrderFields.pick({
  customer: true,
  site: true,
  type: true,
  priority: true,
  summary: true,
  requiredSkills: true,
  requiredParts: true,
  durationMin: true,
  window: true,
  preferredEngineerIds: true,
  excludedEngineerIds: true,
});

export const NewOrder = OrderFields.extend({
  id: WorkOrderFields.shape.id,
  code: WorkOrderFields.shape.code,
  parentOrderId: Id.nullable().default(null),
  preferredEngineerIds: OrderFields.shape.preferredEngineerIds.default([]),
  excludedEngineerIds: OrderFields.shape.excludedEngineerIds.default([]),
});
export type NewOrder = z.input<typeof NewOrder>;

export const createOrder = defineMutator({
  name: 'createOrder',
  title: 'create an order',
  args: z.object({
    order: NewOrder,
    /** Booked at once, to this engineer at this start (an appointment slot picked while the caller waits). */
    booking: z.object({ engineerId: Id, start: Start }).optional(),
  }),
  roles: PLANNERS,
  reads: (args) => [
    { kind: 'order', id: args.order.id },
    { kind: 'orderCode', code: args.order.code },
    { kind: 'policy' },
    ...(args.booking ? [{ kind: 'engineer' as const, id: args.booking.engineerId }] : []),
  ],
  apply(tx, { order: input, booking: bookTo }, ctx) {
    if (tx.order(input.id)) throw refused('exists', 'orderIdTaken', { id: input.id });
    if (tx.orderIdByCode(input.code)) throw refused('exists', 'orderCodeTaken', { code: input.code });
    const order: WorkOrder = {
      ...input,
      sla: slaFor(tx.policy(), input.priority, input.customer.tier, ctx.now),
      status: 'new',
      booking: null,
      firstTimeFix: null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      version: 1,
      rev: revOf(ctx),
    };
    tx.putOrder(order);
    const log = new EventLog(tx, ctx);
    log.add(order.id, 'created', { priority: order.priority, type: order.type });
    // The booking goes by the same rules as any assignment; refused, nothing of the call is stored.
    if (bookTo) planOrder(tx, ctx, log, order, bookTo);
  },
  inverse(_before, args, ctx) {
    // Created and booked in one mutation, the order is at version 2 after it.
    const version = args.booking ? 2 : 1;
    return {
      name: 'cancelOrder',
      args: { orderId: args.order.id, base: { version, rev: revOf(ctx) }, reason: 'Creation undone' },
    };
  },
});

const OrderPatch = OrderFields.partial().refine((p) => Object.keys(p).length > 0, {
  message: 'nothing to change',
  params: { say: 'nothingToChange' },
});

export const updateOrder = defineMutator({
  name: 'updateOrder',
  title: 'change an order',
  args: z.object({ orderId: Id, base: Base, patch: OrderPatch }),
  roles: PLANNERS,
  reads: (args) => [{ kind: 'order', id: args.orderId }, { kind: 'policy' }],
  apply(tx, { orderId, base, patch }, ctx) {
    const order = requireOrder(tx, orderId);
    checkBase(order, base);
    if (order.status === 'completed' || order.status === 'cancelled')
      throw refused('illegal_transition', 'orderClosed', { order: order.code, status: order.status });
    const next = nextOrder(order, ctx, patch);
    // The SLA follows priority and tier from the time the order was created; the booking follows the duration.
    if (patch.priority !== undefined || patch.customer !== undefined)
      next.sla = slaFor(tx.policy(), next.priority, next.customer.tier, order.createdAt);
    if (next.booking && patch.durationMin !== undefined)
      next.booking = { ...next.booking, end: next.booking.start + next.durationMin * 60_000 };
    tx.putOrder(next);
    new EventLog(tx, ctx).add(order.id, 'updated', { fields: Object.keys(patch).sort() });
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    if (!order) return null;
    const patch = Object.fromEntries(Object.keys(args.patch).map((k) => [k, order[k as keyof WorkOrder]]));
    return { name: 'updateOrder', args: { orderId: order.id, base: baseAfter(order, ctx), patch } };
  },
});

export const cancelOrder = defineMutator({
  name: 'cancelOrder',
  title: 'cancel an order',
  args: z.object({ orderId: Id, base: Base, reason: z.string().trim().min(1).max(500) }),
  roles: PLANNERS,
  reads: (args) => [{ kind: 'order', id: args.orderId }],
  apply(tx, { orderId, base, reason }, ctx) {
    const order = requireOrder(tx, orderId);
    checkBase(order, base);
    checkMove(order, 'cancelled', ctx);
    tx.putOrder(nextOrder(order, ctx, { status: 'cancelled', booking: null }));
    new EventLog(tx, ctx).add(order.id, 'cancelled', { reason, fromStatus: order.status });
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    // Work the engineer had started is not put back by a dispatcher: only the device reports it.
    if (!order || !isRestorable(order.status)) return null;
    return {
      name: 'restoreOrder',
      args: {
        orderId: order.id,
        base: baseAfter(order, ctx),
        status: order.status,
        booking: order.booking,
        reason: args.reason,
      },
    };
  },
});

/** The statuses a dispatcher's cancellation or hold can be undone to. */
const RESTORABLE = ['new', 'scheduled', 'dispatched', 'on_hold'] as const satisfies readonly OrderStatus[];
const isRestorable = (s: OrderStatus): s is (typeof RESTORABLE)[number] =>
  (RESTORABLE as readonly string[]).includes(s);

/**
 * Undoes a dispatcher's status change that the status machine does not walk back: a cancellation (the order returns
 * with the status and booking it had), or a hold of a dispatched order (it is dispatched again). Undo and redo send it;
 * like any undo, it applies only on the version the change left.
 */
export const restoreOrder = defineMutator({
  name: 'restoreOrder',
  title: 'restore an order',
  args: z
    .object({
      orderId: Id,
      base: Base,
      status: z.enum(RESTORABLE),
      booking: Booking.nullable(),
      /** Why it was cancelled, given again when the restore is itself undone. */
      reason: z.string().trim().min(1).max(500).optional(),
    })
    .refine((a) => (a.status === 'new') === (a.booking === null) || a.status === 'on_hold', {
      message: 'a booked status needs its booking, and a new order has none',
      params: { say: 'restoreBooking' },
      path: ['booking'],
    }),
  roles: PLANNERS,
  reads: (args) => [
    { kind: 'order', id: args.orderId },
    ...(args.booking ? [{ kind: 'engineer' as const, id: args.booking.engineerId }] : []),
  ],
  apply(tx, { orderId, base, status, booking }, ctx) {
    const order = requireOrder(tx, orderId);
    checkBase(order, base);
    const undoesHold = order.status === 'on_hold' && status === 'dispatched';
    if (order.status !== 'cancelled' && !undoesHold)
      throw refused('illegal_transition', 'orderRefused', {
        order: order.code,
        why: [{ id: 'neverStatus', args: { status: order.status, toStatus: status } }],
      });
    if (booking) requireEngineer(tx, booking.engineerId);
    tx.putOrder(nextOrder(order, ctx, { status, booking }));
    new EventLog(tx, ctx).add(order.id, 'status_changed', {
      from: order.status,
      to: status,
      restored: true,
      ...(booking ? { engineerId: booking.engineerId, start: booking.start } : {}),
    });
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    if (!order) return null;
    const base = baseAfter(order, ctx);
    if (order.status === 'cancelled')
      return { name: 'cancelOrder', args: { orderId: order.id, base, reason: args.reason ?? 'Cancelled again' } };
    if (order.status === 'on_hold')
      return { name: 'setOrderStatus', args: { orderId: order.id, status: 'on_hold', base } };
    return null;
  },
});

export const addNote = defineMutator({
  name: 'addNote',
  title: 'add a note',
  args: z.object({ orderId: Id, text: z.string().trim().min(1).max(2_000) }),
  roles: ['dispatcher', 'supervisor', 'device'],
  reads: (args) => [{ kind: 'order', id: args.orderId }],
  apply(tx, { orderId, text }, ctx) {
    const order = requireOrder(tx, orderId);
    if (ctx.actor.role === 'device' && order.booking?.engineerId !== ctx.actor.engineerId)
      throw refused('forbidden', 'notThisDevice', { order: order.code });
    // Notes never conflict: they are appended, so no base version is needed.
    new EventLog(tx, ctx).add(order.id, 'note_added', { text });
  },
});
