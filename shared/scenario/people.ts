import type { Engineer, Shift, SkillLevel, VanStock } from '../domain/index.js';
import { localParts } from '../time/zoned.js';
import type { CityArea, District } from './area.js';
import { TRADES, type Trade } from './catalogue.js';
import type { DayClock } from './clock.js';
import { pointIn, scatter } from './geo.js';
import type { Random } from '../random/index.js';
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

function personName(rng: Random, area: CityArea): string {
  const family = rng.pick(area.surnames);
  const given = rng.pick(area.givenNames);
  return area.nameOrder === 'family-first' ? `${family}${given}` : `${given} ${family}`;
}

const LEVELS = [1, 2, 3, 4, 5] as const;

function level(rng: Random, weights: readonly number[]): number {
  return rng.weighted(LEVELS, (l) => weights[l - 1] ?? 0);
}

interface ShiftPattern {
  name: string;
  start: number;
  end: number;
  weight: number;
}

/** Shift patterns in local minutes; the night shift runs past midnight (emergency cover around the clock). */
const SHIFT_PATTERNS: readonly ShiftPattern[] = [
  { name: 'day', start: 8 * 60, end: 17 * 60, weight: 52 },
  { name: 'early', start: 7 * 60, end: 15 * 60 + 30, weight: 13 },
  { name: 'late', start: 11 * 60, end: 20 * 60, weight: 13 },
  { name: 'long', start: 8 * 60, end: 20 * 60, weight: 9 },
  { name: 'night', start: 20 * 60, end: 32 * 60, weight: 13 },
];

function shiftOn(rng: Random, clock: DayClock, dayOffset: number, pattern: ShiftPattern): Shift {
  if (pattern.name === 'night') {
    const breaks = [0, 4 * 60].map((m) => ({
      start: clock.at(dayOffset + 1, m),
      end: clock.at(dayOffset + 1, m + 30),
    }));
    return { start: clock.at(dayOffset, pattern.start), end: clock.at(dayOffset, pattern.end), breaks };
  }
  const lunchStart = Math.min(pattern.end - 180, Math.max(pattern.start + 180, rng.pick([690, 720, 750, 780])));
  const breaks = [{ start: clock.at(dayOffset, lunchStart), end: clock.at(dayOffset, lunchStart + 60) }];
  if (pattern.end - pattern.start > 10 * 60) {
    breaks.push({ start: clock.at(dayOffset, 17 * 60 + 30), end: clock.at(dayOffset, 18 * 60) });
  }
  return { start: clock.at(dayOffset, pattern.start), end: clock.at(dayOffset, pattern.end), breaks };
}

function isWeekend(clock: DayClock, dayOffset: number): boolean {
  const weekday = localParts(clock.at(dayOffset, 12 * 60), clock.timeZone).weekday;
  return weekday === 0 || weekday === 6;
}

/** The engineers of the day: skills biased to their team's trades, vans stocked for their skills, shifts for today and tomorrow. */
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
    const shifts: Shift[] = [];
    // A night shift that started yesterday evening covers the small hours of today.
    for (const day of pattern.name === 'night' ? [-1, 0, 1] : [0, 1]) {
      const works = isWeekend(clock, day) ? rng.chance(0.35) : rng.chance(0.96);
      if (works) shifts.push(shiftOn(rng, clock, day, pattern));
    }
    const absences = rng.chance(0.03)
      ? [
          {
            start: clock.at(0, 0),
            end: clock.at(1, 0),
            reason: rng.pick(['Annual leave', 'Sick leave', 'Training course']),
          },
        ]
      : [];
    const home = scatter(rng, plan.team.depot, Math.max(1.5, plan.district.radiusKm * 0.6));
    engineers.push({
      id: `eng-${String(i + 1).padStart(4, '0')}`,
      name: personName(rng, area),
      team: plan.team.id,
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
