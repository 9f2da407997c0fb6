import { describe, expect, it } from 'vitest';
import { localParts } from '../time/zoned.js';
import { generateScenario } from './index.js';
import { ROTA_DAYS, WEEKEND_GROUPS } from './rota.js';

const DAY = 86_400_000;
// Monday 2 March 2026: the fortnight holds two weekends.
const city = generateScenario({ seed: 7, engineers: 60, orders: 50 });
const tz = city.meta.timeZone;
const dayOf = (t: number) => Math.floor((t - city.meta.dayStart) / DAY);
const weekday = (t: number) => localParts(t, tz).weekday;

describe('the rota', () => {
  it('publishes shifts for the next 14 days, the night shift that began yesterday evening included', () => {
    for (const e of city.engineers) {
      for (const s of e.shifts) {
        expect(dayOf(s.start)).toBeGreaterThanOrEqual(-1);
        expect(dayOf(s.start)).toBeLessThan(ROTA_DAYS);
      }
    }
    const nights = city.engineers.filter((e) => e.shifts.some((s) => localParts(s.start, tz).hour === 20));
    expect(nights.length).toBeGreaterThan(0);
    // 1 March is a Sunday: the night worker on call that weekend covers the small hours of Monday.
    expect(nights.some((e) => e.shifts.some((s) => dayOf(s.start) === -1))).toBe(true);
    for (const e of nights) expect(e.shifts.some((s) => dayOf(s.start) === 0)).toBe(true);
    const last = Math.max(...city.engineers.flatMap((e) => e.shifts.map((s) => dayOf(s.start))));
    expect(last).toBe(ROTA_DAYS - 1);
  });

  it('has everyone not on leave working on weekdays', () => {
    for (let d = 0; d < ROTA_DAYS; d++) {
      const noon = city.meta.dayStart + d * DAY + 12 * 3_600_000;
      if (weekday(noon) === 0 || weekday(noon) === 6) continue;
      for (const e of city.engineers) {
        const away = e.absences.some((a) => a.start <= noon && a.end > noon);
        const works = e.shifts.some(
          (s) => dayOf(s.start) === d || (dayOf(s.start) === d - 1 && s.end > noon - 12 * 3_600_000),
        );
        if (!away) expect(works, `${e.id} on day ${d}`).toBe(true);
      }
    }
  });

  it('covers weekends with engineers on call by turns: about one in four, a different group each weekend', () => {
    const onCall = (d: number) =>
      new Set(city.engineers.filter((e) => e.shifts.some((s) => dayOf(s.start) === d)).map((e) => e.id));
    // Days 5 and 6 are the first Saturday and Sunday, 12 and 13 the second.
    expect(weekday(city.meta.dayStart + 5 * DAY + 43_200_000)).toBe(6);
    const first = onCall(5);
    const second = onCall(12);
    expect(onCall(6)).toEqual(first);
    for (const group of [first, second]) {
      expect(group.size).toBeGreaterThan(60 / WEEKEND_GROUPS - 6);
      expect(group.size).toBeLessThan(60 / WEEKEND_GROUPS + 4);
    }
    expect([...first].filter((id) => second.has(id))).toEqual([]);
    // Every team has someone on call.
    const teams = new Set(city.engineers.filter((e) => first.has(e.id)).map((e) => e.team));
    expect(teams.size).toBe(city.teams.length);
    // Weekend day cover is a shorter on-call day, 09:00–18:00.
    for (const e of city.engineers)
      for (const s of e.shifts.filter((x) => dayOf(x.start) === 5 && localParts(x.start, tz).hour !== 20))
        expect([localParts(s.start, tz).hour, localParts(s.end, tz).hour]).toEqual([9, 18]);
  });

  it('books no shift inside planned leave', () => {
    const onLeave = city.engineers.filter((e) => e.absences.length > 0);
    expect(onLeave.length).toBeGreaterThan(0);
    for (const e of onLeave)
      for (const a of e.absences)
        for (const s of e.shifts)
          expect(a.start <= s.start && a.end >= s.end, `${e.id} works during leave`).toBe(false);
  });
});
