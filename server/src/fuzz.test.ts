import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResult, PushResult } from '../../shared/sync/index.js';
import { TestServer, request, type ClientSocket } from './test-server.testing.js';

let t: TestServer;
let attacker: ClientSocket;
let good: ClientSocket;
let goodId = 0;

beforeAll(async () => {
  t = await TestServer.start();
  attacker = await t.connect({ userId: 'dispatcher-2', clientId: 'c-fuzz' });
  good = await t.connect({ userId: 'dispatcher-1', clientId: 'c-good' });
});
afterAll(async () => t.close());

const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const mutationLike = fc.record({
  id: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.string()),
  name: fc.oneof(
    fc.constantFrom('assignOrder', 'addNote', 'applyPlan', 'createOrder', 'setOrderStatus', 'nope'),
    fc.string(),
  ),
  args: json,
  createdAt: fc.oneof(fc.integer(), fc.string()),
});

const message = fc.oneof(
  fc.record({
    event: fc.constantFrom('push'),
    payload: fc.oneof(json, fc.record({ mutations: fc.array(mutationLike, { maxLength: 5 }) })),
  }),
  fc.record({ event: fc.constantFrom('pull', 'watch', 'breadcrumbs', 'position'), payload: json }),
  fc.record({
    event: fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((e) => !['connect', 'disconnect', 'connect_error'].includes(e)),
    payload: json,
  }),
);

describe('fuzzing a live server', () => {
  it('answers random messages without crashing, while a well-behaved console keeps being served correctly', async () => {
    const order = t.city.orders.find((o) => o.status === 'new')!;
    let replies = 0;
    const malformed: unknown[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 20 }), async (messages) => {
        for (const m of messages) {
          (attacker as unknown as { emit(e: string, p: unknown, ack: (r: unknown) => void): void }).emit(
            m.event,
            m.payload,
            (reply: unknown) => {
              replies += 1;
              if (!(reply && typeof reply === 'object' && 'ok' in reply)) malformed.push(reply);
            },
          );
        }
        goodId += 1;
        const pushed = await request<PushResult>(good, 'push', {
          mutations: [
            { id: goodId, name: 'addNote', args: { orderId: order.id, text: `ok ${goodId}` }, createdAt: Date.now() },
          ],
        });
        expect(pushed).toEqual({
          ok: true,
          value: { results: [{ id: goodId, status: 'applied' }], lastMutationId: goodId },
        });
        const pulled = await request<PullResult>(good, 'pull', { cursor: null, resultsAfter: 0 });
        expect(pulled.ok).toBe(true);
      }),
      { numRuns: 60 },
    );
    // Every acknowledged reply was a well-formed Reply, typed error or result.
    expect(replies).toBeGreaterThan(0);
    expect(malformed).toEqual([]);
    const notes = (await t.store.eventsFor(order.id)).filter((e) => e.kind === 'note_added' && e.clientId === 'c-good');
    expect(notes).toHaveLength(goodId);
    const health = await fetch(`${t.server.url}/health`);
    expect(health.status).toBe(200);
  }, 60_000);
});
