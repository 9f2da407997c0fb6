import type Database from 'better-sqlite3';
import type { Engineer, OrderEvent, OutboxMessage, SlaPolicy, WorkOrder } from '../../../../shared/domain/index.js';
import { scenarioEvents, type Scenario } from '../../../../shared/scenario/index.js';
import type {
  Change,
  EngineerPosition,
  MutationEnvelope,
  PositionRow,
  Principal,
  PullResult,
} from '../../../../shared/sync/index.js';
import { deviceReadsOrder, jobOf, positionOfRow, readsEverything, type Reader } from '../../../../shared/sync/index.js';
import { changesCursor, parseCursor } from '../../sync/cursor.js';
import type { AuditEntry, PushOutcome, SyncStore, TrackingLink, User } from '../types.js';
import { deviceChanges, type DeviceLogRow, type DeviceSource, type LoggedEntity } from '../device-reads.js';
import { auditEntries, KEPT_REJECTIONS_PER_CLIENT } from '../refusals.js';
import { emptyOutcome, planPush, runPush, type PushSink } from '../push-loop.js';
import { auditOfRow, rejectionOfRow, userOfRow, type AuditRow, type RejectionRow, type UserRow } from '../rows.js';
import { SnapshotPager, everyRow, type PhaseRead, type PhaseRows } from '../snapshot-pages.js';
import { messageOfRow, rowValues, type OutboxRow, type Settlement } from '../outbox-rows.js';
import { openServerDatabase } from './open.js';
import { SqliteStateReader } from './reader.js';

export interface SqliteStoreOptions {
  /**
   * Exactly-once application (DESIGN §4). Only the chaos test's control run switches it off, to prove its checker
   * notices a server that applies a replayed mutation twice: such a server neither skips what it settled before nor
   * tells a console how far it got (sessions and pulls say 0), so consoles replay what lost its acknowledgement.
   */
  dedupe?: boolean;
  log?: (message: string, err?: unknown) => void;
}

type Row = { data: string };

