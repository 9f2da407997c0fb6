import type { ActionLabel, Conflict, ConflictBooking, ConflictOrderNow, StepChange } from '../../shared/ipc/index.js';
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
      const mine = this.bookingOf(e.name, e.args);
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
        ...(mine ? { mine } : {}),
        now: orderIds.slice(0, NOW_ORDERS).flatMap((id) => this.orderNow(id, e.args)),
      };
    });
  }

  /** What a refused booking (assignOrder, moveBooking) would have booked: the engineer and the start it asked for. */
  private bookingOf(name: string, args: unknown): ConflictBooking | null {
    if (name !== 'assignOrder' && name !== 'moveBooking') return null;
    const parsed = MUTATORS.get(name)?.args.safeParse(args);
    if (!parsed?.success) return null;
    const { engineerId, start } = parsed.data as { engineerId: string; start: number };
    return { engineerId, engineer: this.state.engineers.get(engineerId)?.name ?? engineerId, start };
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
   * holds now. The conflict is cleared once the new mutation is stored.
   */
  retry(mutationId: number): { mutationId: number } {
    const entry = this.rejected(mutationId);
    const args = rebased(entry.args, this.state);
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
