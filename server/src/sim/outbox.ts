import type { MutationEnvelope, MutationResult, PushResult, Reply } from '../../../shared/sync/index.js';

/** How a queued mutation ended: the server's verdict, or `lost` when it could not be delivered at all. */
export type Settlement = MutationResult | { id: number; status: 'lost'; message: string };

interface Entry {
  /** 0 until first sent; from then on the same id on every retry (exactly-once on the server). */
  id: number;
  name: string;
  args: unknown;
  createdAt: number;
  onSettled: ((s: Settlement) => void) | undefined;
}

/** Sends one batch and resolves with the server's reply; rejects when the reply never came (timeout, disconnect). */
export type PushSender = (mutations: MutationEnvelope[]) => Promise<Reply<PushResult>>;

/** Push refusals that mean "not now" rather than "never": the batch is kept and sent again. */
const RETRYABLE = new Set(['unavailable', 'internal', 'token_expired', 'unauthorized', 'gap', 'rate_limited']);

/**
 * A device's queue of named mutations, pushed in order with contiguous client mutation ids (DESIGN §4). Ids are
 * given when a mutation is first sent and kept for every retry, so a lost acknowledgement never applies anything
 * twice; after a reconnect the session's `lastMutationId` settles what the server already has.
 */
export interface OutboxOptions {
  log?: (message: string) => void;
  realNow?: () => number;
  batchSize?: number;
  /** First wait before sending again after a push got no answer; doubles up to 30 s. */
  retryMs?: number;
}

export class Outbox {
  private readonly queue: Entry[] = [];
  private nextId = 0;
  private sending = false;
  private ready = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private readonly log: (message: string) => void;
  private readonly realNow: () => number;
  private readonly batchSize: number;
  private readonly retryMs: number;

  constructor(
    private readonly send: PushSender,
    o: OutboxOptions = {},
  ) {
    this.log = o.log ?? (() => {});
    this.realNow = o.realNow ?? Date.now;
    this.batchSize = o.batchSize ?? 100;
    this.retryMs = o.retryMs ?? 1_000;
    this.retryDelay = this.retryMs;
  }

  get size(): number {
    return this.queue.length;
  }

  add(name: string, args: unknown, onSettled?: (s: Settlement) => void): void {
    this.queue.push({ id: 0, name, args, createdAt: this.realNow(), onSettled });
    void this.flush();
  }

  /** A (re)connection was accepted: the server has settled every id up to `lastMutationId`. */
  onSession(lastMutationId: number): void {
    while (this.queue[0] && this.queue[0].id !== 0 && this.queue[0].id <= lastMutationId) {
      const e = this.queue.shift()!;
      e.onSettled?.({ id: e.id, status: 'duplicate' });
    }
    // Ids the server never saw (a new database, say) are given again from where it stands.
    const first = this.queue[0];
    if (!first || first.id === 0 || first.id > lastMutationId + 1) this.renumberFrom(lastMutationId + 1);
    else this.nextId = Math.max(this.nextId, lastMutationId + 1);
    this.ready = true;
    void this.flush();
  }

  /** The connection dropped: nothing is sent until the next session. */
  onDisconnect(): void {
    this.ready = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  /** Tries again later, waiting longer each time, so a push whose answer was lost is never left waiting for news. */
  private retryLater(): void {
    if (this.retry || !this.ready) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.flush();
    }, this.retryDelay);
    this.retryDelay = Math.min(30_000, this.retryDelay * 2);
  }

  /** Sends what is queued, one batch at a time, until the queue is empty or a batch fails. */
  async flush(): Promise<void> {
    if (this.sending || !this.ready) return;
    this.sending = true;
    try {
      while (this.ready && this.queue.length > 0) {
        const batch = this.queue.slice(0, this.batchSize);
        for (const e of batch) if (e.id === 0) e.id = this.nextId++;
        let reply: Reply<PushResult>;
        try {
          reply = await this.send(batch.map((e) => ({ id: e.id, name: e.name, args: e.args, createdAt: e.createdAt })));
        } catch {
          this.retryLater(); // no reply: the same ids go again
          return;
        }
        if (!reply.ok) {
          if (RETRYABLE.has(reply.error.code)) {
            this.log(`push refused for now (${reply.error.code}): ${reply.error.message}`);
            this.retryLater();
            return;
          }
          // The server will never take this batch as it is; say so for each mutation rather than retry forever.
          for (const e of this.queue.splice(0, batch.length))
            e.onSettled?.({ id: e.id, status: 'lost', message: `${reply.error.code}: ${reply.error.message}` });
          this.renumberFrom(batch[0]!.id);
          continue;
        }
        this.retryDelay = this.retryMs;
        this.settle(reply.value);
        // A gap: the server never saw the ids before ours (its database was replaced); they are given again.
        if (reply.value.expected !== undefined) this.renumberFrom(reply.value.expected);
      }
    } finally {
      this.sending = false;
    }
  }

  private settle(result: PushResult): void {
    const byId = new Map(result.results.map((r) => [r.id, r]));
    while (this.queue[0] && this.queue[0].id !== 0 && this.queue[0].id <= result.lastMutationId) {
      const e = this.queue.shift()!;
      e.onSettled?.(byId.get(e.id) ?? { id: e.id, status: 'duplicate' });
    }
  }

  private renumberFrom(id: number): void {
    this.nextId = id;
    for (const e of this.queue) if (e.id !== 0) e.id = this.nextId++;
  }
}
