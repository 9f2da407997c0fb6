import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../../../shared/scenario/index.js';
import { demoUsers } from '../../auth/users.js';
import { notifyContract } from '../../notify/notify-store-suite.js';
import { storeContract } from '../store-suite.js';
import { describeMixedPushes, mixedPushes } from './mixed-pushes.testing.js';
import { PgStore } from './pg-store.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether Postgres answers; under CI it must. */
async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const problem = await reachable();
if (problem && process.env.CI)
  throw new Error(`Postgres must be reachable under CI at ${TEST_DATABASE_URL}: ${problem}`);
if (problem)
  console.log(`Postgres store tests skipped: no Postgres at ${TEST_DATABASE_URL} (${problem}); they run under CI`);

const schemas: string[] = [];
async function fresh(options: { pullBarrierMs?: number } = {}): Promise<PgStore> {
  const schema = `t_${randomBytes(5).toString('hex')}`;
  schemas.push(schema);
  return PgStore.open({ connectionString: TEST_DATABASE_URL, schema, log: () => {}, ...options });
}

const dispatcherZ = { kind: 'user', id: 'dispatcher-1', name: 'Z', role: 'dispatcher', engineerId: null } as const;

/** A seeded store with console c-1 bound and pulled up to date; returns the city and the console's cursor. */
async function upToDate(store: PgStore) {
  const city = generateScenario({ seed: 2, engineers: 6, orders: 20 });
  await store.seed(city, demoUsers(city.engineers));
  await store.bindClient('c-1', 'dispatcher-1', Date.now());
  let cursor: string | null = null;
  for (;;) {
    const page = await store.pull('c-1', { role: 'dispatcher', engineerId: null }, cursor, 0, 1000, Date.now());
    cursor = page.cursor;
    if (!page.more) break;
  }
  return { city, cursor };
}

/** A writer of the store that takes its change-log position for an order and stays open until committed. */
async function slowWriter(store: PgStore, orderId: string) {
  const slow = await store.pool.connect();
  await slow.query('BEGIN');
  await store.lockAsWriter(slow);
  await slow.query(
    "WITH log AS (INSERT INTO changes (entity, entity_id, at) VALUES ('order', $1, 1) RETURNING seq) UPDATE orders SET seq = (SELECT seq FROM log) WHERE id = $1",
    [orderId],
  );
  return {
    commit: async () => {
      await slow.query('COMMIT');
      slow.release();
    },
  };
}

