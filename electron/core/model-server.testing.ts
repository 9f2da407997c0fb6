import type { Engineer, SlaPolicy, WorkOrder } from '../../shared/domain/index.js';
import type { Change, Principal, PullResult, PushResult, Rejection, Reply } from '../../shared/sync/index.js';
import { MUTATORS, MapReader, PullRequest, PushRequest, actedAt, runMutation } from '../../shared/sync/index.js';
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
          at: this.now,
        });
        results.push({ id: m.id, status: 'rejected', code: outcome.code, message: outcome.message });
      }
    }
    for (const t of this.transports) t.poke(this.log.length);
    return { ok: true, value: { results, lastMutationId: client.last } };
  }

  pull(clientId: string, raw: unknown): Reply<PullResult> {
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
  /** Push replies to drop: the server applies the batch, the console never hears of it and sends it again. */
  dropPushReplies = 0;
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
    if (this.dropReplies > 0 || (name === 'push' && this.dropPushReplies > 0)) {
      if (name === 'push' && this.dropPushReplies > 0) this.dropPushReplies -= 1;
      else this.dropReplies -= 1;
      throw new Error('operation has timed out');
    }
    return reply;
  }
}