/** The embedded default store: one SQLite file, one writer, every statement prepared once. */
export class SqliteStore implements SyncStore {
  readonly kind = 'sqlite';
  readonly db: Database.Database;
  private readonly reader: SqliteStateReader;
  private readonly teamOf = new Map<string, string>();
  private readonly dedupe: boolean;
  private readonly log: (message: string, err?: unknown) => void;
  private readonly s;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.db = openServerDatabase(path);
    this.dedupe = options.dedupe ?? true;
    this.log = options.log ?? ((m, e) => console.error(m, e));
    this.reader = new SqliteStateReader(this.db);
    const db = this.db;
    this.s = {
      meta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      change: db.prepare(
        'INSERT INTO changes (entity, entity_id, at, engineer_id, prev_engineer_id) VALUES (?, ?, ?, ?, ?)',
      ),
      orderEngineer: db.prepare<[string], { engineer_id: string | null }>(
        'SELECT engineer_id FROM orders WHERE id = ?',
      ),
      maxSeq: db.prepare<[], { m: number | null }>('SELECT MAX(seq) AS m FROM changes'),
      putOrder: db.prepare(
        `INSERT INTO orders (id, code, engineer_id, data, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, engineer_id = excluded.engineer_id, data = excluded.data, seq = excluded.seq`,
      ),
      putEngineer: db.prepare(
        'INSERT INTO engineers (id, team, data, seq) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET team = excluded.team, data = excluded.data, seq = excluded.seq',
      ),
      putPolicy: db.prepare(
        'INSERT INTO policy (id, data, seq) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, seq = excluded.seq',
      ),
      addLink: db.prepare(
        'INSERT INTO tracking_links (token_hash, order_id, issued_at, issued_by) VALUES (?, ?, ?, ?)',
      ),
      link: db.prepare<[string], { order_id: string; issued_at: number; issued_by: string }>(
        'SELECT order_id, issued_at, issued_by FROM tracking_links WHERE token_hash = ?',
      ),
      putEvent: db.prepare('INSERT INTO events (id, order_id, at, data, seq) VALUES (?, ?, ?, ?, ?)'),
      anyEngineer: db.prepare<[], { one: number }>('SELECT 1 AS one FROM engineers LIMIT 1'),
      engineerTeams: db.prepare<[], { id: string; team: string }>('SELECT id, team FROM engineers'),
      client: db.prepare<[string], { user_id: string; last_mutation_id: number }>(
        'SELECT user_id, last_mutation_id FROM clients WHERE client_id = ?',
      ),
      addClient: db.prepare(
        'INSERT INTO clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) VALUES (?, ?, 0, ?, ?)',
      ),
      seenClient: db.prepare('UPDATE clients SET last_seen_at = ? WHERE client_id = ?'),
      advanceClient: db.prepare('UPDATE clients SET last_mutation_id = ?, last_seen_at = ? WHERE client_id = ?'),
      forgetRejections: db.prepare('DELETE FROM rejections WHERE client_id = ? AND mutation_id <= ?'),
      reject: db.prepare(
        'INSERT OR REPLACE INTO rejections (client_id, mutation_id, name, code, message, say, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      rejections: db.prepare<[string, number], RejectionRow<string>>(
        'SELECT mutation_id, name, code, message, say, at FROM rejections WHERE client_id = ? AND mutation_id > ? ORDER BY mutation_id LIMIT 1000',
      ),
      audit: db.prepare(
        'INSERT INTO audit (at, user_id, role, client_id, mutation_id, name, outcome, code, message, args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      auditTail: db.prepare<[number], AuditRow<string>>('SELECT * FROM audit ORDER BY id DESC LIMIT ?'),
      user: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id'),
      putUser: db.prepare(
        'INSERT OR REPLACE INTO users (id, name, role, engineer_id, disabled) VALUES (?, ?, ?, ?, ?)',
      ),
      changedSince: db.prepare<[number, number], { entity: LoggedEntity; entity_id: string; m: number }>(
        'SELECT entity, entity_id, MAX(seq) AS m FROM changes WHERE seq > ? GROUP BY entity, entity_id ORDER BY m LIMIT ?',
      ),
      // The log rows naming one engineer: its device's changes (see device-reads.ts).
      changedForEngineer: db.prepare<
        { me: string; after: number; limit: number },
        { entity: LoggedEntity; entity_id: string; m: number; entered: number }
      >(
        `SELECT entity, entity_id, MAX(seq) AS m,
           MAX(engineer_id = @me AND prev_engineer_id IS NOT @me) AS entered
         FROM changes WHERE seq > @after AND (engineer_id = @me OR prev_engineer_id = @me)
         GROUP BY entity, entity_id ORDER BY m LIMIT @limit`,
      ),
      snapEngineer: db.prepare<[string, string], { id: string; data: string }>(
        'SELECT id, data FROM engineers WHERE id = ? AND id > ?',
      ),
      snapOrdersOf: db.prepare<[string, string, number], { id: string; data: string }>(
        'SELECT id, data FROM orders WHERE engineer_id = ? AND id > ? ORDER BY id LIMIT ?',
      ),
      snapEventsOf: db.prepare<[string, string, number], { id: string; data: string; order_data: string }>(
        `SELECT v.id, v.data, o.data AS order_data FROM events v JOIN orders o ON o.id = v.order_id
         WHERE o.engineer_id = ? AND v.id > ? ORDER BY v.id LIMIT ?`,
      ),
      orderById: db.prepare<[string], Row>('SELECT data FROM orders WHERE id = ?'),
      engineerById: db.prepare<[string], Row>('SELECT data FROM engineers WHERE id = ?'),
      policyById: db.prepare<[string], Row>('SELECT data FROM policy WHERE id = ?'),
      eventById: db.prepare<[string], Row>('SELECT data FROM events WHERE id = ?'),
      snapEngineers: db.prepare<[string, number], { id: string; data: string }>(
        'SELECT id, data FROM engineers WHERE id > ? ORDER BY id LIMIT ?',
      ),
      snapOrders: db.prepare<[string, number], { id: string; data: string }>(
        'SELECT id, data FROM orders WHERE id > ? ORDER BY id LIMIT ?',
      ),
      snapPolicy: db.prepare<[string, number], { id: string; data: string }>(
        'SELECT id, data FROM policy WHERE id > ? ORDER BY id LIMIT ?',
      ),
      snapEvents: db.prepare<[string, number], { id: string; data: string }>(
        'SELECT id, data FROM events WHERE id > ? ORDER BY id LIMIT ?',
      ),
      putPosition: db.prepare(
        `INSERT INTO positions (engineer_id, lat, lon, heading, speed, at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (engineer_id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, heading = excluded.heading,
           speed = excluded.speed, at = excluded.at WHERE excluded.at >= positions.at`,
      ),
      putCrumb: db.prepare(
        'INSERT OR IGNORE INTO breadcrumbs (engineer_id, at, lat, lon, heading, speed) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      positions: db.prepare<[], PositionRow>('SELECT * FROM positions'),
      crumbs: db.prepare<[string, number, number, number], PositionRow>(
        'SELECT * FROM breadcrumbs WHERE engineer_id = ? AND at >= ? AND at < ? ORDER BY at LIMIT ?',
      ),
      pruneMax: db.prepare<[number], { m: number | null }>('SELECT MAX(seq) AS m FROM changes WHERE at < ?'),
      prune: db.prepare('DELETE FROM changes WHERE seq <= ?'),
      events: db.prepare<[string], Row>('SELECT data FROM events WHERE order_id = ? ORDER BY at, seq, id'),
      allEngineers: db.prepare<[], Row>('SELECT data FROM engineers ORDER BY id'),
      unreadEvents: db.prepare<[number, number], Row>(
        `SELECT e.data FROM changes c JOIN events e ON e.id = c.entity_id
         WHERE c.entity = 'event' AND c.at >= ? AND NOT EXISTS (SELECT 1 FROM notify_seen s WHERE s.event_id = e.id)
         ORDER BY c.seq LIMIT ?`,
      ),
      seenAll: db.prepare('INSERT OR IGNORE INTO notify_seen (event_id, at) SELECT id, ? FROM events'),
      markRead: db.prepare('INSERT OR IGNORE INTO notify_seen (event_id, at) VALUES (?, ?)'),
      queueMessage: db.prepare(
        `INSERT OR IGNORE INTO outbox (key, order_id, event, channel, lang, body, link, state, attempts, next_at, created_at, sent_at, last_error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      dueMessages: db.prepare<[number, number], OutboxRow>(
        "SELECT * FROM outbox WHERE state = 'queued' AND next_at <= ? ORDER BY next_at, key LIMIT ?",
      ),
      leaseMessage: db.prepare<[number, string]>("UPDATE outbox SET next_at = ? WHERE key = ? AND state = 'queued'"),
      settleMessage: db.prepare(
        "UPDATE outbox SET state = ?, attempts = ?, next_at = ?, sent_at = ?, last_error = ? WHERE key = ? AND state = 'queued'",
      ),
      eventExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ?'),
      messagesFor: db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE order_id = ? ORDER BY created_at, key'),
      awaitingNearby: db.prepare<[number, number], { order_id: string }>(
        `SELECT DISTINCT d.order_id FROM outbox d WHERE d.event = 'departed' AND d.created_at >= ?
           AND NOT EXISTS (SELECT 1 FROM outbox n WHERE n.order_id = d.order_id AND n.event = 'nearby')
         ORDER BY d.order_id LIMIT ?`,
      ),
    };
    for (const r of this.s.engineerTeams.all()) this.teamOf.set(r.id, r.team);
  }

  async epoch(): Promise<string> {
    return this.epochNow();
  }

  private epochNow(): string {
    return this.s.meta.get('epoch')?.value ?? 'unknown';
  }

  async isEmpty(): Promise<boolean> {
    return this.s.anyEngineer.get() === undefined;
  }

  /** Appends a change-log row naming the engineer whose device it concerns now and, for an order, before. */
  private record(
    entity: LoggedEntity,
    id: string,
    at: number,
    engineerId: string | null,
    prevEngineerId: string | null = null,
  ): number {
    return Number(this.s.change.run(entity, id, at, engineerId, prevEngineerId).lastInsertRowid);
  }

  private writeOrder(o: WorkOrder, at: number): number {
    const before = this.s.orderEngineer.get(o.id)?.engineer_id ?? null;
    const seq = this.record('order', o.id, at, o.booking?.engineerId ?? null, before);
    this.s.putOrder.run(o.id, o.code, o.booking?.engineerId ?? null, JSON.stringify(o), seq);
    return seq;
  }

  private writeEngineer(e: Engineer, at: number): number {
    const seq = this.record('engineer', e.id, at, e.id);
    this.s.putEngineer.run(e.id, e.team, JSON.stringify(e), seq);
    this.teamOf.set(e.id, e.team);
    return seq;
  }

  private writePolicy(p: SlaPolicy, at: number): number {
    const seq = this.record('policy', p.id, at, null);
    this.s.putPolicy.run(p.id, JSON.stringify(p), seq);
    return seq;
  }

  private writeEvent(ev: OrderEvent, at: number): number {
    const seq = this.record('event', ev.id, at, this.s.orderEngineer.get(ev.orderId)?.engineer_id ?? null);
    this.s.putEvent.run(ev.id, ev.orderId, ev.at, JSON.stringify(ev), seq);
    return seq;
  }

  async seed(city: Scenario, users: User[]): Promise<void> {
    const at = Date.now();
    this.db.transaction(() => {
      for (const e of city.engineers) this.writeEngineer(e, at);
      for (const o of city.orders) this.writeOrder(o, at);
      this.writePolicy(city.slaPolicy, at);
      for (const ev of scenarioEvents(city)) this.writeEvent(ev, at);
      // The city's past is not news: the customer notifier reads only what happens after it is loaded.
      this.s.seenAll.run(at);
      for (const u of users) this.s.putUser.run(u.id, u.name, u.role, u.engineerId, u.disabled ? 1 : 0);
      this.s.setMeta.run('area', city.meta.area);
      this.s.setMeta.run('timeZone', city.meta.timeZone);
      this.s.setMeta.run('teams', JSON.stringify(city.teams));
    })();
  }

  async user(id: string): Promise<User | null> {
    const r = this.s.user.get(id);
    return r ? userOfRow(r) : null;
  }

  async users(): Promise<User[]> {
    return this.s.users.all().map(userOfRow);
  }

  async bindClient(clientId: string, userId: string, now: number): Promise<{ lastMutationId: number } | null> {
    const existing = this.s.client.get(clientId);
    if (existing) {
      if (existing.user_id !== userId) return null;
      this.s.seenClient.run(now, clientId);
      return { lastMutationId: this.dedupe ? existing.last_mutation_id : 0 };
    }
    this.s.addClient.run(clientId, userId, now, now);
    return { lastMutationId: 0 };
  }

  async applyPush(
    clientId: string,
    actor: Principal,
    mutations: MutationEnvelope[],
    now: () => number,
  ): Promise<PushOutcome> {
    const outcome = emptyOutcome();
    this.db.transaction(() => {
      const client = this.s.client.get(clientId);
      if (!client) throw new Error(`client ${clientId} is not bound`);
      const plan = planPush(mutations, client.last_mutation_id, { dedupe: this.dedupe, actor, clientId, now });
      // One writer: each mutation's writes go straight into the transaction, where the next mutation reads them.
      const sink: PushSink = {
        reader: this.reader,
        teamOf: (id) => this.teamOf.get(id),
        write: (writes, at) => {
          for (const o of writes.orders.values()) outcome.seq = this.writeOrder(o, at);
          for (const e of writes.engineers.values()) outcome.seq = this.writeEngineer(e, at);
          if (writes.policy) outcome.seq = this.writePolicy(writes.policy, at);
          for (const ev of writes.events) outcome.seq = this.writeEvent(ev, at);
        },
        reject: (r) =>
          this.s.reject.run(
            clientId,
            r.mutation_id,
            r.name,
            r.code,
            r.message,
            r.say ? JSON.stringify(r.say) : null,
            r.at,
          ),
      };
      const drafts = runPush(plan, sink, outcome, { clientId, log: this.log });
      for (const a of auditEntries(drafts))
        this.s.audit.run(
          a.at,
          actor.id,
          actor.role,
          clientId,
          a.mutation_id,
          a.name,
          a.outcome,
          a.code,
          a.message,
          JSON.stringify(a.args),
        );
      if (drafts.some((d) => d.outcome === 'rejected'))
        this.s.forgetRejections.run(clientId, plan.last - KEPT_REJECTIONS_PER_CLIENT);
      this.s.advanceClient.run(plan.last, now(), clientId);
    })();
    return outcome;
  }

  async pull(
    clientId: string,
    reader: Reader,
    rawCursor: string | null,
    resultsAfter: number,
    limit: number,
    now: number,
  ): Promise<PullResult> {
    return this.db.transaction((): PullResult => {
      const epoch = this.epochNow();
      let cursor = parseCursor(rawCursor, epoch);
      const pruned = Number(this.s.meta.get('prunedThrough')?.value ?? 0);
      if (cursor.kind === 'changes' && cursor.seq < pruned) cursor = { kind: 'reset' };
      const maxSeq = this.s.maxSeq.get()?.m ?? 0;
      const client = this.s.client.get(clientId);
      const base = {
        lastMutationId: this.dedupe ? (client?.last_mutation_id ?? 0) : 0,
        rejections: this.s.rejections
          .all(clientId, resultsAfter)
          .map((r) => rejectionOfRow(r, (say) => JSON.parse(say) as unknown)),
        serverTime: now,
      };
      const device = readsEverything(reader) ? null : (reader.engineerId ?? '');
      if (cursor.kind === 'changes') {
        const { last, changes } =
          device === null
            ? this.changesAfter(cursor.seq, limit)
            : this.deviceChangesAfter(device, cursor.seq, limit, now);
        const more = last !== null;
        const next = last ?? Math.max(cursor.seq, maxSeq);
        return { kind: 'changes', changes, cursor: changesCursor(epoch, next), more, ...base };
      }
      const pager = new SnapshotPager(cursor, maxSeq, limit);
      for (let read = pager.next(); read; read = pager.next())
        pager.took(device === null ? this.snapshotRows(read) : this.deviceSnapshotRows(read, device, now));
      return { ...pager.page(epoch, maxSeq > pager.seq), ...base };
    })();
  }

  /** Up to `limit` entities changed after `seq`, at their current value; `last` is the page's end when it is full. */
  private changesAfter(seq: number, limit: number): { last: number | null; changes: Change[] } {
    const rows = this.s.changedSince.all(seq, limit);
    const changes = rows.map((r) => this.changeFor(r.entity, r.entity_id)).filter((c): c is Change => c !== null);
    return { last: rows.length === limit ? (rows[rows.length - 1]?.m ?? seq) : null, changes };
  }

  /** The same for an engineer's device: what of its log rows the device reads (see device-reads.ts). */
  private deviceChangesAfter(
    me: string,
    seq: number,
    limit: number,
    now: number,
  ): { last: number | null; changes: Change[] } {
    const rows = this.s.changedForEngineer.all({ me, after: seq, limit });
    const logRows: DeviceLogRow[] = rows.map((r) => ({ ...r, entered: r.entered === 1 }));
    const changes = deviceChanges(logRows, this.deviceSource, me, now);
    return { last: rows.length === limit ? (rows[rows.length - 1]?.m ?? seq) : null, changes };
  }

  /** One read of a device's snapshot (shared/sync/reads.ts): its own engineer, its jobs and their events. */
  private deviceSnapshotRows({ phase, afterId, limit }: PhaseRead, me: string, now: number): PhaseRows {
    const changes: Change[] = [];
    let rows: Array<{ id: string }> = [];
    switch (phase) {
      case 'e': {
        const own = this.s.snapEngineer.all(me, afterId);
        for (const r of own) changes.push({ entity: 'engineer', value: JSON.parse(r.data) as Engineer });
        rows = own;
        break;
      }
      case 'o': {
        const orders = this.s.snapOrdersOf.all(me, afterId, limit);
        for (const r of orders) {
          const order = JSON.parse(r.data) as WorkOrder;
          if (deviceReadsOrder(order, me, now)) changes.push({ entity: 'job', value: jobOf(order) });
        }
        rows = orders;
        break;
      }
      case 'p':
        break;
      case 'v': {
        const events = this.s.snapEventsOf.all(me, afterId, limit);
        for (const r of events)
          if (deviceReadsOrder(JSON.parse(r.order_data) as WorkOrder, me, now))
            changes.push({ entity: 'event', value: JSON.parse(r.data) as OrderEvent });
        rows = events;
        break;
      }
    }
    return { read: rows.length, lastId: rows[rows.length - 1]?.id ?? afterId, changes };
  }

  /** The current records a device's incremental changes are read from. */
  private readonly deviceSource: DeviceSource = {
    order: (id) => this.reader.order(id),
    engineer: (id) => this.reader.engineer(id),
    event: (id) => {
      const r = this.s.eventById.get(id);
      return r ? (JSON.parse(r.data) as OrderEvent) : null;
    },
    eventsOf: (orderId) => this.s.events.all(orderId).map((r) => JSON.parse(r.data) as OrderEvent),
  };

  /** One read of the full snapshot: every row read is sent. */
  private snapshotRows({ phase, afterId, limit }: PhaseRead): PhaseRows {
    switch (phase) {
      case 'e':
        return everyRow(this.s.snapEngineers.all(afterId, limit), (r) => ({
          entity: 'engineer',
          value: JSON.parse(r.data) as Engineer,
        }));
      case 'o':
        return everyRow(this.s.snapOrders.all(afterId, limit), (r) => ({
          entity: 'order',
          value: JSON.parse(r.data) as WorkOrder,
        }));
      case 'p':
        return everyRow(this.s.snapPolicy.all(afterId, limit), (r) => ({
          entity: 'policy',
          value: JSON.parse(r.data) as SlaPolicy,
        }));
      case 'v':
        return everyRow(this.s.snapEvents.all(afterId, limit), (r) => ({
          entity: 'event',
          value: JSON.parse(r.data) as OrderEvent,
        }));
    }
  }

  private changeFor(entity: LoggedEntity, id: string): Change | null {
    switch (entity) {
      case 'order': {
        const r = this.s.orderById.get(id);
        return r ? { entity, value: JSON.parse(r.data) as WorkOrder } : null;
      }
      case 'engineer': {
        const r = this.s.engineerById.get(id);
        return r ? { entity, value: JSON.parse(r.data) as Engineer } : null;
      }
      case 'policy': {
        const r = this.s.policyById.get(id);
        return r ? { entity, value: JSON.parse(r.data) as SlaPolicy } : null;
      }
      case 'event': {
        const r = this.s.eventById.get(id);
        return r ? { entity, value: JSON.parse(r.data) as OrderEvent } : null;
      }
    }
  }

  async savePositions(latest: EngineerPosition[], breadcrumbs: EngineerPosition[]): Promise<void> {
    this.db.transaction(() => {
      for (const p of latest) this.s.putPosition.run(p.engineerId, p.lat, p.lon, p.heading, p.speed, p.at);
      for (const p of breadcrumbs) this.s.putCrumb.run(p.engineerId, p.at, p.lat, p.lon, p.heading, p.speed);
    })();
  }

  async latestPositions(): Promise<EngineerPosition[]> {
    return this.s.positions.all().map(positionOfRow);
  }

  async breadcrumbs(engineerId: string, from: number, to: number, limit: number): Promise<EngineerPosition[]> {
    return this.s.crumbs.all(engineerId, from, to, limit).map(positionOfRow);
  }

  async pruneChanges(before: number): Promise<number> {
    return this.db.transaction(() => {
      const through = this.s.pruneMax.get(before)?.m;
      if (!through) return 0;
      const removed = this.s.prune.run(through).changes;
      this.s.setMeta.run('prunedThrough', String(through));
      return removed;
    })();
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    return this.s.auditTail.all(limit).map((r) => auditOfRow(r, (args) => JSON.parse(args) as unknown));
  }

  async order(id: string): Promise<WorkOrder | null> {
    return this.reader.order(id);
  }

  async engineer(id: string): Promise<Engineer | null> {
    return this.reader.engineer(id);
  }

  async engineers(): Promise<Engineer[]> {
    return this.s.allEngineers.all().map((r) => JSON.parse(r.data) as Engineer);
  }

  async policy(): Promise<SlaPolicy> {
    return this.reader.policy();
  }

  async eventsFor(orderId: string): Promise<OrderEvent[]> {
    return this.s.events.all(orderId).map((r) => JSON.parse(r.data) as OrderEvent);
  }

  async addTrackingLink(link: TrackingLink): Promise<void> {
    this.s.addLink.run(link.tokenHash, link.orderId, link.issuedAt, link.issuedBy);
  }

  async trackingLink(tokenHash: string): Promise<TrackingLink | null> {
    const r = this.s.link.get(tokenHash);
    return r ? { tokenHash, orderId: r.order_id, issuedAt: r.issued_at, issuedBy: r.issued_by } : null;
  }

  async unreadEvents(since: number, limit: number): Promise<OrderEvent[]> {
    return this.s.unreadEvents.all(since, limit).map((r) => JSON.parse(r.data) as OrderEvent);
  }

  async queueMessages(
    readEventIds: readonly string[],
    messages: readonly OutboxMessage[],
    now: number,
  ): Promise<string[]> {
    return this.db.transaction(() => {
      for (const id of readEventIds) this.s.markRead.run(id, now);
      const queued: string[] = [];
      for (const m of messages) if (this.s.queueMessage.run(...rowValues(m)).changes === 1) queued.push(m.key);
      return queued;
    })();
  }

  async claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxMessage[]> {
    return this.db.transaction(() => {
      const due = this.s.dueMessages.all(now, limit);
      for (const row of due) this.s.leaseMessage.run(leaseUntil, row.key);
      return due.map(messageOfRow);
    })();
  }

  async settleMessage(m: Settlement, now: number): Promise<{ settled: boolean; seq: number }> {
    return this.db.transaction(() => {
      const changed = this.s.settleMessage.run(m.state, m.attempts, m.nextAt, m.sentAt, m.lastError, m.key).changes;
      if (changed === 0) return { settled: false, seq: 0 };
      const seq = m.event && !this.s.eventExists.get(m.event.id) ? this.writeEvent(m.event, now) : 0;
      return { settled: true, seq };
    })();
  }

  async messagesFor(orderId: string): Promise<OutboxMessage[]> {
    return this.s.messagesFor.all(orderId).map(messageOfRow);
  }

  async awaitingNearby(since: number, limit: number): Promise<string[]> {
    return this.s.awaitingNearby.all(since, limit).map((r) => r.order_id);
  }

  /** Teams and time zone of the seeded area, for pokes and displays. */
  teams(): Array<{ id: string; name: string }> {
    const raw = this.s.meta.get('teams')?.value;
    return raw ? (JSON.parse(raw) as Array<{ id: string; name: string }>) : [];
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
