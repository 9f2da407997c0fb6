import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANG_MS } from '../../electron/core/harness.testing.js';
import { CustomerNotified } from '../../shared/domain/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import type { MutationEnvelope } from '../../shared/sync/index.js';
import { demoUsers } from '../../server/src/auth/users.js';
import { PgStore } from '../../server/src/store/postgres/pg-store.js';
import { SqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { SyncStore } from '../../server/src/store/types.js';
import { Proc, bundle, freePort } from '../support/processes.testing.js';
import { testDispatcher as dispatcher } from '../../server/src/store/principals.testing.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** At least this many kills; more (while orders last) until one lands mid-batch. */
const KILLS = 4;
const BATCH = 30;

async function pgProblem(): Promise<string | null> {
  const c = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}
const noPostgres = await pgProblem();
if (noPostgres && process.env.CI) throw new Error(`the notifier kill test needs Postgres under CI: ${noPostgres}`);

const dir = mkdtempSync(join(tmpdir(), 'customer-notify-kill-'));
const secret = randomBytes(24).toString('hex');
const schemas: string[] = [];
const procs: Proc[] = [];
let bin: Record<string, string>;

beforeAll(async () => {
  const artifacts = join(process.cwd(), 'tests', 'artifacts', 'notify-kill');
  mkdirSync(artifacts, { recursive: true });
  bin = await bundle({ server: join(process.cwd(), 'server', 'src', 'index.ts') }, artifacts);
});

afterAll(async () => {
  for (const p of procs) await p.kill('SIGKILL');
  if (schemas.length > 0) {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Polls `check` until it holds, a bounded number of rounds (each waits on the store, not on a timer racing work). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + HANG_MS * 4;
  for (let round = 0; round < 100_000; round++) {
    if (await check()) return;
    if (Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * This test writes into the store beside the running server (a production SQLite file has one writer, the server): a
 * SQLite transaction that read before the server's notifier wrote is refused as busy, and is simply run again.
 */
async function pushBesideServer(store: SyncStore, mutations: MutationEnvelope[]) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.applyPush('kill-test', dispatcher, mutations, Date.now);
    } catch (err) {
      if (attempt >= 100 || !/database is locked/.test((err as Error).message)) throw err;
    }
  }
}

/**
 * The server's notifier is SIGKILLed while it delivers a batch of "dispatched" messages, again and again; restarted,
 * it finishes. Every message is then in the outbox once, sent, with one trail event: none lost, none twice.
 */
async function killWhileNotifying(store: SyncStore, env: NodeJS.ProcessEnv, dataDir: string): Promise<void> {
  const city = generateScenario({ seed: 4, engineers: 200, orders: 2_000 });
  await store.seed(city, demoUsers(city.engineers));
  await store.bindClient('kill-test', 'dispatcher-1', Date.now());
  const scheduled = city.orders.filter((o) => o.status === 'scheduled' && o.booking);
  expect(scheduled.length).toBeGreaterThanOrEqual(BATCH * KILLS);
  let mutationId = 0;
  const server = async () => {
    const port = await freePort();
    const p = new Proc(bin.server!, ['--port', String(port), '--warm-start', 'off', '--notify-interval-ms', '5'], {
      ...env,
      DISPATCH_TOKEN_SECRET: secret,
      DISPATCH_DATA_DIR: dataDir,
    });
    procs.push(p);
    await p.waitFor(/listening on/, HANG_MS * 4);
    return p;
  };
  const anySent = async (ids: readonly string[]) => {
    for (const id of ids) if ((await store.messagesFor(id)).some((m) => m.state === 'sent')) return true;
    return false;
  };
  const sentOf = async (ids: readonly string[]) => {
    let n = 0;
    for (const id of ids) n += (await store.messagesFor(id)).filter((m) => m.state === 'sent').length;
    return n;
  };

  const dispatched: string[] = [];
  let midWork = 0;
  // A batch the notifier finished before the kill landed proves less: go on (while orders last) until one did not.
  for (let run = 0; (run + 1) * BATCH <= scheduled.length && (run < KILLS || midWork === 0); run++) {
    const proc = await server();
    const batch = scheduled.slice(run * BATCH, (run + 1) * BATCH);
    const mutations = batch.map((o) => ({
      id: ++mutationId,
      name: 'setOrderStatus',
      args: { orderId: o.id, status: 'dispatched', base: { version: o.version, rev: o.rev } },
      createdAt: Date.now(),
    }));
    const r = await pushBesideServer(store, mutations);
    expect(r.results.every((x) => x.status === 'applied')).toBe(true);
    dispatched.push(...batch.map((o) => o.id));
    // Kill as soon as the notifier has started on this batch (mid-work when it has not finished it yet).
    const ids = batch.map((o) => o.id);
    await until(() => anySent(ids), 'the notifier to start on the batch');
    await proc.kill('SIGKILL');
    if ((await sentOf(ids)) < BATCH) midWork += 1;
  }
  await server();
  await until(async () => (await sentOf(dispatched)) === dispatched.length, 'every message to be sent');

  for (const id of dispatched) {
    const messages = await store.messagesFor(id);
    expect(
      messages.map((m) => [m.event, m.state]),
      id,
    ).toEqual([['dispatched', 'sent']]);
    const told = (await store.eventsFor(id)).filter((e) => e.kind === 'customer_notified');
    expect(
      told.map((e) => CustomerNotified.parse(e.data).key),
      id,
    ).toEqual([messages[0]!.key]);
  }
  // The kills landed while messages of a batch were still waiting, at least once (else the test proved little).
  expect(midWork).toBeGreaterThan(0);
}

describe('the customer notifier across server SIGKILLs', () => {
  it('sends each message exactly once on SQLite', async () => {
    const dataDir = join(dir, 'sqlite');
    mkdirSync(dataDir, { recursive: true });
    const store = new SqliteStore(join(dataDir, 'server.sqlite'), { log: () => {} });
    try {
      await killWhileNotifying(store, {}, dataDir);
    } finally {
      await store.close();
    }
  });

  it.skipIf(noPostgres !== null)('sends each message exactly once on Postgres', async () => {
    const schema = `t_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    const store = await PgStore.open({ connectionString: DATABASE_URL, schema, log: () => {} });
    try {
      await killWhileNotifying(store, { DATABASE_URL, DATABASE_SCHEMA: schema }, join(dir, 'pg'));
    } finally {
      await store.close();
    }
  });
});
