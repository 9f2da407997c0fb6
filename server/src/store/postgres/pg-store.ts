import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Engineer, OrderEvent, OutboxMessage, SlaPolicy, WorkOrder } from '../../../../shared/domain/index.js';
import { scenarioEvents, type Scenario } from '../../../../shared/scenario/index.js';
import { backoffDelay } from '../../../../shared/time/index.js';
import type {
  Change,
  EngineerPosition,
  MutationEnvelope,
  PositionRow,
  Principal,
  PullResult,
  Reader,
} from '../../../../shared/sync/index.js';
import { deviceReadsOrder, jobOf, positionOfRow, readsEverything } from '../../../../shared/sync/index.js';
import { changesCursor, parseCursor } from '../../sync/cursor.js';
import { deviceChanges, type DeviceLogRow, type DeviceSource, type LoggedEntity } from '../device-reads.js';
import type { AuditEntry, PushOutcome, SyncStore, TrackingLink, User } from '../types.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { messageOfRow, rowValues, type OutboxRow, type Settlement } from '../outbox-rows.js';
import { addToLockSet, declaredReads, lockAndLoad, type LockSet } from './push-locks.js';
import { auditEntries, KEPT_REJECTIONS_PER_CLIENT, type AuditDraft } from '../refusals.js';
import { emptyOutcome, planPush, runPush, type PushSink, type StoredRejection } from '../push-loop.js';
import { auditOfRow, rejectionOfRow, userOfRow, type AuditRow, type RejectionRow, type UserRow } from '../rows.js';
import { SnapshotPager, everyRow, type PhaseRead, type PhaseRows } from '../snapshot-pages.js';

/** A window [from, upto) of finished transactions of the change log, read by sequence after `after`. */
interface LogWindow {
  from: number;
  upto: number;
  after: number;
  limit: number;
}

/** Advisory lock ids: migrations, and loading the city (several nodes may start at once). */
const MIGRATION_LOCK = 7_301_001;
const SEED_LOCK = 7_301_002;
/** Errors worth retrying the whole mutation for: serialization failure, deadlock, a unique key raced by another node. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
/** Retries of a push after such an error, and the waits between them (backoffDelay doubles from the base). */
const MAX_RETRIES = 8;
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 250;

/** A push's attempt found that a mutation changes the policy it had locked only for reading; it is started over. */
class PolicyWriteNeeded extends Error {
  constructor(readonly mutation: string) {
    super(`${mutation} changes the policy`);
  }
}

/** Columns of each record table written from a push: what is inserted, from the record's JSON, and on conflict. */
const RECORD_COLUMNS = {
  orders: {
    columns: 'id, code, engineer_id, data',
    values: "i.id, i.data->>'code', i.data->'booking'->>'engineerId', i.data",
    conflict:
      'ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, engineer_id = EXCLUDED.engineer_id, data = EXCLUDED.data, seq = EXCLUDED.seq',
    // The change-log row names the order's engineer after the write and before it (the statement sees the old row).
    engineer: "i.data->'booking'->>'engineerId'",
    prevEngineer: '(SELECT o.engineer_id FROM orders o WHERE o.id = i.id)',
  },
  engineers: {
    columns: 'id, team, data',
    values: "i.id, i.data->>'team', i.data",
    conflict: 'ON CONFLICT (id) DO UPDATE SET team = EXCLUDED.team, data = EXCLUDED.data, seq = EXCLUDED.seq',
    engineer: 'i.id',
    prevEngineer: 'NULL',
  },
  policy: {
    columns: 'id, data',
    values: 'i.id, i.data',
    conflict: 'ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq',
    engineer: 'NULL',
    prevEngineer: 'NULL',
  },
  events: {
    columns: 'id, order_id, at, data',
    values: "i.id, i.data->>'orderId', (i.data->>'at')::bigint, i.data",
    conflict: '',
    // Orders are written before events, so this is the order's engineer after the push.
    engineer: "(SELECT o.engineer_id FROM orders o WHERE o.id = i.data->>'orderId')",
    prevEngineer: 'NULL',
  },
} as const;

/** What a push's mutations wrote, kept until the push writes it all at once (see flush). */
interface PushWrites {
  orders: Map<string, { at: number; value: WorkOrder }>;
  engineers: Map<string, { at: number; value: Engineer }>;
  policy: { at: number; value: SlaPolicy } | null;
  events: Array<{ at: number; value: OrderEvent }>;
  rejections: Map<number, StoredRejection>;
}

export interface PgStoreOptions {
  connectionString: string;
  /** A schema of its own (tests use a fresh one each); `public` by default. */
  schema?: string;
  poolSize?: number;
  dedupe?: boolean;
  log?: (message: string, err?: unknown) => void;
  /**
   * How long a pull waits for this store's writes in flight before it settles for the cluster-wide watermark (which
   * any long transaction elsewhere in the Postgres cluster holds back). 250 ms by default.
   */
  pullBarrierMs?: number;
}

type Db = pg.PoolClient | pg.Pool;

/**
 * The Postgres store for the scale-out mode: several server nodes share it. Every push runs in its own transaction;
 * see applyBatch for how pushes lock without deadlocks and two nodes racing on one order end with exactly one winner,
 * and pullWatermark for how pulls never skip a change.
 */
