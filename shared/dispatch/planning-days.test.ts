// PlanningDays rebuilds only what a change touched: after any series of changes its states give the same slots and
// the same capacity as states built from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../domain/index.js';
import { teamCapacity } from './capacity.js';
import { at, booked, DAY_START, engineer, order, place } from './fixtures.testing.js';
import { defaultDispatchPolicy } from './policy.js';
import { findSlots, planningDays, PlanningDays } from './slots.js';
import { buildDispatchState, type DispatchState, type EngineerDay } from './state.js';

const DAY = 86_400_000;
const MIN = 60_000;
const DAYS = 3;
const days = Array.from({ length: DAYS }, (_, k) => ({ start: DAY_START + k * DAY, end: DAY_START + (k + 1) * DAY }));
const options = { windowMin: 120, bufferPct: 15 };

/** 08:00–17:00 with lunch on each day, `from` days on. */
const shifts = (from = 0): Engineer['shifts'] =>
  Array.from({ length: DAYS - from }, (_, i) => {
    const k = i + from;
    return {
      start: at('08:00') + k * DAY,
      end: at('17:00') + k * DAY,
      breaks: [{ start: at('12:00') + k * DAY, end: at('13:00') + k * DAY }],
    };
  });

const crew: Engineer[] = [
  engineer('a', { shifts: shifts() }),
  engineer('b', { shifts: shifts(), homeBase: place(8, 3), team: 'team-b' }),
  engineer('c', { shifts: shifts(1), homeBase: place(-5, 6) }),
  engineer('d', { shifts: shifts(), homeBase: place(2, -9), team: 'team-b', skills: [{ skill: 'hvac', level: 1 }] }),
];
const ids = crew.map((e) => e.id);

/** Orders to book and the calls to find windows for. */
const pool: WorkOrder[] = Array.from({ length: 12 }, (_, i) =>
  order(`o${i}`, { site: { ...place((i % 5) * 3 - 6, (i % 3) * 4 - 4), address: `${i} Huaihai Road` } }),
);
const calls = [
  order('call-p4', { priority: 'P4', site: { ...place(1, 1), address: 'Call 1' } }),
  order('call-p1', { priority: 'P1', durationMin: 90, site: { ...place(-3, 5), address: 'Call 2' } }),
];

