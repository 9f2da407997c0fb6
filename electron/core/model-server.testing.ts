import type { Engineer, SlaPolicy, WorkOrder } from '../../shared/domain/index.js';
import type {
  Change,
  Principal,
  ProtocolError,
  PullResult,
  PushResult,
  Rejection,
  Reply,
} from '../../shared/sync/index.js';
import {
  MAX_MESSAGE_BYTES,
  MUTATORS,
  MapReader,
  PullRequest,
  PushRequest,
  actedAt,
  jsonBytes,
  runMutation,
} from '../../shared/sync/index.js';
import type { RequestName, SyncTransport, TransportHandlers } from './sync/transport.js';

/**
 * A small in-memory model of the sync server's contract (exactly-once per client, change log, rejections kept),
 * running the same shared mutators. For unit and model-based tests of the sync client only; the real server lives in
 * server/ and is exercised by the integration tests.
 */
export class ModelServer {
  readonly reader: MapReader;
  readonly log: Change[] = [];
  readonly clients = new Map<string, { last: number; rejections: Rejection[]; applied: number[] }>();
  readonly transports = new Set<MemoryTransport>();
  epoch = 'model-1';
  /** Switch off to model a server that forgets which mutations it has seen (the chaos checker must catch it). */
  dedupe = true;
  now = 0;
  /** Every push that reached the server, with its size in UTF-8 bytes, refused or not. */
  readonly pushes: Array<{ bytes: number; ids: number[] }> = [];
  /** A refusal of a whole request instead of its answer, as the real server gives for a message it will not take. */
  refuse: ((request: 'push' | 'pull', payload: unknown) => ProtocolError | null) | null = null;

  constructor(orders: WorkOrder[], engineers: Engineer[], policy: SlaPolicy) {
    this.reader = new MapReader(
      new Map(orders.map((o) => [o.id, o])),
      new Map(engineers.map((e) => [e.id, e])),
      policy,
    );
    for (const o of orders) this.log.push({ entity: 'order', value: o });
    for (const e of engineers) this.log.push({ entity: 'engineer', value: e });
    this.log.push({ entity: 'policy', value: policy });
  }

  push(clientId: string, actor: Principal, raw: unknown): Reply<PushResult> {
    const bytes = jsonBytes(raw);
    const ids = (raw as { mutations?: Array<{ id?: number }> } | null)?.mutations?.map((m) => m.id ?? 0) ?? [];
    this.pushes.push({ bytes, ids });
    if (bytes > MAX_MESSAGE_BYTES)
      return { ok: false, error: { code: 'too_large', message: `larger than ${MAX_MESSAGE_BYTES} bytes` } };
    const refused = this.refuse?.('push', raw);
    if (refused) return { ok: false, error: refused };
    const req = PushRequest.safeParse(raw);
    if (!req.success) return { ok: false, error: { code: 'bad_request', message: 'bad push' } };
    const client = this.clients.get(clientId) ?? { last: 0, rejections: [], applied: [] };
    this.clients.set(clientId, client);
    const results: PushResult['results'] = [];
    for (const m of req.data.mutations) {
      if (this.dedupe && m.id <= client.last) {
        results.push({ id: m.id, status: 'duplicate' });
        continue;
      }
      if (this.dedupe && m.id !== client.last + 1)
        return { ok: true, value: { results, lastMutationId: client.last, expected: client.last + 1 } };
      const outcome = runMutation(
        MUTATORS,
        m.name,
        m.args,
        // As the real server: the mutation's own time, never later than the server's clock.
        { now: actedAt(m.createdAt, this.now), actor, clientId, mutationId: m.id },
        this.reader,
        { strictReads: true },
      );
      client.last = Math.max(client.last, m.id);
      if (outcome.ok) {
        this.reader.commit(outcome.writes);
        for (const o of outcome.writes.orders.values()) this.log.push({ entity: 'order', value: o });
        for (const e of outcome.writes.engineers.values()) this.log.push({ entity: 'engineer', value: e });
        if (outcome.writes.policy) this.log.push({ entity: 'policy', value: outcome.writes.policy });
        for (const ev of outcome.writes.events) this.log.push({ entity: 'event', value: ev });
        client.applied.push(m.id);
        results.push({ id: m.id, status: 'applied' });
      } else {
        client.rejections.push({
          mutationId: m.id,
          name: m.name,
          code: outcome.code,
          message: outcome.message,
          ...(outcome.say ? { say: outcome.say } : {}),
          at: this.now,
        });
        // As the server's push loop answers and keeps it: the refusal as data with its English.
        results.push({
          id: m.id,
          status: 'rejected',
          code: outcome.code,
          message: outcome.message,
          ...(outcome.say ? { say: outcome.say } : {}),
        });
      }
    }
    for (const t of this.transports) t.poke(this.log.length);
    return { ok: true, value: { results, lastMutationId: client.last } };
  }