describe.skipIf(problem !== null)('Postgres', () => {
  storeContract('Postgres', fresh);
  notifyContract('Postgres', fresh);

  it('never skips a change that commits after a later one', async () => {
    // Pulls wait 50 ms for the store's writes in flight, then settle for the cluster-wide watermark.
    const store = await fresh({ pullBarrierMs: 50 });
    try {
      const { city, cursor } = await upToDate(store);
      // A slow writer takes its change-log position first and commits last.
      const slow = await slowWriter(store, city.orders[0]!.id);
      const fast = await store.applyPush(
        'c-1',
        dispatcherZ,
        [{ id: 1, name: 'addNote', args: { orderId: city.orders[1]!.id, text: 'fast' }, createdAt: 1 }],
        Date.now,
      );
      expect(fast.results[0]!.status).toBe('applied');
      const early = await store.pull('c-1', { role: 'dispatcher', engineerId: null }, cursor, 0, 1000, Date.now());
      expect(early.changes).toEqual([]);
      await slow.commit();
      const late = await store.pull('c-1', { role: 'dispatcher', engineerId: null }, early.cursor, 0, 1000, Date.now());
      expect(late.changes.map((c) => c.entity).sort()).toEqual(['event', 'order']);
    } finally {
      await store.close();
    }
  });

  it('waits for its own writes in flight, then delivers what they and later ones committed', async () => {
    // The barrier's limit only catches a hang: the slow writer is committed right after the pull is asked for.
    const store = await fresh({ pullBarrierMs: 60_000 });
    try {
      const { city, cursor } = await upToDate(store);
      const slow = await slowWriter(store, city.orders[0]!.id);
      const fast = await store.applyPush(
        'c-1',
        dispatcherZ,
        [{ id: 1, name: 'addNote', args: { orderId: city.orders[1]!.id, text: 'fast' }, createdAt: 1 }],
        Date.now,
      );
      expect(fast.results[0]!.status).toBe('applied');
      const pulled = store.pull('c-1', { role: 'dispatcher', engineerId: null }, cursor, 0, 1000, Date.now());
      await slow.commit();
      expect((await pulled).changes.map((c) => c.entity).sort()).toEqual(['event', 'order']);
    } finally {
      await store.close();
    }
  });

  it('is not held back by a transaction left open elsewhere in the Postgres cluster', async () => {
    const store = await fresh();
    const other = new pg.Client({ connectionString: TEST_DATABASE_URL });
    const scratch = `scratch_${randomBytes(4).toString('hex')}`;
    await other.connect();
    try {
      const { city, cursor } = await upToDate(store);
      await other.query(`CREATE SCHEMA ${scratch}`);
      await other.query(`CREATE TABLE ${scratch}.t (n INTEGER)`);
      // Older than the push below, and still open when the console pulls.
      await other.query('BEGIN');
      await other.query(`INSERT INTO ${scratch}.t VALUES (1)`);
      const push = await store.applyPush(
        'c-1',
        dispatcherZ,
        [{ id: 1, name: 'addNote', args: { orderId: city.orders[1]!.id, text: 'now' }, createdAt: 1 }],
        Date.now,
      );
      expect(push.results[0]!.status).toBe('applied');
      const page = await store.pull('c-1', { role: 'dispatcher', engineerId: null }, cursor, 0, 1000, Date.now());
      expect(page.changes.map((c) => c.entity)).toEqual(['event']);
    } finally {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.query(`DROP SCHEMA IF EXISTS ${scratch} CASCADE`);
      await other.end();
      await store.close();
    }
  });

  it('settles mixed batches from many consoles at once without a deadlock, each mutation exactly once', async () => {
    const store = await fresh();
    try {
      const city = generateScenario({ seed: 4, engineers: 8, orders: 40 });
      await store.seed(city, demoUsers(city.engineers));
      const consoles = 4;
      const r = await mixedPushes(store, {
        city,
        consoles,
        pushesPerConsole: 20,
        batch: 5,
        hotOrders: 4,
        now: () => city.meta.dayStart + 8 * 3_600_000,
        pullers: 2,
      });
      console.log(describeMixedPushes(r, consoles));
      expect(r.failed).toEqual([]);
      expect(store.retried.get('40P01') ?? 0).toBe(0);
      expect(r.mutations).toBe(consoles * 20 * 5);
      expect(r.rejected.get('internal') ?? 0).toBe(0);
      expect(r.applied).toBeGreaterThan(r.mutations / 2);
      expect(r.resentNotDuplicate).toBe(0);
      const count = async (sql: string) => Number((await store.pool.query<{ n: number }>(sql)).rows[0]!.n);
      expect(await count("SELECT COUNT(*) AS n FROM audit WHERE client_id LIKE 'mixed-%'")).toBe(r.mutations);
      expect(
        await count(
          "SELECT COUNT(*) AS n FROM events WHERE data->>'kind' = 'note_added' AND data->>'clientId' LIKE 'mixed-%'",
        ),
      ).toBe(r.notesApplied);
      // Consoles that pulled all along, each barrier waiting on the pushes in flight, received every note.
      expect(r.pulls).toBeGreaterThan(0);
      expect(r.notesPulled).toBe(r.notesApplied);
      expect(await count("SELECT MIN(last_mutation_id) AS n FROM clients WHERE client_id LIKE 'mixed-%'")).toBe(100);
    } finally {
      await store.close();
    }
    // 400 mutations take a few seconds; the limit only catches pushes stuck behind deadlocks, each of which Postgres
    // breaks after its deadlock_timeout (a second).
  }, 180_000);

  it('has an append-only audit log', async () => {
    const store = await fresh();
    try {
      await store.pool.query(
        "INSERT INTO audit (at, user_id, role, client_id, mutation_id, name, outcome) VALUES (1, 'u', 'viewer', 'c', 1, 'addNote', 'rejected')",
      );
      await expect(store.pool.query("UPDATE audit SET outcome = 'applied'")).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    for (const s of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  });
});
