import { z } from 'zod';
import type { ActorKind } from './primitives.js';

/** The life of a work order (DESIGN §3). */
export const ORDER_STATUSES = [
  'new',
  'scheduled',
  'dispatched',
  'en_route',
  'on_site',
  'completed',
  'on_hold',
  'cancelled',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Statuses only the engineer's device may set; they win over dispatcher moves. */
export const FIELD_STATUSES: ReadonlySet<OrderStatus> = new Set(['en_route', 'on_site', 'completed']);

/** Statuses from which nothing moves on. */
export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set(['completed', 'cancelled']);

/** Statuses in which an engineer is working the order: its booking can no longer be moved by a dispatcher. */
export const IN_PROGRESS_STATUSES: ReadonlySet<OrderStatus> = new Set(['en_route', 'on_site']);

/** Statuses that carry a booking (an engineer and a planned time). */
export const BOOKED_STATUSES: ReadonlySet<OrderStatus> = new Set(['scheduled', 'dispatched', 'en_route', 'on_site']);

interface Transition {
  readonly by: readonly ActorKind[];
  readonly meaning: string;
}

const dispatcher = ['user', 'system'] as const;
const device = ['device'] as const;

/**
 * Every legal move of the status machine, with who may make it. Anything absent is illegal.
 * Dispatchers (and the system acting for them) plan; devices report what happens in the field.
 */
const TRANSITIONS: Readonly<Record<OrderStatus, Partial<Record<OrderStatus, Transition>>>> = {
  new: {
    scheduled: { by: dispatcher, meaning: 'booked to an engineer' },
    on_hold: { by: dispatcher, meaning: 'put on hold' },
    cancelled: { by: dispatcher, meaning: 'cancelled' },
  },
  scheduled: {
    new: { by: dispatcher, meaning: 'unassigned back to the queue' },
    dispatched: { by: dispatcher, meaning: 'sent to the engineer' },
    en_route: { by: device, meaning: 'engineer set off' },
    on_hold: { by: dispatcher, meaning: 'put on hold' },
    cancelled: { by: dispatcher, meaning: 'cancelled' },
  },
  dispatched: {
    new: { by: dispatcher, meaning: 'unassigned back to the queue' },
    scheduled: { by: dispatcher, meaning: 'recalled from the engineer' },
    en_route: { by: device, meaning: 'engineer set off' },
    on_hold: { by: dispatcher, meaning: 'put on hold' },
    cancelled: { by: dispatcher, meaning: 'cancelled' },
  },
  en_route: {
    on_site: { by: device, meaning: 'engineer arrived' },
    cancelled: { by: dispatcher, meaning: 'cancelled while the engineer was travelling' },
  },
  on_site: {
    completed: { by: device, meaning: 'work finished' },
    on_hold: { by: device, meaning: 'waiting on site (parts, access, customer)' },
  },
  completed: {},
  on_hold: {
    new: { by: dispatcher, meaning: 'released back to the queue' },
    scheduled: { by: dispatcher, meaning: 'resumed with its booking' },
    cancelled: { by: dispatcher, meaning: 'cancelled' },
  },
  cancelled: {},
};

/** Why the machine refuses a move: already there, from a final status, never allowed, or not by this actor. */
export type TransitionRefusal = 'already' | 'final' | 'never' | 'deviceOnly' | 'dispatcherOnly';
export type TransitionVerdict =
  { ok: true; meaning: string } | { ok: false; reason: string; refusal: TransitionRefusal };

/** Whether `actor` may move an order from `from` to `to`, and if not, why, in words a dispatcher reads. */
export function checkTransition(from: OrderStatus, to: OrderStatus, actor: ActorKind): TransitionVerdict {
  if (from === to) return { ok: false, reason: `the order is already ${label(from)}`, refusal: 'already' };
  const rule = TRANSITIONS[from][to];
  if (!rule) {
    if (TERMINAL_STATUSES.has(from))
      return { ok: false, reason: `the order is ${label(from)} and can no longer change`, refusal: 'final' };
    return { ok: false, reason: `an order cannot go from ${label(from)} to ${label(to)}`, refusal: 'never' };
  }
  if (!rule.by.includes(actor)) {
    const device = rule.by.includes('device');
    const who = device ? "the engineer's device" : 'a dispatcher';
    return {
      ok: false,
      reason: `only ${who} can move an order from ${label(from)} to ${label(to)}`,
      refusal: device ? 'deviceOnly' : 'dispatcherOnly',
    };
  }
  return { ok: true, meaning: rule.meaning };
}

/** Every (from, to) pair the machine allows, for tests and documentation. */
export function legalTransitions(): Array<{ from: OrderStatus; to: OrderStatus; by: readonly ActorKind[] }> {
  const out: Array<{ from: OrderStatus; to: OrderStatus; by: readonly ActorKind[] }> = [];
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const rule = TRANSITIONS[from][to];
      if (rule) out.push({ from, to, by: rule.by });
    }
  }
  return out;
}

/** The statuses reachable from `from` by `actor` in one step. */
export function nextStatuses(from: OrderStatus, actor: ActorKind): OrderStatus[] {
  return ORDER_STATUSES.filter((to) => TRANSITIONS[from][to]?.by.includes(actor) ?? false);
}

/** A status in the words a dispatcher uses. */
export function label(status: OrderStatus): string {
  return status.replace('_', ' ');
}