  pull(clientId: string, raw: unknown): Reply<PullResult> {
    const refused = this.refuse?.('pull', raw);
    if (refused) return { ok: false, error: refused };
    const req = PullRequest.safeParse(raw);
    if (!req.success) return { ok: false, error: { code: 'bad_request', message: 'bad pull' } };
    const client = this.clients.get(clientId) ?? { last: 0, rejections: [], applied: [] };
    const [epoch, seqText] = (req.data.cursor ?? '').split(':');
    const reset = epoch !== this.epoch;
    const since = reset ? 0 : Number(seqText);
    // Coalesce per record: the latest value wins, as the real change log does.
    const latest = new Map<string, Change>();
    for (const c of this.log.slice(since)) latest.set(`${c.entity}:${c.value.id}`, c);
    return {
      ok: true,
      value: {
        kind: reset ? 'reset' : 'changes',
        changes: [...latest.values()],
        cursor: `${this.epoch}:${this.log.length}`,
        more: false,
        lastMutationId: client.last,
        rejections: client.rejections.filter((r) => r.mutationId > req.data.resultsAfter),
        serverTime: this.now,
      },
    };
  }
}

/** A link to the model server with switches for the faults tests need: down, and lost replies. */
export class MemoryTransport implements SyncTransport {
  private handlers: TransportHandlers | null = null;
  private open_ = false;
  private up = true;
  /** Replies to drop (the server still acts): models an ack lost when the link breaks. */
  dropReplies = 0;
  /**
   * Push replies lost as the link breaks: the server applies the batch, the link drops at once and comes back, and
   * the console, which never heard the reply, sends the batch again before it pulls.
   */
  dropPushReplies = 0;
  /** The link is down for a moment only (a lost push reply), not because a test cut it. */
  private blipping = false;
  private clientId = '';

  constructor(
    private readonly server: ModelServer,
    private readonly actor: Principal,
  ) {}

  get connected(): boolean {
    return this.open_ && this.up;
  }

  on(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }

  open(handshake: { clientId: string }): void {
    this.clientId = handshake.clientId;
    this.open_ = true;
    this.server.transports.add(this);
    if (this.up) queueMicrotask(() => this.handlers?.connected());
  }

  close(): void {
    this.open_ = false;
    this.server.transports.delete(this);
  }

  /** Cuts or restores the link. */
  setUp(up: boolean): void {
    this.blipping = false;
    if (up === this.up) return;
    this.up = up;
    if (!this.open_) return;
    if (up) queueMicrotask(() => this.handlers?.connected());
    else this.handlers?.disconnected('transport close', true);
  }

  poke(seq: number): void {
    if (this.connected) queueMicrotask(() => this.handlers?.poke({ seq }));
  }

  async request(name: RequestName, payload: unknown): Promise<Reply<unknown>> {
    if (!this.connected) throw new Error('not connected');
    await new Promise((r) => setImmediate(r));
    if (!this.connected) throw new Error('not connected');
    let reply: Reply<unknown>;
    if (name === 'push') reply = this.server.push(this.clientId, this.actor, payload);
    else if (name === 'pull') reply = this.server.pull(this.clientId, payload);
    else reply = { ok: true, value: {} };
    if (name === 'push' && this.dropPushReplies > 0) {
      this.dropPushReplies -= 1;
      this.setUp(false);
      this.blipping = true;
      setImmediate(() => {
        if (this.blipping) this.setUp(true);
      });
      throw new Error('transport close');
    }
    if (this.dropReplies > 0) {
      this.dropReplies -= 1;
      throw new Error('operation has timed out');
    }
    return reply;
  }
}
