import type { Reason } from '../../../shared/dispatch/index.js';
import type { Engineer, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import { defaultSlaPolicy } from '../../../shared/domain/index.js';
import type { ActionLabel, ViewChanges } from '../../../shared/ipc/index.js';
import type { MutationContext, MutationName, PullResult, StateReader, Writes } from '../../../shared/sync/index.js';
import { MAX_MUTATION_BYTES, MUTATORS, inverseOf, jsonBytes, runMutation } from '../../../shared/sync/index.js';
import type { Cache } from './cache.js';
import { OverlayReader } from './overlay.js';

/** A mutation refused locally, before it was stored: nothing was written, the dispatcher sees the reason at once. */
export class LocalRejection extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The refusal as data (shared/dispatch/reasons.ts), for the console to word in its language. */
    readonly say?: Reason[],
  ) {
    super(message);
    this.name = 'LocalRejection';
  }
}

/** Bytes as megabytes with one decimal, rounded up, for messages. */
function megabytes(bytes: number): string {
  return (Math.ceil(bytes / 100_000) / 10).toFixed(1);
}

/** One action of a batch. */
export interface NamedAction {
  name: MutationName;
  args: unknown;
}

/** What became of one action of a batch: stored and queued, or refused by the rules (nothing stored). */
export type BatchResult = { mutationId: number } | { error: LocalRejection };

/** A record an action wrote (`order:<id>`, `engineer:<id>`, `policy`): its version before (null: new) and after. */
export interface WrittenVersion {
  key: string;
  before: { version: number; rev: string } | null;
  after: { version: number; rev: string };
}

/** Nothing changed yet: what a run of actions or a pull page adds to. */
export function emptyChanges(): ViewChanges {
  return { orders: [], engineers: [], policy: null, eventOrderIds: [], reset: false };
}

/** Adds `more` onto `into`: what a run of actions changed, told to the views once. */
export function mergeChanges(into: ViewChanges, more: ViewChanges): void {
  into.orders.push(...more.orders);
  into.engineers.push(...more.engineers);
  if (more.policy) into.policy = more.policy;
  into.eventOrderIds.push(...more.eventOrderIds);
  into.reset ||= more.reset;
}

/**
 * The dispatcher's view — server state with the pending outbox replayed on top — held in memory and in SQLite.
 * Local actions apply to it and join the outbox in one transaction; server changes rebase it.
 */
export class LocalState {
  readonly orders = new Map<string, WorkOrder>();
  readonly engineers = new Map<string, Engineer>();
  private readonly codes = new Map<string, string>();
  private readonly pendingOrders = new Set<string>();
  private readonly pendingEngineers = new Set<string>();
  private policyValue: SlaPolicy | null = null;
  private policyPending = false;
  private readonly pendingEventIds = new Set<string>();

  constructor(private readonly cache: Cache) {
    for (const { order, pending } of cache.viewOrders()) {
      this.orders.set(order.id, order);
      this.codes.set(order.code, order.id);
      if (pending) this.pendingOrders.add(order.id);
    }
    for (const { engineer, pending } of cache.viewEngineers()) {
      this.engineers.set(engineer.id, engineer);
      if (pending) this.pendingEngineers.add(engineer.id);
    }
    const policy = cache.viewPolicy();
    if (policy) [this.policyValue, this.policyPending] = [policy.policy, policy.pending];
    // Idempotent mutators (an SLA alert) ask whether their event exists: after a restart, unsynced ones count too.
    for (const id of cache.pendingEventIds()) this.pendingEventIds.add(id);
  }

  /** The view as mutators read it. */
  readonly reader: StateReader = {
    order: (id) => this.orders.get(id) ?? null,
    orderIdByCode: (code) => this.codes.get(code) ?? null,
    engineer: (id) => this.engineers.get(id) ?? null,
    policy: () => this.policyValue ?? defaultSlaPolicy(),
    hasEvent: (id) => this.pendingEventIds.has(id) || this.cache.hasServerEvent(id),
  };

  policy(): SlaPolicy {
    return this.reader.policy();
  }

  isPendingOrder(id: string): boolean {
    return this.pendingOrders.has(id);
  }

  isPendingEngineer(id: string): boolean {
    return this.pendingEngineers.has(id);
  }

  isPolicyPending(): boolean {
    return this.policyPending;
  }

