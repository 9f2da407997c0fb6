import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { IPC_CHANNELS, type CallResult } from '../../shared/ipc/index.js';
import { openCoreApi, type CoreApi } from '../core/api/core-api.js';
import { APP_ORIGIN } from './app-origin.js';
import { linkInProcess } from './core-link.js';
import { relayIpc } from './ipc-relay.js';

type Frame = { url: string; parent: unknown } | null;

/** ipcMain as far as the relay uses it, with a way to play the renderer's side. */
class FakeIpcMain extends EventEmitter {
  handlers = new Map<string, (event: unknown, arg: unknown) => Promise<CallResult>>();
  handle(channel: string, h: (event: unknown, arg: unknown) => Promise<CallResult>) {
    this.handlers.set(channel, h);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  invoke(frame: Frame, request: unknown, sender: unknown = {}) {
    return this.handlers.get(IPC_CHANNELS.call)!({ senderFrame: frame, sender }, request);
  }
  send(channel: string, frame: Frame, sender: FakeContents, arg: unknown) {
    this.emit(channel, { senderFrame: frame, sender }, arg);
  }
}

class FakeContents extends EventEmitter {
  received: Array<{ channel: string; message: unknown }> = [];
  destroyed = false;
  send(channel: string, message: unknown) {
    this.received.push({ channel, message });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const page: Frame = { url: `${APP_ORIGIN}/board`, parent: null };
let dir: string;
let core: CoreApi;
let ipc: FakeIpcMain;
let logged: string[];
let stop: () => void;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'relay-'));
  core = openCoreApi(
    {
      dataDir: dir,
      mode: 'electron',
      appName: 'Dispatch Console',
      version: '0.1.0',
      locale: 'en-US',
      electronVersion: '39.8.10',
      nativeBinding: null,
      sync: null,
    },
    { log: () => {}, logError: () => {} },
  );
  ipc = new FakeIpcMain();
  logged = [];
  stop = relayIpc(ipc as unknown as IpcMain, linkInProcess(core), APP_ORIGIN, (m) => logged.push(m));
});

afterEach(async () => {
  stop();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the IPC relay', () => {
  it('relays a call from the console page to core and back', async () => {
    await expect(ipc.invoke(page, { type: 'call', id: 9, method: 'app.info' })).resolves.toMatchObject({
      id: 9,
      ok: true,
      value: { mode: 'electron', runtime: { electron: '39.8.10' } },
    });
  });

  it('refuses calls from any other frame: another origin, an iframe, a file, a closed frame', async () => {
    const strangers: Frame[] = [
      { url: 'https://evil.example/', parent: null },
      { url: `${APP_ORIGIN}/embedded`, parent: { url: `${APP_ORIGIN}/` } },
      { url: 'file:///home/me/index.html', parent: null },
      { url: 'app://consolex/', parent: null },
      { url: 'not a url', parent: null },
      null,
    ];
    for (const frame of strangers)
      await expect(
        ipc.invoke(frame, { type: 'call', id: 1, method: 'settings.set', args: { palette: 'priority' } }),
      ).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.settings.get().palette).toBe('status');
    expect(logged).toHaveLength(strangers.length);
  });

  it('refuses malformed envelopes and unknown methods before core sees them; core refuses bad arguments', async () => {
    await expect(ipc.invoke(page, { type: 'call', id: 'x', method: 'app.info' })).resolves.toMatchObject({
      error: { code: 'bad_request' },
    });
    await expect(ipc.invoke(page, { type: 'call', id: 2, method: 'app.info', extra: 1 })).resolves.toMatchObject({
      error: { code: 'bad_request' },
    });
    await expect(ipc.invoke(page, { type: 'call', id: 3, method: 'fs.readFile' })).resolves.toMatchObject({
      id: 3,
      error: { code: 'not_found' },
    });
    await expect(
      ipc.invoke(page, { type: 'call', id: 4, method: 'settings.set', args: { timeZone: 'Nowhere/Land' } }),
    ).resolves.toMatchObject({ id: 4, error: { code: 'bad_request', message: expect.stringContaining('timeZone') } });
  });

  it('sends events only to pages that subscribed from the console origin, and forgets closed pages', async () => {
    const mine = new FakeContents();
    const stranger = new FakeContents();
    const quiet = new FakeContents();
    ipc.send(IPC_CHANNELS.subscribe, page, mine, 'settings.changed');
    ipc.send(IPC_CHANNELS.subscribe, { url: 'https://evil.example/', parent: null }, stranger, 'settings.changed');
    ipc.send(IPC_CHANNELS.subscribe, page, quiet, 'no.such.event');
    await ipc.invoke(page, { type: 'call', id: 5, method: 'settings.set', args: { language: 'zh-CN' } });
    expect(mine.received).toEqual([
      {
        channel: IPC_CHANNELS.event,
        message: { type: 'event', event: 'settings.changed', payload: expect.objectContaining({ language: 'zh-CN' }) },
      },
    ]);
    expect(stranger.received).toEqual([]);
    expect(quiet.received).toEqual([]);
    ipc.send(IPC_CHANNELS.unsubscribe, page, mine, 'settings.changed');
    await ipc.invoke(page, { type: 'call', id: 6, method: 'settings.set', args: { language: 'en' } });
    expect(mine.received).toHaveLength(1);
    ipc.send(IPC_CHANNELS.subscribe, page, mine, 'settings.changed');
    mine.destroyed = true;
    mine.emit('destroyed');
    await ipc.invoke(page, { type: 'call', id: 7, method: 'settings.set', args: { language: 'zh-CN' } });
    expect(mine.received).toHaveLength(1);
  });

  it('answers the methods main serves itself with the calling page, checked like core checks them', async () => {
    stop();
    const seen: unknown[] = [];
    const sender = new FakeContents();
    stop = relayIpc(ipc as unknown as IpcMain, linkInProcess(core), APP_ORIGIN, (m) => logged.push(m), {
      'print.toPdf': (args, contents) => {
        seen.push([args, contents]);
        return Promise.resolve({ path: `/tmp/${args.fileName}` });
      },
    });
    const call = (id: number, args: unknown) =>
      ipc.invoke(page, { type: 'call', id, method: 'print.toPdf', args }, sender);
    await expect(call(1, { fileName: 'sheet.pdf' })).resolves.toEqual({
      type: 'result',
      id: 1,
      ok: true,
      value: { path: '/tmp/sheet.pdf' },
    });
    expect(seen).toEqual([[{ fileName: 'sheet.pdf', landscape: false }, sender]]);
    await expect(call(2, { fileName: '../../etc/passwd.pdf' })).resolves.toMatchObject({
      id: 2,
      error: { code: 'bad_request', message: expect.stringContaining('fileName') },
    });
    await expect(
      ipc.invoke(
        { url: 'https://evil.example/', parent: null },
        { type: 'call', id: 3, method: 'print.toPdf', args: { fileName: 'a.pdf' } },
      ),
    ).resolves.toMatchObject({ error: { code: 'forbidden' } });
    expect(seen).toHaveLength(1);
  });

  it('leaves printing to the browser where main does not serve it: core answers unavailable', async () => {
    await expect(
      ipc.invoke(page, { type: 'call', id: 4, method: 'print.toPdf', args: { fileName: 'a.pdf' } }),
    ).resolves.toMatchObject({ id: 4, error: { code: 'unavailable' } });
  });

  it('leaves the fixed channels when stopped', () => {
    stop();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.listenerCount(IPC_CHANNELS.subscribe)).toBe(0);
  });
});
