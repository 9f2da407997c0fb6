import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, method, type EventMessage } from '../../../shared/ipc/index.js';
import type { ApiHandlers } from '../../../shared/ipc/index.js';
import { openCoreApi, type CoreApi } from './core-api.js';
import { ApiRouter } from './router.js';

const dirs: string[] = [];
const opened: CoreApi[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function core(logError: (m: string) => void = () => {}): CoreApi {
  const dataDir = mkdtempSync(join(tmpdir(), 'core-api-'));
  dirs.push(dataDir);
  const api = openCoreApi(
    {
      dataDir,
      mode: 'web',
      appName: 'Dispatch Console',
      version: '1.2.3',
      locale: 'zh-CN',
      electronVersion: null,
      nativeBinding: null,
      sync: null,
    },
    { log: () => {}, logError },
  );
  opened.push(api);
  return api;
}

/** The client wired straight to the router: what both transports do, minus the wire. */
function clientOf(api: CoreApi) {
  return createApiClient({
    send: (request) => api.router.handle(JSON.parse(JSON.stringify(request))),
    listen: (event, listener) => api.events.connect((m) => m.event === event && listener(m.payload)),
  });
}

describe('the core API router', () => {
  it('answers app.info and round-trips settings through the typed client', async () => {
    const api = core();
    const client = clientOf(api);
    await expect(client.call('app.info')).resolves.toMatchObject({
      version: '1.2.3',
      mode: 'web',
      locale: 'zh-CN',
      platform: process.platform,
      runtime: { node: process.versions.node, electron: null },
    });
    expect((await client.call('settings.get')).language).toBe('zh-CN');
    const changed: string[] = [];
    client.subscribe('settings.changed', (s) => changed.push(s.palette));
    const after = await client.call('settings.set', { palette: 'priority' });
    expect(after.palette).toBe('priority');
    expect(changed).toEqual(['priority']);
    expect((await client.call('settings.get')).palette).toBe('priority');
  });

  it('answers an unknown method, prototype names included, with not_found', async () => {
    const api = core();
    for (const name of ['orders.explode', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      await expect(api.router.handle({ type: 'call', id: 7, method: name, args: {} })).resolves.toEqual({
        type: 'result',
        id: 7,
        ok: false,
        error: { code: 'not_found', message: `there is no method "${name}"` },
      });
    }
  });

  it('refuses bad arguments and malformed envelopes with bad_request, naming the field, and changes nothing', async () => {
    const api = core();
    const before = api.settings.get();
    const reply = await api.router.handle({ type: 'call', id: 3, method: 'settings.set', args: { palette: 9 } });
    expect(reply).toMatchObject({ id: 3, ok: false, error: { code: 'bad_request' } });
    expect(reply.ok === false && reply.error.message).toMatch(/^settings\.set: args\.palette/);
    const extra = await api.router.handle({ type: 'call', id: 4, method: 'settings.set', args: { sneaky: true } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    for (const junk of [null, 'call', 42, { type: 'call', id: -1, method: 'app.info' }, { id: 5, method: 'app.info' }])
      await expect(api.router.handle(junk)).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(api.settings.get()).toEqual(before);
  });

  it('passes a typed error through and hides the details of a bug', async () => {
    const logged: string[] = [];
    const methods = {
      'order.find': method('find an order', z.strictObject({ id: z.string() }), z.strictObject({ code: z.string() })),
    };
    const handlers = {
      'order.find': ({ id }: { id: string }) => {
        if (id === 'missing') throw new ApiError('not_found', 'there is no order missing');
        if (id === 'said')
          throw new ApiError('conflict', 'wo-1 is not booked', [{ id: 'orderNotBooked', args: { order: 'wo-1' } }]);
        if (id === 'bug') throw new TypeError('secret internals at /home/me/core.ts:42');
        if (id === 'shape') return { code: 17 };
        return { code: `WO-${id}` };
      },
    } as unknown as ApiHandlers;
    const router = new ApiRouter(handlers, { methods, logError: (m) => logged.push(m) });
    const call = (id: string) => router.handle({ type: 'call', id: 1, method: 'order.find', args: { id } });
    await expect(call('9')).resolves.toMatchObject({ ok: true, value: { code: 'WO-9' } });
    await expect(call('missing')).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'there is no order missing' },
    });
    await expect(call('said')).resolves.toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: 'wo-1 is not booked',
        say: [{ id: 'orderNotBooked', args: { order: 'wo-1' } }],
      },
    });
    const bug = await call('bug');
    expect(bug).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(bug)).not.toContain('secret');
    await expect(call('shape')).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toEqual(['order.find failed', expect.stringContaining('outside its contract: code')]);
  });

  it('will not start with a method that has no handler', () => {
    const methods = { 'a.b': method('x', z.undefined(), z.null()) };
    expect(() => new ApiRouter({} as ApiHandlers, { methods })).toThrow(/no handler for the method a\.b/);
  });

  it('sends only events whose payload matches the contract', () => {
    const errors: string[] = [];
    const api = core((m) => errors.push(m));
    const seen: EventMessage[] = [];
    api.events.connect((m) => seen.push(m));
    const good = api.settings.get();
    api.events.emit('settings.changed', good);
    api.events.emit('settings.changed', { ...good, language: 'xx' as 'en' });
    expect(seen).toEqual([{ type: 'event', event: 'settings.changed', payload: good }]);
    expect(errors).toEqual([expect.stringMatching(/event settings.changed not sent: language/)]);
  });
});
