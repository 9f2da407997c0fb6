import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResult, PushResult, Reply, Role } from '../../shared/sync/index.js';
import { CLIENT_EVENTS, MAX_CLIENT_AHEAD_MS, MUTATORS } from '../../shared/sync/index.js';
import { deviceUserId } from './auth/users.js';
import { FORESEEABLE_REFUSALS } from './store/refusals.js';
import { TestServer, request, type ClientSocket } from './test-server.testing.js';

/**
 * Every socket event (CLIENT_EVENTS and made-up ones) from every role, with random shapes, sizes and times: 25 runs a
 * role of up to 12 messages each (about 1,200 messages). Rate limits are lifted so that every message reaches its
 * handler (they have tests of their own in app.test.ts).
 */
const RUNS_PER_ROLE = 25;

let t: TestServer;
let good: ClientSocket;
let goodId = 0;
let ownEngineer: string;
let otherEngineer: string;

beforeAll(async () => {
  t = await TestServer.start({
    rateLimits: { connection: { perSecond: 1e6, burst: 1e9 }, user: { perSecond: 1e6, burst: 1e9 } },
  });
  good = await t.connect({ userId: 'dispatcher-1', clientId: 'c-good' });
  // The device belongs to an engineer with booked work, so some of what it sends is allowed and applied.
  ownEngineer = t.city.orders.find((o) => o.booking)!.booking!.engineerId;
  otherEngineer = t.city.engineers.find((e) => e.id !== ownEngineer)!.id;
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

/** Times from the distant past to the year 2200, around now, and things that are not times. */
const time = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map((d) => t.clock.now + d * 1_000) },
    { weight: 2, arbitrary: fc.constantFrom(0, 7_258_118_400_000, Number.MAX_SAFE_INTEGER) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );

/** Texts from empty to several kilobytes, Chinese (three bytes a character) among them; now and then over 1 MB. */
const text = fc.oneof(
  { weight: 20, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 5, arbitrary: fc.nat({ max: 5_000 }).map((n) => '调度'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(1_100_000)) },
);

/** An id from the city (this device's engineer and another, their orders) or made up. */
const id = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(ownEngineer, otherEngineer),
    fc.constantFrom(...t.city.orders.slice(0, 20).map((o) => o.id)),
    fc.string({ maxLength: 12 }),
  );

/** Arguments shaped like a mutation's, with fields taken from the city, or anything at all. */
const args = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    json,
    fc.record(
      {
        orderId: id(),
        engineerId: id(),
        text,
        status: fc.constantFrom('new', 'scheduled', 'dispatched', 'en_route', 'on_site', 'completed', 'cancelled'),
        state: fc.constantFrom('off', 'available', 'en_route', 'on_site', 'lunch'),
        start: time(),
        detectedAt: time(),
        dueAt: time(),
        baseVersion: fc.integer({ min: -1, max: 5 }),
        reason: text,
      },
      { requiredKeys: [] },
    ),
  );

/** Mutations the city makes plausible: notes, engineer states and order statuses on real ids, any role sending. */
const plausible = () =>
  fc.oneof(
    fc.record({ name: fc.constant('addNote'), args: fc.record({ orderId: id(), text }) }),
    fc.record({
      name: fc.constant('setEngineerState'),
      args: fc.record({ engineerId: id(), state: fc.constantFrom('off', 'available', 'en_route', 'on_site') }),
    }),
    fc.record({
      name: fc.constant('setOrderStatus'),
      args: fc.record({
        orderId: id(),
        status: fc.constantFrom('dispatched', 'en_route', 'on_site', 'completed', 'on_hold', 'cancelled'),
      }),
    }),
  );

const mutation = () =>
  fc.oneof(
    // A well-formed envelope, weighed on its merits by the mutator.
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.oneof(plausible(), fc.record({ name: fc.constantFrom(...MUTATORS.keys()), args: args() })),
          fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -600, max: 60 }) }, fc.integer({ min: -1e6, max: 1e6 })),
        )
        .map(([m, minutes]) => ({ id: 'next' as const, ...m, createdAt: t.clock.now + minutes * 60_000 })),
    },
    // Anything in any field.
    fc.record({
      /** `next`: the id the server expects, so the mutation is weighed rather than stopped at a gap. */
      id: fc.oneof(
        { weight: 4, arbitrary: fc.constant('next' as const) },
        fc.integer({ min: -5, max: 1e6 }),
        fc.string(),
      ),
      name: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...MUTATORS.keys()) }, fc.string({ maxLength: 70 })),
      args: args(),
      createdAt: time(),
    }),
  );

type Message = { event: string; payload: unknown };