  /**
   * Applies a dispatcher action: runs the mutator on the view and, in ONE transaction, stores the outbox entry (with
   * `label`, the action as named against the view before it), the new view rows and their events. Returns what changed and the action that would reverse it (for the caller's undo
   * step). Throws LocalRejection when the rules refuse it, or when it is too large ever to reach the server.
   */
  apply(
    name: string,
    args: unknown,
    ctx: MutationContext,
    label: ActionLabel | null = null,
  ): { inverse: { name: string; args: unknown } | null; changes: ViewChanges; written: WrittenVersion[] } {
    const size = jsonBytes({ id: ctx.mutationId, name, args, createdAt: ctx.now });
    if (size > MAX_MUTATION_BYTES)
      throw new LocalRejection(
        'too_large',
        `This change is too large to send to the server (${megabytes(size)} MB; a change may be at most ` +
          `${megabytes(MAX_MUTATION_BYTES)} MB), so it was not made. Make it in smaller parts.`,
      );
    const inverse = inverseOf(MUTATORS, name, args, ctx, this.reader);
    const outcome = runMutation(MUTATORS, name, args, ctx, this.reader, { strictReads: true });
    if (!outcome.ok) {
      if (outcome.code === 'internal')
        throw outcome.internal instanceof Error ? outcome.internal : new Error(outcome.message);
      throw new LocalRejection(outcome.code, outcome.message, outcome.say);
    }
    const { writes } = outcome;
    this.cache.transaction(() => {
      this.cache.appendOutbox(ctx.mutationId, name, args, ctx.now, label);
      this.cache.setMeta('nextMutationId', ctx.mutationId + 1);
      this.persistWrites(writes, true);
    });
    const written = this.writtenVersions(writes);
    return { inverse, changes: this.remember(writes, true), written };
  }

  /** The records `writes` changes, with their versions before (from the view, not yet updated) and after. */
  private writtenVersions(writes: Writes): WrittenVersion[] {
    const v = (r: { version: number; rev: string }) => ({ version: r.version, rev: r.rev });
    const out: WrittenVersion[] = [];
    for (const o of writes.orders.values()) {
      const before = this.orders.get(o.id);
      out.push({ key: `order:${o.id}`, before: before ? v(before) : null, after: v(o) });
    }
    for (const e of writes.engineers.values()) {
      const before = this.engineers.get(e.id);
      out.push({ key: `engineer:${e.id}`, before: before ? v(before) : null, after: v(e) });
    }
    if (writes.policy) out.push({ key: 'policy', before: v(this.reader.policy()), after: v(writes.policy) });
    return out;
  }

  private persistWrites(writes: Writes, pending: boolean): void {
    for (const o of writes.orders.values()) this.cache.putViewOrder(o, pending);
    for (const e of writes.engineers.values()) this.cache.putViewEngineer(e, pending);
    if (writes.policy) this.cache.putViewPolicy(writes.policy, pending);
    for (const ev of writes.events) this.cache.putEvent(ev, pending);
  }

  private remember(writes: Writes, pending: boolean): ViewChanges {
    const changes = emptyChanges();
    for (const o of writes.orders.values()) {
      this.setOrder(o, pending);
      changes.orders.push({ ...o, pending });
    }
    for (const e of writes.engineers.values()) {
      this.setEngineer(e, pending);
      changes.engineers.push({ ...e, pending });
    }
    if (writes.policy) {
      [this.policyValue, this.policyPending] = [writes.policy, pending];
      changes.policy = writes.policy;
    }
    for (const ev of writes.events) if (pending) this.pendingEventIds.add(ev.id);
    changes.eventOrderIds = [...new Set(writes.events.map((e) => e.orderId))];
    return changes;
  }

  private setOrder(o: WorkOrder, pending: boolean): void {
    const previous = this.orders.get(o.id);
    if (previous && previous.code !== o.code) this.codes.delete(previous.code);
    this.orders.set(o.id, o);
    this.codes.set(o.code, o.id);
    if (pending) this.pendingOrders.add(o.id);
    else this.pendingOrders.delete(o.id);
  }

  private setEngineer(e: Engineer, pending: boolean): void {
    this.engineers.set(e.id, e);
    if (pending) this.pendingEngineers.add(e.id);
    else this.pendingEngineers.delete(e.id);
  }