export class PgStore implements SyncStore {
  readonly kind = 'postgres';
  readonly pool: pg.Pool;
  private readonly dedupe: boolean;
  private readonly log: (message: string, err?: unknown) => void;
  private readonly teamOf = new Map<string, string>();
  private epochValue = '';
  /** The advisory lock writers of this schema share and a pull's barrier takes alone (a bigint literal). */
  private readonly writersKey: string;
  private readonly pullBarrierMs: number;
  /** The barrier running now, and the one that starts after it for pulls that arrived meanwhile (see pullWatermark). */
  private barrierNow: Promise<number | null> | null = null;
  private barrierNext: Promise<number | null> | null = null;
  /** Pushes retried, by Postgres error code (40P01 deadlock, 40001 serialization failure, 23505 unique key raced). */
  readonly retried = new Map<string, number>();
  /** Mutations seen changing the policy: a push with one locks the policy for writing from the start. */
  private readonly policyWriters = new Set<string>();

  private constructor(o: PgStoreOptions) {
    const schema = o.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
    this.pool = new pg.Pool({
      connectionString: o.connectionString,
      max: o.poolSize ?? 20,
      options: `-c search_path=${schema}`,
      // BIGINT columns hold epoch milliseconds and sequence numbers, all well inside 2^53.
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
      },
    } as pg.PoolConfig);
    this.pool.on('error', (err) => this.log('idle Postgres connection failed', err));
    this.dedupe = o.dedupe ?? true;
    this.writersKey = createHash('sha256').update(`dispatch writers ${schema}`).digest().readBigInt64BE(0).toString();
    this.pullBarrierMs = Math.max(1, Math.round(o.pullBarrierMs ?? 250));
    this.log = o.log ?? ((m, e) => console.error(m, e));
  }

  /** Connects, creates the schema if needed and runs pending migrations (one node at a time). */
  static async open(o: PgStoreOptions): Promise<PgStore> {
    const store = new PgStore(o);
    const c = await store.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      if (o.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${o.schema}`);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
      );
      const { rows } = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      const current = rows[0]?.v ?? 0;
      const newest = Math.max(...POSTGRES_MIGRATIONS.map((m) => m.version));
      if (current > newest)
        throw new Error(`the database has schema ${current}, newer than this server knows (${newest})`);
      for (const m of POSTGRES_MIGRATIONS) {
        if (m.version <= current) continue;
        await c.query(m.up);
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          Date.now(),
        ]);
      }
      await c.query("INSERT INTO meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING", [
        `pg-${randomBytes(6).toString('hex')}`,
      ]);
      await c.query('COMMIT');
    } catch (err) {
      await c.query('ROLLBACK');
      c.release();
      await store.pool.end();
      throw err;
    }
    c.release();
    const { rows } = await store.pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'epoch'");
    store.epochValue = rows[0]!.value;
    for (const r of (await store.pool.query<{ id: string; team: string }>('SELECT id, team FROM engineers')).rows)
      store.teamOf.set(r.id, r.team);
    return store;
  }

  async epoch(): Promise<string> {
    return this.epochValue;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM engineers LIMIT 1')).rowCount === 0;
  }

  /**
   * Runs `work` in a transaction. A writer (one that appends to the change log) first takes the store's writers lock,
   * shared: writers never wait for each other on it, and a pull's barrier waits for those in flight (see pull).
   */
  private async tx<T>(
    work: (c: pg.PoolClient) => Promise<T>,
    isolation = 'READ COMMITTED',
    writer = false,
  ): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query(
        writer
          ? `BEGIN ISOLATION LEVEL ${isolation}; SELECT pg_advisory_xact_lock_shared(${this.writersKey})`
          : `BEGIN ISOLATION LEVEL ${isolation}`,
      );
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  // Each write appends its change-log row and upserts the record in one statement (one round trip).

  private async writeOrder(c: Db, o: WorkOrder, at: number): Promise<number> {
    const { rows } = await c.query<{ seq: number }>(
      `WITH log AS (
         INSERT INTO changes (entity, entity_id, at, engineer_id, prev_engineer_id)
         VALUES ('order', $1, $5, $3, (SELECT engineer_id FROM orders WHERE id = $1)) RETURNING seq)
       INSERT INTO orders (id, code, engineer_id, data, seq) SELECT $1, $2, $3, $4, seq FROM log
       ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, engineer_id = EXCLUDED.engineer_id, data = EXCLUDED.data, seq = EXCLUDED.seq
       RETURNING seq`,
      [o.id, o.code, o.booking?.engineerId ?? null, JSON.stringify(o), at],
    );
    return rows[0]!.seq;
  }

  private async writeEngineer(c: Db, e: Engineer, at: number): Promise<number> {
    const { rows } = await c.query<{ seq: number }>(
      `WITH log AS (INSERT INTO changes (entity, entity_id, at, engineer_id) VALUES ('engineer', $1, $4, $1) RETURNING seq)
       INSERT INTO engineers (id, team, data, seq) SELECT $1, $2, $3, seq FROM log
       ON CONFLICT (id) DO UPDATE SET team = EXCLUDED.team, data = EXCLUDED.data, seq = EXCLUDED.seq RETURNING seq`,
      [e.id, e.team, JSON.stringify(e), at],
    );
    this.teamOf.set(e.id, e.team);
    return rows[0]!.seq;
  }

  private async writePolicy(c: Db, p: SlaPolicy, at: number): Promise<number> {
    const { rows } = await c.query<{ seq: number }>(
      `WITH log AS (INSERT INTO changes (entity, entity_id, at) VALUES ('policy', $1, $3) RETURNING seq)
       INSERT INTO policy (id, data, seq) SELECT $1, $2, seq FROM log
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq RETURNING seq`,
      [p.id, JSON.stringify(p), at],
    );
    return rows[0]!.seq;
  }

  private async writeEvent(c: Db, ev: OrderEvent, at: number): Promise<number> {
    const { rows } = await c.query<{ seq: number }>(
      `WITH log AS (
         INSERT INTO changes (entity, entity_id, at, engineer_id)
         VALUES ('event', $1, $5, (SELECT engineer_id FROM orders WHERE id = $2)) RETURNING seq)
       INSERT INTO events (id, order_id, at, data, seq) SELECT $1, $2, $3, $4, seq FROM log RETURNING seq`,
      [ev.id, ev.orderId, ev.at, JSON.stringify(ev), at],
    );
    return rows[0]!.seq;
  }

  async seed(city: Scenario, users: User[]): Promise<void> {
    const at = Date.now();
    await this.tx(
      async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
        // Several nodes may start at once: only the first loads the city.
        if ((await c.query('SELECT 1 FROM engineers LIMIT 1')).rowCount !== 0) return;
        for (const e of city.engineers) await this.writeEngineer(c, e, at);
        for (const o of city.orders) await this.writeOrder(c, o, at);
        await this.writePolicy(c, city.slaPolicy, at);
        for (const ev of scenarioEvents(city)) await this.writeEvent(c, ev, at);
        // The city's past is not news: the customer notifier reads only what happens after it is loaded.
        await c.query('INSERT INTO notify_seen (event_id, at) SELECT id, $1 FROM events ON CONFLICT DO NOTHING', [at]);
        for (const u of users)
          await c.query(
            'INSERT INTO users (id, name, role, engineer_id, disabled) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
            [u.id, u.name, u.role, u.engineerId, u.disabled],
          );
        for (const [k, v] of [
          ['area', city.meta.area],
          ['timeZone', city.meta.timeZone],
          ['teams', JSON.stringify(city.teams)],
        ] as const)
          await c.query(
            'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
            [k, v],
          );
      },
      'READ COMMITTED',
      true,
    );
  }

  async user(id: string): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    const r = rows[0];
    return r ? userOfRow(r) : null;
  }

  async users(): Promise<User[]> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY id');
    return rows.map(userOfRow);
  }

  async bindClient(clientId: string, userId: string, now: number): Promise<{ lastMutationId: number } | null> {
    await this.pool.query(
      'INSERT INTO clients (client_id, user_id, last_mutation_id, created_at, last_seen_at) VALUES ($1, $2, 0, $3, $3) ON CONFLICT (client_id) DO NOTHING',
      [clientId, userId, now],
    );
    const { rows } = await this.pool.query<{ user_id: string; last_mutation_id: number }>(
      'UPDATE clients SET last_seen_at = $2 WHERE client_id = $1 RETURNING user_id, last_mutation_id',
      [clientId, now],
    );
    const r = rows[0];
    // Without de-duplication (the chaos control run) the server does not say how far it got either: see SqliteStore.
    return r && r.user_id === userId ? { lastMutationId: this.dedupe ? r.last_mutation_id : 0 } : null;
  }

  async applyPush(
    clientId: string,
    actor: Principal,
    mutations: MutationEnvelope[],
    now: () => number,
  ): Promise<PushOutcome> {
    // The whole push is one transaction (one commit for the batch). An attempt that failed rolled back entirely and
    // the next one starts from the client's settled id again, so a mutation is never applied twice; only the outcome
    // of the attempt that committed counts.
    const outcome = await this.withRetry((policyWrite) =>
      this.tx((c) => this.applyBatch(c, clientId, actor, mutations, now, policyWrite), 'READ COMMITTED', true),
    );
    if (outcome.lastMutationId === 0) {
      const { rows } = await this.pool.query<{ last_mutation_id: number }>(
        'SELECT last_mutation_id FROM clients WHERE client_id = $1',
        [clientId],
      );
      outcome.lastMutationId = rows[0]?.last_mutation_id ?? 0;
    }
    return outcome;
  }

  /**
   * Runs `work` again after a failure Postgres may resolve by itself (serialization failure, deadlock, a unique key
   * raced by another node), a bounded number of times with growing, jittered waits. An attempt that found it must
   * change the policy while holding it only for reading is started over holding it for writing, at once.
   */
  private async withRetry<T>(work: (policyWrite: boolean) => Promise<T>): Promise<T> {
    let policyWrite = false;
    for (let failures = 0; ;) {
      try {
        return await work(policyWrite);
      } catch (err) {
        if (err instanceof PolicyWriteNeeded && !policyWrite) {
          this.policyWriters.add(err.mutation);
          policyWrite = true;
          continue;
        }
        const code = (err as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || failures >= MAX_RETRIES) throw err;
        this.retried.set(code, (this.retried.get(code) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, backoffDelay(failures, RETRY_BASE_MS, RETRY_MAX_MS)));
        failures += 1;
      }
    }
  }

  /**
   * One push inside its transaction. Concurrency between pushes and nodes, by design:
   * - the client's row is locked (FOR UPDATE) first, so one console's mutations settle in order even when its pushes
   *   reach two nodes, and the mutations still to apply are known before anything else is locked;
   * - every record those mutations declared in reads() is then locked and loaded at once, in one global order
   *   (policy, engineers by id, orders by id; see lockAndLoad), before the first mutator runs. Pushes therefore never
   *   wait for each other in a cycle, and two racing on one order run one after the other: the second sees the first's
   *   new revision and rejects with a readable "changed by someone else" — exactly one winner;
   * - the mutators run one after another on what was loaded plus the writes of those before them, and the push writes
   *   everything at the end in a few statements (see flush);
   * - the policy, read by every new order, is locked for sharing unless a mutation of the push changes it;
   * - before anything else it takes the store's writers lock, shared (writers never wait for each other on it);
   *   change-log rows carry their transaction id, and pulls deliver only transactions below a watermark read once the
   *   writers in flight have finished (see pullWatermark), so a change that commits late is never skipped and
   *   transactions elsewhere in the Postgres cluster do not hold deliveries back.
   */
  private async applyBatch(
    c: pg.PoolClient,
    clientId: string,
    actor: Principal,
    mutations: MutationEnvelope[],
    now: () => number,
    policyWrite: boolean,
  ): Promise<PushOutcome> {
    const out = emptyOutcome();
    const { rows } = await c.query<{ last_mutation_id: number }>(
      'SELECT last_mutation_id FROM clients WHERE client_id = $1 FOR UPDATE',
      [clientId],
    );
    if (!rows[0]) throw new Error(`client ${clientId} is not bound`);
    // Settle duplicates and a gap first: what is left is applied, and its reads are what the push locks.
    const plan = planPush(mutations, rows[0].last_mutation_id, { dedupe: this.dedupe, actor, clientId, now });
    const locks: LockSet = { policy: null, engineerIds: [], orderIds: [], codes: [], eventIds: [] };
    for (const step of plan.steps)
      if (!('duplicate' in step))
        addToLockSet(
          locks,
          declaredReads(step.m.name, step.m.args, step.ctx),
          policyWrite || this.policyWriters.has(step.m.name),
        );
    const state = await lockAndLoad(c, locks);
    const w: PushWrites = {
      orders: new Map(),
      engineers: new Map(),
      policy: null,
      events: [],
      rejections: new Map(),
    };
    // The mutators run on what was loaded plus the writes of those before them; the writes are flushed at the end.
    const sink: PushSink = {
      reader: state.reader(),
      teamOf: (id) => this.teamOf.get(id),
      write: (writes, at, m) => {
        if (writes.policy && locks.policy !== 'update') throw new PolicyWriteNeeded(m.name);
        state.apply(writes);
        for (const o of writes.orders.values()) w.orders.set(o.id, { at, value: o });
        for (const e of writes.engineers.values()) {
          w.engineers.set(e.id, { at, value: e });
          this.teamOf.set(e.id, e.team);
        }
        if (writes.policy) w.policy = { at, value: writes.policy };
        for (const ev of writes.events) w.events.push({ at, value: ev });
      },
      reject: (r) => w.rejections.set(r.mutation_id, r),
    };
    const drafts = runPush(plan, sink, out, { clientId, log: this.log, strictReads: true });
    out.seq = await this.flush(c, clientId, actor, w, drafts);
    return out;
  }

  /**
   * Writes what a push's mutations did, a few statements for the whole push: each record's final version with its
   * change-log row, the events, the rejections, the audit entries in order and the client's settled id. Returns the
   * highest change-log sequence written (0 when none).
   */
  private async flush(
    c: pg.PoolClient,
    clientId: string,
    actor: Principal,
    w: PushWrites,
    drafts: AuditDraft[],
  ): Promise<number> {
    let seq = 0;
    const records = async (
      table: keyof typeof RECORD_COLUMNS,
      entity: string,
      list: Array<{ at: number; value: unknown }>,
    ) => {
      if (list.length === 0) return;
      const { columns, values, conflict, engineer, prevEngineer } = RECORD_COLUMNS[table];
      const { rows } = await c.query<{ seq: number }>(
        `WITH input AS (
           SELECT e.value->'value' AS data, e.value->'value'->>'id' AS id, (e.value->>'at')::bigint AS at, e.n
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)),
         log AS (
           INSERT INTO changes (entity, entity_id, at, engineer_id, prev_engineer_id)
           SELECT $2, i.id, i.at, ${engineer}, ${prevEngineer} FROM input i ORDER BY i.n RETURNING seq, entity_id)
         INSERT INTO ${table} (${columns}, seq) SELECT ${values}, log.seq FROM input i JOIN log ON log.entity_id = i.id
         ${conflict} RETURNING seq`,
        [JSON.stringify(list), entity],
      );
      for (const r of rows) seq = Math.max(seq, r.seq);
    };
    await records('orders', 'order', [...w.orders.values()]);
    await records('engineers', 'engineer', [...w.engineers.values()]);
    if (w.policy) await records('policy', 'policy', [w.policy]);
    await records('events', 'event', w.events);
    if (w.rejections.size > 0) {
      await c.query(
        `INSERT INTO rejections (client_id, mutation_id, name, code, message, say, at)
         SELECT $1, r.mutation_id, r.name, r.code, r.message, r.say, r.at
         FROM jsonb_to_recordset($2::jsonb)
           AS r(mutation_id BIGINT, name TEXT, code TEXT, message TEXT, say JSONB, at BIGINT)
         ON CONFLICT (client_id, mutation_id)
           DO UPDATE SET code = EXCLUDED.code, message = EXCLUDED.message, say = EXCLUDED.say, at = EXCLUDED.at`,
        [clientId, JSON.stringify([...w.rejections.values()])],
      );
      await c.query('DELETE FROM rejections WHERE client_id = $1 AND mutation_id <= $2', [
        clientId,
        Math.max(...w.rejections.keys()) - KEPT_REJECTIONS_PER_CLIENT,
      ]);
    }
    const audit = auditEntries(drafts).map((a, n) => ({ ...a, n }));
    const lastEntry = audit[audit.length - 1];
    if (lastEntry)
      // The audit entries in the push's order, and the client's settled id, in one statement.
      await c.query(
        `WITH audit_rows AS (
           INSERT INTO audit (at, user_id, role, client_id, mutation_id, name, outcome, code, message, args)
           SELECT a.at, $1, $2, $3, a.mutation_id, a.name, a.outcome, a.code, a.message, a.args
           FROM jsonb_to_recordset($4::jsonb)
             AS a(n INTEGER, at BIGINT, mutation_id BIGINT, name TEXT, outcome TEXT, code TEXT, message TEXT, args JSONB)
           ORDER BY a.n)
         UPDATE clients SET last_mutation_id = GREATEST(last_mutation_id, $5), last_seen_at = $6 WHERE client_id = $3`,
        [
          actor.id,
          actor.role,
          clientId,
          JSON.stringify(audit),
          Math.max(...drafts.map((a) => a.mutation_id)),
          lastEntry.at,
        ],
      );
    return seq;
  }

  /**
   * Takes the writers lock of this store, shared, in an open transaction of `c`; every transaction that appends to
   * the change log does so before its first write.
   */
  async lockAsWriter(c: pg.PoolClient): Promise<void> {
    await c.query(`SELECT pg_advisory_xact_lock_shared(${this.writersKey})`);
  }

  /**
   * The xid below which every transaction of this store has finished, so its changes can be delivered without gaps;
   * null when the store's writes in flight did not finish within pullBarrierMs.
   *
   * The barrier takes the writers lock alone: once it has it, every writer that held it has committed or rolled back
   * (and is visible to any snapshot taken after), and writers that come later wait for it before their first write,
   * so they get xids above the snapshot's xmax read here. Transactions elsewhere in the cluster — other schemas, other
   * databases — take no part and hold nothing back. The lock is held for one statement; writers queued behind a
   * waiting barrier wait at most pullBarrierMs.
   *
   * Pulls that arrive while a barrier runs share the next one (it must start after they arrived, so that a pull that
   * follows a poke includes what was poked about): at most one barrier runs and one waits, whatever the number of pulls.
   */
  private pullWatermark(): Promise<number | null> {
    if (!this.barrierNow) return this.startBarrier();
    this.barrierNext ??= this.barrierNow
      .catch(() => undefined)
      .then(() => {
        this.barrierNext = null;
        return this.startBarrier();
      });
    return this.barrierNext;
  }

  private startBarrier(): Promise<number | null> {
    const running: Promise<number | null> = this.barrier().finally(() => {
      if (this.barrierNow === running) this.barrierNow = null;
    });
    this.barrierNow = running;
    return running;
  }

  private async barrier(): Promise<number | null> {
    const c = await this.pool.connect();
    try {
      // One round trip; each statement reads its own snapshot, so xmax is read after the lock was granted.
      const results = (await c.query(
        `BEGIN; SET LOCAL lock_timeout = '${this.pullBarrierMs}ms'; SELECT pg_advisory_xact_lock(${this.writersKey});
         SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS x; COMMIT`,
      )) as unknown as pg.QueryResult<{ x: number }>[];
      const x = results.find((r) => r.rows?.[0]?.x !== undefined)?.rows[0]?.x;
      if (x === undefined) throw new Error('the pull barrier read no watermark');
      return x;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      if ((err as { code?: string }).code === '55P03') return null;
      throw err;
    } finally {
      c.release();
    }
  }

  /** The xid below which every transaction in the cluster has finished: always safe, held back by any long one. */
  private async clusterWatermark(c: Db): Promise<number> {
    return (await c.query<{ x: number }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS x')).rows[0]!
      .x;
  }

  async pull(
    clientId: string,
    reader: Reader,
    rawCursor: string | null,
    resultsAfter: number,
    limit: number,
    now: number,
  ): Promise<PullResult> {
    const barrier = await this.pullWatermark();
    // One REPEATABLE READ snapshot for the whole page, taken after the barrier: every change below the watermark is
    // in it, and the rows it reads and the values it sends agree.
    return this.tx(async (c) => {
      const epoch = this.epochValue;
      let cursor = parseCursor(rawCursor, epoch);
      const prunedRow = await c.query<{ value: string }>("SELECT value FROM meta WHERE key = 'prunedThrough'");
      const pruned = Number(prunedRow.rows[0]?.value ?? 0);
      if (cursor.kind === 'changes' && cursor.seq < pruned) cursor = { kind: 'reset' };
      const mark = barrier ?? (await this.clusterWatermark(c));
      const client = (
        await c.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM clients WHERE client_id = $1', [
          clientId,
        ])
      ).rows[0];
      const rejections = (
        await c.query<RejectionRow>(
          'SELECT mutation_id, name, code, message, say, at FROM rejections WHERE client_id = $1 AND mutation_id > $2 ORDER BY mutation_id LIMIT 1000',
          [clientId, resultsAfter],
        )
      ).rows.map((r) => rejectionOfRow(r));
      const base = {
        lastMutationId: this.dedupe ? (client?.last_mutation_id ?? 0) : 0,
        rejections,
        serverTime: now,
      };
      const device = readsEverything(reader) ? null : (reader.engineerId ?? '');
      if (cursor.kind === 'changes') {
        // The window [from, upto) of finished transactions; a long one is paged by sequence inside the same window.
        const from = cursor.seq;
        const upto = cursor.window?.upto ?? Math.max(from, mark);
        const after = cursor.window?.afterSeq ?? 0;
        const { last, changes } =
          device === null
            ? await this.changesIn(c, { from, upto, after, limit })
            : await this.deviceChangesIn(c, device, { from, upto, after, limit }, now);
        const next = last !== null ? changesCursor(epoch, from, { upto, afterSeq: last }) : changesCursor(epoch, upto);
        return { kind: 'changes' as const, changes, cursor: next, more: last !== null, ...base };
      }
      const pager = new SnapshotPager(cursor, mark, limit);
      for (let read = pager.next(); read; read = pager.next())
        pager.took(
          device === null ? await this.snapshotRows(c, read) : await this.deviceSnapshotRows(c, read, device, now),
        );
      // After a snapshot, whatever changed while it was read follows from its watermark.
      const since =
        pager.done && (await c.query('SELECT 1 FROM changes WHERE xid >= $1 LIMIT 1', [pager.seq])).rowCount !== 0;
      return { ...pager.page(epoch, since), ...base };
    }, 'REPEATABLE READ READ ONLY');
  }

  /** Up to `limit` entities changed in a window after `after`, at their value; `last` ends a full page. */
  private async changesIn(c: Db, w: LogWindow): Promise<{ last: number | null; changes: Change[] }> {
    const { rows } = await c.query<{ entity: LoggedEntity; entity_id: string; m: number }>(
      `SELECT entity, entity_id, MAX(seq) AS m FROM changes WHERE xid >= $1 AND xid < $2
       GROUP BY entity, entity_id HAVING MAX(seq) > $3 ORDER BY m LIMIT $4`,
      [w.from, w.upto, w.after, w.limit],
    );
    return { last: rows.length === w.limit ? rows[rows.length - 1]!.m : null, changes: await this.values(c, rows) };
  }

  /** The same for an engineer's device: what of its log rows the device reads (see device-reads.ts). */
  private async deviceChangesIn(
    c: Db,
    me: string,
    w: LogWindow,
    now: number,
  ): Promise<{ last: number | null; changes: Change[] }> {
    const { rows } = await c.query<{ entity: LoggedEntity; entity_id: string; m: number; entered: boolean }>(
      `SELECT entity, entity_id, MAX(seq) AS m,
         BOOL_OR(engineer_id = $5 AND prev_engineer_id IS DISTINCT FROM $5) AS entered
       FROM changes WHERE xid >= $1 AND xid < $2 AND (engineer_id = $5 OR prev_engineer_id = $5)
       GROUP BY entity, entity_id HAVING MAX(seq) > $3 ORDER BY m LIMIT $4`,
      [w.from, w.upto, w.after, w.limit, me],
    );
    const changes = deviceChanges(rows, await this.deviceSource(c, rows), me, now);
    return { last: rows.length === w.limit ? rows[rows.length - 1]!.m : null, changes };
  }

  /** One read of the full snapshot: every row read is sent. */
  private async snapshotRows(c: Db, { phase, afterId, limit }: PhaseRead): Promise<PhaseRows> {
    const table = { e: 'engineers', o: 'orders', p: 'policy', v: 'events' }[phase];
    const { rows } = await c.query<{ id: string; data: unknown }>(
      `SELECT id, data FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    const entity = ({ e: 'engineer', o: 'order', p: 'policy', v: 'event' } as const)[phase];
    return everyRow(rows, (r) => ({ entity, value: r.data }) as Change);
  }

  /** One read of a device's snapshot (shared/sync/reads.ts): its own engineer, its jobs and their events. */
  private async deviceSnapshotRows(
    c: Db,
    { phase, afterId, limit }: PhaseRead,
    me: string,
    now: number,
  ): Promise<PhaseRows> {
    let rows: Array<{ id: string; data: unknown; order_data?: unknown }> = [];
    if (phase === 'e')
      rows = (await c.query('SELECT id, data FROM engineers WHERE id = $1 AND id > $2', [me, afterId])).rows;
    else if (phase === 'o')
      rows = (
        await c.query('SELECT id, data FROM orders WHERE engineer_id = $1 AND id > $2 ORDER BY id LIMIT $3', [
          me,
          afterId,
          limit,
        ])
      ).rows;
    else if (phase === 'v')
      rows = (
        await c.query(
          `SELECT v.id, v.data, o.data AS order_data FROM events v JOIN orders o ON o.id = v.order_id
           WHERE o.engineer_id = $1 AND v.id > $2 ORDER BY v.id LIMIT $3`,
          [me, afterId, limit],
        )
      ).rows;
    const changes: Change[] = [];
    for (const r of rows) {
      if (phase === 'e') changes.push({ entity: 'engineer', value: r.data as Engineer });
      else if (phase === 'o') {
        const order = r.data as WorkOrder;
        if (deviceReadsOrder(order, me, now)) changes.push({ entity: 'job', value: jobOf(order) });
      } else if (phase === 'v' && deviceReadsOrder(r.order_data as WorkOrder, me, now))
        changes.push({ entity: 'event', value: r.data as OrderEvent });
    }
    return { read: rows.length, lastId: rows[rows.length - 1]?.id ?? afterId, changes };
  }

  /** Loads, in a few queries, the current records a device's changed rows are read from. */
  private async deviceSource(c: Db, rows: readonly DeviceLogRow[]): Promise<DeviceSource> {
    const ids = (entity: LoggedEntity) => rows.filter((r) => r.entity === entity).map((r) => r.entity_id);
    const byId = async <T>(sql: string, list: string[]) =>
      list.length === 0
        ? new Map<string, T>()
        : new Map((await c.query<{ id: string; data: T }>(sql, [list])).rows.map((r) => [r.id, r.data]));
    const events = await byId<OrderEvent>('SELECT id, data FROM events WHERE id = ANY($1)', ids('event'));
    const orderIds = [...new Set([...ids('order'), ...[...events.values()].map((e) => e.orderId)])];
    const orders = await byId<WorkOrder>('SELECT id, data FROM orders WHERE id = ANY($1)', orderIds);
    const engineers = await byId<Engineer>('SELECT id, data FROM engineers WHERE id = ANY($1)', ids('engineer'));
    const entered = rows.filter((r) => r.entity === 'order' && r.entered).map((r) => r.entity_id);
    const history = new Map<string, OrderEvent[]>();
    if (entered.length > 0)
      for (const r of (
        await c.query<{ order_id: string; data: OrderEvent }>(
          'SELECT order_id, data FROM events WHERE order_id = ANY($1) ORDER BY at, seq, id',
          [entered],
        )
      ).rows)
        history.set(r.order_id, [...(history.get(r.order_id) ?? []), r.data]);
    return {
      order: (id) => orders.get(id) ?? null,
      engineer: (id) => engineers.get(id) ?? null,
      event: (id) => events.get(id) ?? null,
      eventsOf: (orderId) => history.get(orderId) ?? [],
    };
  }

  private async values(c: Db, rows: Array<{ entity: LoggedEntity; entity_id: string }>): Promise<Change[]> {
    const ids = (entity: string) => rows.filter((r) => r.entity === entity).map((r) => r.entity_id);
    const fetch = async (table: string, list: string[]) =>
      list.length === 0
        ? new Map<string, unknown>()
        : new Map(
            (
              await c.query<{ id: string; data: unknown }>(`SELECT id, data FROM ${table} WHERE id = ANY($1)`, [list])
            ).rows.map((r) => [r.id, r.data]),
          );
    const orders = await fetch('orders', ids('order'));
    const engineers = await fetch('engineers', ids('engineer'));
    const policies = await fetch('policy', ids('policy'));
    const events = await fetch('events', ids('event'));
    const source = { order: orders, engineer: engineers, policy: policies, event: events };
    const out: Change[] = [];
    for (const r of rows) {
      const value = source[r.entity].get(r.entity_id);
      if (value !== undefined) out.push({ entity: r.entity, value } as Change);
    }
    return out;
  }

  async savePositions(latest: EngineerPosition[], breadcrumbs: EngineerPosition[]): Promise<void> {
    const cols = (list: EngineerPosition[]) => [
      list.map((p) => p.engineerId),
      list.map((p) => p.lat),
      list.map((p) => p.lon),
      list.map((p) => p.heading),
      list.map((p) => p.speed),
      list.map((p) => p.at),
    ];
    await this.tx(async (c) => {
      if (latest.length > 0)
        await c.query(
          `INSERT INTO positions (engineer_id, lat, lon, heading, speed, at)
           SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::bigint[])
           ON CONFLICT (engineer_id) DO UPDATE SET lat = EXCLUDED.lat, lon = EXCLUDED.lon, heading = EXCLUDED.heading,
             speed = EXCLUDED.speed, at = EXCLUDED.at WHERE EXCLUDED.at >= positions.at`,
          cols(latest),
        );
      if (breadcrumbs.length > 0)
        await c.query(
          `INSERT INTO breadcrumbs (engineer_id, lat, lon, heading, speed, at)
           SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::bigint[]) ON CONFLICT DO NOTHING`,
          cols(breadcrumbs),
        );
    });
  }

  async latestPositions(): Promise<EngineerPosition[]> {
    const { rows } = await this.pool.query<PositionRow>('SELECT * FROM positions');
    return rows.map(positionOfRow);
  }

  async breadcrumbs(engineerId: string, from: number, to: number, limit: number): Promise<EngineerPosition[]> {
    const { rows } = await this.pool.query<PositionRow>(
      'SELECT * FROM breadcrumbs WHERE engineer_id = $1 AND at >= $2 AND at < $3 ORDER BY at LIMIT $4',
      [engineerId, from, to, limit],
    );
    return rows.map(positionOfRow);
  }

  async pruneChanges(before: number): Promise<number> {
    return this.tx(async (c) => {
      const through = (await c.query<{ x: number | null }>('SELECT MAX(xid) AS x FROM changes WHERE at < $1', [before]))
        .rows[0]?.x;
      if (!through) return 0;
      const removed = (await c.query('DELETE FROM changes WHERE xid <= $1', [through])).rowCount ?? 0;
      // A cursor below this may have missed what was removed: it gets a reset.
      await c.query(
        "INSERT INTO meta (key, value) VALUES ('prunedThrough', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [String(through + 1)],
      );
      return removed;
    });
  }

  async audit(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>('SELECT * FROM audit ORDER BY id DESC LIMIT $1', [limit]);
    return rows.map((r) => auditOfRow(r));
  }

  async order(id: string): Promise<WorkOrder | null> {
    return (
      (await this.pool.query<{ data: WorkOrder }>('SELECT data FROM orders WHERE id = $1', [id])).rows[0]?.data ?? null
    );
  }

  async engineer(id: string): Promise<Engineer | null> {
    return (
      (await this.pool.query<{ data: Engineer }>('SELECT data FROM engineers WHERE id = $1', [id])).rows[0]?.data ??
      null
    );
  }

  async engineers(): Promise<Engineer[]> {
    return (await this.pool.query<{ data: Engineer }>('SELECT data FROM engineers ORDER BY id')).rows.map(
      (r) => r.data,
    );
  }

  async policy(): Promise<SlaPolicy> {
    const row = (await this.pool.query<{ data: SlaPolicy }>('SELECT data FROM policy LIMIT 1')).rows[0];
    if (!row) throw new Error('the store has no SLA policy yet');
    return row.data;
  }

  async eventsFor(orderId: string): Promise<OrderEvent[]> {
    return (
      await this.pool.query<{ data: OrderEvent }>('SELECT data FROM events WHERE order_id = $1 ORDER BY at, seq, id', [
        orderId,
      ])
    ).rows.map((r) => r.data);
  }

  async addTrackingLink(link: TrackingLink): Promise<void> {
    await this.pool.query(
      'INSERT INTO tracking_links (token_hash, order_id, issued_at, issued_by) VALUES ($1, $2, $3, $4)',
      [link.tokenHash, link.orderId, link.issuedAt, link.issuedBy],
    );
  }

  async trackingLink(tokenHash: string): Promise<TrackingLink | null> {
    const { rows } = await this.pool.query<{ order_id: string; issued_at: string; issued_by: string }>(
      'SELECT order_id, issued_at, issued_by FROM tracking_links WHERE token_hash = $1',
      [tokenHash],
    );
    const r = rows[0];
    return r ? { tokenHash, orderId: r.order_id, issuedAt: Number(r.issued_at), issuedBy: r.issued_by } : null;
  }

  async unreadEvents(since: number, limit: number): Promise<OrderEvent[]> {
    const { rows } = await this.pool.query<{ data: OrderEvent }>(
      `SELECT e.data FROM changes c JOIN events e ON e.id = c.entity_id
       WHERE c.entity = 'event' AND c.at >= $1 AND NOT EXISTS (SELECT 1 FROM notify_seen s WHERE s.event_id = e.id)
       ORDER BY c.seq LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => r.data);
  }

  async queueMessages(
    readEventIds: readonly string[],
    messages: readonly OutboxMessage[],
    now: number,
  ): Promise<string[]> {
    return this.tx(async (c) => {
      if (readEventIds.length > 0)
        await c.query(
          'INSERT INTO notify_seen (event_id, at) SELECT id, $2 FROM unnest($1::text[]) AS id ON CONFLICT DO NOTHING',
          [readEventIds, now],
        );
      const queued: string[] = [];
      for (const m of messages) {
        const r = await c.query(
          `INSERT INTO outbox (key, order_id, event, channel, lang, body, link, state, attempts, next_at, created_at, sent_at, last_error)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (key) DO NOTHING`,
          rowValues(m),
        );
        if (r.rowCount === 1) queued.push(m.key);
      }
      return queued;
    });
  }

  async claimDue(now: number, limit: number, leaseUntil: number): Promise<OutboxMessage[]> {
    // SKIP LOCKED: a node claiming at the same moment takes the next messages instead of waiting for these.
    const { rows } = await this.pool.query<OutboxRow>(
      `UPDATE outbox SET next_at = $3 WHERE key IN (
         SELECT key FROM outbox WHERE state = 'queued' AND next_at <= $1 ORDER BY next_at, key LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [now, limit, leaseUntil],
    );
    return rows.map(messageOfRow).sort((a, b) => a.createdAt - b.createdAt || (a.key < b.key ? -1 : 1));
  }

  async settleMessage(m: Settlement, now: number): Promise<{ settled: boolean; seq: number }> {
    // A writer: the trail event goes into the change log, which pulls read behind the writers' barrier.
    return this.tx(
      async (c) => {
        const r = await c.query(
          "UPDATE outbox SET state = $1, attempts = $2, next_at = $3, sent_at = $4, last_error = $5 WHERE key = $6 AND state = 'queued'",
          [m.state, m.attempts, m.nextAt, m.sentAt, m.lastError, m.key],
        );
        if (r.rowCount !== 1) return { settled: false, seq: 0 };
        const fresh = m.event && (await c.query('SELECT 1 FROM events WHERE id = $1', [m.event.id])).rowCount === 0;
        return { settled: true, seq: fresh && m.event ? await this.writeEvent(c, m.event, now) : 0 };
      },
      'READ COMMITTED',
      true,
    );
  }

  async messagesFor(orderId: string): Promise<OutboxMessage[]> {
    const { rows } = await this.pool.query<OutboxRow>(
      'SELECT * FROM outbox WHERE order_id = $1 ORDER BY created_at, key',
      [orderId],
    );
    return rows.map(messageOfRow);
  }

  async awaitingNearby(since: number, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query<{ order_id: string }>(
      `SELECT DISTINCT d.order_id FROM outbox d WHERE d.event = 'departed' AND d.created_at >= $1
         AND NOT EXISTS (SELECT 1 FROM outbox n WHERE n.order_id = d.order_id AND n.event = 'nearby')
       ORDER BY d.order_id LIMIT $2`,
      [since, limit],
    );
    return rows.map((r) => r.order_id);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
