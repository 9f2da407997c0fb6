import { AREAS, generateScenario, type Scenario } from '../../../shared/scenario/index.js';
import { localDate } from '../../../shared/time/index.js';
import { runDay, type PolicyName } from './run-day.js';

/** The autopilot's settings for a warm start: the same decisions, re-planning less often, so the server starts fast. */
const WARM_AUTOPILOT = { replanBudgetMs: 30, replanEveryMin: 120 } as const;

/**
 * Today's simulated city as a centre that has been running since midnight: the day is played on a simulated clock
 * from local midnight to `now` — calls arriving, the field working, `policy` dispatching — and the city is what that
 * leaves: the orders that came in, their bookings and statuses, the engineers where their devices last were, and the
 * whole audit trail. What waits in the queue is what realistically waits at this hour.
 */
export function warmStartCity(
  options: { seed: number; engineers: number; orders: number | null; area: string },
  now: number,
  policy: PolicyName,
): Scenario {
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
  });
  const orders = day.orders.filter((o) => o.createdAt <= now);
  return {
    ...city,
    orders,
    engineers: day.engineers,
    events: day.centre.events,
    meta: { ...city.meta, orders: orders.length },
  };
}
