import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Runs the real core-process entry in a Node child, with process.parentPort played by Node's IPC channel (Electron's
 * utilityProcess offers the same two calls).
 */
function startCoreProcess() {
  const dir = mkdtempSync(join(tmpdir(), 'core-process-'));
  dirs.push(dir);
  const shim = join(dir, 'shim.mjs');
  writeFileSync(
    shim,
    `process.parentPort = {
       on: (_e, l) => process.on('message', (data) => l({ data })),
       postMessage: (m) => process.send(m),
     };
     await import(${JSON.stringify(new URL('./core-process.ts', import.meta.url).pathname)});`,
  );
  const child = fork(shim, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const messages: Array<Record<string, unknown>> = [];
  let arrived: (() => void) | null = null;
  child.on('message', (m) => {
    messages.push(m as Record<string, unknown>);
    arrived?.();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    arrived?.();
  });
  /** The next message of a type, as it arrives; fails at once if the process exits without sending it. */
  const next = async (type: string) => {
    for (;;) {
      const i = messages.findIndex((m) => m.type === type);
      if (i >= 0) return messages.splice(i, 1)[0]!;
      if (gone) throw new Error(`the core process exited without a ${type} message`);
      await new Promise<void>((resolve) => (arrived = resolve));
    }
  };
  return { child, next, exited, dataDir: join(dir, 'data') };
}

describe('the core process entry', () => {
  it('starts from its init message, answers calls, pushes events and closes on shutdown', async () => {
    const p = startCoreProcess();
    p.child.send({ type: 'call', id: 1, method: 'app.info' });
    expect(await p.next('result')).toMatchObject({ id: 1, ok: false, error: { code: 'unavailable' } });
    p.child.send({ type: 'init', config: { dataDir: p.dataDir } });
    p.child.send({
      type: 'init',
      config: {
        dataDir: p.dataDir,
        mode: 'electron',
        appName: 'Dispatch Console',
        version: '0.1.0',
        locale: 'zh-CN',
        electronVersion: '39.8.10',
        nativeBinding: null,
        sync: null,
      },
    });
    await p.next('ready');
    p.child.send({ type: 'call', id: 2, method: 'settings.set', args: { palette: 'priority' } });
    expect(await p.next('event')).toMatchObject({ event: 'settings.changed', payload: { palette: 'priority' } });
    expect(await p.next('result')).toMatchObject({ id: 2, ok: true, value: { language: 'zh-CN' } });
    p.child.send({ type: 'shutdown' });
    await p.next('closed');
    expect(await p.exited).toBe(0);
  }, 30_000);
});
