import { describe, expect, it } from 'vitest';
import type { MutationEnvelope, PushResult, Reply } from '../../../shared/sync/index.js';
import { Outbox, type Settlement } from './outbox.js';

/** A server that applies each client id once, in order, like the real one (DESIGN §4). */
class FakeServer {
  last = 0;
  applied: Array<{ id: number; name: string }> = [];
  batches: number[][] = [];
  /** Replies to drop (the push arrives and is applied, the answer is lost). */
  loseReplies = 0;
  refuse: Reply<PushResult> | null = null;

  send = async (mutations: MutationEnvelope[]): Promise<Reply<PushResult>> => {
    this.batches.push(mutations.map((m) => m.id));
    if (this.refuse) {
      const r = this.refuse;
      this.refuse = null;
      return r;
    }
    const results: PushResult['results'] = [];
    let expected: number | undefined;
    for (const m of mutations) {
      if (m.id <= this.last) {
        results.push({ id: m.id, status: 'duplicate' });
        continue;
      }
      if (m.id !== this.last + 1) {
        expected = this.last + 1;
        break;
      }
      this.last = m.id;
      this.applied.push({ id: m.id, name: m.name });
      results.push(
        m.name === 'bad'
          ? { id: m.id, status: 'rejected', code: 'invalid', message: 'no' }
          : { id: m.id, status: 'applied' },
      );
    }
    if (this.loseReplies > 0) {
      this.loseReplies -= 1;
      throw new Error('timeout');
    }
    return {
      ok: true,
      value: { results, lastMutationId: this.last, ...(expected !== undefined ? { expected } : {}) },
    };
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

describe('Outbox', () => {
  it('waits for a session, then numbers mutations from where the server stands, in order', async () => {
    const server = new FakeServer();
    server.last = 41;
    const box = new Outbox(server.send);
    const fates: Settlement[] = [];
    box.add('a', {}, (s) => fates.push(s));
    box.add('b', {}, (s) => fates.push(s));
    await settle();
    expect(server.batches).toEqual([]);
    box.onSession(41);
    await settle();
    expect(server.applied).toEqual([
      { id: 42, name: 'a' },
      { id: 43, name: 'b' },
    ]);
    expect(fates.map((f) => f.status)).toEqual(['applied', 'applied']);
    expect(box.size).toBe(0);
  });

  it('sends the same ids again after a lost reply, and the server applies each once', async () => {
    const server = new FakeServer();
    const box = new Outbox(server.send, { retryMs: 60_000 });
    box.onSession(0);
    server.loseReplies = 1;
    const fates: Settlement[] = [];
    box.add('a', {}, (s) => fates.push(s));
    await settle();
    expect(box.size).toBe(1);
    box.add('b', {}, (s) => fates.push(s));
    await settle();
    expect(server.batches).toEqual([[1], [1, 2]]);
    expect(server.applied.map((m) => m.id)).toEqual([1, 2]);
    expect(fates.map((f) => f.status)).toEqual(['duplicate', 'applied']);
    box.onDisconnect();
  });

  it('after a reconnect, settles what the server already has and keeps the rest under their ids', async () => {
    const server = new FakeServer();
    const box = new Outbox(server.send);
    box.onSession(0);
    server.loseReplies = 1;
    box.add('a', {});
    await settle();
    box.onDisconnect();
    box.add('b', {});
    await settle();
    expect(server.batches).toEqual([[1]]);
    box.onSession(server.last);
    await settle();
    expect(server.batches).toEqual([[1], [2]]);
    expect(server.applied.map((m) => `${m.id}${m.name}`)).toEqual(['1a', '2b']);
  });

  it('gives the ids again from where a replaced server database stands', async () => {
    // Ids 5 and 6 were sent to the old database, whose replies were lost; the new one has seen nothing.
    const old = new FakeServer();
    old.last = 4;
    old.loseReplies = 1;
    let server = old;
    const box = new Outbox((m) => server.send(m));
    box.onSession(4);
    box.add('x', {});
    box.add('y', {});
    await settle();
    box.onDisconnect();
    const fresh = new FakeServer();
    server = fresh;
    box.onSession(0);
    await settle();
    expect(fresh.applied.map((m) => `${m.id}${m.name}`)).toEqual(['1x', '2y']);
  });

  it('closes a gap the server reports by numbering from the id it expects', async () => {
    const server = new FakeServer();
    server.last = 2;
    const box = new Outbox(server.send);
    box.onSession(7); // a session that claimed more than the server has
    box.add('p', {});
    await settle();
    expect(server.batches).toEqual([[8], [3]]);
    expect(server.applied.map((m) => `${m.id}${m.name}`)).toEqual(['3p']);
  });

  it('reports rejections with their reason and moves on', async () => {
    const server = new FakeServer();
    const box = new Outbox(server.send);
    box.onSession(0);
    const fates: Settlement[] = [];
    box.add('bad', {}, (s) => fates.push(s));
    box.add('good', {}, (s) => fates.push(s));
    await settle();
    expect(fates).toEqual([
      { id: 1, status: 'rejected', code: 'invalid', message: 'no' },
      { id: 2, status: 'applied' },
    ]);
  });

  it('keeps a batch the server cannot take now, and gives up on one it will never take', async () => {
    const server = new FakeServer();
    const logs: string[] = [];
    const box = new Outbox(server.send, { log: (m) => logs.push(m), retryMs: 60_000 });
    box.onSession(0);
    server.refuse = { ok: false, error: { code: 'unavailable', message: 'busy' } };
    box.add('a', {});
    await settle();
    expect(box.size).toBe(1);
    expect(logs[0]).toMatch(/unavailable/);
    await box.flush();
    expect(server.applied.map((m) => m.id)).toEqual([1]);

    const fates: Settlement[] = [];
    server.refuse = { ok: false, error: { code: 'too_large', message: 'too big' } };
    box.add('huge', {}, (s) => fates.push(s));
    await settle();
    expect(fates).toEqual([{ id: 2, status: 'lost', message: 'too_large: too big' }]);
    box.add('next', {});
    await settle();
    expect(server.applied.map((m) => `${m.id}${m.name}`)).toEqual(['1a', '2next']);
    box.onDisconnect();
  });

  it('tries a push whose answer was lost again by itself, even when nothing new is queued', async () => {
    const server = new FakeServer();
    const box = new Outbox(server.send, { retryMs: 20 });
    box.onSession(0);
    server.loseReplies = 2;
    const fates: Settlement[] = [];
    const settledOnce = new Promise<void>((resolve) =>
      box.add('a', {}, (s) => {
        fates.push(s);
        resolve();
      }),
    );
    // Nothing new is queued: only the outbox's own retry can bring the answer.
    await settledOnce;
    expect(server.batches).toEqual([[1], [1], [1]]);
    expect(fates).toEqual([{ id: 1, status: 'duplicate' }]);
    expect(server.applied).toEqual([{ id: 1, name: 'a' }]);
    box.onDisconnect();
  });

  it('sends large queues in batches', async () => {
    const server = new FakeServer();
    const box = new Outbox(server.send, { batchSize: 10 });
    for (let i = 0; i < 25; i++) box.add(`m${i}`, {});
    box.onSession(0);
    await settle();
    expect(server.batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(server.applied).toHaveLength(25);
    expect(server.applied.map((m) => m.id)).toEqual([...Array(25).keys()].map((i) => i + 1));
  });
});
