import type {
  Engineer,
  OrderType,
  PartNeed,
  Priority,
  SkillLevel,
  SlaPolicy,
  TimeWindow,
  WorkOrder,
} from '../domain/index.js';
import { skillLevel, slaFor } from '../domain/index.js';
import { TRADES, type Trade } from './catalogue.js';
import type { DayClock } from './clock.js';
import type { CustomerPlan } from './customers.js';
import type { CityArea } from './area.js';
import { WeightedTable, type Random } from '../random/index.js';

const MINUTE = 60_000;

const TYPE_WEIGHTS: Record<OrderType, number> = { repair: 45, maintenance: 28, install: 15, inspection: 12 };
const TYPES = Object.keys(TYPE_WEIGHTS) as OrderType[];

/** Priority mix by order type: emergencies are repairs. */
const PRIORITY_WEIGHTS: Record<OrderType, Record<Priority, number>> = {
  repair: { P1: 10, P2: 35, P3: 40, P4: 15 },
  install: { P1: 0, P2: 10, P3: 50, P4: 40 },
  maintenance: { P1: 0, P2: 5, P3: 40, P4: 55 },
  inspection: { P1: 0, P2: 0, P3: 30, P4: 70 },
};
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** Typical duration in minutes by type; actual ones spread log-normally around it. */
const BASE_DURATION: Record<OrderType, number> = { repair: 75, install: 150, maintenance: 90, inspection: 45 };

/** Minimum skill level by type, as weights over levels 1..5. */
const LEVEL_WEIGHTS: Record<OrderType, readonly number[]> = {
  inspection: [55, 40, 5, 0, 0],
  maintenance: [30, 45, 25, 0, 0],
  repair: [10, 35, 38, 15, 2],
  install: [5, 30, 45, 18, 2],
};

/** Calls per hour of the day (local time): a morning peak, a lunch dip, an afternoon peak, a quiet night. */
const HOURLY_ARRIVALS = [0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 7, 4, 5, 7, 7, 6, 4, 3, 2, 1.5, 1, 0.6, 0.3];
const HOURS = HOURLY_ARRIVALS.map((_, h) => h);

/** Appointment slots customers are offered, in local minutes. */
const SLOTS: ReadonlyArray<readonly [number, number]> = [
  [8 * 60, 10 * 60],
  [10 * 60, 12 * 60],
  [13 * 60, 15 * 60],
  [15 * 60, 17 * 60],
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
];

/** Share of the day's orders already open when the day starts. */
export const BACKLOG_SHARE = 0.3;

function duration(rng: Random, type: OrderType): number {
  const raw = BASE_DURATION[type] * Math.exp(0.35 * rng.normal());
  return Math.max(20, Math.min(480, Math.round(raw / 5) * 5));
}

/** Engineers a call must be within reach of: the centre only takes work that a few of its people can do. */
const MIN_QUALIFIED = 3;

/** Who holds what: for each skill, the levels held (highest first), and the engineers. */
interface Supply {
  levels: Map<string, number[]>;
  engineers: readonly Engineer[];
}

function supplyOf(engineers: readonly Engineer[]): Supply {
  const levels = new Map<string, number[]>();
  for (const e of engineers)
    for (const sk of e.skills) levels.set(sk.skill, [...(levels.get(sk.skill) ?? []), sk.level]);
  for (const list of levels.values()) list.sort((a, b) => b - a);
  return { levels, engineers };
}

/** The highest level at least MIN_QUALIFIED engineers hold in a skill (or the lowest held, with fewer holders). */
function reachableLevel(supply: Supply, skill: string): number {
  const list = supply.levels.get(skill) ?? [1];
  return list[Math.min(MIN_QUALIFIED, list.length) - 1] ?? 1;
}

/** Required skills, at levels several engineers hold (the centre only takes work it can do). */
function skillsFor(rng: Random, trade: Trade, type: OrderType, supply: Supply): SkillLevel[] {
  const levels = LEVEL_WEIGHTS[type];
  const wanted = rng.weighted([1, 2, 3, 4, 5], (l) => levels[l - 1] ?? 0);
  const main = { skill: trade.skill.id, level: Math.min(wanted, reachableLevel(supply, trade.skill.id)) };
  const skills = [main];
  if (rng.chance(0.1)) {
    const other = rng.pick(
      TRADES.filter((t) => t !== trade && (t.skill.id === 'electrical' || t.skill.id === 'network')),
    );
    const level = rng.int(1, 2);
    const both = supply.engineers.filter(
      (e) => skillLevel(e, main.skill) >= main.level && skillLevel(e, other.skill.id) >= level,
    ).length;
    if (both >= MIN_QUALIFIED) skills.push({ skill: other.skill.id, level });
  }
  return skills;
}

