import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';
import { WebSocket } from 'ws';
import { createApiClient, type ApiClient } from '../../shared/ipc/index.js';
import { socketTransport, type WebSocketFactory } from '../../renderer/src/api/socket-transport.js';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'npm-start-'));
let start: ChildProcess | null = null;
let out = '';
let close: () => void = () => {};

// npm start builds what is missing or stale first (a fresh clone has no build): that is done here beforehand, so
// the test's own time goes to starting and stopping. A build can take minutes on a busy machine.
beforeAll(() => ensureBuilt(['renderer', 'webhost']), 600_000);

afterAll(() => {
  close();
  if (start && start.exitCode === null) start.kill('SIGKILL');
  spawnSync('pkill', ['-KILL', '-f', dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves with the first match in what npm start has printed so far or prints next; rejects if it exits first. */
function waitForLine(re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = re.exec(out);
      if (m) {
        start?.stdout?.off('data', check);
        start?.stderr?.off('data', check);
        resolve(m);
      }
    };
    start?.stdout?.on('data', check);
    start?.stderr?.on('data', check);
    start?.once('exit', () => reject(new Error(`npm start exited without printing ${re}:\n${out}`)));
    check();
  });
}

/** The API as the page in a browser would reach it, with the page's Origin. */
function apiAt(url: string): ApiClient {
  const page = new URL(url);
  const token = new URLSearchParams(page.hash.slice(1)).get('token')!;
  const Factory = class extends WebSocket {
    constructor(u: string, protocols: string[]) {
      super(u, protocols, { origin: page.origin });
    }
  } as unknown as WebSocketFactory;
  const t = socketTransport({ origin: `ws://${page.host}`, token, WebSocket: Factory });
  close = t.close;
  return createApiClient(t.transport);
}

const processesOfThisRun = () =>
  spawnSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);

describe('npm start', () => {
  it('brings up the server and the console, says where, opens it without the token on a command line, and Ctrl+C stops every child', async () => {
    // The "browser" records what it was asked to open.
    const browser = join(dataDir, 'browser.sh');
    const opened = join(dataDir, 'browser-args');
    writeFileSync(browser, `#!/bin/sh\necho "$@" > '${opened}'\n`);
    chmodSync(browser, 0o755);
    start = spawn(
      process.execPath,
      [
        'scripts/start.mjs',
        '--web',
        '--port',
        '0',
        '--server-port',
        '0',
        '--no-sim',
        '--autopilot',
        'off',
        '--data-dir',
        dataDir,
        '--open',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: browser } },
    );
    start.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    start.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const [, url] = await waitForLine(/\[start\] console: web host — open (http:\/\/\S+)/);
    expect(out).toMatch(/\[start\] Electron: not used — asked for with --web/);
    // Printed just after the web host's line, and it may arrive in a later chunk of output.
    await waitForLine(/\[start\] signed in as dispatcher-1 to http:\/\/127\.0\.0\.1:\d+/);
    expect((await fetch(url!)).status).toBe(200);

    // The browser was given a page only this user can read, which forwards it to the address with the token.
    await expect.poll(() => existsSync(opened) && readFileSync(opened, 'utf8').trim()).toMatch(/^file:/);
    const token = new URLSearchParams(new URL(url!).hash.slice(1)).get('token')!;
    const asked = readFileSync(opened, 'utf8').trim();
    expect(asked).not.toContain(token);
    const page = fileURLToPath(asked);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(readFileSync(page, 'utf8')).toContain(`url=${url}`);

    // The console is the real one: synced with the server, and an action reaches it.
    const api = apiAt(url!);
    await expect.poll(async () => (await api.call('console.snapshot')).status.state).toBe('online');
    const snapshot = await api.call('console.snapshot');
    expect(snapshot.orders.length).toBeGreaterThan(0);
    expect(snapshot.principal.id).toBe('dispatcher-1');
    const order = snapshot.orders.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)!;
    const nextHour = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
    await api.call('console.mutate', {
      name: 'assignOrder',
      args: {
        orderId: order.id,
        base: { version: order.version, rev: order.rev },
        engineerId: snapshot.engineers[0]!.id,
        start: nextHour,
      },
    });
    await expect
      .poll(async () => (await api.call('console.snapshot')).orders.find((o) => o.id === order.id)?.pending)
      .toBe(false);
    close();

    expect(processesOfThisRun().length).toBeGreaterThanOrEqual(2);
    const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/\[start\] stopped/);
    expect(existsSync(page)).toBe(false);
    expect(out).toMatch(/\[console\] web host: SIGINT — closing/);
    expect(out).toMatch(/\[server\] server: SIGINT — closing/);
    await expect.poll(processesOfThisRun).toEqual([]);
  }, 240_000);
});
