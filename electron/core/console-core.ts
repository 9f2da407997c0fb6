import { z } from 'zod';
import { mkdirSync } from 'node:fs';
import { computeKpis, type KpiReport } from '../../shared/kpi/index.js';
import { join } from 'node:path';
import { OrderStatus, type WorkOrder } from '../../shared/domain/index.js';
import type {
  Conflict,
  MutationRef,
  RetryConflict,
  OrderEventView,
  SlaAlertView,
  SlaTimelineView,
  Snapshot,
  StepChange,
  StepDone,
  StepStack,
  SyncStatus,
  UndoHistory,
  ViewChanges,
} from '../../shared/ipc/index.js';
import type { EngineerPosition, MutationArgs, MutationName, Principal, Session } from '../../shared/sync/index.js';
import { Cache, type NamedMutation } from './cache/cache.js';
import {
  emptyChanges,
  LocalRejection,
  LocalState,
  mergeChanges,
  type BatchResult,
  type NamedAction,
  type WrittenVersion,
} from './cache/local-state.js';
import { currentVersion } from './bases.js';
import { Conflicts } from './conflicts.js';
import { newClientId, principalFromToken } from './identity.js';
import { describeAction, textLabel } from './labels.js';
import { AlertList } from './alert-list.js';
import { SlaWatcher } from './sla-watcher.js';
import { UndoSteps, type StepPlan, type StepRunner } from './undo-steps.js';
import { SyncClient } from './sync/sync-client.js';
import type { SyncTransport } from './sync/transport.js';

/** The server's answer to a request for a tracking link (server/src/customer/routes.ts). */
const TrackingLinkReply = z.union([
  z.object({ url: z.string().url().max(500) }),
  z.object({ error: z.string(), message: z.string().max(500) }),
]);

/** What a status change on an order's trail says it changed (events are data from anywhere). */
const StatusChange = z.object({ from: OrderStatus, to: OrderStatus });

/** Why something kept on the server is not asked for: the dispatcher is working offline. */
const WORKING_OFFLINE = (what: string) =>
  `working offline: the server is not asked for anything (${what}) until you go online`;

export interface ConsoleCoreOptions {
  /** Folder of the local cache (cache.sqlite lives here). */
  dataDir: string;
  /** The sign-in token for the sync server. */
  token: string;
  /** The sync server's address, for its HTTP routes (tracking links); absent when the console has none. */
  serverUrl?: string;
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

export interface CoreEvents {
  changes(changes: ViewChanges): void;
  positions(positions: EngineerPosition[]): void;
  status(status: SyncStatus): void;
  history(state: UndoHistory): void;
  session(session: Session): void;
  slaAlert(alert: SlaAlertView): void;
  slaAlertsAcked(ids: string[]): void;
}

/**
 * The desktop core (DESIGN §1) as the API sees it: it opens the local cache, stores the dispatcher's actions (in the
 * view and the outbox at once), and wires the sync client, the undo steps, the conflicts and the SLA watcher to it.
 * Plain Node: Electron's main process and the web host both run it.
 */
export class ConsoleCore {
  readonly cache: Cache;
  readonly state: LocalState;
  readonly clientId: string;
  private readonly sync: SyncClient | null;
  private readonly watcher: SlaWatcher;
  private readonly undoSteps: UndoSteps;
  private readonly rejected: Conflicts;
  /** How undo and redo store a step's reverse: as any action. */
  private readonly runner: StepRunner = {
    one: (action, plan) => this.store(action.name, action.args, plan),
    many: (actions, plan) => this.storeAll(actions, plan),
  };
  /** The user's alert list: escalations on record less this user's acknowledgements. */
  private readonly alerts: AlertList;
  private readonly clock: () => number;
  private principalValue: Principal;
  private readonly token: string;
  private readonly serverUrl: string | null;
  /** The dispatcher chose to work offline: nothing at all is asked of the server until they come back. */
  private workingOffline = false;
  private listeners: { [K in keyof CoreEvents]: Set<CoreEvents[K]> } = {
    changes: new Set(),
    positions: new Set(),
    status: new Set(),
    history: new Set(),
    session: new Set(),
    slaAlert: new Set(),
    slaAlertsAcked: new Set(),
  };

