import { afterEach, describe, expect, it } from 'vitest';
import type { PullResult, PushResult } from '../../shared/sync/index.js';
import { TestServer, next, request, sessions } from './test-server.testing.js';
import { PUSH_SLICE } from './sync-server.js';

let t: TestServer;
afterEach(async () => t?.close());

const H = 3_600_000;

async function openOrder(t: TestServer) {
  const o = t.city.orders.find((x) => x.status === 'new' && x.excludedEngineerIds.length === 0)!;
  return (await t.store.order(o.id))!;
}

describe('handshake', () => {
  it('accepts a signed token and tells the console who it is', async () => {
    t = await TestServer.start();
    const socket = await t.connect({ userId: 'dispatcher-1', clientId: 'c-alpha' });
    expect(await sessions.get(socket)).toMatchObject({
      userId: 'dispatcher-1',
      role: 'dispatcher',
      engineerId: null,
      lastMutationId: 0,
    });
    const reply = await request<PullResult>(socket, 'pull', { cursor: null, resultsAfter: 0 });
    expect(reply.ok && reply.value.kind).toBe('reset');
  });

  it('tells an old console that an update is required', async () => {
    t = await TestServer.start();
    const err = await t
      .connect({ protocolVersion: 0 })
      .catch((e: Error & { data?: { code: string; message: string } }) => e);
    expect((err as { data?: { code: string } }).data?.code).toBe('update_required');
    expect((err as { data?: { message: string } }).data?.message).toMatch(/your unsynced work is kept/);
  });

  it('refuses a bad token, an expired token, a missing token and a client id bound to another user', async () => {
    t = await TestServer.start();
    const code = async (p: Promise<unknown>) =>
      ((await p.catch((e: { data?: { code: string } }) => e)) as { data?: { code: string } }).data?.code;
    expect(await code(t.connect({ token: 'x'.repeat(40) }))).toBe('unauthorized');
    expect(await code(t.connect({ token: await t.token('dispatcher-1', -10) }))).toBe('token_expired');
    expect(await code(t.connect({ token: '' }))).toBe('bad_request');
    await t.connect({ userId: 'dispatcher-1', clientId: 'c-shared' });
    expect(await code(t.connect({ userId: 'dispatcher-2', clientId: 'c-shared' }))).toBe('client_mismatch');
  });
});

