import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../domain/index.js';
import { PRIORITIES } from '../domain/index.js';
import { generateScenario } from '../scenario/index.js';
import { insertEmergency } from './emergency.js';
import {
  at,
  booked,
  breachedP1,
  DAY_END,
  DAY_START,
  dayAt,
  engineer,
  nextDayAt1730,
  order,
  place,
  twoDayCrew,
} from './fixtures.testing.js';
import { auditMoves, type AuditInput } from './plan-audit.testing.js';
import { defaultDispatchPolicy } from './policy.js';
import { toPlanMove } from './proposal.js';
import { resequenceDay } from './resequence.js';
import { buildDispatchState } from './state.js';

const policy = defaultDispatchPolicy();
const audit = (now: string, engineers: AuditInput['engineers'], orders: AuditInput['orders']): AuditInput => ({
  now: at(now),
  day: { start: DAY_START, end: DAY_END },
  engineers,
  orders,
  policy,
});

describe('insertEmergency', () => {
  // Li Wei works next to the emergency and is booked all morning with routine work; Wang Fang is free but far away.
  const li = engineer('li', { name: 'Li Wei', homeBase: place(0, 0) });
  const wang = engineer('wang', { name: 'Wang Fang', homeBase: place(14, 0) });
  const near = (id: string, hhmm: string, priority: WorkOrder['priority'], pinned = false) =>
    booked(order(id, { priority, durationMin: 100, site: { ...place(0.5, 0.5), address: 'Next door' } }), 'li', hhmm, {
      pinned,
    });
  const emergency = order('e1', { code: 'WO-000412', priority: 'P1', site: { ...place(0.3, 0), address: 'Hospital' } });

  it('bumps lower-priority work to someone else and says what it made room for', () => {
    const morning = [near('r1', '08:30', 'P4'), near('r2', '13:30', 'P4')];
    // Two jobs a day at most: the bumped one cannot come back to Li Wei later.
    const li2 = { ...li, maxJobs: 2 };
    const state = dayAt('08:00', [li2, wang], [...morning, emergency]);
    const p = insertEmergency(emergency, state);
    const e = p.moves.find((m) => m.orderId === 'e1');
    expect(e?.to?.engineerId).toBe('li');
    expect(e?.to?.start).toBe(at('08:30'));
    expect(e?.reason).toMatch(/^Li Wei 08:30: \d+ min drive, the earliest anyone can be there; bumps P4 WO-r1/);
    const bump = p.moves.find((m) => m.orderId === 'r1');
    expect(bump?.to?.engineerId).toBe('wang');
    expect(bump?.reason).toMatch(/^P4 WO-r1 moved to Wang Fang \d\d:\d\d to free 08:30 for P1 WO-000412$/);
    expect(e?.dependsOn).toContain('r1');
    expect(
      auditMoves(
        audit('08:00', [li, wang], [...morning, emergency]),
        p.moves.map((m) => toPlanMove(m)),
      ),
    ).toEqual([]);
  });

  it('names each booking made against a rule on purpose that it bumps, and bumps none when told to keep them', () => {
    const mark = (o: WorkOrder): WorkOrder => ({ ...o, booking: { ...o.booking!, overridden: true } });
    const morning = [mark(near('r1', '08:30', 'P4')), near('r2', '13:30', 'P4')];
    const li2 = { ...li, maxJobs: 2 };
    const state = dayAt('08:00', [li2, wang], [...morning, emergency]);
    const asked = insertEmergency(emergency, state);
    expect(asked.moves.map((m) => m.orderId)).toContain('r1');
    expect(asked.notes).toContainEqual({
      text: 'P4 WO-r1 was booked with Li Wei at 08:30 against a rule on purpose: bumping it takes its override mark off',
      say: [{ id: 'overrideBumped', args: { order: 'P4 WO-r1', name: 'Li Wei', engineer: 'li', time: '08:30' } }],
    });
    const kept = insertEmergency(emergency, state, { keepOverridden: true });
    expect(kept.moves.map((m) => m.orderId)).not.toContain('r1');
    expect(kept.moves.find((m) => m.orderId === 'e1')?.to).not.toBeNull();
    expect(kept.notes.flatMap((n) => n.say.map((r) => r.id))).not.toContain('overrideBumped');
  });

  it('never bumps work of the same or higher priority, nor pinned work', () => {
    const morning = [near('h1', '08:30', 'P1'), near('h2', '10:30', 'P2', true), near('h3', '13:00', 'P4', true)];
    const state = dayAt('08:00', [li, wang], [...morning, emergency]);
    const p = insertEmergency(emergency, state);
    expect(p.moves.map((m) => m.orderId)).toEqual(['e1']);
    expect(p.moves[0]?.to?.engineerId).toBe('wang');
  });

  it('sends bumped work back to the queue when nobody else has room, and says so', () => {
    const morning = [near('r1', '08:30', 'P3'), near('r2', '10:30', 'P4')];
    const busyWang = engineer('wang', { name: 'Wang Fang', homeBase: place(14, 0), maxJobs: 1 });
    const wangJob = booked(order('w1', { site: { ...place(14, 0), address: 'Far' } }), 'wang', '09:00');
    const li1 = engineer('li', { name: 'Li Wei', homeBase: place(0, 0), maxJobs: 2 });
    const state = dayAt('08:00', [li1, busyWang], [...morning, wangJob, emergency]);
    const p = insertEmergency(emergency, state);
    const bump = p.moves.find((m) => m.kind === 'unassign');
    expect(bump?.reason).toMatch(
      /back to the queue to free 08:30 for P1 WO-000412: no one else has room for it today$/,
    );
    expect(p.unassigned.map((u) => u.orderId)).toContain(bump?.orderId);
  });

  it('puts an emergency already past its SLA where it can start soonest, bumping P4s to the queue for it', () => {
    // Tomorrow planned this evening: both engineers booked with P4s all day, a free hour only from 16:30. The P1's
    // SLA ran out this morning. Waiting till 16:30 costs less than sending a booked P4 back, but not to a dispatcher.
    const crew = twoDayCrew();
    const late = breachedP1();
    const p4s = ['a', 'b'].flatMap((e, k) =>
      ['08:15', '10:05', '13:00', '14:50'].map((hhmm, i) =>
        booked(
          order(`p4-${e}${i}`, {
            priority: 'P4',
            durationMin: 100,
            site: { ...place(i - 1, 3 * k), address: `${i} Yan'an Road` },
          }),
          e,
          `+1 ${hhmm}`,
        ),
      ),
    );
    const state = nextDayAt1730(crew, [late, ...p4s]);
    const p = insertEmergency(late, state);
    const e = p.moves.find((m) => m.orderId === 'p1');
    // From base at 08:00: 15 minutes' drive for a, 20 for b.
    expect(e?.to?.start).toBe(at('+1 08:15'));
    expect(e?.reason).toMatch(/the earliest anyone can be there; bumps P4 WO-p4-a0/);
    expect(p.unassigned.map((u) => u.orderId)).toEqual(['p4-a0']);
  });

  it('takes a free slot without bumping when one is as good', () => {
    const state = dayAt('08:00', [li, wang], [near('r1', '14:00', 'P4'), emergency]);
    const p = insertEmergency(emergency, state);
    expect(p.moves).toHaveLength(1);
    expect(p.moves[0]?.to?.engineerId).toBe('li');
  });

  it('on a realistic day: bumps only lower-priority work, explains each bump, breaks no rule', () => {
    const city = generateScenario({ seed: 3, engineers: 40, orders: 300 });
    const now = city.meta.dayStart + 10 * 3_600_000;
    const known = city.orders.filter((o) => o.createdAt <= now);
    // Calls that just came in: urgent faults next to sites already on today's plan.
    const urgent: WorkOrder[] = known
      .filter((o) => o.status === 'scheduled')
      .slice(0, 12)
      .map((o, i) => ({
        ...o,
        id: `em-${i}`,
        code: `WO-99${i}`,
        priority: 'P1',
        status: 'new',
        booking: null,
        window: null,
        site: { ...o.site, lat: o.site.lat + 0.003 },
        sla: { respondBy: now + 3_600_000, resolveBy: now + 4 * 3_600_000 },
        createdAt: now - 60_000,
        version: 0,
      }));
    const orders = [...known, ...urgent];
    const input: AuditInput = {
      now,
      day: { start: city.meta.dayStart, end: city.meta.dayStart + 86_400_000 },
      engineers: city.engineers,
      orders,
      policy,
    };
    const state = buildDispatchState({ ...input, timeZone: city.meta.timeZone });
    let bumps = 0;
    for (const u of urgent) {
      const p = insertEmergency(u, state);
      expect(
        auditMoves(
          input,
          p.moves.map((m) => toPlanMove(m)),
        ),
      ).toEqual([]);
      for (const m of p.moves) {
        if (m.orderId === u.id) continue;
        bumps++;
        expect(PRIORITIES.indexOf(m.priority)).toBeGreaterThan(PRIORITIES.indexOf(u.priority));
        expect(m.reason).toContain(`to free`);
        expect(m.reason).toContain(`for P1 ${u.code}`);
      }
    }
    expect(bumps).toBeGreaterThan(0);
  });
});

