import { z } from 'zod';
import type { WorkOrder } from '../../domain/index.js';
import { Id, OverriddenMark, TimeWindow } from '../../domain/index.js';
import { engineerArgs } from '../../dispatch/reasons.js';
import type { EntityKey } from '../mutation.js';
import { MutationRejected, defineMutator, refused, type MutationContext, type MutationTx } from '../mutation.js';
import { PLANNERS } from '../roles.js';
import {
  Base,
  EventLog,
  Override,
  Start,
  baseAfter,
  bookingFor,
  checkBase,
  checkMove,
  checkPlannable,
  nextOrder,
  requireEngineer,
  requireOrder,
} from './common.js';

/** Which of the engine's proposals a plan was accepted from. */
export const ProposalKind = z.enum(['auto-dispatch', 'resequence', 'emergency']);
export type ProposalKind = z.infer<typeof ProposalKind>;

/**
 * Books `order` to `engineerId` at `start`, or back to the queue when `engineerId` is null. New and on-hold orders are
 * scheduled; booked ones move (a dispatched order given to another engineer goes back to scheduled, since the first
 * engineer's device had it). Returns the order as written.
 */
export function planOrder(
  tx: MutationTx,
  ctx: MutationContext,
  log: EventLog,
  order: WorkOrder,
  target: {
    engineerId: string | null;
    start: number | null;
    pinned?: boolean | undefined;
    override?: Override | undefined;
    /** Puts the booking back marked overridden, as it was (undo and redo of a change to such a booking). */
    overridden?: true | undefined;
    /** The engine's proposal the change was accepted from (the dispatcher accepted it; the engine planned it). */
    proposal?: ProposalKind | undefined;
    /** The appointment window promised with this change (null: none); absent, the order's stays. */
    window?: WorkOrder['window'] | undefined;
  },
): WorkOrder {
  const promised = target.window === undefined ? {} : { window: target.window };
  checkPlannable(order);
  if (target.engineerId === null) {
    if (order.status === 'new') throw refused('illegal_transition', 'orderNotBooked', { order: order.code });
    checkMove(order, 'new', ctx);
    const next = nextOrder(order, ctx, { status: 'new', booking: null, ...promised });
    tx.putOrder(next);
    log.add(order.id, 'unassigned', {
      fromEngineerId: order.booking?.engineerId ?? null,
      fromStart: order.booking?.start ?? null,
      ...(order.booking?.overridden ? { overrideCleared: true } : {}),
      ...(target.proposal ? { proposal: target.proposal } : {}),
    });
    return next;
  }
  if (target.start === null) throw refused('bad_args', 'needsStart', { order: order.code });
  const engineer = requireEngineer(tx, target.engineerId);
  if (order.excludedEngineerIds.includes(engineer.id))
    throw refused('invalid', 'customerExcluded', { ...engineerArgs(engineer), order: order.code });
  const pinned = target.pinned ?? order.booking?.pinned ?? false;
  const marked = target.override !== undefined || target.overridden === true;
  const booking = {
    ...bookingFor(order, engineer.id, target.start, pinned),
    ...(marked ? { overridden: true as const } : {}),
  };
  // What the trail keeps of the change: the override confirmed (or the mark put back), whether it took the mark off
  // the booking it replaces, and the proposal it was accepted from.
  const trail = {
    ...(target.override ? { override: target.override } : target.overridden ? { overridden: true } : {}),
    ...(!marked && order.booking?.overridden ? { overrideCleared: true } : {}),
    ...(target.proposal ? { proposal: target.proposal } : {}),
  };
  if (order.status === 'new' || order.status === 'on_hold' || !order.booking) {
    checkMove(order, 'scheduled', ctx);
    const next = nextOrder(order, ctx, { status: 'scheduled', booking, ...promised });
    tx.putOrder(next);
    log.add(order.id, 'assigned', {
      engineerId: engineer.id,
      start: booking.start,
      end: booking.end,
      pinned,
      ...trail,
    });
    return next;
  }
  const reassigned = order.booking.engineerId !== engineer.id;
  const status = reassigned && order.status === 'dispatched' ? 'scheduled' : order.status;
  const next = nextOrder(order, ctx, { status, booking });
  tx.putOrder(next);
  log.add(order.id, 'moved', {
    fromEngineerId: order.booking.engineerId,
    fromStart: order.booking.start,
    engineerId: engineer.id,
    start: booking.start,
    end: booking.end,
    ...(status !== order.status ? { status } : {}),
    ...trail,
  });
  return next;
}

