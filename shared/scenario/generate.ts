import { defaultSlaPolicy } from '../domain/index.js';
import { isIsoDate } from '../time/zoned.js';
import { CityArea } from './area.js';
import { AREAS, DEFAULT_AREA_ID } from './areas.js';
import { TRADES } from './catalogue.js';
import { DayClock } from './clock.js';
import { makeCustomers } from './customers.js';
import { TARGET_UTILISATION, WEEKEND_UTILISATION, daytimeCapacityMin, ordersForCapacity } from './demand.js';
import { isWeekend } from './rota.js';
import { makeOrders } from './orders.js';
import { makeEngineers, planTeams } from './people.js';
import { addPreferences, prebookBacklog } from './prebook.js';
import { Random } from '../random/index.js';
import type { Scenario, Team } from './schema.js';
import { haversineKm } from '../geo/index.js';

/** The day simulated unless another is asked for: a fixed Monday, so the same seed gives the same file anywhere. */
export const DEFAULT_SCENARIO_DATE = '2026-03-02';

export interface ScenarioOptions {
  seed: number;
  engineers: number;
  /** Orders of the day; sized to the day's rostered capacity (about 85 % booked when dispatched well) when absent. */
  orders?: number | undefined;
  /** An area id from AREAS or a full area definition (validated). Defaults to Shanghai. */
  area?: string | CityArea;
  /** The day to simulate, YYYY-MM-DD in the area's time zone. */
  date?: string;
}

/** Limits that keep a generated city within what the console is built and benchmarked for. */
export const SCENARIO_LIMITS = { engineers: 5_000, orders: 100_000 } as const;

/** Within this distance of a team's depot a district is served; a small centre does not take calls across the region. */
const SERVED_KM = 12;

/** The districts the centre's teams can reach: their own and those whose centre is near a depot. */
function servedArea(area: CityArea, teams: readonly Team[]): CityArea {
  const served = area.districts.filter(
    (d) => teams.some((t) => t.districtId === d.id) || teams.some((t) => haversineKm(t.depot, d) <= SERVED_KM),
  );
  return served.length > 0 ? { ...area, districts: served } : area;
}

function resolveArea(area: ScenarioOptions['area']): CityArea {
  if (area === undefined) return AREAS[DEFAULT_AREA_ID] as CityArea;
  if (typeof area === 'string') {
    const known = AREAS[area];
    if (!known) throw new Error(`unknown area "${area}"; known areas: ${Object.keys(AREAS).join(', ')}`);
    return known;
  }
  return CityArea.parse(area);
}

/**
 * A seeded, deterministic control-centre day in a real metro area: teams and engineers with skills, shifts and vans;
 * customers of several tiers; orders with priorities, appointment windows, SLA deadlines, skills and parts, arriving
 * over the day; the backlog partly planned already.
 */
export function generateScenario(options: ScenarioOptions): Scenario {
  const { seed, engineers: engineerCount } = options;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(engineerCount) || engineerCount < 1 || engineerCount > SCENARIO_LIMITS.engineers)
    throw new Error(`engineers must be a whole number from 1 to ${SCENARIO_LIMITS.engineers}, got ${engineerCount}`);
  const asked = options.orders;
  if (asked !== undefined && (!Number.isInteger(asked) || asked < 0 || asked > SCENARIO_LIMITS.orders))
    throw new Error(`orders must be a whole number from 0 to ${SCENARIO_LIMITS.orders}, got ${asked}`);
  const date = options.date ?? DEFAULT_SCENARIO_DATE;
  if (!isIsoDate(date)) throw new Error(`date must be a calendar date written YYYY-MM-DD, got "${date}"`);
  const area = resolveArea(options.area);

  const clock = new DayClock(date, area.timeZone);
  const policy = defaultSlaPolicy();
  // Separate streams per part of the city, so asking for more orders leaves the engineers unchanged.
  const teamPlans = planTeams(new Random(seed * 7 + 1), area, engineerCount);
  const teams = teamPlans.map((p) => p.team);
  const engineers = makeEngineers(new Random(seed * 7 + 2), area, clock, teamPlans, engineerCount);
  const capacityMin = daytimeCapacityMin(engineers, clock);
  const orderCount = Math.min(
    SCENARIO_LIMITS.orders,
    asked ?? ordersForCapacity(capacityMin, isWeekend(clock, 0) ? WEEKEND_UTILISATION : TARGET_UTILISATION),
  );
  const customers = makeCustomers(
    new Random(seed * 7 + 3),
    servedArea(area, teams),
    Math.max(10, Math.round(orderCount / 3)),
  );
  const orders = makeOrders(new Random(seed * 7 + 4), clock, policy, customers, orderCount, engineers, area.language);
  addPreferences(new Random(seed * 7 + 5), teams, engineers, orders);
  prebookBacklog(new Random(seed * 7 + 6), clock, teams, engineers, orders);

  return {
    meta: {
      seed,
      area: area.id,
      areaName: area.name,
      timeZone: area.timeZone,
      date,
      dayStart: clock.dayStart,
      engineers: engineers.length,
      orders: orders.length,
      capacityMin: Math.round(capacityMin),
    },
    skills: TRADES.map((t) => t.skill),
    parts: TRADES.flatMap((t) => t.parts),
    teams,
    slaPolicy: policy,
    engineers,
    orders,
  };
}
