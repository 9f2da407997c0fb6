import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../shared/scenario/index.js';
import { scenarioEvents } from '../../../shared/scenario/index.js';
import {
  DeviceView,
  RECENT_JOB_MS,
  type Change,
  type MutationEnvelope,
  type Reader,
} from '../../../shared/sync/index.js';
import type { WorkOrder } from '../../../shared/domain/index.js';
import type { SyncStore } from './types.js';
import { testDispatcher as dispatcher, testDevice as device } from './principals.testing.js';

/** Every page from `cursor` on, as a reader would pull them. */
async function pullAll(
  store: SyncStore,
  clientId: string,
  reader: Reader,
  now: number,
  cursor: string | null = null,
): Promise<{ changes: Change[]; cursor: string; pages: Array<{ kind: 'changes' | 'reset'; changes: Change[] }> }> {
  const pages: Array<{ kind: 'changes' | 'reset'; changes: Change[] }> = [];
  for (let i = 0; i < 1_000; i++) {
    const page = await store.pull(clientId, reader, cursor, 0, 7, now);
    pages.push(page);
    cursor = page.cursor;
    if (!page.more) return { changes: pages.flatMap((p) => p.changes), cursor, pages };
  }
  throw new Error('the pull never ended');
}

/** Pulls into a device's view and returns it, with the cursor to go on from. */
async function viewOf(
  store: SyncStore,
  clientId: string,
  reader: Reader,
  now: number,
  from?: DeviceView,
  cursor?: string,
) {
  const view = from ?? new DeviceView();
  const pulled = await pullAll(store, clientId, reader, now, cursor ?? null);
  for (const page of pulled.pages) view.apply(page);
  return { view, cursor: pulled.cursor, changes: pulled.changes };
}