/** Parts the job needs, among those a couple of the engineers able to do it carry (others come on a revisit). */
function partsFor(rng: Random, trade: Trade, type: OrderType, skills: SkillLevel[], supply: Supply): PartNeed[] {
  const p = { repair: 0.55, install: 0.8, maintenance: 0.4, inspection: 0.03 }[type];
  if (!rng.chance(p)) return [];
  const n = type === 'install' && rng.chance(0.4) ? 2 : rng.chance(0.2) ? 2 : 1;
  const need = rng
    .sample(trade.parts, n)
    .map((part) => ({ part: part.id, qty: part.id.endsWith('refrigerant') ? rng.int(1, 3) : 1 }));
  const able = supply.engineers.filter((e) => skills.every((s) => skillLevel(e, s.skill) >= s.level));
  const carried = (x: PartNeed) => able.filter((e) => (e.vanStock[x.part] ?? 0) >= x.qty).length;
  return need.filter((x) => carried(x) >= Math.min(2, able.length));
}

/** When the customer called: a quarter in the day or two before (the backlog), the rest through the day. */
function arrival(rng: Random, clock: DayClock): number {
  if (rng.chance(BACKLOG_SHARE)) return clock.at(-1, rng.int(9 * 60, 20 * 60 - 1));
  const hour = rng.weighted(HOURS, (h) => HOURLY_ARRIVALS[h] ?? 0);
  return clock.at(0, hour * 60 + rng.int(0, 59));
}

/** An appointment window the customer was promised, early enough to keep the SLA; null when none fits or none was asked for. */
function windowFor(
  rng: Random,
  clock: DayClock,
  createdAt: number,
  resolveBy: number,
  durationMin: number,
): TimeWindow | null {
  for (const day of [0, 1]) {
    const [from, to] = rng.pick(SLOTS);
    const start = clock.at(day, from);
    const end = clock.at(day, to);
    if (start >= createdAt + 2 * 60 * MINUTE && end + durationMin * MINUTE <= resolveBy) return { start, end };
  }
  return null;
}

function wantsAppointment(rng: Random, type: OrderType, priority: Priority): boolean {
  if (priority === 'P1' || priority === 'P2') return false;
  return type === 'repair' ? rng.chance(0.5) : rng.chance(0.8);
}

/** The day's work orders, all new; `createdAt` tells when each one arrives. */
export function makeOrders(
  rng: Random,
  clock: DayClock,
  policy: SlaPolicy,
  customers: CustomerPlan[],
  count: number,
  engineers: readonly Engineer[],
  language: CityArea['language'],
): WorkOrder[] {
  // The trades the area's engineers cover: calls come for those, more for trades more engineers can answer.
  const supply = supplyOf(engineers);
  const holders = (t: Trade) => supply.levels.get(t.skill.id)?.length ?? 0;
  const covered = TRADES.filter((t) => holders(t) > 0);
  const byActivity = new WeightedTable(customers, (c) => c.activity);
  const byDemand =
    covered.length > 0
      ? new WeightedTable(covered, (t) => Math.sqrt(t.demand) * holders(t))
      : new WeightedTable(TRADES, (t) => t.demand);
  const byType = new WeightedTable(TYPES, (t) => TYPE_WEIGHTS[t]);
  const orders: WorkOrder[] = [];
  for (let k = 0; k < count; k++) {
    const plan = byActivity.draw(rng);
    const site = rng.pick(plan.sites);
    const trade = byDemand.draw(rng);
    const type = byType.draw(rng);
    const drawn = rng.weighted(PRIORITIES, (p) => PRIORITY_WEIGHTS[type][p]);
    const durationMin = duration(rng, type);
    const createdAt = arrival(rng, clock);
    // Emergencies and urgent calls from earlier days were dealt with then: the backlog is routine work.
    const priority = createdAt < clock.dayStart && (drawn === 'P1' || drawn === 'P2') ? 'P3' : drawn;
    const sla = slaFor(policy, priority, plan.customer.tier, createdAt);
    const requiredSkills = skillsFor(rng, trade, type, supply);
    const window = wantsAppointment(rng, type, priority)
      ? windowFor(rng, clock, createdAt, sla.resolveBy, durationMin)
      : null;
    orders.push({
      id: `wo-${String(k + 1).padStart(6, '0')}`,
      code: '',
      customer: plan.customer,
      site: { address: site.address, lat: site.lat, lon: site.lon },
      type,
      priority,
      summary: rng.pick(trade.summaries[type])[language],
      requiredSkills,
      requiredParts: partsFor(rng, trade, type, requiredSkills, supply),
      durationMin,
      window,
      sla,
      status: 'new',
      booking: null,
      preferredEngineerIds: [],
      excludedEngineerIds: [],
      firstTimeFix: null,
      parentOrderId: null,
      createdAt,
      updatedAt: createdAt,
      version: 0,
      rev: 'seed',
    });
  }
  // Codes follow the order of arrival, as a call centre numbers its tickets.
  const byArrival = orders.map((o, i) => ({ i, at: o.createdAt })).sort((a, b) => a.at - b.at || a.i - b.i);
  byArrival.forEach(({ i }, n) => {
    const order = orders[i] as WorkOrder;
    order.code = `WO-${String(n + 1).padStart(6, '0')}`;
  });
  return orders;
}
