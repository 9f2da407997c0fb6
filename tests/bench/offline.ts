// npm run bench:offline — how fast a console drains work made offline, and how fast it is ready with a big cache.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { LocalRejection } from '../../electron/core/cache/local-state.js';
import { SocketIoTransport } from '../../electron/core/sync/socketio-transport.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { seedFromScenario } from '../../electron/core/seed.testing.js';
import { Random, generateScenario } from '../../shared/scenario/index.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';
import { Proc, bundle, freePort } from '../support/processes.testing.js';

const OFFLINE_MUTATIONS = Number(process.env.MUTATIONS ?? 5000);
const CACHED_ORDERS = Number(process.env.ORDERS ?? 20000);
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bench-offline-'));

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A console syncs, goes offline, makes the mutations, comes back: seconds until the server has settled them all. */
async function drain(): Promise<{ drainSeconds: number; applied: number; rejected: number }> {
  const artifacts = join(root, 'tests', 'artifacts', 'bench');
  mkdirSync(artifacts, { recursive: true });
  const bin = await bundle({ server: join(root, 'server', 'src', 'index.ts') }, artifacts);
  const port = await freePort();
  const serverDir = join(dir, 'server');
  const server = new Proc(bin.server!, [
    '--port',
    String(port),
    '--data-dir',
    serverDir,
    '--warm-start',
    'off',
    '--engineers',
    '100',
    '--orders',
    '2000',
    '--tokens-out',
    join(serverDir, 'tokens.json'),
  ]);
  try {
    await server.waitFor(/written to/, 60_000);
    const tokens = JSON.parse(readFileSync(join(serverDir, 'tokens.json'), 'utf8')) as Record<
      string,
      { token: string }
    >;
    const core = new ConsoleCore({
      dataDir: join(dir, 'console'),
      token: tokens['dispatcher-1']!.token,
      transport: new SocketIoTransport(`http://127.0.0.1:${port}`),
      // The drain is timed on the 5,000 mutations the bench queued, nothing else.
      slaWatch: false,
    });
    core.start();
    const synced = () => {
      const s = core.status();
      return s.state === 'online' && s.pending === 0 && core.cache.outboxCounts().acked === 0;
    };
    await until(() => synced() && core.state.orders.size > 0, 60_000, 'first sync');
    core.setWorkOffline(true);
    const rng = new Random(5);
    const engineers = [...core.state.engineers.values()];
    const orders = [...core.state.orders.values()]
      .filter((o) => o.status !== 'completed' && o.status !== 'cancelled')
      .map((o) => o.id);
    let made = 0;
    while (made < OFFLINE_MUTATIONS) {
      const o = core.order(rng.pick(orders))!;
      const base = { version: o.version, rev: o.rev };
      try {
        if (rng.chance(0.4)) core.mutate('addNote', { orderId: o.id, text: `offline ${made}` });
        else if (o.booking)
          core.mutate('moveBooking', {
            orderId: o.id,
            base,
            engineerId: rng.pick(engineers).id,
            start: o.booking.start,
          });
        else
          core.mutate('assignOrder', {
            orderId: o.id,
            base,
            engineerId: rng.pick(engineers).id,
            start: Math.ceil(Date.now() / 3_600_000) * 3_600_000,
          });
        made += 1;
      } catch (err) {
        if (!(err instanceof LocalRejection)) throw err;
      }
    }
    const started = performance.now();
    core.setWorkOffline(false);
    await until(synced, 120_000, 'drain');
    const drainSeconds = (performance.now() - started) / 1000;
    const rejected = core.conflicts().length;
    core.close();
    return { drainSeconds, applied: OFFLINE_MUTATIONS - rejected, rejected };
  } finally {
    await server.kill('SIGTERM');
  }
}

/** Milliseconds from opening a cache of CACHED_ORDERS orders to the first snapshot the UI would show. */
function readyWithBigCache(): { readyMs: number; orders: number } {
  const cacheDir = join(dir, 'big');
  const token = claimsToken(PRINCIPALS.dispatcher);
  const seeding = new ConsoleCore({ dataDir: cacheDir, token, transport: null });
  seedFromScenario(seeding, generateScenario({ seed: 7, engineers: 1000, orders: CACHED_ORDERS }));
  seeding.close();
  const started = performance.now();
  const core = new ConsoleCore({ dataDir: cacheDir, token, transport: null });
  const snapshot = core.snapshot();
  const readyMs = performance.now() - started;
  core.close();
  return { readyMs, orders: snapshot.orders.length };
}

try {
  const ready = readyWithBigCache();
  console.log(
    `ready with ${ready.orders} orders cached: ${ready.readyMs.toFixed(0)} ms (open, load the view, first snapshot)`,
  );
  const d = await drain();
  console.log(
    `drained ${OFFLINE_MUTATIONS} offline mutations in ${d.drainSeconds.toFixed(2)} s (${d.applied} applied, ${d.rejected} rejected as conflicts)`,
  );
  console.log(
    JSON.stringify({
      bench: 'offline',
      offlineMutations: OFFLINE_MUTATIONS,
      drainSeconds: Number(d.drainSeconds.toFixed(2)),
      drainTargetSeconds: 10,
      applied: d.applied,
      rejected: d.rejected,
      cachedOrders: ready.orders,
      readyMs: Math.round(ready.readyMs),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
