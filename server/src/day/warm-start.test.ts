import { describe, expect, it } from 'vitest';
import { Scenario } from '../../../shared/scenario/index.js';
import { epochAtLocal } from '../../../shared/time/index.js';
import { warmStartCity } from './warm-start.js';

// A morning of a small centre played on a simulated clock: a few seconds on a quiet machine, many times that beside
// other builds. The timeout only catches a hang.
const HANG = 300_000;

describe('the warm start', () => {
  it(
    'opens on a centre that has been running since midnight: work done, work booked, and only what is waiting queued',
    () => {
      const now = epochAtLocal('2026-03-03', 11 * 60 + 7, 'Asia/Shanghai') + 23_456;
      const city = warmStartCity({ seed: 4, engineers: 20, orders: null, area: 'shanghai' }, now, 'greedy');
      // A city the server can seed: every record valid, nothing from the future.
      expect(Scenario.safeParse(city).success).toBe(true);
      expect(city.orders.every((o) => o.createdAt <= now)).toBe(true);
      expect((city.events ?? []).every((e) => e.at <= now)).toBe(true);
      const status = (s: string) => city.orders.filter((o) => o.status === s).length;
      expect(status('completed')).toBeGreaterThan(0);
      expect(status('scheduled') + status('dispatched') + status('en_route') + status('on_site')).toBeGreaterThan(0);
      // What waits is what came in lately, not a day's backlog.
      const waiting = city.orders.filter((o) => o.status === 'new');
      expect(waiting.length).toBeLessThan(city.orders.length / 4);
      // Engineers are where their devices last were, and the trail says who did what.
      expect(city.engineers.some((e) => e.lastPosition && e.lastPosition.at > now - 3_600_000)).toBe(true);
      expect((city.events ?? []).some((e) => e.kind === 'assigned' && e.actor.id === 'dispatcher-greedy')).toBe(true);
    },
    HANG,
  );
});
