import type { BreadcrumbsResult, Principal, PullResult, PushResult, Reply } from '../../../shared/sync/index.js';
import {
  BreadcrumbsResult as BreadcrumbsResultSchema,
  MAX_PUSH_MUTATIONS,
  PositionsBatch,
  PROTOCOL_VERSION,
  PullResult as PullResultSchema,
  PushResult as PushResultSchema,
  ProtocolError,
  SCHEMA_VERSION,
  Session,
} from '../../../shared/sync/index.js';
import type { Cache } from '../cache/cache.js';
import type { LocalState } from '../cache/local-state.js';
import { backoffDelay } from '../../../shared/time/index.js';
import type { SyncLinkState, SyncStatus, ViewChanges } from '../../../shared/ipc/index.js';
import type { SyncTransport } from './transport.js';

export interface SyncClientOptions {
  transport: SyncTransport;
  cache: Cache;
  state: LocalState;
  clientId: string;
  token: string;
  /** The principal mutations run as when replayed. */
  principal(): Principal;
  clock?: () => number;
  /** Teams whose pokes to receive; 'all' by default. */
  teams?: string[] | 'all';
  requestTimeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  pushBatch?: number;
}

export interface SyncClientEvents {
  status(status: SyncStatus): void;
  changes(changes: ViewChanges): void;
  positions(batch: PositionsBatch): void;
  conflicts(count: number): void;
  session(session: Session): void;
}

/** Raised inside a round when the client was stopped while it waited on the network. */
class Stopped extends Error {}

class RemoteError extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
  }
}

function unwrap<T>(
  reply: Reply<unknown>,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
): T {
  if (!reply || typeof reply !== 'object') throw new Error('the server sent an empty reply');
  if (!reply.ok) throw new RemoteError(ProtocolError.parse(reply.error));
  const parsed = schema.safeParse(reply.value);
  if (!parsed.success) throw new Error('the server sent a reply this console cannot read');
  return parsed.data;
}

/**
 * Keeps the local cache in step with the server: push the outbox in order, then pull since the cursor (a reset when
 * told), which confirms what was pushed; pokes and local actions trigger a round; failures retry with backoff and jitter.
 * Correctness never depends on Socket.IO delivering anything: the outbox and the idempotent server carry it.
 */
export class SyncClient {
  private readonly clock: () => number;
  private link: SyncLinkState = 'offline';
  private message: string | null = null;
  private lastSyncAt: number | null;
  private running = false;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private kickTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private paused = false;
  private listeners: Partial<SyncClientEvents> = {};

  constructor(private readonly o: SyncClientOptions) {
    this.clock = o.clock ?? Date.now;
    const last = o.cache.meta('lastSyncAt');
    this.lastSyncAt = last ? Number(last) : null;
    o.transport.on({
      connected: () => {
        this.setLink('syncing', null);
        void this.watch();
        this.kick(0);
      },
      disconnected: (reason) => {
        if (this.stopped || this.paused) return;
        this.setLink('offline', `connection lost (${reason}); retrying`);
      },
      refused: (error, final) => {
        if (error.code === 'update_required') this.setLink('update_required', error.message);
        else if (final) this.setLink('unauthorized', error.message);
        else this.setLink('offline', error.message);
      },
      session: (raw) => {
        const parsed = Session.safeParse(raw);
        if (!parsed.success) return;
        const s = parsed.data;
        this.o.cache.transaction(() => {
          this.o.cache.setMeta('userId', s.userId);
          this.o.cache.setMeta('userName', s.name);
          this.o.cache.setMeta('role', s.role);
          this.o.cache.setMeta('engineerId', s.engineerId ?? '');
          this.o.cache.setMeta('serverClockOffsetMs', s.serverTime - this.clock());
        });
        this.listeners.session?.(s);
      },
      poke: () => this.kick(0),
      positions: (raw) => {
        const parsed = PositionsBatch.safeParse(raw);
        if (!parsed.success) return;
        this.o.cache.transaction(() => this.o.cache.putPositions(parsed.data.positions));
        this.listeners.positions?.(parsed.data);
      },
      problem: (raw) => {
        const parsed = ProtocolError.safeParse(raw);
        if (!parsed.success) return;
        if (parsed.data.code === 'token_expired' || parsed.data.code === 'unauthorized') {
          this.setLink('unauthorized', parsed.data.message);
          this.o.transport.close();
        } else if (parsed.data.code === 'update_required') {
          this.setLink('update_required', parsed.data.message);
          this.o.transport.close();
        }
      },
    });
  }

