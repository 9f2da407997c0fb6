import type { Engineer, WorkOrder } from '../domain/index.js';
import { skillLevel } from '../domain/index.js';
import { haversineKm } from '../geo/index.js';
import type { DayClock } from './clock.js';
import type { Random } from '../random/index.js';
import type { Team } from './schema.js';

const MINUTE = 60_000;
/** Gap kept between two pre-planned jobs for the drive between them. */
const TRAVEL_BUFFER_MIN = 30;
/** Teams looked at for a booking, nearest first: local teams get the work when they can do it. */
const NEAREST_TEAMS = 6;

function canDo(engineer: Engineer, order: WorkOrder): boolean {
  if (order.excludedEngineerIds.includes(engineer.id)) return false;
  if (!order.requiredSkills.every((s) => skillLevel(engineer, s.skill) >= s.level)) return false;
  return order.requiredParts.every((p) => (engineer.vanStock[p.part] ?? 0) >= p.qty);
}

function fits(engineer: Engineer, taken: Array<[number, number]>, start: number, end: number): boolean {
  if (engineer.absences.some((a) => start < a.end && end > a.start)) return false;
  const shift = engineer.shifts.find((s) => start >= s.start && end <= s.end);
  if (!shift || shift.breaks.some((b) => start < b.end && end > b.start)) return false;
  const gap = TRAVEL_BUFFER_MIN * MINUTE;
  return taken.every(([s, e]) => end + gap <= s || start >= e + gap);
}

/**
 * Yesterday's planning: most of the backlog is already booked for today to a qualified engineer of a nearby team
 * (appointments inside their window), some sent to the device, a few pinned because the customer confirmed the engineer.
 */
export function prebookBacklog(
  rng: Random,
  clock: DayClock,
  teams: Team[],
  engineers: Engineer[],
  orders: WorkOrder[],
): void {
  const dayStart = clock.dayStart;
  const dayEnd = clock.at(1, 0);
  const byTeam = new Map<string, Engineer[]>();
  for (const e of engineers) byTeam.set(e.team, [...(byTeam.get(e.team) ?? []), e]);
  const taken = new Map<string, Array<[number, number]>>();

  for (const order of orders) {
    if (order.createdAt >= dayStart || !rng.chance(0.8)) continue;
    // Appointments start inside their window; open-ended work anywhere in today's shifts.
    const range = order.window ?? { start: clock.at(0, 7 * 60), end: clock.at(0, 20 * 60) };
    if (range.start >= dayEnd) continue;
    const nearest = teams
      .map((t) => ({ t, d: haversineKm(t.depot, order.site) }))
      .sort((a, b) => a.d - b.d || (a.t.id < b.t.id ? -1 : 1))
      .slice(0, NEAREST_TEAMS);
    // Nearest team first; within a team in random order.
    const candidates = nearest.flatMap(({ t }) =>
      rng.sample(byTeam.get(t.id) ?? [], Infinity).filter((e) => canDo(e, order)),
    );
    const dur = order.durationMin * MINUTE;
    booking: for (const engineer of candidates) {
      const mine = taken.get(engineer.id) ?? [];
      if (engineer.maxJobs !== null && mine.length >= engineer.maxJobs) continue;
      for (let start = range.start; start < range.end; start += 15 * MINUTE) {
        if (!fits(engineer, mine, start, start + dur)) continue;
        mine.push([start, start + dur]);
        taken.set(engineer.id, mine);
        const plannedAt = dayStart - rng.int(60, 6 * 60) * MINUTE;
        order.status = rng.chance(0.4) ? 'dispatched' : 'scheduled';
        order.booking = { engineerId: engineer.id, start, end: start + dur, pinned: rng.chance(0.15) };
        order.updatedAt = Math.max(order.createdAt, plannedAt);
        order.version = order.status === 'dispatched' ? 2 : 1;
        break booking;
      }
    }
  }
}

/** Customer preferences: a few ask for an engineer they know, a few refuse one they complained about. */
export function addPreferences(rng: Random, teams: Team[], engineers: Engineer[], orders: WorkOrder[]): void {
  const byTeam = new Map<string, Engineer[]>();
  for (const e of engineers) byTeam.set(e.team, [...(byTeam.get(e.team) ?? []), e]);
  for (const order of orders) {
    const roll = rng.next();
    if (roll >= 0.07) continue;
    let best: Team | undefined;
    let bestKm = Infinity;
    for (const t of teams) {
      const km = haversineKm(t.depot, order.site);
      if (km < bestKm) [best, bestKm] = [t, km];
    }
    const local = best ? (byTeam.get(best.id) ?? []) : [];
    if (local.length === 0) continue;
    const engineer = rng.pick(local);
    if (roll < 0.05) order.preferredEngineerIds = [engineer.id];
    else order.excludedEngineerIds = [engineer.id];
  }
}
