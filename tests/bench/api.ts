// npm run bench:api — the typed API through the web host, as a browser tab uses it: a small call's round trip, a
// 20,000-order snapshot from a real cache (core's share and the client's), and an event reaching 20 open tabs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { openCoreApi } from '../../electron/core/api/core-api.js';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { seedFromScenario } from '../../electron/core/seed.testing.js';
import { startWebHost } from '../../electron/webhost/webhost.js';
import { socketTransport, type WebSocketFactory } from '../../renderer/src/api/socket-transport.js';
import { createApiClient, Snapshot, type ApiClient } from '../../shared/ipc/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';

const ORDERS = Number(process.env.ORDERS ?? 20_000);
const ENGINEERS = Number(process.env.ENGINEERS ?? 1_000);
const CALLS = 1_000;
const TABS = 20;
const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
const closers: Array<() => void> = [];

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => Number(x.toFixed(2));

function tab(origin: string, port: number, token: string): ApiClient {
  const Factory = class extends WebSocket {
    constructor(u: string, protocols: string[]) {
      super(u, protocols, { origin });
    }
  } as unknown as WebSocketFactory;
  const t = socketTransport({ origin: `ws://127.0.0.1:${port}`, token, WebSocket: Factory, callTimeoutMs: 120_000 });
  closers.push(t.close);
  return createApiClient(t.transport);
}

try {
  const token = claimsToken(PRINCIPALS.dispatcher);
  const cacheDir = join(dir, 'console');
  const seeding = new ConsoleCore({ dataDir: cacheDir, token, transport: null });
  seedFromScenario(seeding, generateScenario({ seed: 7, engineers: ENGINEERS, orders: ORDERS }));
  seeding.close();

  const opened = performance.now();
  // The server address is unreachable on purpose: the console runs on its cache, as it does offline.
  const core = openCoreApi(
    {
      dataDir: cacheDir,
      mode: 'web',
      appName: 'Dispatch Console',
      version: 'bench',
      locale: 'en-GB',
      electronVersion: null,
      nativeBinding: null,
      sync: { serverUrl: 'http://127.0.0.1:9', token },
    },
    { log: () => {} },
  );
  // No page is loaded here: the tabs are API clients, so an empty folder stands in for the built renderer.
  const host = await startWebHost({ core, rendererDir: dir, log: () => {} });
  const api = tab(host.origin, host.port, host.token);
  const first = await api.call('console.snapshot');
  const readyMs = performance.now() - opened;

  // Core's share of a snapshot (read the view, check it against the contract) and the client's (parse and check).
  const coreShare: number[] = [];
  const clientShare: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    const reply = await core.router.handle({ type: 'call', id: 1, method: 'console.snapshot' });
    coreShare.push(performance.now() - t);
    const text = JSON.stringify(reply.ok ? reply.value : null);
    t = performance.now();
    Snapshot.parse(JSON.parse(text));
    clientShare.push(performance.now() - t);
    t = performance.now();
    await api.call('console.snapshot');
    whole.push(performance.now() - t);
  }
  const bytes = JSON.stringify(first).length;

  const small: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await api.call('settings.get');
    small.push(performance.now() - t);
  }

  const tabs = Array.from({ length: TABS }, () => tab(host.origin, host.port, host.token));
  const heardAt: number[][] = tabs.map(() => []);
  tabs.forEach((c, i) => c.subscribe('settings.changed', () => heardAt[i]!.push(performance.now())));
  await Promise.all(tabs.map((c) => c.call('app.info')));
  const fanOut: number[] = [];
  for (let round = 0; round < 50; round++) {
    const sent = performance.now();
    await api.call('settings.set', { palette: round % 2 ? 'status' : 'priority' });
    while (heardAt.some((h) => h.length <= round)) await new Promise((r) => setTimeout(r, 0));
    fanOut.push(Math.max(...heardAt.map((h) => h[round]!)) - sent);
  }

  console.log(
    `snapshot of ${first.orders.length} orders, ${first.engineers.length} engineers: ${(bytes / 1e6).toFixed(1)} MB of JSON`,
  );
  console.log(`  open core on the cache → validated snapshot in a tab: ${readyMs.toFixed(0)} ms`);
  console.log(
    `  per snapshot: core ${pct(coreShare, 0.5).toFixed(0)} ms (read + check), client ${pct(clientShare, 0.5).toFixed(0)} ms (parse + check), whole round trip ${pct(whole, 0.5).toFixed(0)} ms (median of 5)`,
  );
  console.log(
    `small call round trip (settings.get × ${CALLS}): p50 ${pct(small, 0.5).toFixed(2)} ms, p95 ${pct(small, 0.95).toFixed(2)} ms`,
  );
  console.log(
    `settings.changed reaching ${TABS} tabs (× 50): p50 ${pct(fanOut, 0.5).toFixed(2)} ms, p95 ${pct(fanOut, 0.95).toFixed(2)} ms`,
  );
  console.log(
    JSON.stringify({
      bench: 'api',
      orders: first.orders.length,
      engineers: first.engineers.length,
      snapshotMB: Number((bytes / 1e6).toFixed(1)),
      readyMs: Math.round(readyMs),
      snapshotCoreMs: Math.round(pct(coreShare, 0.5)),
      snapshotClientMs: Math.round(pct(clientShare, 0.5)),
      snapshotRoundTripMs: Math.round(pct(whole, 0.5)),
      callP50Ms: ms(pct(small, 0.5)),
      callP95Ms: ms(pct(small, 0.95)),
      fanOutTabs: TABS,
      fanOutP50Ms: ms(pct(fanOut, 0.5)),
      fanOutP95Ms: ms(pct(fanOut, 0.95)),
    }),
  );
  closers.splice(0).forEach((c) => c());
  await host.close();
  await core.close();
} finally {
  closers.forEach((c) => c());
  rmSync(dir, { recursive: true, force: true });
}