type Change =
  | { kind: 'book'; order: number; engineer: number; day: number; slot: number }
  | { kind: 'unbook'; order: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'leave'; engineer: number; day: number }
  | { kind: 'van'; engineer: number; qty: number }
  | { kind: 'tick'; minutes: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    order: fc.nat(pool.length - 1),
    engineer: fc.nat(ids.length - 1),
    day: fc.nat(DAYS - 1),
    slot: fc.nat(14),
  }),
  fc.record({ kind: fc.constant('unbook' as const), order: fc.nat(pool.length - 1) }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(pool.length - 1) }),
  fc.record({ kind: fc.constant('leave' as const), engineer: fc.nat(ids.length - 1), day: fc.nat(DAYS - 1) }),
  fc.record({ kind: fc.constant('van' as const), engineer: fc.nat(ids.length - 1), qty: fc.nat(4) }),
  fc.record({ kind: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
);

/** A change as the cache makes it: the record changed is a new object, every other stays the same object. */
function apply(engineers: Engineer[], orders: WorkOrder[], c: Change): void {
  switch (c.kind) {
    case 'book': {
      const time = `${String(8 + Math.floor(c.slot / 2)).padStart(2, '0')}:${c.slot % 2 ? '30' : '00'}`;
      const o = booked({ ...orders[c.order]! }, ids[c.engineer]!, time);
      const shift = c.day * DAY;
      orders[c.order] = {
        ...o,
        booking: { ...o.booking!, start: o.booking!.start + shift, end: o.booking!.end + shift },
      };
      break;
    }
    case 'unbook':
      orders[c.order] = { ...orders[c.order]!, status: 'new', booking: null };
      break;
    case 'cancel':
      orders[c.order] = { ...orders[c.order]!, status: 'cancelled' };
      break;
    case 'leave': {
      const e = engineers[c.engineer]!;
      const start = at('10:00') + c.day * DAY;
      engineers[c.engineer] = { ...e, absences: [...e.absences, { start, end: start + 90 * MIN, reason: 'Training' }] };
      break;
    }
    case 'van': {
      const e = engineers[c.engineer]!;
      engineers[c.engineer] = { ...e, vanStock: { ...e.vanStock, 'p-filter': c.qty } };
      break;
    }
    case 'tick':
      break; // the clock moves on (see the property)
  }
}

/** What an engineer day plans with, without the location indices (a reused index numbers places differently). */
function dayFigures(state: DispatchState, d: EngineerDay) {
  const p = (loc: number) => state.locations.point(loc);
  return {
    id: d.engineer.id,
    shift: d.shift,
    blocks: d.blocks,
    home: p(d.homeLoc),
    origin: { ...d.origin, loc: p(d.origin.loc) },
    stops: d.stops.map((s) => ({ id: s.order.id, at: p(s.loc), start: s.start, end: s.end, fixed: s.fixed })),
    partsLeft: [...d.partsLeft],
    workMin: d.workMin,
    unavailable: d.unavailable,
  };
}

describe('PlanningDays', () => {
  it('gives the same slots, capacity and engineer days as a build from scratch after any series of changes and ticks of the clock', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 10 }), fc.nat(3), (changes, nowAt) => {
        let now = at(['07:00', '09:30', '13:15', '16:40'][nowAt]!);
        const engineers = [...crew];
        const orders = [...pool];
        const planning = new PlanningDays();
        const input = () => ({
          now,
          timeZone: 'Asia/Shanghai',
          engineers: [...engineers],
          orders: [...orders],
          policy: defaultDispatchPolicy(),
        });
        planning.states(input(), days);
        for (const c of changes) {
          apply(engineers, orders, c);
          if (c.kind === 'tick') now += c.minutes * MIN;
          const incremental = planning.states(input(), days);
          const fresh = planningDays(input(), days);
          for (const call of calls)
            expect(findSlots(call, incremental, options)).toEqual(findSlots(call, fresh, options));
          incremental.forEach((s, k) => {
            const f = fresh[k]!;
            expect([...teamCapacity(s, 15)]).toEqual([...teamCapacity(f, 15)]);
            expect(s.engineers.map((d) => dayFigures(s, d))).toEqual(f.engineers.map((d) => dayFigures(f, d)));
            expect([...s.orders.keys()]).toEqual([...f.orders.keys()]);
          });
        }
      }),
      { numRuns: 25, seed: 18 },
    );
  }, 180_000);

  it('hands back a day nothing touched as it was, and keeps the engineer days a change left alone', () => {
    const base = {
      now: at('07:00'),
      timeZone: 'Asia/Shanghai',
      engineers: crew,
      policy: defaultDispatchPolicy(),
    };
    const first = booked(pool[0]!, 'a', '09:00');
    const planning = new PlanningDays();
    const [today, tomorrow] = planning.states({ ...base, orders: [first, ...pool.slice(1)] }, days.slice(0, 2));
    // Another booking today, for engineer b.
    const second = booked(pool[1]!, 'b', '10:00');
    const [today2, tomorrow2] = planning.states(
      { ...base, orders: [first, second, ...pool.slice(2)] },
      days.slice(0, 2),
    );
    expect(tomorrow2).toBe(tomorrow);
    expect(today2).not.toBe(today);
    expect(today2!.engineerById.get('a')).toBe(today!.engineerById.get('a'));
    expect(today2!.engineerById.get('b')).not.toBe(today!.engineerById.get('b'));
    expect(today2!.engineerById.get('b')!.stops.map((s) => s.order.id)).toEqual(['o1']);
    // Later on, an engineer day that has begun is worked out again; one that starts later is kept, as is tomorrow's.
    const orders = [first, second, ...pool.slice(2)];
    const [today3, tomorrow3] = planning.states({ ...base, now: at('08:30'), orders }, days.slice(0, 2));
    expect(today3!.engineerById.get('a')).not.toBe(today2!.engineerById.get('a'));
    expect(today3!.engineerById.get('c')).toBe(today2!.engineerById.get('c'));
    expect(today3!.engineerById.get('a')!.origin.time).toBe(8 * 60 + 30);
    expect(tomorrow3).not.toBe(tomorrow2);
    expect(tomorrow3!.engineerById.get('a')).toBe(tomorrow2!.engineerById.get('a'));
  });

  it('never reuses a state built for another day or policy', () => {
    const input = { now: at('07:00'), timeZone: 'Asia/Shanghai', engineers: crew, orders: [] };
    const today = buildDispatchState({ ...input, day: days[0]! });
    expect(buildDispatchState({ ...input, day: days[1]! }, today).epoch).toBe(days[1]!.start);
    const policy = { ...defaultDispatchPolicy(), frozenHorizonMin: 90 };
    const other = buildDispatchState({ ...input, day: days[0]!, policy }, today);
    expect(other).not.toBe(today);
    expect(other.policy.frozenHorizonMin).toBe(90);
  });
});
