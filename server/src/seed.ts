import { generateScenario, type Scenario } from '../../shared/scenario/index.js';
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

/** Loads the simulated city into an empty store (making it only then); returns whether it did. */
export async function seedIfEmpty(store: SyncStore, city: Scenario | (() => Scenario)): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  const made = typeof city === 'function' ? city() : city;
  await store.seed(made, demoUsers(made.engineers));
  return true;
}
