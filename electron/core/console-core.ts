import { mkdirSync } from 'node:fs';
import { computeKpis, type KpiReport } from '../../shared/kpi/index.js';
import { join } from 'node:path';
import type { Engineer, OrderEvent, SlaPolicy, WorkOrder } from '../../shared/domain/index.js';
import type { EngineerPosition, MutationArgs, MutationName, Principal, Session } from '../../shared/sync/index.js';
import { Cache, type HistoryEntry, type NamedMutation, type OutboxEntry } from './cache/cache.js';
import { emptyChanges, LocalRejection, LocalState, mergeChanges, type ViewChanges } from './cache/local-state.js';
import { newClientId, principalFromToken } from './identity.js';
import { describeAction } from './labels.js';
import { SlaWatcher, type SlaAlert } from './sla-watcher.js';
import type { SlaTimeline } from '../../shared/sla/index.js';
import { SyncClient } from './sync/client.js';
import type { SyncStatus } from './sync/status.js';
import type { SyncTransport } from './sync/transport.js';

export interface ConsoleCoreOptions {
  /** Folder of the local cache (cache.sqlite lives here). */
  dataDir: string;
  /** The sign-in token for the sync server. */
  token: string;
  /** How to reach the server; null runs purely on the cache (a console that never connects). */
  transport: SyncTransport | null;
  teams?: string[] | 'all';
  clock?: () => number;
  nativeBinding?: string;
  sync?: { requestTimeoutMs?: number; retryBaseMs?: number; retryMaxMs?: number };
  /** How often the SLA watcher reads the clocks (default 15 s). */
  slaIntervalMs?: number;
  /** Off: SLA clocks are read only when checkSla is called (sync tests that count every mutation). */
  slaWatch?: boolean;
}

/** One action of a batch. */
export interface NamedAction {
  name: MutationName;
  args: unknown;
}

/** What became of one action of a batch: stored and queued, or refused by the rules (nothing stored). */
export type BatchResult = { mutationId: number } | { error: LocalRejection };

/** A conflict: a mutation the server rejected, with its reason, waiting for retry or discard. */
export interface Conflict {
  mutationId: number;
  name: string;
  label: string;
  code: string;
  message: string;
  createdAt: number;
  rejectedAt: number | null;
}

export interface CoreEvents {
  changes(changes: ViewChanges): void;
  positions(positions: EngineerPosition[]): void;
  status(status: SyncStatus): void;
  history(state: { canUndo: boolean; canRedo: boolean; undoLabel: string | null; redoLabel: string | null }): void;
  session(session: Session): void;
  slaAlert(alert: SlaAlert): void;
}

/** Everything a console shows at start: the whole view. */
export interface Snapshot {
  orders: Array<WorkOrder & { pending: boolean }>;
  engineers: Array<Engineer & { pending: boolean }>;
  policy: SlaPolicy;
  positions: EngineerPosition[];
  status: SyncStatus;
  principal: Principal;
  clientId: string;
}

/**
 * The desktop core (DESIGN §1): the local cache, the outbox, the sync client and undo/redo behind one object.
 * Plain Node: Electron's main process and the web host both run it.
 */
export class ConsoleCore {
  readonly cache: Cache;
  readonly state: LocalState;
  readonly clientId: string;
  private readonly sync: SyncClient | null;
  private readonly watcher: SlaWatcher;
  /** The undo step the latest dispatcher batch opened, which the next part of the same batch may continue. */
  private lastBatchStep: number | null = null;
  /** Escalations raised since this core started, newest last: a window that opens later still announces them. */
  private readonly recentAlerts: SlaAlert[] = [];
  private readonly clock: () => number;
  private principalValue: Principal;
  private listeners: { [K in keyof CoreEvents]: Set<CoreEvents[K]> } = {
    changes: new Set(),
    positions: new Set(),
    status: new Set(),
    history: new Set(),
    session: new Set(),
    slaAlert: new Set(),
  };

