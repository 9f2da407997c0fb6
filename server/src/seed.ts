import { generateScenario, type Scenario } from '../../shared/scenario/index.js';
import type { EngineerPosition } from '../../shared/sync/index.js';
import { localDate } from '../../shared/time/index.js';
import { AREAS } from '../../shared/scenario/index.js';
import { demoUsers } from './auth/users.js';
import type { SyncStore } from './store/types.js';

/**
 * Today's simulated city as the server starts it: the orders that have already come in by now (the backlog and the
 * morning's calls); the field simulator brings the rest of the day's work.
 */
export function cityForToday(
  options: { seed: number; engineers: number; orders: number | null; area: string },
  now: number,
): Scenario {
  const area = AREAS[options.area];
  if (!area) throw new Error(`unknown area ${options.area}`);
  const city = generateScenario({
    ...options,
    orders: options.orders ?? undefined,
    date: localDate(now, area.timeZone),
  });
  const orders = city.orders.filter((o) => o.createdAt <= now);
  // Engineers were last seen at home this morning, never in the future.
  const engineers = city.engineers.map((e) =>
    e.lastPosition && e.lastPosition.at > now ? { ...e, lastPosition: { ...e.lastPosition, at: now } } : e,
  );
  return { ...city, orders, engineers, meta: { ...city.meta, orders: orders.length } };
}

/** A city to seed, with where the engineers were through the day so far when it was played (a warm start's). */
type SeedCity = Scenario & { trail?: readonly EngineerPosition[] };

/**
 * Loads the simulated city into an empty store (making it only then), and its engineers' trail with each one's last
 * position, so the map and the replay show the day from its start; returns whether it did.
 */
export async function seedIfEmpty(store: SyncStore, city: SeedCity | (() => SeedCity)): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const made = typeof city === 'function' ? city() : city;
  await store.seed(made, demoUsers(made.engineers));
  const trail = made.trail ?? [];
  if (trail.length > 0) {
    const latest = new Map<string, EngineerPosition>();
    for (const p of trail) if (p.at >= (latest.get(p.engineerId)?.at ?? -Infinity)) latest.set(p.engineerId, p);
    await store.savePositions([...latest.values()], [...trail]);
  }
  return true;
}