describe('push and pull', () => {
  it('applies an assignment, pokes the other console, which pulls it', async () => {
    t = await TestServer.start();
    const a = await t.connect({ userId: 'dispatcher-1' });
    const b = await t.connect({ userId: 'dispatcher-2' });
    const pulled = await request<PullResult>(b, 'pull', { cursor: null, resultsAfter: 0 });
    if (!pulled.ok) throw new Error('pull failed');
    const order = await openOrder(t);
    const engineer = t.city.engineers[0]!;
    const poke = next(b, 'poke');
    const push = await request<PushResult>(a, 'push', {
      mutations: [
        {
          id: 1,
          name: 'assignOrder',
          args: {
            orderId: order.id,
            base: { version: order.version, rev: order.rev },
            engineerId: engineer.id,
            start: Math.floor(Date.now() / 60_000) * 60_000 + H,
          },
          createdAt: Date.now(),
        },
      ],
    });
    expect(push).toEqual({ ok: true, value: { results: [{ id: 1, status: 'applied' }], lastMutationId: 1 } });
    expect(await poke).toMatchObject({ seq: expect.any(Number) });
    const delta = await request<PullResult>(b, 'pull', { cursor: pulled.value.cursor, resultsAfter: 0 });
    if (!delta.ok) throw new Error('pull failed');
    expect(delta.value.kind).toBe('changes');
    const changed = delta.value.changes.find((c) => c.entity === 'order');
    expect(changed?.value).toMatchObject({ id: order.id, status: 'scheduled', booking: { engineerId: engineer.id } });
    expect(delta.value.changes.some((c) => c.entity === 'event' && c.value.kind === 'assigned')).toBe(true);
  });

  it('applies each mutation once: a replay is acknowledged again, a gap stops the batch, a rejection advances and is kept', async () => {
    t = await TestServer.start();
    const a = await t.connect({ userId: 'dispatcher-1', clientId: 'c-once' });
    const order = await openOrder(t);
    const note = (id: number) => ({
      id,
      name: 'addNote',
      args: { orderId: order.id, text: `note ${id}` },
      createdAt: Date.now(),
    });
    expect(await request(a, 'push', { mutations: [note(1), note(2)] })).toMatchObject({
      ok: true,
      value: { lastMutationId: 2 },
    });
    expect(await request(a, 'push', { mutations: [note(1), note(2), note(3)] })).toEqual({
      ok: true,
      value: {
        results: [
          { id: 1, status: 'duplicate' },
          { id: 2, status: 'duplicate' },
          { id: 3, status: 'applied' },
        ],
        lastMutationId: 3,
      },
    });
    expect((await t.store.eventsFor(order.id)).filter((e) => e.kind === 'note_added')).toHaveLength(3);
    expect(await request(a, 'push', { mutations: [note(5)] })).toEqual({
      ok: true,
      value: { results: [], lastMutationId: 3, expected: 4 },
    });
    const bad = {
      id: 4,
      name: 'unassignOrder',
      args: { orderId: order.id, base: { version: order.version, rev: order.rev } },
      createdAt: Date.now(),
    };
    expect(await request(a, 'push', { mutations: [bad, note(5)] })).toMatchObject({
      ok: true,
      value: {
        results: [
          { id: 4, status: 'rejected', code: 'illegal_transition' },
          { id: 5, status: 'applied' },
        ],
        lastMutationId: 5,
      },
    });
    const pulled = await request<PullResult>(a, 'pull', { cursor: null, resultsAfter: 3 });
    expect(pulled.ok && pulled.value.rejections).toEqual([
      expect.objectContaining({ mutationId: 4, code: 'illegal_transition', name: 'unassignOrder' }),
    ]);
    expect(pulled.ok && pulled.value.lastMutationId).toBe(5);
  });

  it("rejects and audits a viewer's change, and a device acting for another engineer", async () => {
    t = await TestServer.start();
    const order = await openOrder(t);
    const viewer = await t.connect({ userId: 'viewer' });
    const reply = await request<PushResult>(viewer, 'push', {
      mutations: [{ id: 1, name: 'addNote', args: { orderId: order.id, text: 'hi' }, createdAt: Date.now() }],
    });
    expect(reply).toMatchObject({
      ok: true,
      value: { results: [{ id: 1, status: 'rejected', code: 'forbidden', message: 'a viewer may not add a note' }] },
    });
    const [entry] = await t.store.audit(1);
    expect(entry).toMatchObject({
      userId: 'viewer',
      role: 'viewer',
      name: 'addNote',
      outcome: 'rejected',
      code: 'forbidden',
    });

    const booked = t.city.orders.find((o) => o.status === 'dispatched')!;
    const stranger = t.city.engineers.find((e) => e.id !== booked.booking!.engineerId)!;
    const device = await t.connect({ userId: `dev-${stranger.id}` });
    const r = await request<PushResult>(device, 'push', {
      mutations: [
        { id: 1, name: 'setOrderStatus', args: { orderId: booked.id, status: 'en_route' }, createdAt: Date.now() },
      ],
    });
    expect(r).toMatchObject({ ok: true, value: { results: [{ status: 'rejected', code: 'forbidden' }] } });
    expect((await t.store.order(booked.id))?.status).toBe('dispatched');
  });

  it('pages a reset snapshot and then follows the change log', async () => {
    t = await TestServer.start();
    await t.connect({ userId: 'dispatcher-1', clientId: 'c-pager' });
    const seen = new Map<string, number>();
    let cursor: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await t.store.pull('c-pager', { role: 'dispatcher', engineerId: null }, cursor, 0, 25, Date.now());
      pages += 1;
      if (pages === 1) expect(page.kind).toBe('reset');
      else expect(page.kind).toBe('changes');
      for (const c of page.changes) seen.set(`${c.entity}:${c.value.id}`, 1);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toBeGreaterThan(2);
    expect([...seen.keys()].filter((k) => k.startsWith('order:'))).toHaveLength(60);
    expect([...seen.keys()].filter((k) => k.startsWith('engineer:'))).toHaveLength(10);
    const after = await t.store.pull('c-pager', { role: 'dispatcher', engineerId: null }, cursor, 0, 25, Date.now());
    expect(after).toMatchObject({ kind: 'changes', changes: [], more: false, cursor });
  });

  it('answers a cursor older than the retention, or from another database, with a reset', async () => {
    t = await TestServer.start();
    const a = await t.connect({ userId: 'dispatcher-1', clientId: 'c-old' });
    const first = await t.store.pull('c-old', { role: 'dispatcher', engineerId: null }, null, 0, 5000, Date.now());
    const order = await openOrder(t);
    await request(a, 'push', {
      mutations: [{ id: 1, name: 'addNote', args: { orderId: order.id, text: 'x' }, createdAt: Date.now() }],
    });
    expect(await t.store.pruneChanges(Date.now() + 1000)).toBeGreaterThan(0);
    expect(
      (await t.store.pull('c-old', { role: 'dispatcher', engineerId: null }, first.cursor, 0, 5000, Date.now())).kind,
    ).toBe('reset');
    expect(
      (await t.store.pull('c-old', { role: 'dispatcher', engineerId: null }, 'db-elsewhere:c:5', 0, 5000, Date.now()))
        .kind,
    ).toBe('reset');
  });
});