/** What a device's view holds, comparable with toEqual. */
function shapeOf(view: DeviceView) {
  return {
    engineer: view.engineer,
    jobs: [...view.jobs.values()].sort((a, b) => a.id.localeCompare(b.id)),
    events: [...view.events.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** The customer's contact of an order: the strings a device may hold only while the job is its to do. */
const contactOf = (o: WorkOrder) => [o.customer.name, o.customer.phone, o.site.address];

/**
 * What each role reads (shared/sync/reads.ts), the same on every store: consoles everything, a device its engineer,
 * its jobs and their events, a customer's contact only while the job is its to do, and word when a job leaves it.
 */
export function readsContract(name: string, seeded: () => Promise<SyncStore>, city: Scenario, now: () => number): void {
  // eng-0003 has a dispatched and a scheduled order in this city, eng-0011 a scheduled and a dispatched one.
  const bookedTo = (engineerId: string, status: WorkOrder['status']) =>
    city.orders.find((o) => o.booking?.engineerId === engineerId && o.status === status)!;
  const a = 'eng-0003';
  const b = 'eng-0011';
  const openOrder = city.orders.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0)!;
  const env = (id: number, name: string, args: unknown): MutationEnvelope => ({ id, name, args, createdAt: now() });
  const base = (o: WorkOrder) => ({ version: o.version, rev: o.rev });

  describe(`${name} store: what each role reads`, () => {
    it('gives every console role the whole centre, with customers’ contacts', async () => {
      const store = await seeded();
      try {
        for (const [user, role] of [
          ['viewer', 'viewer'],
          ['dispatcher-1', 'dispatcher'],
          ['supervisor', 'supervisor'],
        ] as const) {
          await store.bindClient(`c-${user}`, user, now());
          const { changes } = await pullAll(store, `c-${user}`, { role, engineerId: null }, now());
          const orders = changes.flatMap((c) => (c.entity === 'order' ? [c.value] : []));
          expect(orders.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
            [...city.orders].sort((x, y) => x.id.localeCompare(y.id)),
          );
          expect(changes.filter((c) => c.entity === 'engineer')).toHaveLength(city.engineers.length);
          expect(changes.filter((c) => c.entity === 'policy')).toHaveLength(1);
          expect(changes.filter((c) => c.entity === 'event')).toHaveLength(scenarioEvents(city).length);
          expect(changes.some((c) => c.entity === 'job' || c.entity === 'removed')).toBe(false);
        }
      } finally {
        await store.close();
      }
    });

    it('gives a device its engineer, its jobs and their events only; a finished job without the contact, then none', async () => {
      const store = await seeded();
      try {
        const dispatched = bookedTo(a, 'dispatched');
        const scheduled = bookedTo(a, 'scheduled');
        await store.bindClient('c-a', `dev-${a}`, now());
        // The engineer finishes the dispatched job from the field.
        const done = await store.applyPush(
          'c-a',
          device(a),
          ['en_route', 'on_site', 'completed'].map((status, i) =>
            env(i + 1, 'setOrderStatus', { orderId: dispatched.id, status }),
          ),
          now,
        );
        expect(done.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

        const { changes } = await pullAll(store, 'c-a', device(a), now());
        expect(changes.every((c) => ['engineer', 'job', 'event'].includes(c.entity))).toBe(true);
        expect(changes.flatMap((c) => (c.entity === 'engineer' ? [c.value.id] : []))).toEqual([a]);
        const jobs = new Map(changes.flatMap((c) => (c.entity === 'job' ? [[c.value.id, c.value] as const] : [])));
        expect([...jobs.keys()].sort()).toEqual([dispatched.id, scheduled.id].sort());
        // The job still to do carries its customer's contact; the finished one does not.
        expect(jobs.get(scheduled.id)).toEqual(await store.order(scheduled.id));
        const finished = jobs.get(dispatched.id)!;
        expect(finished.status).toBe('completed');
        // No name or phone; the language the customer is written to is no contact detail.
        expect(finished.customer).toEqual({
          id: dispatched.customer.id,
          tier: dispatched.customer.tier,
          language: dispatched.customer.language,
        });
        expect(finished.site).toEqual({ lat: dispatched.site.lat, lon: dispatched.site.lon });
        // Events of its jobs, all of them, and no one else's.
        const events = changes.flatMap((c) => (c.entity === 'event' ? [c.value] : []));
        const expected = [...(await store.eventsFor(dispatched.id)), ...(await store.eventsFor(scheduled.id))];
        expect(events.map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
        // Not a word of any other customer's contact, nor of the finished job's.
        const text = JSON.stringify(changes);
        for (const o of city.orders.filter((x) => x.id !== scheduled.id))
          for (const s of contactOf(o).filter((s) => !contactOf(scheduled).includes(s))) expect(text).not.toContain(s);

        // Once the finished job is older than RECENT_JOB_MS, the device no longer reads it.
        const later = await pullAll(store, 'c-a', device(a), now() + RECENT_JOB_MS + 60_000);
        expect(later.changes.flatMap((c) => (c.entity === 'job' ? [c.value.id] : []))).toEqual([scheduled.id]);
      } finally {
        await store.close();
      }
    });

    it('tells a device a job moved away or unassigned is gone, with its contact; pulls since agree with a fresh one', async () => {
      const store = await seeded();
      try {
        const moved = bookedTo(a, 'scheduled');
        const other = city.orders.find((o) => o.booking && o.booking.engineerId !== a && o.booking.engineerId !== b)!;
        await store.bindClient('c-d', 'dispatcher-1', now());
        await store.bindClient('c-a', `dev-${a}`, now());
        await store.bindClient('c-b', `dev-${b}`, now());
        const start = now() + 3_600_000 - (now() % 60_000);
        const assigned = await store.applyPush(
          'c-d',
          dispatcher,
          [env(1, 'assignOrder', { orderId: openOrder.id, base: base(openOrder), engineerId: a, start })],
          now,
        );
        expect(assigned.results[0]!.status).toBe('applied');
        const first = await viewOf(store, 'c-a', device(a), now());
        const firstB = await viewOf(store, 'c-b', device(b), now());
        expect([...first.view.jobs.keys()].sort()).toEqual(
          [bookedTo(a, 'dispatched').id, moved.id, openOrder.id].sort(),
        );
        expect(first.view.jobs.get(moved.id)?.customer.phone).toBe(moved.customer.phone);

        const unassignFrom = (await store.order(openOrder.id))!;
        const pushed = await store.applyPush(
          'c-d',
          dispatcher,
          [
            env(2, 'moveBooking', { orderId: moved.id, base: base(moved), engineerId: b, start: moved.booking!.start }),
            env(3, 'unassignOrder', { orderId: openOrder.id, base: base(unassignFrom) }),
            env(4, 'addNote', { orderId: other.id, text: 'gate code 4411' }),
          ],
          now,
        );
        expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

        // A hears that both left it, and nothing about the other engineer's order.
        const next = await viewOf(store, 'c-a', device(a), now(), first.view, first.cursor);
        expect(next.changes).toEqual(
          expect.arrayContaining([
            { entity: 'removed', value: { entity: 'job', id: moved.id } },
            { entity: 'removed', value: { entity: 'job', id: openOrder.id } },
          ]),
        );
        expect(next.changes.every((c) => c.entity === 'removed')).toBe(true);
        expect([...next.view.jobs.keys()]).toEqual([bookedTo(a, 'dispatched').id]);
        const held = JSON.stringify(shapeOf(next.view));
        for (const s of [...contactOf(moved), ...contactOf(openOrder)]) expect(held).not.toContain(s);
        expect([...next.view.events.values()].every((e) => e.orderId === bookedTo(a, 'dispatched').id)).toBe(true);

        // B gets the job with its contact and its history, as if it had always been B's.
        const nextB = await viewOf(store, 'c-b', device(b), now(), firstB.view, firstB.cursor);
        expect(nextB.view.jobs.get(moved.id)).toEqual(await store.order(moved.id));
        const history = (await store.eventsFor(moved.id)).map((e) => e.id).sort();
        expect(
          [...nextB.view.events.values()]
            .filter((e) => e.orderId === moved.id)
            .map((e) => e.id)
            .sort(),
        ).toEqual(history);

        // What each device built from its pulls is what a fresh first pull gives it.
        for (const [engineerId, view] of [
          [a, next.view],
          [b, nextB.view],
        ] as const) {
          await store.bindClient(`c-fresh-${engineerId}`, `dev-${engineerId}`, now());
          const fresh = await viewOf(store, `c-fresh-${engineerId}`, device(engineerId), now());
          expect(shapeOf(view)).toEqual(shapeOf(fresh.view));
        }
      } finally {
        await store.close();
      }
    });
  });
}
