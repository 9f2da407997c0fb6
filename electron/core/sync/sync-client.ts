import type {
  BreadcrumbsResult,
  MutationEnvelope,
  Principal,
  PullResult,
  PushResult,
  Reply,
  WithdrawReason,
} from '../../../shared/sync/index.js';
import {
  BreadcrumbsResult as BreadcrumbsResultSchema,
  jsonBytes,
  MAX_MESSAGE_BYTES,
  MAX_MUTATION_BYTES,
  MAX_PUSH_MUTATIONS,
  pushBytes,
  PositionsBatch,
  PROTOCOL_VERSION,
  PullResult as PullResultSchema,
  PushResult as PushResultSchema,
  refusalText,
  ProtocolError,
  SCHEMA_VERSION,
  Session,
} from '../../../shared/sync/index.js';
import type { Cache, OutboxEntry } from '../cache/cache.js';
import type { LocalState } from '../cache/local-state.js';
import { backoffDelay } from '../../../shared/time/index.js';
import type { ActionLabel, SyncLinkState, SyncStatus, SyncStuck, ViewChanges } from '../../../shared/ipc/index.js';
import type { Reason } from '../../../shared/dispatch/reasons.js';
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
  /** Names a waiting change for the status bar, as the undo menu does. */
  describe?(name: string, args: unknown): ActionLabel;
}

export interface SyncClientEvents {
  status(status: SyncStatus): void;
  changes(changes: ViewChanges): void;
  positions(batch: PositionsBatch): void;
  conflicts(count: number): void;
  session(session: Session): void;
}

/** Push refusals that sending the same message again cannot change: one of its mutations is the cause. */
const PERMANENT_PUSH_REFUSALS: ReadonlySet<string> = new Set(['too_large', 'bad_request']);

/** A failure that keeps coming back: since when, and the latest reason. */
interface Trouble {
  since: number;
  message: string;
}