  constructor(private readonly o: ConsoleCoreOptions) {
    mkdirSync(o.dataDir, { recursive: true });
    this.clock = o.clock ?? Date.now;
    this.cache = new Cache(join(o.dataDir, 'cache.sqlite'), { nativeBinding: o.nativeBinding });
    let clientId = this.cache.meta('clientId');
    if (!clientId) {
      clientId = newClientId();
      this.cache.setMeta('clientId', clientId);
    }
    this.clientId = clientId;
    this.principalValue = principalFromToken(o.token);
    this.state = new LocalState(this.cache);
    this.sync = o.transport
      ? new SyncClient({
          transport: o.transport,
          cache: this.cache,
          state: this.state,
          clientId,
          token: o.token,
          principal: () => this.principalValue,
          clock: this.clock,
          teams: o.teams ?? 'all',
          ...o.sync,
        })
      : null;
    this.sync?.on({
      status: (s) => this.emit('status', s),
      changes: (c) => this.emit('changes', c),
      positions: (b) => this.emit('positions', b.positions),
      conflicts: () => this.emit('status', this.status()),
      session: (s) => {
        this.principalValue = {
          ...this.principalValue,
          id: s.userId,
          name: s.name,
          role: s.role,
          engineerId: s.engineerId,
        };
        this.emit('session', s);
      },
    });
    this.watcher = new SlaWatcher(this, {
      clock: this.clock,
      intervalMs: o.slaIntervalMs,
      onAlert: (a) => {
        this.recentAlerts.push(a);
        if (this.recentAlerts.length > 100) this.recentAlerts.shift();
        this.emit('slaAlert', a);
      },
    });
  }

  /** Connects to the server (if there is one) and starts watching SLA clocks; the console works on the cache either way. */
  start(): void {
    this.sync?.start();
    if (this.o.slaWatch !== false) this.watcher.start();
  }

  /** Reads the SLA clocks now and escalates new breaches (the watcher also does so on its own). */
  checkSla(): SlaAlert[] {
    return this.watcher.check();
  }

  /** The escalations raised since start (at most the latest 100). */
  slaAlerts(): SlaAlert[] {
    return [...this.recentAlerts];
  }

  /** The SLA timelines (response, completion, holds) of orders, for views that show the clocks. */
  slaTimelines(orderIds: readonly string[] | null): Array<{ orderId: string; timeline: SlaTimeline }> {
    const ids = orderIds ?? [...this.state.orders.keys()];
    const out: Array<{ orderId: string; timeline: SlaTimeline }> = [];
    for (const id of ids) {
      const order = this.state.orders.get(id);
      if (order) out.push({ orderId: id, timeline: this.watcher.timeline(order) });
    }
    return out;
  }

