import { describe, expect, it } from 'vitest';
import { generateScenario } from './index.js';
import {
  MEAN_JOB_MIN,
  REVISIT_ALLOWANCE,
  TRAVEL_PER_JOB_MIN,
  daytimeCapacityMin,
  ordersForCapacity,
} from './demand.js';
import { DayClock } from './clock.js';

describe('demand sized to capacity', () => {
  it('brings a weekday about 85 % of its rostered daytime in work and driving', () => {
    for (const seed of [7, 8, 9]) {
      const city = generateScenario({ seed, engineers: 60 });
      const capacity = city.meta.capacityMin!;
      const tomorrow = city.meta.dayStart + 86_400_000;
      // The day's own work: not the appointments for later days, nor the calls of the evening.
      const today = city.orders.filter((o) =>
        o.window ? o.window.start < tomorrow : o.createdAt < city.meta.dayStart + 17 * 3_600_000,
      );
      const load = today.reduce((sum, o) => sum + o.durationMin + TRAVEL_PER_JOB_MIN, 0) * (1 + REVISIT_ALLOWANCE);
      expect(load / capacity, `seed ${seed}`).toBeGreaterThan(0.7);
      expect(load / capacity, `seed ${seed}`).toBeLessThan(0.95);
    }
  });

  it('counts daytime shifts less breaks and absences', () => {
    const city = generateScenario({ seed: 3, engineers: 1, orders: 0 });
    const clock = new DayClock(city.meta.date, city.meta.timeZone);
    const e = city.engineers[0]!;
    const at = (h: number) => clock.at(0, h * 60);
    const one = {
      ...e,
      shifts: [{ start: at(8), end: at(17), breaks: [{ start: at(12), end: at(13) }] }],
      absences: [],
    };
    expect(daytimeCapacityMin([one], clock)).toBe(8 * 60);
    expect(
      daytimeCapacityMin([{ ...one, absences: [{ start: at(15), end: at(20), reason: 'Sick leave' }] }], clock),
    ).toBe(6 * 60);
    // A night shift counts only its part in daytime (20:00 is the end of the day).
    const night = { ...one, shifts: [{ start: at(19), end: at(31), breaks: [] }] };
    expect(daytimeCapacityMin([night], clock)).toBe(60);
  });

  it('turns capacity into orders by the time each one costs', () => {
    const perOrder = (MEAN_JOB_MIN + TRAVEL_PER_JOB_MIN) * (1 + REVISIT_ALLOWANCE);
    // A day's own work is 1 − LATER_SHARE of its orders.
    expect(ordersForCapacity(perOrder * 65, 1)).toBe(100);
    expect(ordersForCapacity(perOrder * 100)).toBe(Math.round(85 / 0.65));
    expect(ordersForCapacity(0)).toBe(0);
  });

  it('gives a weekend fewer engineers and much less work; an explicit order count still wins', () => {
    const monday = generateScenario({ seed: 7, engineers: 60, date: '2026-03-02' });
    const saturday = generateScenario({ seed: 7, engineers: 60, date: '2026-03-07' });
    expect(saturday.meta.capacityMin!).toBeLessThan(monday.meta.capacityMin! / 2.5);
    expect(saturday.orders.length).toBeLessThan(monday.orders.length / 3);
    expect(generateScenario({ seed: 7, engineers: 60, orders: 400 }).orders).toHaveLength(400);
  });
});
