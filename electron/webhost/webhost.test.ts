import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createApiClient, WS_PROTOCOL, WS_TOKEN_PREFIX, type ServerFrame } from '../../shared/ipc/index.js';
import { socketTransport, type WebSocketFactory } from '../../renderer/src/api/socket-transport.js';
import { openCoreApi, type CoreApi } from '../core/api/core-api.js';
import { startWebHost, type WebHost } from './webhost.js';

let dir: string;
let core: CoreApi;
let host: WebHost;
const sockets: WebSocket[] = [];
const closers: Array<() => void> = [];

const PAGE = `<!doctype html><html><head><meta charset="utf-8" />
<meta http-equiv="Content-Security-Policy" content="default-src 'self'" /><title>Console</title></head>
<body><div id="root"></div><script type="module" src="/assets/app-AbCd1234.js"></script></body></html>`;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'webhost-'));
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), PAGE);
  writeFileSync(join(root, 'assets', 'app-AbCd1234.js'), 'console.log("app")\n');
  writeFileSync(join(root, 'basemap.pmtiles'), Buffer.from('0123456789'));
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'escape.txt'));
  core = openCoreApi(
    {
      dataDir: join(dir, 'data'),
      mode: 'web',
      appName: 'Dispatch Console',
      version: '0.1.0',
      locale: 'en-GB',
      electronVersion: null,
      nativeBinding: null,
      sync: null,
    },
    { log: () => {}, logError: () => {} },
  );
  host = await startWebHost({ core, rendererDir: root, log: () => {} });
});