  on(listeners: Partial<SyncClientEvents>): void {
    this.listeners = { ...this.listeners, ...listeners };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (!this.paused) this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.o.transport.close();
    this.setLink('offline', null);
  }

  /** Work offline on purpose (or come back): the outbox keeps growing and drains when the link returns. */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) {
      this.clearTimers();
      this.o.transport.close();
      this.setLink('paused', null);
    } else if (!this.stopped) {
      this.connect();
    }
  }

  private connect(): void {
    this.setLink('connecting', null);
    this.o.transport.open({
      token: this.o.token,
      clientId: this.o.clientId,
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
    });
  }

  /** Asks for a sync round soon (after a local action, a poke, or a retry). */
  kick(delayMs = 5): void {
    if (this.stopped || this.paused || !this.o.transport.connected) return;
    if (this.kickTimer) return;
    this.kickTimer = setTimeout(() => {
      this.kickTimer = null;
      void this.round();
    }, delayMs);
  }

  status(): SyncStatus {
    const counts = this.o.cache.outboxCounts();
    return {
      state: this.link,
      pending: counts.pending,
      conflicts: counts.rejected,
      lastSyncAt: this.lastSyncAt,
      message: this.message,
    };
  }

  private setLink(state: SyncLinkState, message: string | null): void {
    this.link = state;
    this.message = message;
    if (!this.stopped) this.listeners.status?.(this.status());
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.kickTimer) clearTimeout(this.kickTimer);
    this.retryTimer = null;
    this.kickTimer = null;
  }

  private async watch(): Promise<void> {
    try {
      await this.o.transport.request('watch', { teams: this.o.teams ?? 'all' }, this.o.requestTimeoutMs ?? 10_000);
    } catch {
      // Pokes are only hints; without them the next round still finds every change.
    }
  }

  /** One sync round: push the outbox, then pull. Single-flight: a request during a round runs one more. */
  private async round(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        this.setLink('syncing', null);
        // Push first: the dispatcher's work reaches the server as early as possible, and a batch whose ack was lost
        // is simply sent again (the server acknowledges it again without applying it twice). Then pull, which
        // confirms what was pushed and brings everyone else's changes.
        await this.pushAll();
        await this.pullAll();
      } while (this.again && this.o.transport.connected && !this.paused);
      if (this.stopped) return;
      this.failures = 0;
      this.lastSyncAt = this.clock();
      this.o.cache.setMeta('lastSyncAt', this.lastSyncAt);
      if (this.o.transport.connected && !this.paused) this.setLink('online', null);
    } catch (err) {
      if (err instanceof Stopped || this.stopped) return;
      this.failures += 1;
      if (err instanceof RemoteError && (err.error.code === 'token_expired' || err.error.code === 'unauthorized')) {
        this.setLink('unauthorized', err.error.message);
        this.o.transport.close();
        return;
      }
      if (err instanceof RemoteError && err.error.code === 'update_required') {
        this.setLink('update_required', err.error.message);
        this.o.transport.close();
        return;
      }
      const connected = this.o.transport.connected;
      this.setLink(connected ? 'online' : 'offline', `sync failed: ${(err as Error).message}; retrying`);
      // A server that is slowing this console down says when to come back; sooner would only be turned away again.
      const retryAfterMs =
        err instanceof RemoteError && err.error.code === 'rate_limited' ? Number(err.error.details?.retryAfterMs) : 0;
      this.scheduleRetry(Number.isFinite(retryAfterMs) ? retryAfterMs : 0);
    } finally {
      this.running = false;
    }
  }

  private scheduleRetry(atLeastMs = 0): void {
    if (this.retryTimer || this.stopped || this.paused) return;
    const delay = Math.max(
      atLeastMs,
      backoffDelay(this.failures, this.o.retryBaseMs ?? 250, this.o.retryMaxMs ?? 15_000),
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick(0);
    }, delay);
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      const request = {
        cursor: this.o.cache.meta('cursor'),
        resultsAfter: Number(this.o.cache.meta('resultsAfter') ?? 0),
      };
      const reply = await this.o.transport.request('pull', request, this.o.requestTimeoutMs ?? 30_000);
      if (this.stopped) throw new Stopped();
      const page: PullResult = unwrap(reply, PullResultSchema);
      const principal = this.o.principal();
      const { changes, newConflicts } = this.o.state.applyPull(page, () => principal, this.o.clientId);
      if (
        changes.orders.length ||
        changes.engineers.length ||
        changes.policy ||
        changes.eventOrderIds.length ||
        changes.reset
      )
        this.listeners.changes?.(changes);
      if (newConflicts > 0) this.listeners.conflicts?.(this.o.cache.outboxCounts().rejected);
      if (!page.more) return;
    }
  }

  /**
   * An engineer's trail between two instants, asked of the server (trails are not cached: they are for looking back,
   * and a day of one engineer is thousands of points). Throws when the server cannot be reached.
   */
  async breadcrumbs(engineerId: string, from: number, to: number): Promise<BreadcrumbsResult> {
    if (!this.o.transport.connected)
      throw new Error('the trail is kept on the server, which this console cannot reach now');
    const reply = await this.o.transport.request(
      'breadcrumbs',
      { engineerId, from, to },
      this.o.requestTimeoutMs ?? 10_000,
    );
    return unwrap(reply, BreadcrumbsResultSchema);
  }

  /** Sends the outbox in mutation-id order; returns whether anything was settled. */
  private async pushAll(): Promise<boolean> {
    let settled = false;
    for (;;) {
      const batch = this.o.cache.pendingBatch(Math.min(this.o.pushBatch ?? 200, MAX_PUSH_MUTATIONS));
      if (batch.length === 0) return settled;
      const last = batch[batch.length - 1]!.id;
      this.o.cache.countAttempt(last);
      const reply = await this.o.transport.request(
        'push',
        { mutations: batch.map((m) => ({ id: m.id, name: m.name, args: m.args, createdAt: m.createdAt })) },
        this.o.requestTimeoutMs ?? 30_000,
      );
      if (this.stopped) throw new Stopped();
      const result: PushResult = unwrap(reply, PushResultSchema);
      let rejected = 0;
      const now = this.clock();
      this.o.cache.transaction(() => {
        for (const r of result.results) {
          if (r.status === 'rejected') {
            if (this.o.cache.markRejected(r.id, r.code, r.message, now)) rejected += 1;
          } else {
            this.o.cache.markAcked(r.id, now);
          }
        }
      });
      if (result.results.length > 0) settled = true;
      if (rejected > 0) {
        // A rejected mutation's effect must leave the view at once.
        const principal = this.o.principal();
        const changes = this.o.cache.transaction(() =>
          this.o.state.rebase(new Set(), new Set(), false, () => principal, this.o.clientId),
        );
        this.listeners.changes?.(changes);
        this.listeners.conflicts?.(this.o.cache.outboxCounts().rejected);
      }
      this.listeners.status?.(this.status());
      if (result.expected !== undefined && result.results.length === 0)
        throw new Error(
          `the server expected mutation ${result.expected} next, but the outbox starts at ${batch[0]!.id}`,
        );
    }
  }
}