const readsOrderAndEngineer = (args: { orderId: string; engineerId: string }): EntityKey[] => [
  { kind: 'order', id: args.orderId },
  { kind: 'engineer', id: args.engineerId },
];

/** A booking's override mark, as the args that put it back with the booking. */
const markOf = (booking: WorkOrder['booking']) => (booking?.overridden ? { overridden: true as const } : {});

/**
 * Undoing a booking change: put the order back where it was before, based on the version the change produced (with
 * the window it had, when the change promised a new one, and the override mark it had).
 */
function restore(before: WorkOrder, ctx: MutationContext, windowChanged = false) {
  const base = baseAfter(before, ctx);
  const window = windowChanged ? { window: before.window } : {};
  if (!before.booking) return { name: 'unassignOrder', args: { orderId: before.id, base, ...window } };
  return {
    name: 'moveBooking',
    args: {
      orderId: before.id,
      base,
      engineerId: before.booking.engineerId,
      start: before.booking.start,
      pinned: before.booking.pinned,
      ...markOf(before.booking),
      ...window,
    },
  };
}

/** The appointment window an assignment or unassignment may promise with it (null: none). */
const PromisedWindow = TimeWindow.nullable().optional();

export const assignOrder = defineMutator({
  name: 'assignOrder',
  title: 'assign an order',
  args: z.object({
    orderId: Id,
    base: Base,
    engineerId: Id,
    start: Start,
    pinned: z.boolean().optional(),
    override: Override.optional(),
    /** Undo and redo: the booking is put back marked overridden, as it was. */
    overridden: OverriddenMark.optional(),
    /** The appointment window promised with the booking (a slot the caller picked). */
    window: PromisedWindow,
  }),
  roles: PLANNERS,
  reads: readsOrderAndEngineer,
  apply(tx, args, ctx) {
    const order = requireOrder(tx, args.orderId);
    checkBase(order, args.base);
    planOrder(tx, ctx, new EventLog(tx, ctx), order, args);
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    return order ? restore(order, ctx, args.window !== undefined) : null;
  },
});

export const moveBooking = defineMutator({
  name: 'moveBooking',
  title: 'move a booking',
  args: z.object({
    orderId: Id,
    base: Base,
    engineerId: Id,
    start: Start,
    pinned: z.boolean().optional(),
    override: Override.optional(),
    /** Undo and redo: the booking is put back marked overridden, as it was. */
    overridden: OverriddenMark.optional(),
  }),
  roles: PLANNERS,
  reads: readsOrderAndEngineer,
  apply(tx, args, ctx) {
    const order = requireOrder(tx, args.orderId);
    checkBase(order, args.base);
    if (!order.booking) throw refused('illegal_transition', 'assignFirst', { order: order.code });
    planOrder(tx, ctx, new EventLog(tx, ctx), order, args);
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    return order ? restore(order, ctx) : null;
  },
});

export const unassignOrder = defineMutator({
  name: 'unassignOrder',
  title: 'unassign an order',
  args: z.object({
    orderId: Id,
    base: Base,
    /** The appointment window the order has after it (undoing a booking that promised one). */
    window: PromisedWindow,
  }),
  roles: PLANNERS,
  reads: (args) => [{ kind: 'order', id: args.orderId }],
  apply(tx, args, ctx) {
    const order = requireOrder(tx, args.orderId);
    checkBase(order, args.base);
    planOrder(tx, ctx, new EventLog(tx, ctx), order, { engineerId: null, start: null, window: args.window });
  },
  inverse(before, args, ctx) {
    const order = before.order(args.orderId);
    if (!order?.booking) return null;
    const { engineerId, start, pinned } = order.booking;
    const window = args.window === undefined ? {} : { window: order.window };
    return {
      name: 'assignOrder',
      args: {
        orderId: order.id,
        base: baseAfter(order, ctx),
        engineerId,
        start,
        pinned,
        ...markOf(order.booking),
        ...window,
      },
    };
  },
});

