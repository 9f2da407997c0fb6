import { afterAll, describe, expect, it } from 'vitest';
import type { Engineer, OrderEvent, WorkOrder } from '../../shared/domain/index.js';
import { skillLevel } from '../../shared/domain/index.js';
import { buildDispatchState, rankCandidates } from '../../shared/dispatch/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import type { PushResult } from '../../shared/sync/index.js';
import { LiveAutopilot } from '../../server/src/autopilot/live.js';
import { rollingInput } from '../../server/src/autopilot/view.js';
import { credentialsFromSecret } from '../../server/src/sim/credentials.js';
import { newOrderFrom } from '../../server/src/sim/intake.js';
import { TEST_SECRET, TestServer, request, type ClientSocket } from '../../server/src/test-server.testing.js';

const MIN = 60_000;
const H = 60 * MIN;
// A Monday with two teams; the server's clock and the autopilot's are the same simulated one.
const city = generateScenario({ seed: 5, engineers: 20 });
const at = (h: number) => city.meta.dayStart + h * H;
const START = at(8);
const END = at(12);

let t: TestServer | null = null;
let autopilot: LiveAutopilot | null = null;
afterAll(async () => {
  await autopilot?.stop();
  await t?.close();
});

const ids = new Map<ClientSocket, number>();
async function push(socket: ClientSocket, name: string, args: unknown): Promise<PushResult> {
  const id = (ids.get(socket) ?? 0) + 1;
  ids.set(socket, id);
  const reply = await request<PushResult>(socket, 'push', {
    mutations: [{ id, name, args, createdAt: t!.clock.now }],
  });
  if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`);
  return reply.value;
}

/** The hard rules every booking of the plan must keep, checked on their own (no engine code). */
function broken(orders: WorkOrder[], engineers: Map<string, Engineer>): string[] {
  const problems: string[] = [];
  const byEngineer = new Map<string, WorkOrder[]>();
  for (const o of orders) {
    if (!o.booking || (o.status !== 'scheduled' && o.status !== 'dispatched')) continue;
    const b = o.booking;
    const e = engineers.get(b.engineerId)!;
    byEngineer.set(e.id, [...(byEngineer.get(e.id) ?? []), o]);
    for (const s of o.requiredSkills)
      if (skillLevel(e, s.skill) < s.level) problems.push(`${o.code}: ${e.id} lacks ${s.skill} ${s.level}`);
    if (o.excludedEngineerIds.includes(e.id)) problems.push(`${o.code}: the customer excluded ${e.id}`);
    const shift = e.shifts.find((s) => b.start >= s.start && b.end <= s.end + 60 * MIN);
    if (!shift) problems.push(`${o.code}: outside ${e.id}'s shifts`);
    else if (shift.breaks.some((x) => b.start < x.end && b.end > x.start)) problems.push(`${o.code}: in a break`);
    if (e.absences.some((a) => b.start < a.end && b.end > a.start)) problems.push(`${o.code}: ${e.id} is away`);
    if (o.window && (b.start < o.window.start || b.start > o.window.end)) problems.push(`${o.code}: outside window`);
  }
  for (const [id, list] of byEngineer) {
    list.sort((a, b) => a.booking!.start - b.booking!.start);
    for (let i = 1; i < list.length; i++)
      if (list[i]!.booking!.start < list[i - 1]!.booking!.end)
        problems.push(`${list[i]!.code} overlaps ${list[i - 1]!.code} on ${id}`);
    const e = engineers.get(id)!;
    for (const part of new Set(list.flatMap((o) => o.requiredParts.map((p) => p.part)))) {
      const needed = list.reduce((n, o) => n + (o.requiredParts.find((p) => p.part === part)?.qty ?? 0), 0);
      if (needed > (e.vanStock[part] ?? 0)) problems.push(`${id} is promised ${needed} × ${part}, has fewer`);
    }
  }
  return problems;
}

// Four simulated hours with the engine re-planning every half hour: about 15 s on a quiet machine, many times that
// beside other builds. The limit only catches a hang.
const HANG = 600_000;

