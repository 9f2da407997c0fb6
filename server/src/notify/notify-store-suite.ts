import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../shared/domain/index.js';
import { CustomerNotified } from '../../../shared/domain/index.js';
import { generateScenario } from '../../../shared/scenario/index.js';
import type { MutationEnvelope, Principal } from '../../../shared/sync/index.js';
import { demoUsers } from '../auth/users.js';
import type { SyncStore } from '../store/types.js';
import type { NotifierAdapter } from './adapters.js';
import { Notifier } from './notifier.js';
import { testDispatcher as dispatcher, testDevice as device } from '../store/principals.testing.js';

/** A signature as a phone's pad writes it. */
export const SIGNATURE = 'M 10 40 C 20 10, 40 10, 50 40 S 80 70, 90 40 L 120 35';

/**
 * The customer's side on a store (issue 20): messages queued once from order events and settled once with their trail
 * event, none for a cancelled order; the service report stored with the van's stock taken down. `open` gives a fresh,
 * empty store.
 */
export function notifyContract(name: string, open: () => Promise<SyncStore>): void {
  const city = generateScenario({ seed: 21, engineers: 8, orders: 40 });
  const now = city.meta.dayStart + 9 * 3_600_000;
  const clock = () => now;
  const booked = city.orders.filter((o) => o.status === 'scheduled' && o.booking);
  const withParts = (o: WorkOrder) =>
    Object.entries(city.engineers.find((e) => e.id === o.booking!.engineerId)!.vanStock).find(([, q]) => q > 0);
  const first = booked.find(withParts)!;
  const second = booked.find((o) => o.id !== first.id)!;

  async function seeded(): Promise<SyncStore> {
    const store = await open();
    lastId.clear();
    await store.seed(city, demoUsers(city.engineers));
    await store.bindClient('c-1', 'dispatcher-1', now);
    return store;
  }
  const lastId = new Map<string, number>();
  const push = async (store: SyncStore, clientId: string, who: Principal, name: string, args: unknown) => {
    const id = (lastId.get(clientId) ?? 0) + 1;
    lastId.set(clientId, id);
    const mutation: MutationEnvelope = { id, name, args, createdAt: now };
    const r = await store.applyPush(clientId, who, [mutation], clock);
    return r.results[0]!;
  };
  const base = async (store: SyncStore, id: string) => {
    const o = (await store.order(id))!;
    return { version: o.version, rev: o.rev };
  };

  describe(`${name}: customer notifications and service reports`, () => {
    it('tells the customer once of each event, on the trail consoles read, never after a cancellation', async () => {
      const store = await seeded();
      try {
        const notifier = new Notifier({ store, timeZone: city.meta.timeZone, now: clock });
        // The seeded day is history: nothing to say yet.
        expect(await notifier.tick()).toEqual({ queued: [], settled: [] });

        expect(
          await push(store, 'c-1', dispatcher, 'setOrderStatus', {
            orderId: first.id,
            status: 'dispatched',
            base: await base(store, first.id),
          }),
        ).toMatchObject({ status: 'applied' });
        const round = await notifier.tick();
        expect(round.queued).toEqual([expect.stringMatching(new RegExp(`^${first.id}:dispatched:`))]);
        expect(round.settled).toEqual(round.queued);
        expect(await notifier.tick()).toEqual({ queued: [], settled: [] });

        // The engineer sets off; the 15-minute mark is measured from the latest position they reported, as the
        // tracking page's ETA is, and only from one fresh enough to show: two more messages, in the customer's Chinese.
        const engineerId = first.booking!.engineerId;
        const at = (km: number, secondsAgo: number) => ({
          engineerId,
          lat: first.site.lat + km / 111.2,
          lon: first.site.lon,
          heading: 180,
          speed: 10,
          at: now - secondsAgo * 1000,
        });
        await store.savePositions([at(2, 11 * 60)], []);
        await store.bindClient('d-1', `dev-${engineerId}`, now);
        expect(
          await push(store, 'd-1', device(engineerId), 'setOrderStatus', { orderId: first.id, status: 'en_route' }),
        ).toMatchObject({ status: 'applied' });
        // Close by, but reported 11 minutes ago: not a position to measure from.
        const departed = await notifier.tick();
        expect(departed.settled.map((k) => k.split(':')[1])).toEqual(['departed']);
        // Fresh, 20 km away: more than 15 minutes' drive.
        await store.savePositions([at(20, 60)], []);
        expect(await notifier.tick()).toEqual({ queued: [], settled: [] });
        // Fresh, 2 km away.
        await store.savePositions([at(2, 5)], []);
        const nearby = await notifier.tick();
        expect(nearby.settled.map((k) => k.split(':')[1])).toEqual(['nearby']);
        expect(await notifier.tick()).toEqual({ queued: [], settled: [] });

        const order = ['dispatched', 'departed', 'nearby'];
        // Messages queued in one round share their time: read in the order the customer heard of them.
        const messages = (await store.messagesFor(first.id)).sort(
          (a, b) => order.indexOf(a.event) - order.indexOf(b.event),
        );
        expect(messages.map((m) => [m.event, m.state, m.lang, m.channel])).toEqual([
          ['dispatched', 'sent', 'zh', 'outbox'],
          ['departed', 'sent', 'zh', 'outbox'],
          ['nearby', 'sent', 'zh', 'outbox'],
        ]);
        expect(messages[0]!.body).toContain(first.code);
        expect(messages[0]!.link).toBeNull();

        // Each went on the order's trail once, and a console's pull carries them.
        const told = (await store.eventsFor(first.id)).filter((e) => e.kind === 'customer_notified');
        expect(told.map((e) => CustomerNotified.parse(e.data).event).sort()).toEqual([...order].sort());
        let cursor: string | null = null;
        const pulled: string[] = [];
        for (let page = 0; page < 100; page++) {
          const r = await store.pull('c-1', { role: 'dispatcher', engineerId: null }, cursor, 0, 1000, now);
          for (const c of r.changes)
            if (c.entity === 'event' && c.value.kind === 'customer_notified') pulled.push(c.value.id);
          cursor = r.cursor;
          if (!r.more) break;
        }
        expect(pulled.sort()).toEqual(told.map((e) => e.id).sort());

        // A message queued for an order then cancelled is withheld, and the trail says so.
        await push(store, 'c-1', dispatcher, 'setOrderStatus', {
          orderId: second.id,
          status: 'dispatched',
          base: await base(store, second.id),
        });
        expect(await notifier.readEvents()).toHaveLength(1);
        expect(
          await push(store, 'c-1', dispatcher, 'cancelOrder', {
            orderId: second.id,
            base: await base(store, second.id),
            reason: 'customer called off',
          }),
        ).toMatchObject({ status: 'applied' });
        expect(await notifier.deliver()).toHaveLength(1);
        expect((await store.messagesFor(second.id)).map((m) => m.state)).toEqual(['withheld']);
        const withheld = (await store.eventsFor(second.id)).filter((e) => e.kind === 'customer_notified');
        expect(withheld.map((e) => CustomerNotified.parse(e.data).state)).toEqual(['withheld']);
      } finally {
        await store.close();
      }
    });

    it('has each message sent by one server node, even when two deliver at the same moment', async () => {
      const store = await seeded();
      try {
        const sent: string[] = [];
        // A gateway that takes a moment: both nodes are inside a delivery round before either has settled.
        const gateway: NotifierAdapter = {
          channel: 'sms',
          leaseMs: 60_000,
          send: async (m) => {
            await Promise.resolve();
            sent.push(m.key);
          },
        };
        const node = () => new Notifier({ store, timeZone: city.meta.timeZone, now: clock, adapter: gateway });
        for (const o of [first, second])
          await push(store, 'c-1', dispatcher, 'setOrderStatus', {
            orderId: o.id,
            status: 'dispatched',
            base: await base(store, o.id),
          });
        const queued = await node().readEvents();
        expect(queued).toHaveLength(2);
        const [a, b] = await Promise.all([node().deliver(), node().deliver()]);
        expect([...a, ...b].sort()).toEqual([...queued].sort());
        expect(sent.sort()).toEqual([...queued].sort());
        // A node that died mid-send leaves its claim; once the claim has run out, another node sends the message.
        const engineerId = first.booking!.engineerId;
        await store.bindClient('d-3', `dev-${engineerId}`, now);
        await push(store, 'd-3', device(engineerId), 'setOrderStatus', { orderId: first.id, status: 'en_route' });
        const [departed] = await node().readEvents();
        expect(await store.claimDue(now, 10, now + 60_000)).toHaveLength(1);
        expect(await node().deliver()).toEqual([]);
        const later = new Notifier({ store, timeZone: city.meta.timeZone, now: () => now + 60_000, adapter: gateway });
        expect(await later.deliver()).toEqual([departed]);
      } finally {
        await store.close();
      }
    });

    it('keeps the signed service report and takes the parts off the van', async () => {
      const store = await seeded();
      try {
        const engineerId = first.booking!.engineerId;
        const [part, had] = withParts(first)!;
        await store.bindClient('d-2', `dev-${engineerId}`, now);
        const me = device(engineerId);
        for (const status of ['en_route', 'on_site', 'completed'])
          expect(await push(store, 'd-2', me, 'setOrderStatus', { orderId: first.id, status })).toMatchObject({
            status: 'applied',
          });
        const report = {
          workDone: 'Replaced the valve',
          partsUsed: [{ part, qty: 1 }],
          timeOnSiteMin: 42,
          signature: SIGNATURE,
          signedBy: 'Wang Fang',
        };
        expect(
          await push(store, 'd-2', me, 'submitServiceReport', {
            orderId: first.id,
            report: { ...report, signature: '<script>' },
          }),
        ).toMatchObject({ status: 'rejected', code: 'bad_args' });
        expect(
          await push(store, 'd-2', me, 'submitServiceReport', {
            orderId: first.id,
            report: { ...report, partsUsed: [{ part, qty: had + 1 }] },
          }),
        ).toMatchObject({ status: 'rejected', code: 'invalid' });
        expect(await push(store, 'd-2', me, 'submitServiceReport', { orderId: first.id, report })).toMatchObject({
          status: 'applied',
        });
        expect((await store.order(first.id))!.report).toEqual({ ...report, submittedAt: now });
        expect((await store.engineer(engineerId))!.vanStock[part]).toBe(had - 1);
        expect(await push(store, 'd-2', me, 'submitServiceReport', { orderId: first.id, report })).toMatchObject({
          status: 'rejected',
          code: 'exists',
        });
        expect((await store.eventsFor(first.id)).filter((e) => e.kind === 'report_submitted')).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });
}
