import { AREAS, generateScenario, type Scenario } from '../../../shared/scenario/index.js';
import type { EngineerPosition } from '../../../shared/sync/index.js';
import { localDate } from '../../../shared/time/index.js';
import { runDay, type PolicyName } from './run-day.js';

/** The autopilot's settings for a warm start: the same decisions, re-planning less often, so the server starts fast. */
const WARM_AUTOPILOT = { replanBudgetMs: 30, replanEveryMin: 120 } as const;

/** How often a warm start keeps where each engineer was: a minute draws the streets they drove, at 60 points an hour. */
export const WARM_TRAIL_EVERY_MS = 60_000;

/**
 * Today's simulated city as a centre that has been running since midnight: the day is played on a simulated clock
 * from local midnight to `now` — calls arriving, the field working, `policy` dispatching — and the city is what that
 * leaves: the orders that came in, their bookings and statuses, the engineers where their devices last were, the
 * whole audit trail, and `trail`, where each engineer's device was through the day (for the map and the replay).
 * What waits in the queue is what realistically waits at this hour.
 */
export function warmStartCity(
  options: { seed: number; engineers: number; orders: number | null; area: string },
  now: number,
  policy: PolicyName,
): Scenario & { trail: EngineerPosition[] } {
  const area = AREAS[options.area];
  if (!area) throw new Error(`unknown area ${options.area}`);
  const city = generateScenario({
    ...options,
    orders: options.orders ?? undefined,
    date: localDate(now, area.timeZone),
  });
  const to = Math.floor(now / 60_000) * 60_000;
  const day = runDay({
    city,
    policy,
    seed: options.seed,
    to: Math.max(city.meta.dayStart + 60_000, to),
    clientPrefix: 'warm',
    autopilot: WARM_AUTOPILOT,
    trailEveryMs: WARM_TRAIL_EVERY_MS,
  });
  const orders = day.orders.filter((o) => o.createdAt <= now);
  return {
    ...city,
    orders,
    engineers: day.engineers,
    events: day.centre.events,
    meta: { ...city.meta, orders: orders.length },
    trail: day.trail.filter((p) => p.at <= now),
  };
}