  constructor(private readonly o: ConsoleCoreOptions) {
    mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
    this.clock = o.clock ?? Date.now;
    this.cache = new Cache(join(o.dataDir, 'cache.sqlite'), { nativeBinding: o.nativeBinding });
    let clientId = this.cache.meta('clientId');
    if (!clientId) {
      clientId = newClientId();
      this.cache.setMeta('clientId', clientId);
    }
    this.clientId = clientId;
    this.principalValue = principalFromToken(o.token);
    this.token = o.token;
    this.serverUrl = o.serverUrl ?? null;
    this.state = new LocalState(this.cache);
    this.undoSteps = new UndoSteps(
      this.cache,
      { current: (key) => currentVersion(this.state, key), lastChange: (key, base) => this.lastChange(key, base) },
      () => this.emit('history', this.undoSteps.view()),
    );
    this.rejected = new Conflicts(this.cache, this.state, {
      storeInPlace: (name, args, label, replaces) =>
        this.store(name, args, { stack: 'undo', label, clearRedo: true }, replaces),
      outboxChanged: () => this.emit('status', this.status()),
      principal: () => this.principalValue,
      lastChange: (key, base) => this.lastChange(key, base),
      clientId,
    });
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
          describe: (name, args) => describeAction(name, args, this.state),
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
    this.watcher = new SlaWatcher(
      {
        isOpen: () => this.cache.db.open,
        role: () => this.principalValue.role,
        orders: () => this.state.orders.values(),
        policy: () => this.state.policy(),
        hasEvent: (id) => this.state.reader.hasEvent(id),
        orderEvents: (orderId) => this.orderEvents(orderId),
        onChanges: (listener) => this.on('changes', listener),
        recordAll: (actions) => this.recordAll(actions),
      },
      {
        clock: this.clock,
        intervalMs: o.slaIntervalMs,
        // What it raises joins the alert list through the change it makes.
        onAlert: () => undefined,
      },
    );
    this.alerts = new AlertList(
      {
        role: () => this.principalValue.role,
        userId: () => this.principalValue.id,
        escalationsSince: (since) => this.cache.eventsOfKindSince('escalated', since),
        hasEvent: (id) => this.state.reader.hasEvent(id),
        order: (id) => this.state.orders.get(id) ?? null,
      },
      {
        clock: this.clock,
        onListed: (a) => this.emit('slaAlert', a),
        onGone: (ids) => this.emit('slaAlertsAcked', ids),
      },
    );
    // Escalations and acknowledgements arrive as changes: raised here, pulled from other consoles, or this user's
    // acknowledgements made on another console.
    this.on('changes', () => {
      if (this.cache.db.open) this.alerts.refresh();
    });
    this.alerts.refresh();
  }

  /** Connects to the server (if there is one) and starts watching SLA clocks; the console works on the cache either way. */
  start(): void {
    this.sync?.start();
    if (this.o.slaWatch !== false) this.watcher.start();
  }

  /** Reads the SLA clocks now and escalates new breaches (the watcher also does so on its own). */
  checkSla(): SlaAlertView[] {
    return this.watcher.check();
  }

  /**
   * The user's alert list: the escalations of the last day on open orders, raised by any console, that this user has
   * not dismissed; newest last, at most 100.
   */
  slaAlerts(): SlaAlertView[] {
    return this.alerts.list();
  }

  /**
   * Dismisses escalations for this console's user: recorded on the server (through the outbox, so offline too), so no
   * window of this console or any other console of the same user lists them again; other users still do.
   */
  ackSlaAlerts(ids: readonly string[]): void {
    const refs = this.alerts.refs(ids);
    const actions: NamedAction[] = [];
    for (let i = 0; i < refs.length; i += 100)
      actions.push({ name: 'acknowledgeSlaAlerts', args: { alerts: refs.slice(i, i + 100) } });
    if (actions.length > 0) this.recordAll(actions);
  }

