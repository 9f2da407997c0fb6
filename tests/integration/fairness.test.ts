import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResult, PushResult, Reply } from '../../shared/sync/index.js';
import { SqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { SyncStore } from '../../server/src/store/types.js';
import { TestServer, request, sessions, type ClientSocket } from '../../server/src/test-server.testing.js';

/** The store's work in the order the server asked for it: which client, which call. */
const served: Array<{ clientId: string; call: 'applyPush' | 'pull' }> = [];

/** The real SQLite store, noting each push and pull as it is served. */
function recording(store: SyncStore): SyncStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      if (key === 'applyPush' || key === 'pull')
        return (clientId: string, ...rest: unknown[]) => {
          served.push({ clientId, call: key });
          return (value as (...a: unknown[]) => unknown).call(target, clientId, ...rest);
        };
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

const FLOOD_SOCKETS = 4;
const PUSHES_EACH = 30;

let t: TestServer;
let dir: string;
let honest: ClientSocket;
let cursor: string;
const flooders: ClientSocket[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fairness-'));
  t = await TestServer.start({ store: recording(new SqliteStore(join(dir, 'server.sqlite'), { log: () => {} })) });
  honest = await t.connect({ userId: 'dispatcher-1', clientId: 'c-honest' });
  let page = await request<PullResult>(honest, 'pull', { cursor: null, resultsAfter: 0 });
  while (page.ok && page.value.more)
    page = await request<PullResult>(honest, 'pull', { cursor: page.value.cursor, resultsAfter: 0 });
  if (!page.ok) throw new Error(page.error.message);
  cursor = page.value.cursor;
  for (let i = 0; i < FLOOD_SOCKETS; i++) {
    const s = await t.connect({ userId: 'dispatcher-2', clientId: `c-flood-${i}` });
    await sessions.get(s);
    flooders.push(s);
  }
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('one user flooding beside an honest console', () => {
  it("serves the honest console's pull within a round, not after the flooder's queued work", async () => {
    const order = t.city.orders[0]!;
    // Four sockets of one dispatcher each send 30 pushes of 20 valid notes at once, without waiting for answers;
    // then the honest console asks for one pull.
    const floodReplies: Array<Promise<Reply<PushResult>>> = [];
    flooders.forEach((socket, s) => {
      for (let p = 0; p < PUSHES_EACH; p++)
        floodReplies.push(
          request<PushResult>(
            socket,
            'push',
            {
              mutations: Array.from({ length: 20 }, (_, k) => ({
                id: p * 20 + k + 1,
                name: 'addNote',
                args: { orderId: order.id, text: `flood ${s}.${p}.${k}` },
                createdAt: t.clock.now,
              })),
            },
            60_000,
          ),
        );
    });
    served.length = 0;
    const pulled = await request<PullResult>(honest, 'pull', { cursor, resultsAfter: 0 }, 60_000);
    expect(pulled.ok).toBe(true);

    const replies = await Promise.all(floodReplies);
    // The flood was real work and all of it was done: every note applied, in order, on every socket.
    expect(replies.every((r) => r.ok && r.value.results.every((x) => x.status === 'applied'))).toBe(true);
    const honestAt = served.findIndex((c) => c.clientId === 'c-honest');
    const floodServedBefore = served.slice(0, honestAt).filter((c) => c.clientId.startsWith('c-flood-')).length;
    // Users are served in turn: the honest pull waits for at most a turn or two of the flooder's (its frames may be
    // read a pass of the event loop after the flooder's), never for the flooder's 120 pushes.
    expect(honestAt).toBeGreaterThanOrEqual(0);
    expect(floodServedBefore).toBeLessThanOrEqual(3);
    expect(served.filter((c) => c.clientId.startsWith('c-flood-'))).toHaveLength(FLOOD_SOCKETS * PUSHES_EACH);
  });
});
