// npm run bench:server -- --postgres-mixed — the Postgres store alone under consoles pushing mixed batches at once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateScenario } from '../../shared/scenario/index.js';
import { demoUsers } from '../../server/src/auth/users.js';
import { describeMixedPushes, mixedPushes } from '../../server/src/store/postgres/mixed-pushes.testing.js';
import { PgStore } from '../../server/src/store/postgres/pg-store.js';

export async function benchPostgresMixed(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const consoles = Number(process.env.CONSOLES ?? 4);
  const pushes = Number(process.env.PUSHES ?? 50);
  const batch = Number(process.env.BATCH ?? 5);
  const hotOrders = Number(process.env.HOT_ORDERS ?? 12);
  const pullers = Number(process.env.PULLERS ?? 2);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const store = await PgStore.open({ connectionString: url, schema, log: () => {} });
  try {
    const city = generateScenario({ seed: 4, engineers: 50, orders: 300 });
    await store.seed(city, demoUsers(city.engineers));
    const r = await mixedPushes(store, {
      city,
      consoles,
      pushesPerConsole: pushes,
      batch,
      hotOrders,
      now: () => city.meta.dayStart + 8 * 3_600_000,
      pullers,
    });
    console.log(
      `one node, Postgres, ${describeMixedPushes(r, consoles)} (${hotOrders} orders fought over, ${pullers} consoles pulling back to back)`,
    );
    console.log(
      JSON.stringify({
        bench: 'server-postgres-mixed',
        consoles,
        batch,
        mutations: r.mutations,
        mutationsPerSecond: r.perSecond,
        failedPushes: r.failed.length,
        pullers,
        pulls: r.pulls,
        notesApplied: r.notesApplied,
        notesPulled: r.notesPulled,
        retried: Object.fromEntries(store.retried),
        target: { mutationsPerSecond: 200, failedPushes: 0 },
      }),
    );
  } finally {
    await store.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}