afterEach(async () => {
  closers.splice(0).forEach((c) => c());
  sockets.splice(0).forEach((s) => s.terminate());
  await host.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP request: the path goes out exactly as written (no client-side normalising). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function rawSocket(options: { token?: string | null; origin?: string; path?: string; host?: string } = {}) {
  const protocols = [WS_PROTOCOL];
  const token = options.token === undefined ? host.token : options.token;
  if (token !== null) protocols.push(`${WS_TOKEN_PREFIX}${token}`);
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}${options.path ?? '/api'}`, protocols, {
    origin: options.origin ?? host.origin,
    ...(options.host ? { headers: { Host: options.host } } : {}),
  });
  sockets.push(ws);
  const frames: ServerFrame[] = [];
  let arrived: (() => void) | null = null;
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)) as ServerFrame);
    arrived?.();
  });
  ws.on('close', () => arrived?.());
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
  /** The next `n` frames, as they arrive; fewer only when the host closes the socket first. */
  const next = async (n = 1) => {
    while (frames.length < n && ws.readyState !== WebSocket.CLOSED)
      await new Promise<void>((resolve) => (arrived = resolve));
    arrived = null;
    return frames.splice(0, n);
  };
  return { ws, opened, next };
}

/** The renderer's own client, on the `ws` package's WebSocket with the page's Origin. */
function rendererClient() {
  const origin = host.origin;
  const Factory = class extends WebSocket {
    constructor(url: string, protocols: string[]) {
      super(url, protocols, { origin });
    }
  } as unknown as WebSocketFactory;
  const t = socketTransport({ origin: `ws://127.0.0.1:${host.port}`, token: host.token, WebSocket: Factory });
  closers.push(t.close);
  return { api: createApiClient(t.transport), link: t.link };
}

describe('the web host: files', () => {
  it('serves the page with its CSP as a header and in the rewritten <meta> tag', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'; .*frame-ancestors 'none'/);
    expect(res.body).toContain(`content="${csp.replace("; frame-ancestors 'none'", '')}"`);
    expect(res.body).not.toContain(`content="default-src 'self'"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their types, app routes with the page, and a missing asset as 404', async () => {
    const js = await get('/assets/app-AbCd1234.js');
    expect([js.status, js.headers['content-type'], js.headers['cache-control']]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    expect((await get('/board/today?team=north')).body).toContain('<div id="root">');
    expect((await get('/assets/missing-AbCd1234.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/escape.txt',
      '/%00index.html',
      '/%E0%A4%A',
      '/.env',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('SECRET');
    }
  });

  it('answers byte ranges (for .pmtiles basemaps), refuses other methods and foreign Host names', async () => {
    const part = await get('/basemap.pmtiles', { Range: 'bytes=2-5' });
    expect([part.status, part.body, part.headers['content-range']]).toEqual([206, '2345', 'bytes 2-5/10']);
    expect((await get('/basemap.pmtiles', { Range: 'bytes=20-' })).status).toBe(416);
    expect((await get('/', {}, 'POST')).status).toBe(405);
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421);
  });

  it("serves the dispatcher's local .pmtiles basemaps under /basemaps/, and nothing else from there", async () => {
    writeFileSync(join(core.basemapsDir, 'city.pmtiles'), Buffer.from('PMTILES-BYTES'));
    writeFileSync(join(core.basemapsDir, 'notes.txt'), 'private');
    const part = await get('/basemaps/city.pmtiles', { Range: 'bytes=0-6' });
    expect([part.status, part.body]).toEqual([206, 'PMTILES']);
    expect((await get('/basemaps/notes.txt')).status).toBe(404);
    expect((await get('/basemaps/missing.pmtiles')).status).toBe(404);
    for (const path of ['/basemaps/../settings.json', '/basemaps/%2e%2e/settings.json'])
      expect((await get(path)).status, path).toBeGreaterThanOrEqual(400);
  });
});

describe('the web host: API socket', () => {
  it('round-trips typed calls and pushes events to subscribers only', async () => {
    const a = rendererClient();
    const b = rendererClient();
    await expect(a.api.call('app.info')).resolves.toMatchObject({ mode: 'web', locale: 'en-GB' });
    const heard: string[] = [];
    const stop = b.api.subscribe('settings.changed', (s) => heard.push(s.palette));
    await b.api.call('settings.get'); // the subscription frame is ahead of this call on the same socket
    await expect(a.api.call('settings.set', { palette: 'priority' })).resolves.toMatchObject({ palette: 'priority' });
    await expect.poll(() => heard).toEqual(['priority']);
    stop();
    await b.api.call('settings.get');
    await a.api.call('settings.set', { palette: 'status' });
    await a.api.call('settings.get');
    expect(heard).toEqual(['priority']);
    expect(a.link.state).toBe('open');
  });

  it('refuses a missing or wrong token, a foreign Origin, another Host and another path', async () => {
    await expect(rawSocket().opened).resolves.toBeUndefined();
    await expect(rawSocket({ token: null }).opened).rejects.toThrow('refused 401');
    await expect(rawSocket({ token: 'x'.repeat(43) }).opened).rejects.toThrow('refused 401');
    await expect(rawSocket({ token: host.token.slice(1) }).opened).rejects.toThrow('refused 401');
    await expect(rawSocket({ origin: 'http://evil.example' }).opened).rejects.toThrow('refused 403');
    await expect(rawSocket({ origin: 'http://127.0.0.1:1' }).opened).rejects.toThrow('refused 403');
    await expect(rawSocket({ host: `attacker.example:${host.port}` }).opened).rejects.toThrow('refused 403');
    await expect(rawSocket({ path: '/socket.io/' }).opened).rejects.toThrow('refused 404');
  });

  it('answers bad frames with typed errors and keeps serving everyone, the sender included', async () => {
    const bystander = rendererClient();
    const s = rawSocket();
    await s.opened;
    s.ws.send('{"type":"call","id":1,');
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    s.ws.send(JSON.stringify({ type: 'call', id: 2, method: 'settings.set', args: { palette: 'neon' } }));
    s.ws.send(JSON.stringify({ type: 'call', id: 3 }));
    s.ws.send(JSON.stringify({ type: 'subscribe', event: 'orders.everything' }));
    s.ws.send(JSON.stringify({ type: 'call', id: 4, method: 'app.info', args: { pad: 'x'.repeat(1_200_000) } }));
    // Calls are answered as they finish, so the order of the answers is not fixed.
    const frames = await s.next(6);
    expect(frames).toHaveLength(6);
    expect(frames).toEqual(
      expect.arrayContaining([
        { type: 'error', error: { code: 'bad_request', message: 'the frame is not JSON' } },
        { type: 'error', error: { code: 'bad_request', message: 'frames are JSON text, not binary' } },
        {
          type: 'result',
          id: 2,
          ok: false,
          error: {
            code: 'bad_request',
            message: expect.stringMatching(/args\.palette/),
            // What is wrong, as data, for the console to word in its language.
            say: [{ id: 'fieldIssue', args: expect.objectContaining({ field: 'args.palette' }) }],
          },
        },
        { type: 'result', id: 3, ok: false, error: { code: 'bad_request', message: expect.stringMatching(/method/) } },
        { type: 'error', error: { code: 'not_found', message: 'there is no event "orders.everything"' } },
        {
          type: 'result',
          id: 4,
          ok: false,
          error: { code: 'too_large', message: expect.stringMatching(/limit is 1048576/) },
        },
      ]),
    );
    s.ws.send(JSON.stringify({ type: 'call', id: 5, method: 'app.info' }));
    expect(await s.next()).toEqual([expect.objectContaining({ id: 5, ok: true })]);
    await expect(bystander.api.call('app.info')).resolves.toMatchObject({ mode: 'web' });
  });

  it('drops only the connection that sends a frame beyond the hard limit', async () => {
    const bystander = rendererClient();
    await bystander.api.call('app.info');
    const s = rawSocket();
    await s.opened;
    const closed = new Promise<number>((resolve) => s.ws.once('close', (code) => resolve(code)));
    s.ws.send('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await expect(bystander.api.call('settings.get')).resolves.toMatchObject({ language: 'en' });
    await expect.poll(() => host.clients()).toBe(1);
  });
});