describe('the autopilot against a live server', () => {
  it(
    'dispatches a morning as its own user, breaks no hard rule and leaves a person’s fresh move alone',
    async () => {
      const known = city.orders.filter((o) => o.createdAt <= START);
      t = await TestServer.start({ city: { ...city, orders: known }, now: START });
      autopilot = new LiveAutopilot({
        url: t.server.url,
        credentials: credentialsFromSecret(TEST_SECRET, 'test'),
        everySec: 0,
        clock: () => t!.clock.now,
        autopilot: { replanEveryMin: 30, replanBudgetMs: 100 },
        log: () => {},
      });
      await autopilot.start();
      // Tokens for the whole simulated morning (the server checks expiry by its own clock).
      const intake = await t.connect({ token: await t.token('intake', 24 * 3600) });
      const desk = await t.connect({ token: await t.token('dispatcher-1', 24 * 3600) });
      const arrivals = city.orders.filter((o) => o.createdAt > START && o.createdAt <= END - 10 * MIN);
      let fresh: { orderId: string; engineerId: string; start: number; at: number } | null = null;
      let heldAt1050: WorkOrder | null = null;

      for (let now = START; now < END; now += 10 * MIN) {
        // The real clock is rarely on a whole minute; bookings must still start on one.
        t.clock.now = now + 7_123;
        for (const o of arrivals.filter((x) => x.createdAt > now - 10 * MIN && x.createdAt <= now))
          await push(intake, 'createOrder', { order: newOrderFrom(o, o.customer, o.site, o.window) });
        await autopilot.settled();
        if (now === at(10)) {
          // A person moves one of the autopilot's bookings to the costliest other engineer of the team who can take it:
          // a fresh move the autopilot's next re-plan of that team would undo if it did not respect it.
          const teamOf = (id: string) => autopilot!.world.engineers.get(id)!.team;
          const state = buildDispatchState(rollingInput(autopilot.world, now, city.meta.timeZone, () => false));
          const options = [...autopilot.world.orders.values()]
            .filter((o) => o.status === 'scheduled' && o.booking!.start > now + H && o.priority !== 'P1')
            .filter((o) => autopilot!.world.lastBooking.get(o.id)?.actor.id === 'autopilot')
            .map((o) => {
              const able = rankCandidates(o, state).candidates.filter(
                (c) => c.feasible && c.team === teamOf(o.booking!.engineerId),
              );
              const worst = able.filter((c) => c.engineerId !== o.booking!.engineerId).at(-1);
              return { o, worst, worse: worst ? worst.cost!.total - able[0]!.cost!.total : -1 };
            })
            .sort((a, b) => b.worse - a.worse);
          const { o: target, worst: choice } = options[0]!;
          const result = await push(desk, 'moveBooking', {
            orderId: target.id,
            base: { version: target.version, rev: target.rev },
            engineerId: choice!.engineerId,
            start: choice!.slot!.start,
          });
          expect(result.results[0]!.status).toBe('applied');
          fresh = { orderId: target.id, engineerId: choice!.engineerId, start: choice!.slot!.start, at: now };
          await autopilot.settled();
        }
        if (now === at(10) + 50 * MIN) heldAt1050 = await t.store.order(fresh!.orderId);
        autopilot.look();
        await autopilot.settled();
      }

      // The autopilot did the morning's dispatching, every change as its own user, none refused or lost.
      expect(autopilot.counts.applied).toBeGreaterThan(10);
      expect(autopilot.counts.refused + autopilot.counts.lost).toBe(0);
      const audit = (await t.store.audit(100_000)).filter((a) => a.clientId === 'autopilot');
      expect(audit).toHaveLength(autopilot.counts.sent);
      for (const a of audit) expect(a).toMatchObject({ userId: 'autopilot', role: 'dispatcher', outcome: 'applied' });

      const engineers = new Map((await t.store.engineers()).map((e) => [e.id, e]));
      const orders: WorkOrder[] = [];
      const events: OrderEvent[] = [];
      for (const o of [...known, ...arrivals]) {
        orders.push((await t.store.order(o.id))!);
        events.push(...(await t.store.eventsFor(o.id)));
      }
      const byAutopilot = events.filter((e) => e.clientId === 'autopilot');
      expect(byAutopilot.some((e) => e.kind === 'assigned')).toBe(true);
      for (const e of byAutopilot) expect(e.actor).toEqual({ kind: 'user', id: 'autopilot', name: 'Autopilot' });
      // And nothing else wrote under its name.
      for (const e of events.filter((x) => x.actor.id === 'autopilot')) expect(e.clientId).toBe('autopilot');

      expect(broken(orders, engineers)).toEqual([]);

      // The person's booking stayed as they made it for the hour after: the autopilot re-planned around it.
      const f = fresh!;
      const moves = events.filter(
        (e) =>
          e.orderId === f.orderId && (e.kind === 'assigned' || e.kind === 'moved') && e.at >= f.at && e.at < f.at + H,
      );
      expect(moves.map((e) => e.actor.id)).toEqual(['dispatcher-1']);
      expect(heldAt1050!.booking).toMatchObject({ engineerId: f.engineerId, start: f.start });
      expect(autopilot.decisions.replans).toBeGreaterThan(0);
    },
    HANG,
  );
});
