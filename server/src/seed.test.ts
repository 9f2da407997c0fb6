// The server's city for today publishes the rota's 14 days from the local day the server starts in, at any hour.
import { describe, expect, it } from 'vitest';
import { ROTA_DAYS } from '../../shared/scenario/index.js';
import { addDays, epochAtLocal, localDate } from '../../shared/time/index.js';
import { cityForToday } from './seed.js';

const TZ = 'Asia/Shanghai';

describe('cityForToday', () => {
  for (const clock of [10, 23 * 60 + 50, 13 * 60]) {
    it(`gives shifts on each of the next ${ROTA_DAYS} days when started at ${Math.floor(clock / 60)}:${String(clock % 60).padStart(2, '0')}`, () => {
      const now = epochAtLocal('2026-03-05', clock, TZ);
      const city = cityForToday({ seed: 3, engineers: 40, orders: 30, area: 'shanghai' }, now);
      const today = localDate(now, TZ);
      const days = Array.from({ length: ROTA_DAYS }, (_, k) => addDays(today, k));
      const worked = new Set(city.engineers.flatMap((e) => e.shifts.map((s) => localDate(s.start, TZ))));
      for (const d of days) expect(worked.has(d), d).toBe(true);
      // Nothing past the fortnight, nothing before the night shift that began yesterday evening.
      const starts = city.engineers.flatMap((e) => e.shifts.map((s) => s.start));
      expect(Math.max(...starts)).toBeLessThan(epochAtLocal(addDays(today, ROTA_DAYS), 0, TZ));
      expect(Math.min(...starts)).toBeGreaterThanOrEqual(epochAtLocal(addDays(today, -1), 0, TZ));
    });
  }
});
