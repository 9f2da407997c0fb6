// "Work offline" asks the server for nothing: with it on, an order's history, the KPI dashboard, an engineer's trail on
// the map and its replay, and a tracking link are each answered from the cache or said to need the link, and a proxy
// between the console and the server counts no connection and no byte until the dispatcher goes online again.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, linkState, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const MIN = 60_000;
const H = 60 * MIN;

/** A TCP proxy in front of the sync server that counts what the console sends it (HTTP and Socket.IO alike). */
class CountingProxy {
  connections = 0;
  bytes = 0;
  open = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(readonly server: Server) {}

  static async start(targetPort: number): Promise<CountingProxy> {
    const proxy: CountingProxy = new CountingProxy(
      createServer((client) => {
        proxy.connections += 1;
        proxy.open += 1;
        const upstream = connect(targetPort, '127.0.0.1');
        proxy.sockets.add(client).add(upstream);
        client.on('data', (chunk: Buffer) => {
          proxy.bytes += chunk.length;
        });
        client.pipe(upstream).pipe(client);
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.once('close', () => {
          proxy.open -= 1;
          proxy.sockets.delete(client);
          proxy.sockets.delete(upstream);
        });
      }),
    );
    await new Promise<void>((r) => proxy.server.listen(0, '127.0.0.1', r));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

let stack: Stack;
let proxy: CountingProxy;
let host: ConsoleHost;
let watched: WatchedPage;
let engineer: Engineer;
let booked: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 6, orders: 20 });
  const now = Date.now();
  await stack.editServer((db) => {
    // One engineer on shift around now, whatever the hour in Shanghai, with an order booked in an hour and a trail of
    // the last two hours (so online the map has one to draw).
    const row = db.prepare('SELECT id, data FROM engineers ORDER BY id LIMIT 1').get() as { id: string; data: string };
    engineer = {
      ...(JSON.parse(row.data) as Engineer),
      shifts: [{ start: now - 4 * H, end: now + 4 * H, breaks: [] }],
      absences: [],
    };
    db.prepare('UPDATE engineers SET data = ? WHERE id = ?').run(JSON.stringify(engineer), row.id);
    const order = db
      .prepare("SELECT data FROM orders WHERE json_extract(data, '$.status') = 'new' ORDER BY id LIMIT 1")
      .get() as { data: string };
    const o = JSON.parse(order.data) as WorkOrder;
    const start = Math.floor((now + H) / (5 * MIN)) * 5 * MIN;
    booked = {
      ...o,
      status: 'scheduled',
      window: null,
      booking: { engineerId: engineer.id, start, end: start + o.durationMin * MIN, pinned: false },
    };
    db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?').run(
      JSON.stringify(booked),
      engineer.id,
      booked.id,
    );
    const put = db.prepare(
      'INSERT OR REPLACE INTO breadcrumbs (engineer_id, at, lat, lon, heading, speed) VALUES (?, ?, ?, ?, 90, 8)',
    );
    for (let at = now - 2 * H; at <= now - 10 * MIN; at += 5 * MIN)
      put.run(engineer.id, at, 31.2, 121.4 + (now - at) / (40 * H));
  });
  proxy = await CountingProxy.start(stack.serverPort);
  host = await stack.startConsole('dispatcher-1', '', { serverUrl: `http://127.0.0.1:${proxy.port}` });
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
  await proxy?.close();
});

describe('working offline', () => {
  it('reads history and KPIs from the cache, says the trail needs the link, and sends the server nothing', async () => {
    const { page } = watched;
    expect(proxy.connections).toBeGreaterThan(0);
    await page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(page)).toBe('paused');
    // The sync link is closed: from here on, any connection or byte through the proxy is a request to the server.
    await expect.poll(() => proxy.open).toBe(0);
    const before = { connections: proxy.connections, bytes: proxy.bytes };

    // The order's history: its timeline from the cache, saying so.
    await findOrder(page, booked.code);
    const details = page.getByTestId('order-details');
    await expect.poll(() => details.getByTestId('timeline').locator('li').count()).toBeGreaterThan(0);
    expect(await details.getByTestId('timeline-source').textContent()).toMatch(
      /^From this console's copy, as of the last sync at .+: working offline, changes made elsewhere since are not here$/,
    );

    // Selecting the order selects its engineer: the map says their trail waits for the link (nothing is asked).
    await expect.poll(() => page.getByTestId('map').getAttribute('data-selected-engineer')).toBe(engineer.id);
    await expect
      .poll(() => page.getByTestId('map-note').textContent())
      .toBe("Working offline: today's trail is kept on the server, and is drawn once you go online");

    // The replay says at once that it needs the link: no spinner, no scrubber.
    await page.getByTestId('replay-open').click();
    await page.getByTestId('replay-engineer').selectOption(engineer.id);
    await page.getByTestId('replay-load').click();
    expect(await page.getByTestId('replay-note').textContent()).toBe(
      'Working offline: the trail is kept on the server, so replay needs the link; go online to play it back',
    );
    expect(await page.getByTestId('replay-scrubber').count()).toBe(0);
    expect(await page.getByTestId('replay-load').isEnabled()).toBe(true);
    await page.getByTestId('replay-close').click();

    // A tracking link is issued by the server: the console says it cannot have one now.
    await details.getByTestId('order-tracking-link').click();
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toBe('No tracking link: links are issued by the server, and the console is offline');

    // The KPI dashboard: computed from the cache, saying so.
    await page.getByTestId('open-kpis').click();
    const dashboard = page.getByTestId('kpi-dashboard');
    await dashboard.getByTestId('kpi-completed').waitFor();
    expect(await dashboard.getByTestId('kpi-source').textContent()).toMatch(
      /^Computed from this console's copy of the event log, as of the last sync at .+: working offline, work recorded elsewhere since is not counted$/,
    );
    await page.screenshot({ path: join(artifacts, 'work-offline-kpis-1366.png') });
    await dashboard.getByRole('button', { name: 'Close', exact: true }).click();
    await dashboard.waitFor({ state: 'detached' });

    // Nothing reached the server through all of it.
    expect({ connections: proxy.connections, bytes: proxy.bytes }).toEqual(before);

    // Back online: the link (through the proxy) returns, the trail is asked for and drawn, the notes go.
    await page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(page)).toBe('online');
    expect(proxy.connections).toBeGreaterThan(before.connections);
    await page.getByTestId('map-note').waitFor({ state: 'detached' });
    expect(await details.getByTestId('timeline-source').count()).toBe(0);
    expect(watched.problems).toEqual([]);
  });
});
