import { describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../domain/index.js';
import { defaultDispatchPolicy } from './policy.js';
import { at, booked, CENTRE, DAY_START, dayAt, engineer, order, place, TZ } from './fixtures.testing.js';
import { findSlots, planningDays } from './slots.js';

const DAY = 86_400_000;
const options = { windowMin: 120, bufferPct: 15 };
const atBase = (id: string, o: Partial<WorkOrder> = {}) => order(id, { site: { ...CENTRE, address: 'Base' }, ...o });
/** 08:00–17:00 with lunch 12:00–13:00 on each of `days` days from the fixture day. */
const everyDay = (days: number): Engineer['shifts'] =>
  Array.from({ length: days }, (_, k) => ({
    start: at('08:00') + k * DAY,
    end: at('17:00') + k * DAY,
    breaks: [{ start: at('12:00') + k * DAY, end: at('13:00') + k * DAY }],
  }));
function week(now: string, engineers: Engineer[], orders: WorkOrder[], days = 7) {
  const starts = Array.from({ length: days }, (_, k) => ({
    start: DAY_START + k * DAY,
    end: DAY_START + (k + 1) * DAY,
  }));
  return planningDays({ now: at(now), timeZone: TZ, engineers, orders, policy: defaultDispatchPolicy() }, starts);
}

describe('findSlots: the emergency buffer', () => {
  // One engineer, 480 minutes of working time; 15 % (72 min) is held back. Six hours of work at base leave 120
  // minutes, so a further hour would eat into the last 72.
  const full = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00'].map((t, i) => booked(atBase(`b${i}`), 'a', t));

  it('a P4 cannot take the last 15 % of a day', () => {
    const state = dayAt('07:00', [engineer('a')], full);
    const search = findSlots(atBase('n', { priority: 'P4' }), [state], options);
    expect(search.slots).toEqual([]);
    expect(search.days).toEqual([{ dayStart: DAY_START, offered: 0, reason: 'buffer' }]);
    expect(search.reason).toEqual({ code: 'buffer' });
  });

  it('a P1 can, and the window says it dips into the buffer', () => {
    const state = dayAt('07:00', [engineer('a')], full);
    const search = findSlots(atBase('n', { priority: 'P1' }), [state], options);
    expect(search.slots.length).toBeGreaterThan(0);
    expect(search.slots[0]).toMatchObject({ engineerId: 'a', dipsIntoBuffer: true, grade: 'poor', start: at('14:00') });
    expect(search.slots[0]?.plannedStart).toBe(at('15:00'));
    expect(search.reason).toBeNull();
  });

  it('with the buffer untouched, a P4 gets the same window', () => {
    const state = dayAt('07:00', [engineer('a')], full.slice(0, 5));
    const search = findSlots(atBase('n', { priority: 'P4' }), [state], options);
    expect(search.slots.map((s) => s.dipsIntoBuffer)).not.toContain(true);
    expect(search.slots.some((s) => s.start === at('14:00'))).toBe(true);
  });
});

describe('findSlots: offers', () => {
  it('offers the top five windows of the week, graded, each with the engineer it would go to', () => {
    const engineers = [
      engineer('near', { shifts: everyDay(7) }),
      engineer('far', { shifts: everyDay(7), homeBase: place(20, 0) }),
    ];
    const n = order('n', { sla: { respondBy: at('08:00') + 7 * DAY, resolveBy: at('20:00') + 7 * DAY } });
    const search = findSlots(n, week('07:00', engineers, []), options);
    expect(search.slots).toHaveLength(5);
    expect(search.windowMin).toBe(120);
    for (const s of search.slots) {
      expect(s.end - s.start).toBe(120 * 60_000);
      expect(s.plannedStart).toBeGreaterThanOrEqual(s.start);
      expect(s.plannedStart).toBeLessThanOrEqual(s.end);
      expect(s.engineerId).toBe('near');
      expect(s.grade).toBe('good');
      expect(s.slaFit).toBe('met');
      expect(s.travelAddedMin).toBeGreaterThan(0);
    }
    // Good windows first, soonest first among them.
    expect(search.slots.map((s) => s.start)).toEqual([...search.slots.map((s) => s.start)].sort((a, b) => a - b));
    // Four good windows today, the fifth tomorrow morning: later days could not rank higher and are not searched.
    expect(search.slots.map((s) => s.start)).toEqual([
      at('08:00'),
      at('10:00'),
      at('12:00'),
      at('14:00'),
      at('08:00') + DAY,
    ]);
    expect(search.days.map((d) => d.dayStart)).toEqual([DAY_START, DAY_START + DAY]);
  });

  it('grades a long drive fair and a window that misses the SLA poor', () => {
    const far = findSlots(order('far'), [dayAt('07:00', [engineer('a', { homeBase: place(25, 0) })], [])], options);
    expect(far.slots[0]).toMatchObject({ grade: 'fair', slaFit: 'met' });
    expect(far.slots[0]?.travelAddedMin).toBeGreaterThan(45);
    const soon = order('soon', { sla: { respondBy: at('10:20'), resolveBy: at('+1 20:00') } });
    const search = findSlots(soon, [dayAt('07:00', [engineer('a')], [])], options);
    expect(search.slots.map((s) => [s.grade, s.slaFit])).toEqual([
      ['good', 'met'],
      ['fair', 'tight'],
      ['poor', 'late'],
      ['poor', 'late'],
    ]);
  });

  it("narrows to the caller's days and half-days", () => {
    const engineers = [engineer('a', { shifts: everyDay(7) })];
    const days = week('07:00', engineers, []);
    const third = DAY_START + 2 * DAY;
    const search = findSlots(order('n'), days, { ...options, preferences: { days: [third], halves: ['afternoon'] } });
    expect(search.slots.length).toBeGreaterThan(0);
    for (const s of search.slots) {
      expect(s.start).toBeGreaterThanOrEqual(third + 12 * 3_600_000);
      expect(s.end).toBeLessThanOrEqual(third + DAY);
    }
    expect(search.days.filter((d) => d.reason === 'not_preferred')).toHaveLength(6);
  });
});

describe('findSlots: why nothing is offered', () => {
  it('an order whose skills nobody has', () => {
    const search = findSlots(
      order('n', { requiredSkills: [{ skill: 'electrical', level: 4 }] }),
      week('07:00', [engineer('a', { shifts: everyDay(7) })], []),
      options,
    );
    expect(search.slots).toEqual([]);
    expect(search.reason).toEqual({ code: 'no_skills', skills: [{ skill: 'electrical', level: 4 }] });
    // Each day says the same, never that it is fully booked: nobody could take the job on an empty day either.
    expect(search.days).toHaveLength(7);
    for (const d of search.days) expect(d).toMatchObject({ offered: 0, reason: 'no_skills' });
  });

  it('a day with no shifts', () => {
    const sunday = findSlots(order('n'), week('07:00', [engineer('a', { shifts: [] })], [], 1), options);
    expect(sunday.days).toEqual([{ dayStart: DAY_START, offered: 0, reason: 'no_shifts' }]);
    expect(sunday.reason).toEqual({ code: 'no_shifts' });
    // Asked for the one day nobody works, in a week when others are worked.
    const engineers = [engineer('a', { shifts: everyDay(7).filter((_, k) => k !== 3) })];
    const search = findSlots(order('n'), week('07:00', engineers, []), {
      ...options,
      preferences: { days: [DAY_START + 3 * DAY] },
    });
    expect(search.slots).toEqual([]);
    expect(search.reason).toEqual({ code: 'no_shifts' });
  });

  it('a window in the past', () => {
    const engineers = [engineer('a', { shifts: everyDay(7) })];
    const yesterday = findSlots(order('n'), week('07:00', engineers, []), {
      ...options,
      preferences: { days: [DAY_START - DAY] },
    });
    expect(yesterday.slots).toEqual([]);
    expect(yesterday.reason).toEqual({ code: 'past' });
    // Asked for today after its last window has started.
    const evening = findSlots(order('n'), week('16:30', engineers, []), {
      ...options,
      preferences: { days: [DAY_START] },
    });
    expect(evening.days[0]).toEqual({ dayStart: DAY_START, offered: 0, reason: 'past' });
    expect(evening.reason).toEqual({ code: 'past' });
  });

  it('an order already booked is not offered windows', () => {
    const o = booked(order('n'), 'a', '09:00');
    const search = findSlots(o, [dayAt('07:00', [engineer('a')], [o])], options);
    expect(search.reason).toEqual({ code: 'not_open', status: 'scheduled' });
  });
});