  on<K extends keyof CoreEvents>(event: K, listener: CoreEvents[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  private emit<K extends keyof CoreEvents>(event: K, ...args: Parameters<CoreEvents[K]>): void {
    for (const l of this.listeners[event]) (l as (...a: Parameters<CoreEvents[K]>) => void)(...args);
  }

  get principal(): Principal {
    return this.principalValue;
  }

  snapshot(): Snapshot {
    return {
      orders: [...this.state.orders.values()].map((o) => ({ ...o, pending: this.state.isPendingOrder(o.id) })),
      engineers: [...this.state.engineers.values()].map((e) => ({ ...e, pending: this.state.isPendingEngineer(e.id) })),
      policy: this.state.policy(),
      positions: this.cache.positions(),
      status: this.status(),
      principal: this.principalValue,
      clientId: this.clientId,
    };
  }

  status(): SyncStatus {
    if (this.sync) return this.sync.status();
    const counts = this.cache.outboxCounts();
    const last = this.cache.meta('lastSyncAt');
    return {
      state: 'offline',
      pending: counts.pending,
      conflicts: counts.rejected,
      lastSyncAt: last ? Number(last) : null,
      message: 'no server configured',
    };
  }

  order(id: string): WorkOrder | null {
    return this.state.orders.get(id) ?? null;
  }

  /** The audit trail of an order, server events and this console's pending ones. */
  orderEvents(orderId: string): Array<OrderEvent & { pending: boolean }> {
    return this.cache.eventsForOrder(orderId);
  }

  /**
   * The KPIs of a period and team from this console's copy of the event log (so they work offline too); orders
   * completed in the period are read with their history of up to 60 days before it.
   */
  kpis(from: number, to: number, team: string | null, timeZone: string): KpiReport {
    return computeKpis({
      orders: this.state.orders.values(),
      engineers: this.state.engineers.values(),
      events: this.cache.eventsBetween(from - 60 * 86_400_000, to),
      from,
      to,
      team,
      timeZone,
      now: this.clock(),
    });
  }

  /** An engineer's position trail between two instants, from the server; throws when it cannot be reached. */
  async breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]> {
    if (!this.sync) throw new Error('this console has no sync server, and the trail is kept there');
    const { points } = await this.sync.breadcrumbs(engineerId, from, to);
    return points.map((p) => ({ ...p, engineerId }));
  }

  /** Who acts, when, and under which mutation id: the context of the next stored action. */
  private mutationContext() {
    return {
      now: this.clock(),
      actor: this.principalValue,
      clientId: this.clientId,
      mutationId: this.nextMutationId(),
    };
  }

  /** Tells the views and the sync client that actions were stored. */
  private announce(changes: ViewChanges): void {
    this.emit('changes', changes);
    this.emit('status', this.status());
    this.sync?.kick();
  }

  private nextMutationId(): number {
    const stored = Number(this.cache.meta('nextMutationId') ?? 0);
    const confirmed = Number(this.cache.meta('serverLastMutationId') ?? 0);
    return Math.max(stored, confirmed + 1, this.cache.maxOutboxId() + 1, 1);
  }

  /**
   * A dispatcher action: applied to the cache and queued for the server in one transaction; recorded for undo.
   * Throws LocalRejection (nothing stored) when the rules refuse it.
   */
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>, label?: string): { mutationId: number } {
    const text = label ?? describeAction(name, args, this.state);
    const mutationId = this.run(name, args, { stack: 'undo', label: text, clearRedo: true });
    return { mutationId };
  }

  /**
   * Actions the console takes by itself in a burst (the escalations of one SLA reading): one transaction, one change
   * notification, not on the undo stack. Each action has its own savepoint, so one the rules refuse is left out with
   * its error and the others stand.
   */
  recordAll(actions: readonly NamedAction[]): BatchResult[] {
    return this.batch(actions, undefined).results;
  }

  /**
   * Many dispatcher actions taken as one (the rows of an import): stored in one transaction, each on its own
   * savepoint so a refused row is reported and the others stand; one undo step reverses all that were stored.
   */
  mutateAll(actions: readonly NamedAction[], label: string, continueStep = false): BatchResult[] {
    // A batch sent in parts (a big file: each call has a size limit) continues the step its first part opened, as
    // long as nothing else went onto the undo stack in between.
    // A new batch forgets the last one's step, even when its first part stores nothing (a file imported twice).
    if (!continueStep) this.lastBatchStep = null;
    const top = continueStep ? this.cache.topHistory('undo') : null;
    const extend = top && top.seq === this.lastBatchStep && top.label === label ? top : undefined;
    return this.batch(actions, { stack: 'undo', label, clearRedo: true, extend }).results;
  }

