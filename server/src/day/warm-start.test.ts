import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Scenario } from '../../../shared/scenario/index.js';
import { epochAtLocal } from '../../../shared/time/index.js';
import { seedIfEmpty } from '../seed.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { WARM_TRAIL_EVERY_MS, warmStartCity } from './warm-start.js';

// A morning of a small centre played on a simulated clock: a few seconds on a quiet machine, many times that beside
// other builds. The timeout only catches a hang.
const HANG = 300_000;

describe('the warm start', () => {
  it(
    'opens on a centre that has been running since midnight: work done, work booked, and only what is waiting queued',
    async () => {
      const now = epochAtLocal('2026-03-03', 11 * 60 + 7, 'Asia/Shanghai') + 23_456;
      const city = warmStartCity({ seed: 4, engineers: 20, orders: null, area: 'shanghai' }, now, 'greedy');
      // A city the server can seed: every record valid, nothing from the future.
      expect(Scenario.safeParse(city).success).toBe(true);
      expect(city.orders.every((o) => o.createdAt <= now)).toBe(true);
      expect((city.events ?? []).every((e) => e.at <= now)).toBe(true);
      const status = (s: string) => city.orders.filter((o) => o.status === s).length;
      expect(status('completed')).toBeGreaterThan(0);
      // Each finished by the field with its service report, signed by a person (or marked unsigned), as live.
      const done = city.orders.filter(
        (o) => o.status === 'completed' && o.booking && o.booking.start >= city.meta.dayStart,
      );
      expect(done.length).toBeGreaterThan(0);
      expect(done.every((o) => o.report && o.report.signedBy !== o.customer.name)).toBe(true);
      expect(status('scheduled') + status('dispatched') + status('en_route') + status('on_site')).toBeGreaterThan(0);
      // What waits is what came in lately, not a day's backlog.
      const waiting = city.orders.filter((o) => o.status === 'new');
      expect(waiting.length).toBeLessThan(city.orders.length / 4);
      // Engineers are where their devices last were, and the trail says who did what.
      expect(city.engineers.some((e) => e.lastPosition && e.lastPosition.at > now - 3_600_000)).toBe(true);
      expect((city.events ?? []).some((e) => e.kind === 'assigned' && e.actor.id === 'dispatcher-greedy')).toBe(true);
      // And where each engineer drove while on shift: a point a minute at most, none after now, and the last one
      // where the engineer was last seen.
      const trail = city.trail;
      expect(trail.length).toBeGreaterThan(0);
      expect(trail.every((p) => p.at >= city.meta.dayStart && p.at <= now)).toBe(true);
      const byEngineer = new Map<string, typeof trail>();
      for (const p of trail) byEngineer.set(p.engineerId, [...(byEngineer.get(p.engineerId) ?? []), p]);
      for (const [id, points] of byEngineer) {
        for (let i = 1; i < points.length; i++)
          expect(points[i]!.at - points[i - 1]!.at).toBeGreaterThanOrEqual(WARM_TRAIL_EVERY_MS);
        const last = points.at(-1)!;
        const pos = city.engineers.find((e) => e.id === id)!.lastPosition!;
        expect([last.lat, last.lon, last.at]).toEqual([pos.lat, pos.lon, pos.at]);
      }
      // Those at work now are drawn up to now.
      expect(trail.some((p) => now - p.at < WARM_TRAIL_EVERY_MS + 60_000)).toBe(true);
      // Somebody drove: the trail is not a list of people standing still.
      expect([...byEngineer.values()].some((points) => points.some((p) => p.speed > 0))).toBe(true);
      // Seeded, the server answers a console's question for the day's trail with it.
      const dir = mkdtempSync(join(tmpdir(), 'warm-trail-'));
      const store = new SqliteStore(join(dir, 'server.sqlite'), { log: () => {} });
      try {
        expect(await seedIfEmpty(store, city)).toBe(true);
        const [id, points] = [...byEngineer].find(([, ps]) => ps.length > 10)!;
        const crumbs = await store.breadcrumbs(id, city.meta.dayStart, now + 1, 10_000);
        expect(crumbs.map((c) => c.at)).toEqual(points.map((p) => p.at));
        expect((await store.latestPositions()).find((p) => p.engineerId === id)?.at).toBe(points.at(-1)!.at);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    HANG,
  );
});
