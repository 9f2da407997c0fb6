import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../shared/ipc/index.js';
import { socketTransport, type WebSocketLike } from './socket-transport.js';

/** A WebSocket the test drives by hand: it records what the page sent and can open, answer or drop. */
class FakeSocket implements WebSocketLike {
  static made: FakeSocket[] = [];
  readyState = 0;
  sent: Array<Record<string, unknown>> = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close() {
    this.drop(1000);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  reply(frame: object) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const info = {
  name: 'Dispatch Console',
  version: '0.1.0',
  mode: 'web',
  platform: 'linux',
  locale: 'en-GB',
  runtime: { node: '20.19.0', electron: null },
};

let close: () => void = () => {};
beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
});
afterEach(() => {
  close();
  vi.useRealTimers();
});

function open(callTimeoutMs = 30_000) {
  const t = socketTransport({
    origin: 'ws://127.0.0.1:4310',
    token: 'tok',
    WebSocket: FakeSocket,
    callTimeoutMs,
    reconnectBaseMs: 100,
    reconnectMaxMs: 1_000,
  });
  close = t.close;
  return { ...t, api: createApiClient(t.transport), socket: () => FakeSocket.made.at(-1)! };
}

describe('the web host transport', () => {
  it('offers the token as a subprotocol, never in the URL', () => {
    open();
    expect(FakeSocket.made[0]!.url).toBe('ws://127.0.0.1:4310/api');
    expect(FakeSocket.made[0]!.protocols).toEqual(['dispatch-console.v1', 'token.tok']);
  });

  it('holds a call made while connecting and sends it once the link opens', async () => {
    const t = open();
    const answer = t.api.call('app.info');
    expect(t.socket().sent).toEqual([]);
    t.socket().open();
    expect(t.socket().sent).toEqual([{ type: 'call', id: 1, method: 'app.info' }]);
    t.socket().reply({ type: 'result', id: 1, ok: true, value: info });
    await expect(answer).resolves.toEqual(info);
  });

  it('answers unavailable for a call in flight when the link drops, then reconnects and re-subscribes', async () => {
    const t = open();
    t.socket().open();
    const heard: string[] = [];
    t.api.subscribe('settings.changed', (s) => heard.push(s.language));
    const inFlight = t.api.call('settings.get');
    t.socket().drop();
    await expect(inFlight).rejects.toMatchObject({ code: 'unavailable' });
    expect(t.link.state).toBe('connecting');
    expect(t.link.problem).toMatch(/dropped/);
    await vi.advanceTimersByTimeAsync(200);
    expect(FakeSocket.made).toHaveLength(2);
    t.socket().open();
    expect(t.link.state).toBe('open');
    expect(t.socket().sent).toEqual([{ type: 'subscribe', event: 'settings.changed' }]);
    t.socket().reply({
      type: 'event',
      event: 'settings.changed',
      payload: {
        timeZone: 'UTC',
        timeZoneFollowsServer: true,
        language: 'zh-CN',
        palette: 'status',
        boardZoom: 'day',
        snapMinutes: 15,
        teamsShown: 'all',
        basemapStyleUrl: null,
        basemapPmtiles: null,
        basemapOrigins: [],
      },
    });
    expect(heard).toEqual(['zh-CN']);
  });

  it('backs off between attempts while the host stays away, and gives a call its timeout', async () => {
    const t = open(5_000);
    const call = t.api.call('app.info');
    const caught = call.catch((e: unknown) => e);
    for (let i = 0; i < 4; i++) {
      t.socket().drop();
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(FakeSocket.made.length).toBeGreaterThanOrEqual(4);
    expect(t.link.problem).toMatch(/cannot reach the console host/);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await caught).toMatchObject({ code: 'timeout' });
  });

  it('stops subscribing when the last listener leaves', () => {
    const t = open();
    t.socket().open();
    const a = t.api.subscribe('settings.changed', () => {});
    const b = t.api.subscribe('settings.changed', () => {});
    a();
    expect(t.socket().sent).toEqual([{ type: 'subscribe', event: 'settings.changed' }]);
    b();
    expect(t.socket().sent.at(-1)).toEqual({ type: 'unsubscribe', event: 'settings.changed' });
  });
});
