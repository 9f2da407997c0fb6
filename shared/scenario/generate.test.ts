import { describe, expect, it } from 'vitest';
import { skillLevel } from '../domain/index.js';
import { haversineKm } from '../geo/index.js';
import { localParts } from '../time/zoned.js';
import { AREAS, CityArea, Scenario, generateScenario } from './index.js';
import { TRADES } from './catalogue.js';

const city = generateScenario({ seed: 7, engineers: 60, orders: 400 });
const MINUTE = 60_000;

describe('simulated city', () => {
  it('is byte-identical for the same seed and different for another', () => {
    const again = generateScenario({ seed: 7, engineers: 60, orders: 400 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    expect(JSON.stringify(generateScenario({ seed: 8, engineers: 60, orders: 400 }))).not.toBe(JSON.stringify(city));
  });

  it('validates record by record against the domain schemas', () => {
    const parsed = Scenario.safeParse(city);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(city.engineers).toHaveLength(60);
    expect(city.orders).toHaveLength(400);
    expect(new Set(city.orders.map((o) => o.id)).size).toBe(400);
    expect(new Set(city.orders.map((o) => o.code)).size).toBe(400);
  });

  it('gives every engineer a phone of their own on the area exchange', () => {
    const phones = city.engineers.map((e) => e.phone);
    expect(phones.every((p) => p?.startsWith(`${AREAS.shanghai!.phonePrefix} `))).toBe(true);
    expect(new Set(phones).size).toBe(city.engineers.length);
  });

  it('keeps engineers unchanged when only the number of orders changes', () => {
    const bigger = generateScenario({ seed: 7, engineers: 60, orders: 800 });
    expect(bigger.engineers).toEqual(city.engineers);
  });

  it('places every site and home base inside Shanghai', () => {
    const peoplesSquare = { lat: 31.2304, lon: 121.4737 };
    for (const o of city.orders) expect(haversineKm(peoplesSquare, o.site)).toBeLessThan(70);
    for (const e of city.engineers) expect(haversineKm(peoplesSquare, e.homeBase)).toBeLessThan(70);
    expect(city.meta).toMatchObject({ area: 'shanghai', timeZone: 'Asia/Shanghai', date: '2026-03-02' });
  });

  it('gives engineers day shifts with a lunch break, and night cover around the clock', () => {
    for (const e of city.engineers) {
      for (const s of e.shifts) {
        const start = localParts(s.start, 'Asia/Shanghai');
        if (start.hour === 20) expect(s.end - s.start).toBe(12 * 3_600_000);
        else {
          expect(start.hour).toBeGreaterThanOrEqual(7);
          expect(start.hour).toBeLessThanOrEqual(11);
        }
        expect(s.breaks.length).toBeGreaterThanOrEqual(1);
      }
      expect(e.skills.length).toBeGreaterThanOrEqual(1);
      expect(new Set(e.skills.map((s) => s.skill)).size).toBe(e.skills.length);
    }
  });

  it('has engineers on shift at every hour of the day', () => {
    const big = generateScenario({ seed: 7, engineers: 60, orders: 10 });
    for (let hour = 0; hour < 24; hour++) {
      const t = big.meta.dayStart + hour * 3_600_000 + 15 * 60_000;
      const onShift = big.engineers.filter((e) => e.shifts.some((s) => t >= s.start && t < s.end));
      expect(onShift.length, `engineers on shift at ${hour}:15`).toBeGreaterThan(0);
    }
  });

  it('takes SLA deadlines from the policy by priority and tier', () => {
    for (const o of city.orders) {
      const target = city.slaPolicy.targets[o.priority][o.customer.tier];
      expect(o.sla.respondBy - o.createdAt).toBe(target.respondMin * MINUTE);
      expect(o.sla.resolveBy - o.createdAt).toBe(target.resolveMin * MINUTE);
    }
  });

  it('promises appointment windows only where the SLA can still be kept', () => {
    const withWindow = city.orders.filter((o) => o.window);
    expect(withWindow.length).toBeGreaterThan(50);
    for (const o of withWindow) {
      expect(o.priority === 'P3' || o.priority === 'P4').toBe(true);
      expect(o.window!.start).toBeGreaterThanOrEqual(o.createdAt + 2 * 60 * MINUTE);
      expect(o.window!.end + o.durationMin * MINUTE).toBeLessThanOrEqual(o.sla.resolveBy);
    }
  });

  it('has a backlog and calls arriving mostly in working hours with a morning peak', () => {
    const { dayStart } = city.meta;
    const backlog = city.orders.filter((o) => o.createdAt < dayStart);
    expect(backlog.length / city.orders.length).toBeGreaterThan(0.15);
    expect(backlog.length / city.orders.length).toBeLessThan(0.35);
    const today = city.orders.filter((o) => o.createdAt >= dayStart);
    const hour = (t: number) => localParts(t, 'Asia/Shanghai').hour;
    const morning = today.filter((o) => hour(o.createdAt) >= 9 && hour(o.createdAt) < 12).length;
    const night = today.filter((o) => hour(o.createdAt) < 6).length;
    expect(morning).toBeGreaterThan(night * 5);
    expect(city.orders.some((o) => o.priority === 'P1')).toBe(true);
  });

  it('books the backlog only to qualified engineers, inside their shifts, without overlaps', () => {
    const booked = city.orders.filter((o) => o.booking);
    expect(booked.length).toBeGreaterThan(20);
    const byEngineer = new Map<string, Array<[number, number]>>();
    for (const o of booked) {
      const b = o.booking!;
      const e = city.engineers.find((x) => x.id === b.engineerId)!;
      for (const s of o.requiredSkills) expect(skillLevel(e, s.skill)).toBeGreaterThanOrEqual(s.level);
      for (const p of o.requiredParts) expect(e.vanStock[p.part] ?? 0).toBeGreaterThanOrEqual(p.qty);
      expect(e.shifts.some((s) => b.start >= s.start && b.end <= s.end)).toBe(true);
      if (o.window) expect(b.start >= o.window.start && b.start < o.window.end).toBe(true);
      expect(o.excludedEngineerIds).not.toContain(e.id);
      expect(['scheduled', 'dispatched']).toContain(o.status);
      byEngineer.set(e.id, [...(byEngineer.get(e.id) ?? []), [b.start, b.end]]);
    }
    for (const spans of byEngineer.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
  });

  it('generates the other shipped areas in their own time zones', () => {
    const london = generateScenario({ seed: 3, engineers: 20, orders: 50, area: 'london', date: '2026-07-06' });
    expect(Scenario.safeParse(london).success).toBe(true);
    expect(localParts(london.engineers[0]!.shifts[0]!.start, 'Europe/London').hour).toBeGreaterThanOrEqual(7);
    expect(london.orders[0]!.site.address).toMatch(/^\d+ .+, .+$/);
  });

  it("writes what customers report in the city's language: Chinese in Shanghai and Beijing, English in London", () => {
    const said = TRADES.flatMap((t) => Object.values(t.summaries).flat());
    const shanghai = generateScenario({ seed: 3, engineers: 20, orders: 50 });
    const london = generateScenario({ seed: 3, engineers: 20, orders: 50, area: 'london' });
    const beijing = generateScenario({ seed: 3, engineers: 20, orders: 50, area: 'beijing' });
    expect(shanghai.orders.map((o) => o.summary)).toEqual(
      shanghai.orders.map((o) => said.find((s) => s.zh === o.summary)?.zh),
    );
    expect(beijing.orders.every((o) => said.some((s) => s.zh === o.summary))).toBe(true);
    expect(london.orders.every((o) => said.some((s) => s.en === o.summary))).toBe(true);
    // Customers are written to in the same language.
    expect(new Set(shanghai.orders.map((o) => o.customer.language))).toEqual(new Set(['zh']));
    expect(new Set(london.orders.map((o) => o.customer.language))).toEqual(new Set(['en']));
    // The language changes the words, not the draws: the same seed reports the same things.
    const english = (summary: string) => said.find((s) => s.zh === summary)?.en;
    const shanghaiInEnglish = generateScenario({
      seed: 3,
      engineers: 20,
      orders: 50,
      area: { ...AREAS.shanghai!, language: 'en' },
    });
    expect(shanghai.orders.map((o) => english(o.summary))).toEqual(shanghaiInEnglish.orders.map((o) => o.summary));
    expect(new Set(said.map((s) => s.zh)).size).toBe(said.length);
  });

  it('accepts every shipped area as a custom definition too', () => {
    for (const area of Object.values(AREAS)) expect(CityArea.safeParse(area).error?.issues ?? []).toEqual([]);
  });

  it('accepts a custom area and rejects a broken one with the field named', () => {
    const custom: CityArea = {
      ...AREAS.london!,
      id: 'bristol',
      name: 'Bristol',
      districts: [AREAS.london!.districts[0]!],
    };
    expect(generateScenario({ seed: 1, engineers: 5, orders: 10, area: custom }).meta.area).toBe('bristol');
    expect(() =>
      generateScenario({ seed: 1, engineers: 5, orders: 10, area: { ...custom, timeZone: 'Mars/Olympus' } }),
    ).toThrow(/time zone/);
  });

  it('refuses nonsense sizes, dates and areas with a clear message', () => {
    expect(() => generateScenario({ seed: 1, engineers: 0, orders: 10 })).toThrow(/engineers must be a whole number/);
    expect(() => generateScenario({ seed: 1, engineers: 5, orders: -1 })).toThrow(/orders must be a whole number/);
    expect(() => generateScenario({ seed: 1, engineers: 5, orders: 1, date: '2026-02-30' })).toThrow(/calendar date/);
    expect(() => generateScenario({ seed: 1, engineers: 5, orders: 1, area: 'atlantis' })).toThrow(
      /unknown area "atlantis"/,
    );
  });
});