  /**
   * Takes one page of a pull: stores the server's changes, settles the outbox (rejections become conflicts, settled
   * mutations leave it) and rebases the view — server state with what is still pending replayed on top — all in one
   * transaction. Returns what changed for the UI and the rejections newly recorded.
   */
  applyPull(
    page: PullResult,
    principalFor: (entry: { id: number }) => MutationContext['actor'],
    clientId: string,
  ): { changes: ViewChanges; newConflicts: number } {
    const changedOrders = new Set<string>();
    const changedEngineers = new Set<string>();
    let policyChanged = false;
    const eventOrders = new Set<string>();
    let newConflicts = 0;
    let result: ViewChanges = emptyChanges();

    this.cache.transaction(() => {
      if (page.kind === 'reset') {
        // Another database or a cursor past retention: forget every server record and rebuild the view from scratch.
        this.cache.clearServerState();
        this.cache.clearView();
        this.orders.clear();
        this.codes.clear();
        this.engineers.clear();
        this.pendingOrders.clear();
        this.pendingEngineers.clear();
        this.policyValue = null;
        this.policyPending = false;
      }
      for (const c of page.changes) {
        switch (c.entity) {
          case 'order':
            this.cache.putServerOrder(c.value);
            changedOrders.add(c.value.id);
            break;
          case 'engineer':
            this.cache.putServerEngineer(c.value);
            changedEngineers.add(c.value.id);
            break;
          case 'policy':
            this.cache.putServerPolicy(c.value);
            policyChanged = true;
            break;
          case 'event':
            this.cache.putEvent(c.value, false);
            eventOrders.add(c.value.orderId);
            break;
        }
      }
      for (const r of page.rejections) {
        if (this.cache.markRejected(r.mutationId, r.code, r.message, r.at, r.say)) newConflicts += 1;
      }
      this.cache.confirmThrough(page.lastMutationId);
      this.cache.setMeta('cursor', page.cursor);
      this.cache.setMeta('serverLastMutationId', page.lastMutationId);
      this.cache.setMeta('resultsAfter', page.lastMutationId);
      result = this.rebase(
        changedOrders,
        changedEngineers,
        policyChanged,
        principalFor,
        clientId,
        page.kind === 'reset',
      );
    });
    for (const id of eventOrders) if (!result.eventOrderIds.includes(id)) result.eventOrderIds.push(id);
    return { changes: result, newConflicts };
  }

  /** Re-derives the view after server changes or a settled outbox entry; runs inside the caller's transaction. */
  rebase(
    changedOrders: Set<string>,
    changedEngineers: Set<string>,
    policyChanged: boolean,
    principalFor: (entry: { id: number }) => MutationContext['actor'],
    clientId: string,
    reset = false,
  ): ViewChanges {
    const cache = this.cache;
    const server: StateReader = {
      order: (id) => cache.serverOrder(id),
      orderIdByCode: (code) => cache.serverOrderIdByCode(code),
      engineer: (id) => cache.serverEngineer(id),
      policy: () => cache.serverPolicy() ?? defaultSlaPolicy(),
      hasEvent: (id) => cache.hasServerEvent(id),
    };
    const overlay = new OverlayReader(server);
    for (const entry of cache.replayable()) {
      const ctx: MutationContext = { now: entry.createdAt, actor: principalFor(entry), clientId, mutationId: entry.id };
      // A mutation that no longer fits the new server state simply stops showing; the server will reject it.
      const outcome = runMutation(MUTATORS, entry.name, entry.args, ctx, overlay);
      if (outcome.ok) overlay.add(outcome.writes);
    }

    const changes = emptyChanges();
    changes.reset = reset;
    const orderIds = new Set([...changedOrders, ...this.pendingOrders, ...overlay.orders.keys()]);
    for (const id of orderIds) {
      const pending = overlay.orders.has(id);
      const value = overlay.orders.get(id) ?? cache.serverOrder(id);
      if (!value) continue;
      cache.putViewOrder(value, pending);
      this.setOrder(value, pending);
      changes.orders.push({ ...value, pending });
    }
    const engineerIds = new Set([...changedEngineers, ...this.pendingEngineers, ...overlay.engineers.keys()]);
    for (const id of engineerIds) {
      const pending = overlay.engineers.has(id);
      const value = overlay.engineers.get(id) ?? cache.serverEngineer(id);
      if (!value) continue;
      cache.putViewEngineer(value, pending);
      this.setEngineer(value, pending);
      changes.engineers.push({ ...value, pending });
    }
    if (reset || policyChanged || this.policyPending || overlay.policyValue) {
      const pending = overlay.policyValue !== null;
      const value = overlay.policyValue ?? cache.serverPolicy();
      if (value) {
        cache.putViewPolicy(value, pending);
        [this.policyValue, this.policyPending] = [value, pending];
        changes.policy = value;
      }
    }
    const hadPendingEvents = new Set(this.pendingEventIds);
    cache.clearPendingEvents();
    this.pendingEventIds.clear();
    const eventOrders = new Set<string>();
    for (const ev of overlay.events.values()) {
      if (cache.hasServerEvent(ev.id)) continue;
      cache.putEvent(ev, true);
      this.pendingEventIds.add(ev.id);
      eventOrders.add(ev.orderId);
    }
    if (hadPendingEvents.size > 0) for (const o of changes.orders) eventOrders.add(o.id);
    changes.eventOrderIds = [...eventOrders];
    return changes;
  }
}