function pinMutator<const N extends 'pinBooking' | 'unpinBooking'>(name: N, pinned: boolean) {
  return defineMutator({
    name,
    title: pinned ? 'pin a booking' : 'unpin a booking',
    args: z.object({ orderId: Id, base: Base }),
    roles: PLANNERS,
    reads: (args) => [{ kind: 'order', id: args.orderId }],
    apply(tx, args, ctx) {
      const order = requireOrder(tx, args.orderId);
      checkBase(order, args.base);
      if (!order.booking) throw refused('illegal_transition', 'orderNotBooked', { order: order.code });
      if (order.booking.pinned === pinned) return;
      tx.putOrder(nextOrder(order, ctx, { booking: { ...order.booking, pinned } }));
      new EventLog(tx, ctx).add(order.id, pinned ? 'pinned' : 'unpinned');
    },
    inverse(before, args, ctx) {
      const order = before.order(args.orderId);
      if (!order?.booking || order.booking.pinned === pinned) return null;
      return { name: pinned ? 'unpinBooking' : 'pinBooking', args: { orderId: order.id, base: baseAfter(order, ctx) } };
    },
  });
}

export const pinBooking = pinMutator('pinBooking', true);
export const unpinBooking = pinMutator('unpinBooking', false);

/** One move of a plan: book an order (or return it to the queue when engineerId is null). */
export const PlanMove = z.object({
  orderId: Id,
  base: Base,
  engineerId: Id.nullable(),
  start: Start.nullable(),
  pinned: z.boolean().optional(),
  override: Override.optional(),
  /** Undo and redo: the booking is put back marked overridden, as it was. */
  overridden: OverriddenMark.optional(),
});
export type PlanMove = z.infer<typeof PlanMove>;

export const applyPlan = defineMutator({
  name: 'applyPlan',
  title: 'apply a plan',
  args: z
    .object({
      moves: z.array(PlanMove).min(1).max(2_000),
      label: z.string().max(200).optional(),
      /** The engine's proposal the plan was accepted from; each change's trail entry names it. */
      proposal: ProposalKind.optional(),
    })
    .refine((a) => new Set(a.moves.map((m) => m.orderId)).size === a.moves.length, {
      message: 'a plan moves each order at most once',
      params: { say: 'planMovesOnce' },
    }),
  roles: PLANNERS,
  reads: (args) =>
    args.moves.flatMap((m): EntityKey[] =>
      m.engineerId
        ? [
            { kind: 'order', id: m.orderId },
            { kind: 'engineer', id: m.engineerId },
          ]
        : [{ kind: 'order', id: m.orderId }],
    ),
  apply(tx, args, ctx) {
    const log = new EventLog(tx, ctx);
    for (const move of args.moves) {
      const order = tx.order(move.orderId);
      try {
        if (!order) throw refused('not_found', 'orderMissing', { id: move.orderId });
        checkBase(order, move.base);
        planOrder(tx, ctx, log, order, { ...move, proposal: args.proposal });
      } catch (err) {
        if (err instanceof MutationRejected)
          throw new MutationRejected(
            err.code,
            `${err.message} — no move of the plan was applied`,
            err.say && [{ id: 'planNotApplied', args: { why: err.say } }],
          );
        throw err;
      }
    }
  },
  inverse(before, args, ctx) {
    const moves: PlanMove[] = [];
    for (const m of args.moves) {
      const order = before.order(m.orderId);
      if (!order) return null;
      moves.push({
        orderId: order.id,
        base: baseAfter(order, ctx),
        engineerId: order.booking?.engineerId ?? null,
        start: order.booking?.start ?? null,
        pinned: order.booking?.pinned ?? false,
        ...markOf(order.booking),
      });
    }
    return { name: 'applyPlan', args: { moves, label: `undo ${args.label ?? 'plan'}` } };
  },
});
