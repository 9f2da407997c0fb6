import type { Customer, Engineer, SkillLevel, VanStock } from '../domain/index.js';
import type { CityArea, District } from './area.js';
import { TRADES, type Trade } from './catalogue.js';
import type { DayClock } from './clock.js';
import { pointIn, scatter } from './geo.js';
import { Random } from '../random/index.js';
import { SHIFT_PATTERNS, WEEKEND_GROUPS, plannedLeave, rotaShifts } from './rota.js';
import type { Team } from './schema.js';

export const ENGINEERS_PER_TEAM = 10;

/** A team as the generator sees it: its district and the trades it specialises in. */
export interface TeamPlan {
  team: Team;
  district: District;
  primary: Trade;
  secondary: Trade;
}

/** Splits `total` into parts proportional to `weights` (largest remainder), so district shares add up exactly. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0, left = total - out.reduce((a, b) => a + b, 0); k < left; k++) {
    const slot = order[k % order.length];
    if (slot) out[slot.i] = (out[slot.i] ?? 0) + 1;
  }
  return out;
}

/** Teams spread over the city's districts by demand, each working out of a depot. */
export function planTeams(rng: Random, area: CityArea, engineers: number): TeamPlan[] {
  const count = Math.max(1, Math.round(engineers / ENGINEERS_PER_TEAM));
  const perDistrict = apportion(
    count,
    area.districts.map((d) => d.weight),
  );
  const plans: TeamPlan[] = [];
  area.districts.forEach((district, di) => {
    const n = perDistrict[di] ?? 0;
    for (let k = 0; k < n; k++) {
      const primary = rng.weighted(TRADES, (t) => t.demand);
      const secondary = rng.weighted(
        TRADES.filter((t) => t !== primary),
        (t) => t.demand,
      );
      plans.push({
        team: {
          id: `team-${district.id}-${k + 1}`,
          name: n > 1 ? `${district.name} ${k + 1}` : district.name,
          districtId: district.id,
          depot: pointIn(rng, district),
        },
        district,
        primary,
        secondary,
      });
    }
  });
  return plans;
}

function personName(rng: Random, area: CityArea, family = rng.pick(area.surnames)): string {
  const given = rng.pick(area.givenNames);
  return area.nameOrder === 'family-first' ? `${family}${given}` : `${given} ${family}`;
}

/**
 * Who signs for the work at a customer's site: someone of the household, by its family name (王先生/女士 → 王 and a
 * given name), or a business's contact there. The same person for a customer each time, drawn from its id, not from
 * the city's generator (whose draws stay as they were).
 */
export function signerFor(customer: Pick<Customer, 'id' | 'name'>, area: CityArea): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < customer.id.length; i++) hash = Math.imul(hash ^ customer.id.charCodeAt(i), 0x01000193);
  const rng = new Random(hash);
  const [before, after] = area.residentialPattern.split('{surname}') as [string, string];
  const name = customer.name;
  const family =
    name.startsWith(before) && name.endsWith(after) ? name.slice(before.length, name.length - after.length) : null;
  return personName(rng, area, family && area.surnames.includes(family) ? family : undefined);
}

/**
 * The engineer's work phone on the centre's exchange, from their number alone (no draw from the generator, so adding
 * it changed nothing else of a seeded city).
 */
function workPhone(area: CityArea, i: number): string {
  return `${area.phonePrefix} 7${String(i + 1).padStart(3, '0')} ${String((i * 7919 + 1234) % 10_000).padStart(4, '0')}`;
}

const LEVELS = [1, 2, 3, 4, 5] as const;

function level(rng: Random, weights: readonly number[]): number {
  return rng.weighted(LEVELS, (l) => weights[l - 1] ?? 0);
}

/** The index of the first engineer of the team engineer `i` belongs to (engineers are dealt to teams in runs). */
function teamFirst(i: number, teams: number, count: number): number {
  const team = Math.floor((i * teams) / count);
  return Math.ceil((team * count) / teams);
}

/**
 * The engineers of the centre: skills biased to their team's trades, vans stocked for their skills, and the rota of
 * the next fortnight (weekday patterns, weekend cover by turns, leave).
 */
export function makeEngineers(
  rng: Random,
  area: CityArea,
  clock: DayClock,
  teams: TeamPlan[],
  count: number,
): Engineer[] {
  const engineers: Engineer[] = [];
  for (let i = 0; i < count; i++) {
    const plan = teams[Math.floor((i * teams.length) / count)] as TeamPlan;
    const skills: SkillLevel[] = [{ skill: plan.primary.skill.id, level: level(rng, [5, 20, 35, 28, 12]) }];
    if (rng.chance(0.65)) skills.push({ skill: plan.secondary.skill.id, level: level(rng, [20, 35, 30, 12, 3]) });
    if (rng.chance(0.35)) {
      const other = rng.weighted(
        TRADES.filter((t) => !skills.some((s) => s.skill === t.skill.id)),
        (t) => t.demand,
      );
      skills.push({ skill: other.skill.id, level: level(rng, [35, 40, 20, 5, 0]) });
    }
    const vanStock: VanStock = {};
    for (const s of skills) {
      const trade = TRADES.find((t) => t.skill.id === s.skill) as Trade;
      for (const p of trade.parts) if (rng.chance(0.8)) vanStock[p.id] = rng.int(1, 5);
    }
    const pattern = rng.weighted(SHIFT_PATTERNS, (p) => p.weight);
    const absences = plannedLeave(rng, clock);
    const teamPosition = i - teamFirst(i, teams.length, count);
    const shifts = rotaShifts(rng, clock, pattern, teamPosition % WEEKEND_GROUPS, absences);
    const home = scatter(rng, plan.team.depot, Math.max(1.5, plan.district.radiusKm * 0.6));
    engineers.push({
      id: `eng-${String(i + 1).padStart(4, '0')}`,
      name: personName(rng, area),
      team: plan.team.id,
      phone: workPhone(area, i),
      skills,
      homeBase: home,
      shifts,
      absences,
      vanStock,
      maxJobs: rng.int(6, 10),
      state: 'off',
      lastPosition: { lat: home.lat, lon: home.lon, heading: 0, speed: 0, at: clock.at(0, 6 * 60) },
      version: 0,
      rev: 'seed',
    });
  }
  return engineers;
}