  private batch(
    actions: readonly NamedAction[],
    history:
      | { stack: 'undo' | 'redo'; label: string; clearRedo: boolean; consumes?: number; extend?: HistoryEntry }
      | undefined,
  ): { results: BatchResult[]; stored: number } {
    const results: BatchResult[] = [];
    const changes = emptyChanges();
    let stored = 0;
    this.cache.transaction(() => {
      const inverses: NamedMutation[] = [];
      let first: number | null = null;
      for (const action of actions) {
        const ctx = this.mutationContext();
        try {
          const applied = this.cache.transaction(() => this.state.apply(action.name, action.args, ctx));
          mergeChanges(changes, applied.changes);
          if (applied.inverse) inverses.push(applied.inverse);
          first ??= ctx.mutationId;
          stored += 1;
          results.push({ mutationId: ctx.mutationId });
        } catch (error) {
          // Only this action's savepoint rolled back; the ones before it are stored and already in the view, so
          // even an unexpected failure is reported for this action alone.
          results.push({
            error:
              error instanceof LocalRejection
                ? error
                : new LocalRejection('internal', error instanceof Error ? error.message : String(error)),
          });
        }
      }
      if (!history) return;
      if (history.consumes !== undefined) this.cache.deleteHistory(history.consumes);
      // Undoing a batch reverses its actions last first.
      if (history.extend && inverses.length > 0) {
        this.cache.setHistoryInverse(history.extend.seq, [...inverses.reverse(), ...history.extend.inverse]);
      } else if (first !== null && inverses.length > 0) {
        const seq = this.cache.pushHistory(history.stack, first, history.label, inverses.reverse());
        this.cache.trimUndo(200);
        if (history.stack === 'undo' && history.consumes === undefined) this.lastBatchStep = seq;
      }
      if (history.clearRedo && stored > 0) this.cache.clearHistory('redo');
    });
    if (stored > 0) this.announce(changes);
    if (history) this.emitHistory();
    return { results, stored };
  }

  private run(
    name: string,
    args: unknown,
    history: { stack: 'undo' | 'redo'; label: string; clearRedo: boolean } | undefined,
    alsoRemove?: number,
    alsoDeleteOutbox?: number,
  ): number {
    const ctx = this.mutationContext();
    // One transaction (better-sqlite3 nests it as a savepoint): the action and the history step it consumes.
    const { changes } = this.cache.transaction(() => {
      const applied = this.state.apply(name, args, ctx, history);
      if (alsoRemove !== undefined) this.cache.deleteHistory(alsoRemove);
      if (alsoDeleteOutbox !== undefined) this.cache.deleteOutbox(alsoDeleteOutbox);
      return applied;
    });
    this.announce(changes);
    this.emitHistory();
    return ctx.mutationId;
  }

  /** Undoes the latest action with a new mutation (so it works offline and syncs like any other). */
  undo(): { label: string } | null {
    return this.step('undo', 'redo');
  }

  redo(): { label: string } | null {
    return this.step('redo', 'undo');
  }

  private step(from: 'undo' | 'redo', to: 'undo' | 'redo'): { label: string } | null {
    const entry = this.cache.topHistory(from);
    if (!entry) return null;
    if (entry.inverse.length > 1) return this.stepBatch(entry, from, to);
    const [inverse] = entry.inverse as [NamedMutation];
    try {
      this.run(inverse.name, inverse.args, { stack: to, label: entry.label, clearRedo: false }, entry.seq);
      return { label: entry.label };
    } catch (err) {
      // A step that no longer applies (someone changed the order since) is dropped, with the reason shown.
      this.cache.deleteHistory(entry.seq);
      this.emitHistory();
      if (err instanceof LocalRejection)
        throw new LocalRejection(err.code, `cannot ${from} "${entry.label}": ${err.message}`);
      throw err;
    }
  }