describe('resequenceDay', () => {
  it('re-orders a zig-zag day to drive less, keeping the engineer and the pinned booking', () => {
    const a = engineer('a');
    const east = (id: string, hhmm: string, pinned = false) =>
      booked(order(id, { durationMin: 45, site: { ...place(8, 0), address: 'East' } }), 'a', hhmm, { pinned });
    const west = (id: string, hhmm: string) =>
      booked(order(id, { durationMin: 45, site: { ...place(-8, 0), address: 'West' } }), 'a', hhmm);
    const orders = [
      east('e1', '08:45'),
      west('w1', '10:00'),
      east('e2', '13:30', true),
      west('w2', '15:00'),
      east('e3', '11:15'),
    ];
    const state = dayAt('07:00', [a], orders);
    const p = resequenceDay('a', state);
    expect(p.kind).toBe('resequence');
    expect(p.moves.length).toBeGreaterThan(0);
    for (const m of p.moves) {
      expect(m.kind).toBe('move');
      expect(m.to?.engineerId).toBe('a');
    }
    expect(p.moves.some((m) => m.orderId === 'e2')).toBe(false);
    expect(p.kpis.delta.travelMin).toBeLessThan(0);
    expect(
      auditMoves(
        audit('07:00', [a], orders),
        p.moves.map((m) => toPlanMove(m)),
      ),
    ).toEqual([]);
  });

  it('leaves a day that is already in good order alone', () => {
    const a = engineer('a');
    const orders = [
      booked(order('x', { durationMin: 45, site: { ...place(1, 0), address: 'A' } }), 'a', '08:30'),
      booked(order('y', { durationMin: 45, site: { ...place(2, 0), address: 'B' } }), 'a', '09:30'),
    ];
    const p = resequenceDay('a', dayAt('07:00', [a], orders));
    // Starting earlier is the only thing left to gain; nothing changes engineer or order.
    for (const m of p.moves) expect(m.to?.engineerId).toBe('a');
    expect(p.kpis.delta.travelMin).toBe(0);
  });
});