const message = (): fc.Arbitrary<Message> =>
  fc.oneof(
    fc.record({
      event: fc.constant('push'),
      payload: fc.oneof(
        { weight: 1, arbitrary: json },
        { weight: 4, arbitrary: fc.record({ mutations: fc.array(mutation(), { maxLength: 8 }) }) },
      ),
    }),
    fc.record({
      event: fc.constant('pull'),
      payload: fc.oneof(
        json,
        fc.record({ cursor: fc.oneof(fc.constant(null), fc.string({ maxLength: 300 })), resultsAfter: fc.integer() }),
      ),
    }),
    fc.record({
      event: fc.constant('watch'),
      payload: fc.oneof(
        json,
        fc.record({ teams: fc.oneof(fc.constant('all'), fc.array(fc.string({ maxLength: 10 }), { maxLength: 600 })) }),
      ),
    }),
    fc.record({
      event: fc.constant('position'),
      payload: fc.oneof(
        json,
        fc.record({
          lat: fc.double({ min: -100, max: 100, noNaN: true }),
          lon: fc.double({ min: -200, max: 200, noNaN: true }),
          heading: fc.integer({ min: -10, max: 400 }),
          speed: fc.integer({ min: -1, max: 120 }),
          at: time(),
        }),
      ),
    }),
    fc.record({
      event: fc.constant('breadcrumbs'),
      payload: fc.oneof(
        json,
        fc.record({ engineerId: id(), from: time(), to: time() }),
        fc.record({ engineerId: id(), hours: fc.integer({ min: 1, max: 100 }) }).map(({ engineerId, hours }) => ({
          engineerId,
          from: t.clock.now - hours * 3_600_000,
          to: t.clock.now,
        })),
      ),
    }),
    fc.record({
      event: fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((e) => !['connect', 'disconnect', 'connect_error', 'disconnecting', 'newListener'].includes(e)),
      payload: json,
    }),
  );

const SENDERS: Record<Role, () => string> = {
  viewer: () => 'viewer',
  dispatcher: () => 'dispatcher-2',
  supervisor: () => 'supervisor',
  device: () => deviceUserId(ownEngineer),
};

/** What one role's fuzzing saw: each push's mutations by id, each answer. */
interface Seen {
  sent: Map<number, { name: string; args: unknown }>;
  pushes: Array<Reply<PushResult>>;
  answers: Array<{ event: string; payload: unknown; reply: unknown }>;
  unanswered: string[];
}

async function fuzz(role: Role, clientId: string): Promise<Seen> {
  const socket = await t.connect({ userId: SENDERS[role](), clientId });
  const emit = socket as unknown as {
    timeout(ms: number): { emit(e: string, p: unknown, ack: (err: Error | null, r: unknown) => void): void };
    emit(e: string, p: unknown): void;
  };
  const seen: Seen = { sent: new Map(), pushes: [], answers: [], unanswered: [] };
  /** The id the server expects next, as its last answer said. */
  let serverNext = 1;
  const order = t.city.orders.find((o) => o.status === 'new')!;
  await fc.assert(
    fc.asyncProperty(fc.array(message(), { minLength: 1, maxLength: 12 }), async (messages) => {
      const waits: Array<Promise<void>> = [];
      let nextId = serverNext;
      for (const m of messages) {
        let payload = m.payload;
        if (m.event === 'push' && payload && typeof payload === 'object' && 'mutations' in payload) {
          const ms = (payload as { mutations: Array<{ id: unknown; name: string; args: unknown }> }).mutations;
          payload = {
            mutations: ms.map((x) => {
              const mid = x.id === 'next' ? nextId++ : x.id;
              if (typeof mid === 'number') seen.sent.set(mid, { name: x.name, args: x.args });
              return { ...x, id: mid };
            }),
          };
        }
        if (!(CLIENT_EVENTS as readonly string[]).includes(m.event)) {
          // Unknown events have no handler to answer them; the server says so with a `problem`.
          emit.emit(m.event, payload);
          continue;
        }
        waits.push(
          new Promise((resolve) =>
            emit.timeout(20_000).emit(m.event, payload, (err, reply) => {
              if (err) seen.unanswered.push(m.event);
              else seen.answers.push({ event: m.event, payload, reply });
              if (m.event === 'push' && !err) {
                const r = reply as Reply<PushResult>;
                seen.pushes.push(r);
                if (r.ok) serverNext = r.value.expected ?? r.value.lastMutationId + 1;
              }
              resolve();
            }),
          ),
        );
      }
      await Promise.all(waits);
      // The server is up and serves a well-behaved console exactly as before.
      goodId += 1;
      const pushed = await request<PushResult>(good, 'push', {
        mutations: [
          { id: goodId, name: 'addNote', args: { orderId: order.id, text: `ok ${goodId}` }, createdAt: t.clock.now },
        ],
      });
      expect(pushed).toEqual({
        ok: true,
        value: { results: [{ id: goodId, status: 'applied' }], lastMutationId: goodId },
      });
      const pulled = await request<PullResult>(good, 'pull', { cursor: null, resultsAfter: 0 });
      expect(pulled.ok).toBe(true);
    }),
    { numRuns: RUNS_PER_ROLE, seed: 13 + ['viewer', 'dispatcher', 'supervisor', 'device'].indexOf(role) },
  );
  socket.disconnect();
  return seen;
}

