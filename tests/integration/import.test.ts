import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { SocketIoTransport } from '../../electron/core/sync/socketio-transport.js';
import { HANG_MS, settled, until } from '../../electron/core/harness.testing.js';
import { TestServer } from '../../server/src/test-server.testing.js';
import { guessMapping, parseCsv, previewImport, toXlsx, readXlsx } from '../../shared/io/index.js';

let t: TestServer | null = null;
const cores: ConsoleCore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await t?.close();
  t = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function consoleFor(server: TestServer, userId: string): Promise<ConsoleCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'console-'));
  dirs.push(dataDir);
  const core = new ConsoleCore({
    dataDir,
    token: await server.token(userId),
    transport: new SocketIoTransport(server.server.url, { reconnectDelayMs: 50, reconnectDelayMaxMs: 300 }),
    sync: { retryBaseMs: 20, retryMaxMs: 200, requestTimeoutMs: 3_000 },
  });
  cores.push(core);
  core.start();
  await until(settled(core), HANG_MS, `${userId} first sync`);
  return core;
}

const ZONE = 'Asia/Shanghai';

describe('importing through the normal mutation path', () => {
  it('commits the valid rows of a file made offline, syncs them, and undoes one', async () => {
    t = await TestServer.start();
    const supervisor = await consoleFor(t, 'supervisor');
    const dispatcher = await consoleFor(t, 'dispatcher-1');
    const team = t.city.engineers[0]!.team;
    const csv = [
      'Code,Customer,Tier,Phone,Address,Lat,Lon,Type,Priority,Duration',
      'IMP-1,Harbour Café,gold,021 5555 0101,1 Bund Rd,31.24,121.49,repair,P2,60',
      'IMP-2,Bad Tier,diamond,021 5555 0102,2 Bund Rd,31.24,121.49,repair,P2,60',
      'IMP-3,River Hotel,silver,021 5555 0103,3 Bund Rd,31.24,121.49,inspection,P4,45',
    ].join('\r\n');
    const orders = parseCsv(csv).rows;
    const ctx = {
      timeZone: ZONE,
      orderCodes: new Set([...supervisor.state.orders.values()].map((o) => o.code)),
      engineerIds: new Set(supervisor.state.engineers.keys()),
    };
    const orderPreview = previewImport('orders', orders, guessMapping('orders', orders[0]!), ctx);
    expect(orderPreview.errors.map((e) => e.row)).toEqual([3]);
    const engineers = readXlsx(
      toXlsx(
        [['eng-imp-1', '王磊', team, 'hvac:3', '31.22', '121.54']],
        ['工号', '姓名', '班组', '技能', '纬度', '经度'].map((header, i) => ({
          header,
          value: (r: string[]) => r[i]!,
        })),
      ),
    );
    const engineerPreview = previewImport('engineers', engineers, guessMapping('engineers', engineers[0]!), ctx);
    expect(engineerPreview.errors).toEqual([]);

    supervisor.setWorkOffline(true);
    for (const v of [...orderPreview.valid, ...engineerPreview.valid])
      supervisor.mutate(v.mutation.name, v.mutation.args, `Import ${v.label}`);
    expect(supervisor.order('ord-IMP-1')).toMatchObject({ status: 'new' });
    expect(supervisor.status().pending).toBe(3);
    expect(await t.store.order('ord-IMP-1')).toBeNull();
    supervisor.setWorkOffline(false);

    await until(() => dispatcher.order('ord-IMP-3') !== null, HANG_MS, 'the dispatcher sees the imported orders');
    expect(await t.store.order('ord-IMP-1')).toMatchObject({ code: 'IMP-1', customer: { tier: 'gold' } });
    expect(await t.store.engineer('eng-imp-1')).toMatchObject({ name: '王磊', team, state: 'off' });
    expect(supervisor.conflicts()).toEqual([]);

    // The last import (the engineer) is undone first; then the last order.
    expect(supervisor.undo()).toEqual({
      label: { key: 'text', values: { text: 'Import 王磊' } },
      mutationId: expect.any(Number),
    });
    expect(supervisor.undo()).toEqual({
      label: { key: 'text', values: { text: 'Import IMP-3' } },
      mutationId: expect.any(Number),
    });
    await until(() => dispatcher.order('ord-IMP-3')?.status === 'cancelled', HANG_MS, 'the undo reaches others');
    expect((await t.store.order('ord-IMP-3'))?.status).toBe('cancelled');
    expect((await t.store.order('ord-IMP-1'))?.status).toBe('new');
  });

  it('skips, with the reason, an engineer a dispatcher may not create', async () => {
    t = await TestServer.start();
    const dispatcher = await consoleFor(t, 'dispatcher-1');
    const table = [
      ['id', 'name', 'team', 'lat', 'lon'],
      ['eng-imp-2', 'Li Na', t.city.engineers[0]!.team, '31.2', '121.5'],
    ];
    const [row] = previewImport('engineers', table, guessMapping('engineers', table[0]!), { timeZone: ZONE }).valid;
    expect(() => dispatcher.mutate(row!.mutation.name, row!.mutation.args)).toThrow(
      /dispatcher may not add an engineer/,
    );
    expect(dispatcher.state.engineers.has('eng-imp-2')).toBe(false);
  });
});