  /**
   * Undoes or redoes a batch: every step that still applies is taken, as one new step the other way. Steps that no
   * longer apply (an imported order someone has since cancelled) are left out and named; when none applies, the
   * entry is dropped with the reasons, as for a single action.
   */
  private stepBatch(entry: HistoryEntry, from: 'undo' | 'redo', to: 'undo' | 'redo'): { label: string } {
    const { results, stored } = this.batch(entry.inverse as NamedAction[], {
      stack: to,
      label: entry.label,
      clearRedo: false,
      consumes: entry.seq,
    });
    const refused = results.flatMap((r) => ('error' in r ? [r.error.message] : []));
    if (stored === 0) {
      this.cache.deleteHistory(entry.seq);
      this.emitHistory();
      throw new LocalRejection('conflict', `cannot ${from} "${entry.label}": ${refused.slice(0, 3).join('; ')}`);
    }
    if (refused.length === 0) return { label: entry.label };
    return {
      label: `${entry.label} (${refused.length} of ${results.length} could not be ${from === 'undo' ? 'undone' : 'redone'}: ${refused[0]})`,
    };
  }

  history(): { canUndo: boolean; canRedo: boolean; undoLabel: string | null; redoLabel: string | null } {
    const u = this.cache.topHistory('undo');
    const r = this.cache.topHistory('redo');
    return { canUndo: u !== null, canRedo: r !== null, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  private emitHistory(): void {
    this.emit('history', this.history());
  }

  conflicts(): Conflict[] {
    return this.cache.rejected().map((e: OutboxEntry) => ({
      mutationId: e.id,
      name: e.name,
      label: describeAction(e.name, e.args, this.state),
      code: e.errorCode ?? 'rejected',
      message: e.errorMessage ?? '',
      createdAt: e.createdAt,
      rejectedAt: e.settledAt,
    }));
  }

  /**
   * Re-applies a rejected action on top of the current state: the same intent, based on the versions the console
   * holds now. The conflict is cleared once the new mutation is stored.
   */
  retryConflict(mutationId: number): { mutationId: number } {
    const entry = this.cache.outboxEntry(mutationId);
    if (!entry || entry.state !== 'rejected')
      throw new LocalRejection('not_found', `there is no conflict ${mutationId}`);
    const args = rebased(entry.args, this.state);
    const label = describeAction(entry.name, args, this.state);
    const id = this.run(entry.name, args, { stack: 'undo', label, clearRedo: true }, undefined, mutationId);
    return { mutationId: id };
  }

  discardConflict(mutationId: number): void {
    const entry = this.cache.outboxEntry(mutationId);
    if (!entry || entry.state !== 'rejected')
      throw new LocalRejection('not_found', `there is no conflict ${mutationId}`);
    this.cache.deleteOutbox(mutationId);
    this.emit('status', this.status());
  }

  /** Work offline on purpose, or come back online. */
  setWorkOffline(offline: boolean): void {
    this.sync?.setPaused(offline);
  }

  close(): void {
    if (!this.cache.db.open) return;
    this.watcher.stop();
    this.sync?.stop();
    this.cache.close();
  }
}

type BaseHolder = { orderId?: unknown; engineerId?: unknown; base?: unknown; moves?: unknown };

/** The same args with every `base` replaced by the version the console holds now. */
function rebased(args: unknown, state: LocalState): unknown {
  if (!args || typeof args !== 'object') return args;
  const a = args as BaseHolder;
  const baseOf = (orderId: unknown) => {
    const o = typeof orderId === 'string' ? state.orders.get(orderId) : undefined;
    return o ? { version: o.version, rev: o.rev } : undefined;
  };
  if (Array.isArray(a.moves))
    return { ...a, moves: a.moves.map((m: BaseHolder) => ({ ...m, base: baseOf(m.orderId) ?? m.base })) };
  if (a.base !== undefined && typeof a.orderId === 'string') return { ...a, base: baseOf(a.orderId) ?? a.base };
  if (a.base !== undefined && typeof a.engineerId === 'string' && !('orderId' in a)) {
    const e = state.engineers.get(a.engineerId);
    return e ? { ...a, base: { version: e.version, rev: e.rev } } : a;
  }
  if (a.base !== undefined && !('orderId' in a) && !('engineerId' in a)) {
    const p = state.policy();
    return { ...a, base: { version: p.version, rev: p.rev } };
  }
  return args;
}
