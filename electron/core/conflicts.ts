import type { ActionLabel, Conflict, ConflictOrderNow, RetryConflict, StepChange } from '../../shared/ipc/index.js';
import { MUTATORS, type Principal } from '../../shared/sync/index.js';
import type { Cache } from './cache/cache.js';
import { LocalRejection, type LocalState } from './cache/local-state.js';
import { rebased } from './bases.js';
import { describeAction } from './labels.js';

export interface ConflictsOptions {
  /**
   * Stores an action as a new dispatcher action (one undo step) in place of the rejected mutation `replaces`, which
   * leaves the outbox in the same transaction; returns the new mutation id.
   */
  storeInPlace(name: string, args: unknown, label: ActionLabel, replaces: number): number;
  /** The outbox changed without a change to the view (the status bar's counts). */
  outboxChanged(): void;
  /** Who this console acts as (what a mutation reads may depend on it). */
  principal(): Principal;
  /**
   * The latest change of an order by someone else since the version `base` an action was based on (every change by
   * someone else when that version never reached the server), else its latest change: whose, when and what.
   */
  lastChange(key: string, base: { version: number; rev: string } | null): StepChange;
  clientId: string;
}

/** How many orders of one conflict are described as they stand now. */
const NOW_ORDERS = 20;

/** Actions the server rejected, with its reasons, waiting for the dispatcher to retry or discard them (DESIGN §6). */
export class Conflicts {
  constructor(
    private readonly cache: Cache,
    private readonly state: LocalState,
    private readonly o: ConflictsOptions,
  ) {}

  list(): Conflict[] {
    return this.cache.rejected().map((e) => {
      const orderIds = this.ordersOf(e.id, e.name, e.args, e.createdAt);
      return {
        mutationId: e.id,
        name: e.name,
        label: describeAction(e.name, e.args, this.state),
        code: e.errorCode ?? 'rejected',
        message: e.errorMessage ?? '',
        ...(e.errorSay ? { say: e.errorSay } : {}),
        createdAt: e.createdAt,
        rejectedAt: e.settledAt,
        orderIds,
        bookings: bookingsOf(e.args),
        now: orderIds.slice(0, NOW_ORDERS).flatMap((id) => this.orderNow(id, e.args)),
      };
    });
  }

  /**
   * An order as the console holds it now (the server's version and this console's pending changes), with the change
   * that made it so: the latest by someone else since the version the refused action was based on.
   */
  private orderNow(orderId: string, args: unknown): ConflictOrderNow[] {
    const order = this.state.orders.get(orderId);
    if (!order) return [];
    const base = baseOf(args, orderId);
    const b = order.booking;
    return [
      {
        orderId,
        code: order.code,
        status: order.status,
        booking: b
          ? {
              engineerId: b.engineerId,
              engineer: this.state.engineers.get(b.engineerId)?.name ?? b.engineerId,
              start: b.start,
            }
          : null,
        change: this.o.lastChange(`order:${orderId}`, base),
      },
    ];
  }

  /** The orders an action reads (and so may change), as its mutator declares them; none when its args no longer parse. */
  private ordersOf(mutationId: number, name: string, args: unknown, now: number): string[] {
    const mutator = MUTATORS.get(name);
    const parsed = mutator?.args.safeParse(args);
    if (!mutator || !parsed?.success) return [];
    const ctx = { now, actor: this.o.principal(), clientId: this.o.clientId, mutationId };
    const ids = new Set<string>();
    for (const key of mutator.reads(parsed.data, ctx)) if (key.kind === 'order') ids.add(key.id);
    return [...ids].slice(0, 1_000);
  }

  /**
   * Re-applies a rejected action on top of the current state: the same intent, based on the versions the console
   * holds now, its bookings carrying the overrides the dispatcher confirmed when given (see RetryConflict). The
   * conflict is cleared once the new mutation is stored.
   */
  retry(mutationId: number, overrides?: RetryConflict['overrides']): { mutationId: number } {
    const entry = this.rejected(mutationId);
    const current = rebased(entry.args, this.state);
    const args = overrides ? withOverrides(current, overrides) : current;
    const label = describeAction(entry.name, args, this.state);
    return { mutationId: this.o.storeInPlace(entry.name, args, label, mutationId) };
  }

  discard(mutationId: number): void {
    this.rejected(mutationId);
    this.cache.deleteOutbox(mutationId);
    this.o.outboxChanged();
  }

  private rejected(mutationId: number) {
    const entry = this.cache.outboxEntry(mutationId);
    if (!entry || entry.state !== 'rejected')
      throw new LocalRejection('not_found', `there is no conflict ${mutationId}`);
    return entry;
  }
}

/** The version of an order an action was based on: its `base` when it acts on that one order, else none known. */
function baseOf(args: unknown, orderId: string): { version: number; rev: string } | null {
  if (!args || typeof args !== 'object') return null;
  const a = args as { orderId?: unknown; base?: unknown };
  if (a.orderId !== orderId || !a.base || typeof a.base !== 'object') return null;
  const { version, rev } = a.base as { version?: unknown; rev?: unknown };
  return typeof version === 'number' && typeof rev === 'string' ? { version, rev } : null;
}

type Held = { orderId?: unknown; engineerId?: unknown; start?: unknown; override?: unknown; moves?: unknown };

/** The bookings an action makes (assign, move, the moves of a plan that book): who and when, for the rule check. */
function bookingsOf(args: unknown): Conflict['bookings'] {
  if (!args || typeof args !== 'object') return [];
  const a = args as Held;
  const list: Held[] = Array.isArray(a.moves) ? (a.moves as Held[]) : [a];
  return list.flatMap((m) =>
    typeof m.orderId === 'string' && typeof m.engineerId === 'string' && typeof m.start === 'number'
      ? [{ orderId: m.orderId, engineerId: m.engineerId, start: m.start }]
      : [],
  );
}

/** The same args with each booking carrying exactly the override confirmed for its order, and none without one. */
function withOverrides(args: unknown, overrides: NonNullable<RetryConflict['overrides']>): unknown {
  if (!args || typeof args !== 'object') return args;
  const byOrder = new Map(overrides.map((o) => [o.orderId, o.override]));
  const one = (m: Held): Held => {
    if (typeof m.orderId !== 'string' || typeof m.engineerId !== 'string') return m;
    const { override: _old, ...rest } = m;
    const override = byOrder.get(m.orderId);
    return override ? { ...rest, override } : rest;
  };
  const a = args as Held;
  return Array.isArray(a.moves) ? { ...a, moves: (a.moves as Held[]).map(one) } : one(a);
}