function isReply(r: unknown): r is Reply<unknown> {
  if (!r || typeof r !== 'object' || !('ok' in r)) return false;
  if ((r as { ok: unknown }).ok === true) return 'value' in r;
  const error = (r as { error?: { code?: unknown; message?: unknown } }).error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

describe('fuzzing a live server with every event from every role', () => {
  for (const role of ['viewer', 'dispatcher', 'supervisor', 'device'] as const) {
    it(`stays up, applies only what a ${role} may do, and keeps the audit trail bounded`, async () => {
      const clientId = `c-fuzz-${role}`;
      const auditBefore = (await t.store.audit(1e9)).length;
      const seen = await fuzz(role, clientId);

      // Every request was answered, each with a well-formed reply: a typed error or a result.
      expect(seen.unanswered).toEqual([]);
      expect(seen.answers.filter((a) => !isReply(a.reply))).toEqual([]);
      expect(seen.answers.length).toBeGreaterThan(RUNS_PER_ROLE);

      const ok = (event: string) => seen.answers.filter((a) => a.event === event && (a.reply as Reply<unknown>).ok);
      // Only an engineer's device reports positions, and only its own engineer's position is kept.
      if (role !== 'device') expect(ok('position')).toEqual([]);
      expect(t.server.positions.snapshot().filter((p) => p.engineerId !== ownEngineer)).toEqual([]);
      for (const p of t.server.positions.snapshot())
        expect(p.at).toBeLessThanOrEqual(t.clock.now + MAX_CLIENT_AHEAD_MS);
      // A device watches no team and reads its own engineer's trail only.
      if (role === 'device') {
        expect(ok('watch')).toEqual([]);
        expect(
          ok('breadcrumbs').filter((a) => (a.payload as { engineerId: string }).engineerId !== ownEngineer),
        ).toEqual([]);
      }

      const results = seen.pushes.flatMap((r) => (r.ok ? r.value.results : []));
      // The run reached every handler, and the mutators' role checks, with work each role may and may not do.
      expect(new Set(seen.answers.map((a) => a.event))).toEqual(new Set(CLIENT_EVENTS));
      expect(results.some((x) => x.status === 'rejected' && x.code === 'forbidden')).toBe(true);
      if (role !== 'viewer') expect(results.some((x) => x.status === 'applied')).toBe(true);
      expect(ok('breadcrumbs').length).toBeGreaterThan(0);
      // Nothing applied that the role may not do.
      const applied = seen.pushes.flatMap((r) => (r.ok ? r.value.results.filter((x) => x.status === 'applied') : []));
      for (const a of applied) {
        const m = seen.sent.get(a.id)!;
        expect(MUTATORS.get(m.name)?.roles, `${role} applied ${m.name}`).toContain(role);
        if (role === 'device') {
          const target = m.args as { orderId?: string; engineerId?: string };
          if (m.name === 'setEngineerState') expect(target.engineerId).toBe(ownEngineer);
          else {
            const now = await t.store.order(target.orderId!);
            expect(now?.booking?.engineerId, `${m.name} on ${target.orderId}`).toBe(ownEngineer);
          }
        }
      }
      if (role === 'viewer')
        expect(applied.filter((a) => seen.sent.get(a.id)!.name !== 'withdrawMutation')).toEqual([]);
      // No time from the future was written: every event of the orders touched is at or before the server's clock.
      for (const o of t.city.orders.slice(0, 20))
        for (const e of await t.store.eventsFor(o.id)) expect(e.at).toBeLessThanOrEqual(t.clock.now);

      // The audit trail grew by at most a row per mutation weighed on its merits (applied, or refused because the
      // world moved on) and a row per kind of foreseeable refusal in each push; those rows carry a count, no arguments.
      const audit = await t.store.audit(1e9);
      const mine = audit.filter((a) => a.clientId === clientId);
      let bound = 0;
      for (const r of seen.pushes) {
        if (!r.ok) continue;
        const kinds = new Set<string>();
        for (const x of r.value.results) {
          if (x.status === 'duplicate') continue;
          if (x.status === 'rejected' && FORESEEABLE_REFUSALS.has(x.code))
            kinds.add(`${seen.sent.get(x.id)?.name}/${x.code}`);
          else bound += 1;
        }
        bound += kinds.size;
      }
      expect(mine.length).toBeLessThanOrEqual(bound);
      // Besides them, only the well-behaved console's notes, one a run.
      expect(audit.length - auditBefore).toBeLessThanOrEqual(bound + RUNS_PER_ROLE);
      for (const a of mine)
        if (a.outcome === 'rejected' && FORESEEABLE_REFUSALS.has(a.code ?? ''))
          expect(a.args).toEqual({ refused: expect.any(Number) });

      const health = await fetch(`${t.server.url}/health`);
      expect(health.status).toBe(200);
    }, 120_000);
  }
});
