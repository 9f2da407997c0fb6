import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../shared/scenario/index.js';
import { MAX_ACTED_AGE_MS, PullResult, type MutationEnvelope, type Principal } from '../../../shared/sync/index.js';
import { demoUsers } from '../auth/users.js';
import { readsContract } from './store-reads-suite.js';
import type { SyncStore } from './types.js';
import { testDispatcher as dispatcher } from './principals.testing.js';

const dispatcher2: Principal = { ...dispatcher, id: 'dispatcher-2', name: 'Li Na' };

/**
 * The behaviour every store must have, whatever database is behind it. `open` gives a fresh, empty store; each test
 * closes what it opened.
 */
export function storeContract(name: string, open: () => Promise<SyncStore>): void {
  const city = generateScenario({ seed: 12, engineers: 12, orders: 50 });
  async function seeded(): Promise<SyncStore> {
    const store = await open();
    expect(await store.isEmpty()).toBe(true);
    await store.seed(city, demoUsers(city.engineers));
    return store;
  }
  const openOrder = city.orders.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)!;
  const note = (id: number, text = `note ${id}`): MutationEnvelope => ({
    id,
    name: 'addNote',
    args: { orderId: openOrder.id, text },
    createdAt: 1,
  });
  const now = () => city.meta.dayStart + 9 * 3_600_000;
  readsContract(name, seeded, city, now);

  describe(`${name} store`, () => {
    it('holds the seeded city and its users', async () => {
      const store = await seeded();
      try {
        expect(await store.isEmpty()).toBe(false);
        expect(await store.order(openOrder.id)).toEqual(openOrder);
        expect((await store.engineers()).map((e) => e.id)).toEqual(city.engineers.map((e) => e.id).sort());
        expect(await store.user('supervisor')).toMatchObject({ role: 'supervisor', disabled: false });
        expect(await store.user(`dev-${city.engineers[0]!.id}`)).toMatchObject({
          role: 'device',
          engineerId: city.engineers[0]!.id,
        });
        expect((await store.epoch()).length).toBeGreaterThan(3);
      } finally {
        await store.close();
      }
    });

    it("keeps tracking links by their token's hash, one order each, and records a customer's survey once", async () => {
      const store = await seeded();
      try {
        const done = city.orders.find((o) => o.status === 'completed') ?? null;
        await store.addTrackingLink({
          tokenHash: 'a'.repeat(64),
          orderId: openOrder.id,
          issuedAt: 5,
          issuedBy: 'dispatcher-1',
        });
        expect(await store.trackingLink('a'.repeat(64))).toEqual({
          tokenHash: 'a'.repeat(64),
          orderId: openOrder.id,
          issuedAt: 5,
          issuedBy: 'dispatcher-1',
        });
        expect(await store.trackingLink('b'.repeat(64))).toBeNull();
        await expect(
          store.addTrackingLink({ tokenHash: 'a'.repeat(64), orderId: 'other', issuedAt: 6, issuedBy: 'x' }),
        ).rejects.toThrow();
        if (done) {
          const customer: Principal = {
            kind: 'system',
            id: 'customer',
            name: 'Customer',
            role: 'supervisor',
            engineerId: null,
          };
          const answer = (satisfaction: number): MutationEnvelope => ({
            id: 1,
            name: 'recordSurvey',
            args: { orderId: done.id, answers: { satisfaction, recommend: 9, comment: '' } },
            createdAt: 1,
          });
          await store.bindClient(`survey:${done.id}`, 'customer', now());
          expect((await store.applyPush(`survey:${done.id}`, customer, [answer(5)], now)).results[0]!.status).toBe(
            'applied',
          );
          expect((await store.applyPush(`survey:${done.id}`, customer, [answer(1)], now)).results[0]!.status).toBe(
            'duplicate',
          );
          const surveys = (await store.eventsFor(done.id)).filter((e) => e.kind === 'survey_answered');
          expect(surveys.map((e) => e.data.satisfaction)).toEqual([5]);
        }
      } finally {
        await store.close();
      }
    });

    it('lists an order’s events in the order they were applied, also where they share a time', async () => {
      const store = await seeded();
      try {
        await store.bindClient('c-1', 'dispatcher-1', now());
        // Twelve notes acted on in the same millisecond (one device's burst, or work offline so long ago that its
        // times are all held at the oldest the server believes): mutation 10 comes after 9, not after 1.
        const burst = Array.from({ length: 12 }, (_, i) => ({ ...note(i + 1), createdAt: now() - 60_000 }));
        await store.applyPush('c-1', dispatcher, burst, now);
        const notes = (await store.eventsFor(openOrder.id)).filter((e) => e.kind === 'note_added');
        expect(notes.map((e) => e.data.text)).toEqual(burst.map((m) => (m.args as { text: string }).text));
        expect(new Set(notes.map((e) => e.at)).size).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('binds a console to the user who first used it', async () => {
      const store = await seeded();
      try {
        expect(await store.bindClient('c-1', 'dispatcher-1', now())).toEqual({ lastMutationId: 0 });
        expect(await store.bindClient('c-1', 'dispatcher-1', now())).toEqual({ lastMutationId: 0 });
        expect(await store.bindClient('c-1', 'dispatcher-2', now())).toBeNull();
      } finally {
        await store.close();
      }
    });

    it('applies each mutation exactly once, stops at a gap, keeps rejections, audits everything', async () => {
      const store = await seeded();
      try {
        await store.bindClient('c-1', 'dispatcher-1', now());
        const first = await store.applyPush('c-1', dispatcher, [note(1), note(2)], now);
        expect(first.results).toEqual([
          { id: 1, status: 'applied' },
          { id: 2, status: 'applied' },
        ]);
        const again = await store.applyPush('c-1', dispatcher, [note(1), note(2), note(3)], now);
        expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied']);
        const gap = await store.applyPush('c-1', dispatcher, [note(5)], now);
        expect(gap).toMatchObject({ results: [], lastMutationId: 3, expected: 4 });
        const bad: MutationEnvelope = {
          id: 4,
          name: 'unassignOrder',
          args: { orderId: openOrder.id, base: { version: openOrder.version, rev: openOrder.rev } },
          createdAt: 1,
        };
        const rejected = await store.applyPush('c-1', dispatcher, [bad], now);
        expect(rejected).toMatchObject({
          lastMutationId: 4,
          results: [
            {
              id: 4,
              status: 'rejected',
              code: 'illegal_transition',
              say: [{ id: 'orderNotBooked', args: { order: openOrder.code } }],
            },
          ],
        });
        expect((await store.eventsFor(openOrder.id)).filter((e) => e.kind === 'note_added')).toHaveLength(3);
        const audit = await store.audit(10);
        expect(audit.map((a) => [a.mutationId, a.outcome])).toEqual([
          [4, 'rejected'],
          [3, 'applied'],
          [2, 'applied'],
          [1, 'applied'],
        ]);
        const pulled = await store.pull('c-1', dispatcher, null, 0, 5000, now());
        // The refusal as data travels with the kept rejection, so a console that lost the push's answer still words
        // it in its own language.
        expect(pulled.rejections).toEqual([
          expect.objectContaining({
            mutationId: 4,
            code: 'illegal_transition',
            say: [{ id: 'orderNotBooked', args: { order: openOrder.code } }],
          }),
        ]);
        expect(PullResult.parse(pulled).rejections[0]?.say).toEqual([
          { id: 'orderNotBooked', args: { order: openOrder.code } },
        ]);
        expect(pulled.lastMutationId).toBe(4);
      } finally {
        await store.close();
      }
    });

    it('counts refusals the sender could foresee instead of keeping each with its arguments, and keeps a bounded tail of rejections', async () => {
      const store = await seeded();
      const viewer: Principal = { kind: 'user', id: 'viewer', name: 'Wall display', role: 'viewer', engineerId: null };
      try {
        await store.bindClient('c-wall', 'viewer', now());
        const big = 'x'.repeat(1_900);
        let id = 0;
        for (let push = 0; push < 3; push++) {
          const out = await store.applyPush(
            'c-wall',
            viewer,
            Array.from({ length: 500 }, () => note(++id, big)),
            now,
          );
          expect(out.results.every((r) => r.status === 'rejected' && r.code === 'forbidden')).toBe(true);
        }
        // One audit entry a push, carrying how many were refused, not 1,500 entries of 1,900 characters each.
        const audit = (await store.audit(10_000)).filter((a) => a.clientId === 'c-wall');
        expect(audit.map((a) => [a.mutationId, a.outcome, a.code, a.args])).toEqual([
          [1001, 'rejected', 'forbidden', { refused: 500 }],
          [501, 'rejected', 'forbidden', { refused: 500 }],
          [1, 'rejected', 'forbidden', { refused: 500 }],
        ]);
        // The console still learns the fate of its recent mutations; older ones beyond the tail are let go.
        const pulled = await store.pull('c-wall', viewer, null, 0, 5000, now());
        expect(pulled.lastMutationId).toBe(1_500);
        expect(pulled.rejections.map((r) => r.mutationId)).toEqual(Array.from({ length: 1_000 }, (_, i) => 501 + i));
        // A refusal the sender could not foresee (someone else changed the order first) is kept with its arguments.
        await store.bindClient('c-1', 'dispatcher-1', now());
        const stale: MutationEnvelope = {
          id: 1,
          name: 'unassignOrder',
          args: { orderId: openOrder.id, base: { version: openOrder.version, rev: openOrder.rev } },
          createdAt: 1,
        };
        await store.applyPush('c-1', dispatcher, [stale], now);
        const [last] = await store.audit(1);
        expect(last).toMatchObject({ clientId: 'c-1', outcome: 'rejected', args: stale.args });
      } finally {
        await store.close();
      }
    }, 60_000);

    it('records a change the console withdrew as rejected with its reason, once, and goes on with the next', async () => {
      const store = await seeded();
      try {
        await store.bindClient('c-1', 'dispatcher-1', now());
        const message = 'this change is too large to send: 1,201 kB, and the server takes at most 1,000 kB';
        const withdrawn: MutationEnvelope = {
          id: 1,
          name: 'withdrawMutation',
          args: { name: 'addNote', reason: 'too_large', message },
          createdAt: 1,
        };
        const first = await store.applyPush('c-1', dispatcher, [withdrawn, note(2)], now);
        expect(first.results).toEqual([
          { id: 1, status: 'rejected', code: 'too_large', message },
          { id: 2, status: 'applied' },
        ]);
        expect((await store.applyPush('c-1', dispatcher, [withdrawn], now)).results).toEqual([
          { id: 1, status: 'duplicate' },
        ]);
        const pulled = await store.pull('c-1', dispatcher, null, 0, 5000, now());
        expect(pulled.rejections).toEqual([expect.objectContaining({ mutationId: 1, code: 'too_large', message })]);
        const audit = (await store.audit(10)).map((a) => [a.mutationId, a.outcome, a.code]);
        expect(audit).toEqual([
          [2, 'applied', null],
          [1, 'rejected', 'too_large'],
        ]);
      } finally {
        await store.close();
      }
    });

    it('stamps work with when the user acted, never later than the server clock nor older than a week', async () => {
      const store = await seeded();
      try {
        await store.bindClient('c-1', 'dispatcher-1', now());
        const hour = 3_600_000;
        const create = (id: number, code: string, createdAt: number): MutationEnvelope => ({
          id,
          name: 'createOrder',
          args: {
            order: {
              ...openOrder,
              id: `o-offline-${id}`,
              code,
              parentOrderId: null,
              preferredEngineerIds: [],
              excludedEngineerIds: [],
            },
          },
          createdAt,
        });
        const pushed = await store.applyPush(
          'c-1',
          dispatcher,
          [create(1, 'CALL-1', now() - 2 * hour), create(2, 'CALL-2', now() + hour), create(3, 'CALL-3', 1)],
          now,
        );
        expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
        // Logged during an outage two hours ago: its clocks started when the customer called.
        const logged = (await store.order('o-offline-1'))!;
        expect(logged.createdAt).toBe(now() - 2 * hour);
        expect(logged.sla.respondBy - logged.createdAt).toBe(openOrder.sla.respondBy - openOrder.createdAt);
        expect((await store.eventsFor('o-offline-1'))[0]).toMatchObject({ kind: 'created', at: now() - 2 * hour });
        // A console whose clock runs fast cannot push deadlines out; one that is far behind is held to a week.
        expect((await store.order('o-offline-2'))!.createdAt).toBe(now());
        expect((await store.order('o-offline-3'))!.createdAt).toBe(now() - MAX_ACTED_AGE_MS);
      } finally {
        await store.close();
      }
    });

    it('lets exactly one of two racing dispatchers win an order, the other gets a readable rejection', async () => {
      const store = await seeded();
      try {
        await store.bindClient('c-a', 'dispatcher-1', now());
        await store.bindClient('c-b', 'dispatcher-2', now());
        const base = { version: openOrder.version, rev: openOrder.rev };
        const assign = (engineerId: string): MutationEnvelope => ({
          id: 1,
          name: 'assignOrder',
          args: { orderId: openOrder.id, base, engineerId, start: now() + 3_600_000 - (now() % 60_000) },
          createdAt: 1,
        });
        const [a, b] = await Promise.all([
          store.applyPush('c-a', dispatcher, [assign(city.engineers[0]!.id)], now),
          store.applyPush('c-b', dispatcher2, [assign(city.engineers[1]!.id)], now),
        ]);
        const statuses = [a.results[0]!.status, b.results[0]!.status].sort();
        expect(statuses).toEqual(['applied', 'rejected']);
        const loser = [a, b].find((x) => x.results[0]!.status === 'rejected')!.results[0]!;
        expect(loser).toMatchObject({ code: 'stale', message: expect.stringContaining('was changed by someone else') });
        const winner = a.results[0]!.status === 'applied' ? city.engineers[0]! : city.engineers[1]!;
        expect((await store.order(openOrder.id))?.booking?.engineerId).toBe(winner.id);
      } finally {
        await store.close();
      }
    });

    it("adds a supervisor's new engineer through the generic mutator path, and refuses a dispatcher", async () => {
      const store = await seeded();
      try {
        const supervisor: Principal = { ...dispatcher, id: 'supervisor', name: 'Chen Jie', role: 'supervisor' };
        await store.bindClient('c-s', 'supervisor', now());
        await store.bindClient('c-1', 'dispatcher-1', now());
        const engineer = {
          id: 'eng-new-1',
          name: 'Wang Lei',
          team: city.engineers[0]!.team,
          skills: [{ skill: 'hvac', level: 3 }],
          homeBase: { lat: 31.2, lon: 121.5 },
        };
        const add = (id: number): MutationEnvelope => ({
          id,
          name: 'createEngineer',
          args: { engineer },
          createdAt: 1,
        });
        const refused = await store.applyPush('c-1', dispatcher, [add(1)], now);
        expect(refused.results).toEqual([expect.objectContaining({ status: 'rejected', code: 'forbidden' })]);
        expect(await store.engineer('eng-new-1')).toBeNull();
        const added = await store.applyPush('c-s', supervisor, [add(1)], now);
        expect(added.results).toEqual([{ id: 1, status: 'applied' }]);
        expect(await store.engineer('eng-new-1')).toMatchObject({ ...engineer, state: 'off', version: 1 });
        expect((await store.engineers()).map((e) => e.id)).toContain('eng-new-1');
        const pulled = await store.pull('c-1', dispatcher, null, 0, 5000, now());
        expect(pulled.changes.some((c) => c.entity === 'engineer' && c.value.id === 'eng-new-1')).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('pages a reset snapshot, then serves only what changed, and resets a cursor past retention', async () => {
      const store = await seeded();
      try {
        await store.bindClient('c-1', 'dispatcher-1', now());
        const seen = new Set<string>();
        let cursor: string | null = null;
        let pages = 0;
        for (;;) {
          const page = await store.pull('c-1', dispatcher, cursor, 0, 20, now());
          expect(page.kind).toBe(pages === 0 ? 'reset' : 'changes');
          pages += 1;
          for (const c of page.changes) seen.add(`${c.entity}:${c.value.id}`);
          cursor = page.cursor;
          if (!page.more) break;
        }
        expect(pages).toBeGreaterThan(2);
        expect([...seen].filter((k) => k.startsWith('order:'))).toHaveLength(50);
        expect([...seen].filter((k) => k.startsWith('policy:'))).toHaveLength(1);
        await store.applyPush('c-1', dispatcher, [note(1)], now);
        const delta = await store.pull('c-1', dispatcher, cursor, 0, 20, now());
        expect(delta.kind).toBe('changes');
        expect(delta.changes.map((c) => c.entity)).toEqual(['event']);
        expect((await store.pull('c-1', dispatcher, delta.cursor, 0, 20, now())).changes).toEqual([]);
        expect((await store.pull('c-1', dispatcher, 'someone-else:c:1', 0, 20, now())).kind).toBe('reset');
        await store.pruneChanges(Date.now() + 60_000);
        expect((await store.pull('c-1', dispatcher, cursor, 0, 20, now())).kind).toBe('reset');
      } finally {
        await store.close();
      }
    });

    it('keeps a dismissal of an SLA alert per user: once per user and alert, whatever the console', async () => {
      const store = await seeded();
      try {
        const late = () => openOrder.sla.respondBy + 60_000;
        const alertId = `sla:${openOrder.id}:escalated:respond`;
        const raise: MutationEnvelope = {
          id: 1,
          name: 'raiseSlaAlert',
          args: {
            orderId: openOrder.id,
            kind: 'escalated',
            deadline: 'respond',
            dueAt: openOrder.sla.respondBy,
            detectedAt: late(),
          },
          createdAt: late(),
        };
        const ack = (id: number): MutationEnvelope => ({
          id,
          name: 'acknowledgeSlaAlerts',
          args: { alerts: [{ orderId: openOrder.id, deadline: 'respond' }] },
          createdAt: late(),
        });
        for (const c of ['c-1', 'c-2', 'c-3'])
          await store.bindClient(c, c === 'c-3' ? 'dispatcher-2' : 'dispatcher-1', late());
        expect((await store.applyPush('c-1', dispatcher, [raise, ack(2)], late)).results.map((r) => r.status)).toEqual([
          'applied',
          'applied',
        ]);
        // The same user on another console: nothing more; another user: their own.
        await store.applyPush('c-2', dispatcher, [ack(1)], late);
        await store.applyPush('c-3', dispatcher2, [ack(1)], late);
        const acks = (await store.eventsFor(openOrder.id)).filter((e) => e.kind === 'alert_acknowledged');
        expect(acks.map((e) => [e.id, e.actor.id])).toEqual([
          [`${alertId}:ack:dispatcher-1`, 'dispatcher-1'],
          [`${alertId}:ack:dispatcher-2`, 'dispatcher-2'],
        ]);
        // A pull carries them to every console of the user.
        const pulled = await store.pull('c-2', dispatcher, null, 0, 10_000, late());
        expect(
          pulled.changes.filter((c) => c.entity === 'event' && c.value.kind === 'alert_acknowledged'),
        ).toHaveLength(2);
        // An alert nobody raised has nothing to acknowledge; a malformed dismissal is refused with its reason.
        const other = city.orders.find((o) => o.id !== openOrder.id)!;
        await store.applyPush(
          'c-1',
          dispatcher,
          [{ ...ack(3), args: { alerts: [{ orderId: other.id, deadline: 'resolve' }] } }],
          late,
        );
        expect((await store.eventsFor(other.id)).filter((e) => e.kind === 'alert_acknowledged')).toEqual([]);
        const bad = await store.applyPush('c-1', dispatcher, [{ ...ack(4), args: { alerts: [] } }], late);
        expect(bad.results).toEqual([expect.objectContaining({ status: 'rejected', code: 'bad_args' })]);
      } finally {
        await store.close();
      }
    });

    it('keeps the latest position per engineer and a breadcrumb trail', async () => {
      const store = await seeded();
      try {
        const e = city.engineers[0]!.id;
        const p = (at: number, lat: number) => ({ engineerId: e, lat, lon: 121.4, heading: 10, speed: 5, at });
        await store.savePositions([p(2000, 31.2)], [p(1000, 31.1), p(2000, 31.2)]);
        await store.savePositions([p(1500, 31.15)], []);
        expect(await store.latestPositions()).toEqual([p(2000, 31.2)]);
        expect((await store.breadcrumbs(e, 0, 10_000, 100)).map((x) => x.at)).toEqual([1000, 2000]);
        expect(await store.breadcrumbs(e, 1500, 10_000, 100)).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });
}
