import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestServer } from '../../../server/src/test-server.testing.js';
import { until } from '../harness.testing.js';
import { openCoreApi, type CoreApi } from './core-api.js';

const opened: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function coreFor(server: TestServer, dataDir: string, log: (m: string) => void = () => {}): Promise<CoreApi> {
  const core = openCoreApi(
    {
      dataDir,
      mode: 'web',
      appName: 'Dispatch Console',
      version: '0.1.0',
      locale: 'en-GB',
      electronVersion: null,
      nativeBinding: null,
      sync: { serverUrl: server.server.url, token: await server.token('dispatcher-1') },
    },
    { log },
  );
  opened.push(core);
  return core;
}

describe("the centre's time zone", () => {
  it('follows the zone the server names until the dispatcher picks one, and keeps that pick', async () => {
    const server = await TestServer.start({ timeZone: 'Europe/London' });
    opened.push(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'core-api-zone-'));
    dirs.push(dataDir);
    const first = await coreFor(server, dataDir);
    await until(() => first.settings.get().timeZone === 'Europe/London');
    expect(first.settings.get().timeZoneFollowsServer).toBe(true);
    first.settings.update({ timeZone: 'Asia/Tokyo', timeZoneFollowsServer: false });
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    const again = await coreFor(server, dataDir);
    await until(() => again.console?.status().state === 'online');
    expect(again.settings.get()).toMatchObject({ timeZone: 'Asia/Tokyo', timeZoneFollowsServer: false });
  });

  it("brings an engineer's trail from the server, and says plainly when the server is out of reach", async () => {
    const server = await TestServer.start({ timeZone: 'Asia/Shanghai' });
    opened.push(server);
    const engineer = server.city.engineers[0]!;
    const t0 = Date.now() - 60_000;
    const trail = [0, 1, 2].map((i) => ({
      engineerId: engineer.id,
      lat: 31.2 + i / 1000,
      lon: 121.4,
      heading: 0,
      speed: 8,
      at: t0 + i * 5_000,
    }));
    await server.store.savePositions([trail[2]!], trail);
    const dataDir = mkdtempSync(join(tmpdir(), 'core-api-trail-'));
    dirs.push(dataDir);
    const core = await coreFor(server, dataDir);
    await until(() => core.console?.status().state === 'online');
    const reply = await core.router.handle({
      type: 'call',
      id: 1,
      method: 'console.breadcrumbs',
      args: { engineerId: engineer.id, from: t0 - 1, to: Date.now() },
    });
    expect(reply).toMatchObject({ type: 'result', ok: true });
    expect((reply as { value: unknown[] }).value).toEqual(trail);
    await server.close();
    opened.splice(opened.indexOf(server), 1);
    await until(() => core.console?.status().state !== 'online');
    const offline = await core.router.handle({
      type: 'call',
      id: 2,
      method: 'console.breadcrumbs',
      args: { engineerId: engineer.id, from: t0 - 1, to: Date.now() },
    });
    expect(offline).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('computes the KPIs of a period from the cached event log, and refuses a period that runs backwards', async () => {
    const server = await TestServer.start({ timeZone: 'Asia/Shanghai' });
    opened.push(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'core-api-kpi-'));
    dirs.push(dataDir);
    const core = await coreFor(server, dataDir);
    await until(() => core.console?.status().state === 'online');
    const day = server.city.meta.dayStart;
    const reply = await core.router.handle({
      type: 'call',
      id: 1,
      method: 'console.kpis',
      args: { from: day, to: day + 86_400_000, team: null },
    });
    expect(reply).toMatchObject({ ok: true, value: { from: day, team: null, days: [expect.any(Object)] } });
    const rostered = (reply as { value: { utilisation: { of: number } } }).value.utilisation.of;
    expect(rostered).toBeGreaterThan(0);
    const bad = await core.router.handle({
      type: 'call',
      id: 2,
      method: 'console.kpis',
      args: { from: day, to: day - 1, team: null },
    });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('runs forward') } });
  });
});

describe('the dispatch engine at start', () => {
  it('is warmed once the first sync brings the day, before the dispatcher asks it anything', async () => {
    const server = await TestServer.start({ timeZone: 'Asia/Shanghai' });
    opened.push(server);
    const dataDir = mkdtempSync(join(tmpdir(), 'core-api-warm-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    await coreFor(server, dataDir, (m) => lines.push(m));
    await until(() => lines.some((l) => /^dispatch engine ready in \d+ ms$/.test(l)), 60_000, 'the warm-up');
    expect(lines.filter((l) => l.includes('could not warm up'))).toEqual([]);
  });
});