/** Whole kilobytes, for messages. */
function kb(bytes: number): string {
  return `${Math.ceil(bytes / 1000).toLocaleString('en')} kB`;
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
  /** Pushes failing in a row, and pulls: what the status bar reports as stuck. */
  private sendTrouble: Trouble | null = null;
  private receiveTrouble: Trouble | null = null;
  /** Push the first waiting mutation alone: a push of several was refused for good, and one of them is why. */
  private solo = false;

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
        this.sendTrouble = this.receiveTrouble = null;
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
      this.sendTrouble = this.receiveTrouble = null;
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
      stuck: this.stuck(counts.pending),
    };
  }

  /** Sending or receiving that keeps failing on a live link, sending first (the dispatcher's own work). */
  private stuck(pending: number): SyncStuck | null {
    if (this.sendTrouble && pending > 0) {
      const [first] = this.o.cache.pendingBatch(1);
      return {
        what: 'sending',
        since: this.sendTrouble.since,
        // As it was named when made: named now, against a view that already shows it, a move of time only would
        // read as a reassignment to the engineer it already has.
        change: first ? (first.label ?? this.o.describe?.(first.name, first.args) ?? null) : null,
        message: this.sendTrouble.message,
      };
    }
    if (this.receiveTrouble)
      return {
        what: 'receiving',
        since: this.receiveTrouble.since,
        change: null,
        message: this.receiveTrouble.message,
      };
    return null;
  }

  /** Starts a streak of failures, or continues one (keeping when it began). */
  private trouble(current: Trouble | null, err: unknown): Trouble {
    const message = err instanceof Error ? err.message : String(err);
    return { since: current?.since ?? this.clock(), message };
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

  /**
   * One sync round: push the outbox, then pull. Single-flight: a request during a round runs one more. A push that
   * fails does not stop the pull: the dispatcher keeps seeing everyone else's work while their own waits.
   */
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
        let pushFailure: { error: unknown } | null = null;
        try {
          await this.pushAll();
          this.sendTrouble = null;
        } catch (err) {
          if (err instanceof Stopped || this.stopped || endsSession(err) || !this.o.transport.connected) throw err;
          pushFailure = { error: err };
          this.sendTrouble = this.trouble(this.sendTrouble, err);
          // Told to wait: the pull waits too, rather than be turned away.
          if (err instanceof RemoteError && err.error.code === 'rate_limited') throw err;
        }
        try {
          await this.pullAll();
          this.receiveTrouble = null;
        } catch (err) {
          if (!(err instanceof Stopped) && !endsSession(err) && this.o.transport.connected)
            this.receiveTrouble = this.trouble(this.receiveTrouble, err);
          throw err;
        }
        if (pushFailure) throw pushFailure.error;
      } while (this.again && this.o.transport.connected && !this.paused);
      if (this.stopped) return;
      this.failures = 0;
      this.lastSyncAt = this.clock();
      this.o.cache.setMeta('lastSyncAt', this.lastSyncAt);
      if (this.o.transport.connected && !this.paused) this.setLink('online', null);
    } catch (err) {
      // Cut short by the dispatcher going offline: the link stays "working offline", with nothing to retry until back.
      if (err instanceof Stopped || this.stopped || this.paused) return;
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

  /**
   * The next push: waiting mutations in id order, as many as fit MAX_MESSAGE_BYTES (in UTF-8 bytes, as the server
   * counts) and the count limit. A mutation the server will never take goes withdrawn, under its id, so the ones
   * after it are not held up; one too large for any push is found here and withdrawn before it is ever sent.
   */
  private nextPush(): { entries: OutboxEntry[]; envelopes: MutationEnvelope[] } {
    const limit = this.solo ? 1 : Math.min(this.o.pushBatch ?? 200, MAX_PUSH_MUTATIONS);
    const entries: OutboxEntry[] = [];
    const envelopes: MutationEnvelope[] = [];
    const sizes: number[] = [];
    for (const entry of this.o.cache.pendingBatch(limit)) {
      let envelope = this.envelopeOf(entry);
      let size = jsonBytes(envelope);
      if (size > MAX_MUTATION_BYTES) {
        if (entries.length > 0) break; // it goes first in the next push, and is withdrawn there
        const tooLarge: Reason = { id: 'changeTooLarge', args: { size: kb(size), max: kb(MAX_MESSAGE_BYTES) } };
        this.refuse(entry, 'too_large', refusalText([tooLarge]), [tooLarge]);
        envelope = this.envelopeOf(this.o.cache.outboxEntry(entry.id) ?? entry);
        size = jsonBytes(envelope);
      }
      if (entries.length > 0 && pushBytes([...sizes, size]) > MAX_MESSAGE_BYTES) break;
      entries.push(entry);
      envelopes.push(envelope);
      sizes.push(size);
    }
    return { entries, envelopes };
  }

  /** What goes on the wire for an outbox entry: the mutation, or its withdrawal when the server will never take it. */
  private envelopeOf(entry: OutboxEntry): MutationEnvelope {
    if (entry.state === 'pending' && entry.errorCode !== null) {
      const reason: WithdrawReason = entry.errorCode === 'too_large' ? 'too_large' : 'bad_request';
      const message = (entry.errorMessage ?? 'the server cannot take this change').slice(0, 500);
      return {
        id: entry.id,
        name: 'withdrawMutation',
        args: { name: entry.name, reason, message, ...(entry.errorSay ? { say: entry.errorSay } : {}) },
        createdAt: entry.createdAt,
      };
    }
    return { id: entry.id, name: entry.name, args: entry.args, createdAt: entry.createdAt };
  }

  /** Marks a waiting mutation as one the server will never take; its effect leaves the view at once. */
  private refuse(entry: OutboxEntry, reason: WithdrawReason, message: string, say: Reason[]): void {
    const principal = this.o.principal();
    const changes = this.o.cache.transaction(() => {
      this.o.cache.markRefused(entry.id, reason, message, say);
      return this.o.state.rebase(new Set(), new Set(), false, () => principal, this.o.clientId);
    });
    this.listeners.changes?.(changes);
  }

  /** Sends the outbox in mutation-id order until it is empty or a push fails. */
  private async pushAll(): Promise<void> {
    for (;;) {
      const { entries, envelopes } = this.nextPush();
      if (entries.length === 0) return;
      const first = entries[0]!;
      this.o.cache.countAttempt(entries[entries.length - 1]!.id);
      const reply = await this.o.transport.request('push', { mutations: envelopes }, this.o.requestTimeoutMs ?? 30_000);
      if (this.stopped) throw new Stopped();
      if (reply && typeof reply === 'object' && !reply.ok && PERMANENT_PUSH_REFUSALS.has(reply.error.code)) {
        // The server will not take this push however often it is sent. Several mutations: send the first alone
        // until the one at fault is found. One: it is that one, withdrawn in the next push; the rest go on.
        if (entries.length > 1) this.solo = true;
        else if (first.errorCode === null) {
          this.solo = false;
          const large = reply.error.code === 'too_large';
          this.refuse(first, large ? 'too_large' : 'bad_request', refusalMessage(reply.error), [
            { id: large ? 'serverRefusedLarge' : 'serverCannotRead', args: {} },
          ]);
        } else throw new RemoteError(reply.error); // even its withdrawal is refused: nothing more to try here
        continue;
      }
      const result: PushResult = unwrap(reply, PushResultSchema);
      this.solo = false;
      let rejected = 0;
      const now = this.clock();
      this.o.cache.transaction(() => {
        for (const r of result.results) {
          if (r.status === 'rejected') {
            if (this.o.cache.markRejected(r.id, r.code, r.message, now, r.say)) rejected += 1;
          } else {
            this.o.cache.markAcked(r.id, now);
          }
        }
      });
      if (result.results.length > 0) this.sendTrouble = null;
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
        throw new Error(`the server expected mutation ${result.expected} next, but the outbox starts at ${first.id}`);
    }
  }
}

/** Errors after which the client stops: a sign-in to renew, or a console to update. */
function endsSession(err: unknown): boolean {
  return (
    err instanceof RemoteError &&
    (err.error.code === 'token_expired' || err.error.code === 'unauthorized' || err.error.code === 'update_required')
  );
}

/** The server's refusal of one mutation, as the conflicts panel shows it. */
function refusalMessage(error: ProtocolError): string {
  return error.code === 'too_large'
    ? `the server refused this change as too large: ${error.message}`
    : `the server cannot read this change: ${error.message}`;
}