describe('bad input', () => {
  it('answers malformed, oversized and unknown messages with typed errors and keeps serving', async () => {
    t = await TestServer.start();
    const a = await t.connect({ userId: 'dispatcher-1' });
    expect(await request(a, 'push', { mutations: 'lots' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^push: mutations:/) },
    });
    expect(await request(a, 'pull', null)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const huge = {
      mutations: [{ id: 1, name: 'addNote', args: { orderId: 'x', text: 'y'.repeat(1_200_000) }, createdAt: 1 }],
    };
    expect(await request(a, 'push', huge)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    // Measured in UTF-8 bytes: 600,000 Chinese characters are about 1.8 MB on the wire.
    const chinese = {
      mutations: [{ id: 1, name: 'addNote', args: { orderId: 'x', text: '修'.repeat(600_000) }, createdAt: 1 }],
    };
    expect(await request(a, 'push', chinese)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const problem = next(a, 'problem');
    (a as unknown as { emit(e: string, p: unknown): void }).emit('deleteEverything', {});
    expect(await problem).toEqual({
      code: 'unknown_event',
      message: 'the server does not know the event "deleteEverything"',
    });
    const noAck = next(a, 'problem');
    (a as unknown as { emit(e: string, p: unknown): void }).emit('pull', { cursor: null, resultsAfter: 0 });
    expect(await noAck).toMatchObject({ code: 'bad_request' });
    expect(await request(a, 'pull', { cursor: 'garbage', resultsAfter: 0 })).toMatchObject({
      ok: true,
      value: { kind: 'reset' },
    });
  });

  it('checks the token expiry on every message, not only at connect', async () => {
    t = await TestServer.start();
    const a = await t.connect({ token: await t.token('dispatcher-1', 60) });
    expect((await request(a, 'pull', { cursor: null, resultsAfter: 0 })).ok).toBe(true);
    t.clock.now += 61_000;
    const problem = next(a, 'problem');
    const disconnected = new Promise((r) => a.once('disconnect', r));
    a.emit('pull', { cursor: null, resultsAfter: 0 }, () => undefined);
    expect(await problem).toEqual({ code: 'token_expired', message: 'your sign-in has expired; sign in again' });
    await disconnected;
  });
});

describe('rate limits', () => {
  it('slow a client that keeps sending refused work to a trickle, tell it when to come back, and leave others alone', async () => {
    t = await TestServer.start();
    const viewer = await t.connect({ userId: 'viewer', clientId: 'c-flood' });
    const desk = await t.connect({ userId: 'dispatcher-1', clientId: 'c-desk' });
    const order = await openOrder(t);
    let id = 0;
    const flood = () =>
      request<PushResult>(viewer, 'push', {
        mutations: Array.from({ length: 500 }, () => ({
          id: ++id,
          name: 'addNote',
          args: { orderId: order.id, text: 'x'.repeat(1_900) },
          createdAt: t.clock.now,
        })),
      });
    const first = await flood();
    expect(first.ok && first.value.results.every((r) => r.status === 'rejected')).toBe(true);
    // 500 refused mutations spent the connection's burst: the next push is turned away before any work is done.
    const second = await flood();
    expect(second).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const retryAfterMs = (second.ok ? 0 : second.error.details?.retryAfterMs) as number;
    expect(retryAfterMs).toBeGreaterThan(0);
    // The 500 refusals are counted, an entry per turn the push took at the store (PUSH_SLICE mutations each), not a row
    // each; the second push left no trace but its answer.
    const audited = (await t.store.audit(100_000)).filter((a) => a.clientId === 'c-flood');
    expect(audited.map((a) => a.args)).toEqual(
      Array.from({ length: 500 / PUSH_SLICE }, () => ({ refused: PUSH_SLICE })),
    );
    // Another user's console is served as usual meanwhile.
    const pulled = await request<PullResult>(desk, 'pull', { cursor: null, resultsAfter: 0 });
    expect(pulled.ok).toBe(true);
    // After the time it was given the sender may go on; the ids it was turned away with are still to be settled.
    t.clock.now += retryAfterMs;
    id -= 500;
    const third = await flood();
    expect(third.ok && third.value.lastMutationId, JSON.stringify(third).slice(0, 300)).toBe(1_000);
  });

  it('never slow a console that sends much good work', async () => {
    t = await TestServer.start();
    const desk = await t.connect({ userId: 'dispatcher-1' });
    const order = await openOrder(t);
    // Five thousand notes in pushes of 200, as a console drains an outbox after a day offline, in one instant.
    for (let push = 0; push < 25; push++) {
      const reply = await request<PushResult>(desk, 'push', {
        mutations: Array.from({ length: 200 }, (_, i) => ({
          id: push * 200 + i + 1,
          name: 'addNote',
          args: { orderId: order.id, text: `note ${push}/${i}` },
          createdAt: t.clock.now,
        })),
      });
      expect(reply.ok && reply.value.lastMutationId).toBe((push + 1) * 200);
    }
  }, 60_000);
});