  /** The SLA timelines (response, completion, holds) of orders, for views that show the clocks. */
  slaTimelines(orderIds: readonly string[] | null): SlaTimelineView[] {
    const ids = orderIds ?? [...this.state.orders.keys()];
    const out: SlaTimelineView[] = [];
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
      stuck: null,
    };
  }

  order(id: string): WorkOrder | null {
    return this.state.orders.get(id) ?? null;
  }

  /** The audit trail of an order, server events and this console's pending ones. */
  orderEvents(orderId: string): OrderEventView[] {
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

  /** A new link to the customer's tracking page of an order, issued by the server; throws with its reason. */
  async trackingLink(orderId: string): Promise<{ url: string }> {
    if (!this.serverUrl) throw new Error('this console has no sync server, and tracking links are issued there');
    if (this.workingOffline) throw new Error(WORKING_OFFLINE('tracking links are issued there'));
    const res = await fetch(`${this.serverUrl.replace(/\/$/, '')}/api/tracking-links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ orderId }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = TrackingLinkReply.safeParse(await res.json().catch(() => null));
    if (!body.success) throw new Error(`the server answered ${res.status} without a tracking link`);
    if ('url' in body.data) return { url: body.data.url };
    throw new Error(body.data.message);
  }

  /** An engineer's position trail between two instants, from the server; throws when it cannot be reached. */
  async breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]> {
    if (!this.sync) throw new Error('this console has no sync server, and the trail is kept there');
    if (this.workingOffline) throw new Error(WORKING_OFFLINE('the trail is kept there'));
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
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>, label?: string): MutationRef {
    const step = label !== undefined ? textLabel(label) : describeAction(name, args, this.state);
    return { mutationId: this.store(name, args, { stack: 'undo', label: step, clearRedo: true }) };
  }

  /**
   * Actions the console takes by itself in a burst (the escalations of one SLA reading): one transaction, one change
   * notification, not on the undo stack. Each action has its own savepoint, so one the rules refuse is left out with
   * its error and the others stand.
   */
  recordAll(actions: readonly NamedAction[]): BatchResult[] {
    return this.storeAll(actions, undefined).results;
  }

  /**
   * Many dispatcher actions taken as one (the rows of an import): stored in one transaction, each on its own
   * savepoint so a refused row is reported and the others stand; one undo step reverses all that were stored. A batch
   * sent in parts continues its first part's step (`continueStep`).
   */
  mutateAll(actions: readonly NamedAction[], label: string, continueStep = false): BatchResult[] {
    const step = textLabel(label);
    const extend = this.undoSteps.batchStep(step, continueStep);
    return this.storeAll(actions, { stack: 'undo', label: step, clearRedo: true, extend, opensBatch: true }).results;
  }

  private storeAll(
    actions: readonly NamedMutation[],
    step: StepPlan | undefined,
  ): { results: BatchResult[]; stored: number } {
    const results: BatchResult[] = [];
    const changes = emptyChanges();
    let stored = 0;
    this.cache.transaction(() => {
      const inverses: NamedMutation[] = [];
      const written: WrittenVersion[] = [];
      let first: number | null = null;
      for (const action of actions) {
        const ctx = this.mutationContext();
        try {
          const applied = this.cache.transaction(() =>
            this.state.apply(action.name, action.args, ctx, describeAction(action.name, action.args, this.state)),
          );
          mergeChanges(changes, applied.changes);
          if (applied.inverse) inverses.push(applied.inverse);
          written.push(...applied.written);
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
      if (step) this.undoSteps.record(step, first, inverses, stored, written);
    });
    if (stored > 0) this.announce(changes);
    if (step) this.emit('history', this.undoSteps.view());
    return { results, stored };
  }

  /**
   * Stores one action and its undo step in one transaction (better-sqlite3 nests it as a savepoint); `replaces` is a
   * rejected mutation that leaves the outbox with it. Returns the new mutation id.
   */
  private store(name: string, args: unknown, step: StepPlan, replaces?: number): number {
    const ctx = this.mutationContext();
    const { changes } = this.cache.transaction(() => {
      // Named before it is applied: a move of time only reads as one only against the booking it moves.
      const applied = this.state.apply(name, args, ctx, describeAction(name, args, this.state));
      this.undoSteps.record(step, ctx.mutationId, applied.inverse ? [applied.inverse] : [], 1, applied.written);
      if (replaces !== undefined) this.cache.deleteOutbox(replaces);
      return applied;
    });
    this.announce(changes);
    this.emit('history', this.undoSteps.view());
    return ctx.mutationId;
  }

  /**
   * Undoes the latest action with a new mutation (so it works offline and syncs like any other). When what it would
   * put back was changed since, nothing is done, the step is kept and the answer says whose change it met.
   */
  undo(): StepDone {
    return this.undoSteps.take('undo', this.runner);
  }

  redo(): StepDone {
    return this.undoSteps.take('redo', this.runner);
  }

  /** Takes the latest undo (or redo) step anyway, on top of the changes it met. */
  forceStep(stack: StepStack): StepDone {
    return this.undoSteps.take(stack, this.runner, true);
  }

  /** Forgets the latest undo (or redo) step. */
  dropStep(stack: StepStack): void {
    this.undoSteps.drop(stack);
  }

  /**
   * The change of a record (`order:<id>`, `engineer:<id>`, `policy`) an undo step met: whose, when and what. For an
   * order, the latest change by someone else since the version the step acts on (every change by someone else when
   * that version never reached the server), else the latest change.
   */
  private lastChange(key: string, base: { version: number; rev: string } | null): StepChange {
    const id = key.slice(key.indexOf(':') + 1);
    const mineRev = (rev: string) => rev.startsWith(`${this.clientId}:`);
    if (key.startsWith('order:')) {
      const order = this.state.orders.get(id);
      // What changed the order: telling the customer of it (the notifier's trail entries) changes nothing.
      const events = this.cache.eventsForOrder(id).filter((e) => e.kind !== 'customer_notified');
      const since = base ? events.find((e) => e.id.startsWith(`${base.rev}:`))?.at : undefined;
      const latest = (list: typeof events) =>
        list.reduce<(typeof events)[number] | undefined>((a, e) => (!a || e.at >= a.at ? e : a), undefined);
      const last =
        latest(
          events.filter(
            (e) => e.clientId !== this.clientId && (since !== undefined ? e.at >= since : e.clientId !== null),
          ),
        ) ??
        (order && events.filter((e) => e.id.startsWith(`${order.rev}:`)).at(-1)) ??
        latest(events);
      const status = last?.kind === 'status_changed' ? StatusChange.safeParse(last.data) : null;
      return {
        record: order?.code ?? id,
        by: last?.actor.name ?? null,
        mine: last ? last.clientId === this.clientId : order ? mineRev(order.rev) : false,
        at: last?.at ?? order?.updatedAt ?? null,
        what: last?.kind ?? null,
        ...(status?.success ? { status: { from: status.data.from, to: status.data.to } } : {}),
      };
    }
    const engineer = key.startsWith('engineer:') ? this.state.engineers.get(id) : undefined;
    const rev = engineer ? engineer.rev : this.state.policy().rev;
    const mine = mineRev(rev);
    return {
      record: engineer ? engineer.name : key.startsWith('engineer:') ? id : null,
      by: mine ? this.principalValue.name : null,
      mine,
      at: null,
      what: null,
    };
  }

  history(): UndoHistory {
    return this.undoSteps.view();
  }

  conflicts(): Conflict[] {
    return this.rejected.list();
  }

  retryConflict(mutationId: number, overrides?: RetryConflict['overrides']): MutationRef {
    return this.rejected.retry(mutationId, overrides);
  }

  discardConflict(mutationId: number): void {
    this.rejected.discard(mutationId);
  }

  /** Work offline on purpose, or come back online. */
  setWorkOffline(offline: boolean): void {
    this.workingOffline = offline;
    this.sync?.setPaused(offline);
  }

  close(): void {
    if (!this.cache.db.open) return;
    this.watcher.stop();
    this.sync?.stop();
    this.cache.close();
  }
}
