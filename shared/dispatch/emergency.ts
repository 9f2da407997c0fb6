import type { WorkOrder } from '../domain/index.js';
import { PRIORITIES } from '../domain/index.js';
import { bestPlacement, jobFor } from './candidates.js';
import { checkDay } from './check.js';
import { lateMinutes } from './cost.js';
import { dayFigures } from './kpis.js';
import { hasRoom, mayEverTake } from './model.js';
import { planFromDays, proposalFrom } from './outcome.js';
import type { Proposal } from './proposal.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { findBooking, includeOrder, withStops } from './state.js';
import type { JobToPlace, Placement } from './placement.js';
import { engineerArgs, say, type SaidReason } from './reasons.js';

/** How widely an emergency insertion looks for work to bump. */
export interface EmergencyOptions {
  /** Engineers (those who could start it soonest once lower-priority work is cleared) tried with bumping; default 12. */
  bumpCandidates?: number;
  /**
   * Never bumps a booking the dispatcher made against a rule on purpose (marked overridden), as auto-dispatch keeps
   * it: for a dispatcher that is not asked (the autopilot). Without it such a booking may be bumped, losing its mark,
   * and the proposal's notes name each one, for the question the dispatcher is asked.
   */
  keepOverridden?: boolean;
}

interface Bump {
  stop: Stop;
  from: string;
  /** Where it goes, or null for back to the queue. */
  to: { engineerId: string; placement: Placement } | null;
}

interface Option {
  engineerId: string;
  placement: Placement;
  bumps: Bump[];
  days: Map<string, EngineerDay>;
  score: number;
}

const rank = (o: WorkOrder) => PRIORITIES.indexOf(o.priority);

function stopAt(job: JobToPlace, p: Placement): Stop {
  return { order: job.order, loc: job.loc, start: p.start, end: p.end, fixed: null };
}

/**
 * Inserts an urgent order as early as it sensibly can go, bumping lower-priority work when that gets it there
 * sooner: each bumped job moves to the engineer (or later slot) where it costs least, or back to the queue, and every
 * bump says what it made room for ("P4 WO-000231 moved to Li Wei 15:30 to free 13:00 for P1 WO-000412").
 * Options are scored by the plan cost they add plus the policy's price per minute of waiting for the emergency; an
 * emergency already past its SLA (or that every option makes late) takes the option where it is least late.
 */
export function insertEmergency(order: WorkOrder, known: DispatchState, options: EmergencyOptions = {}): Proposal {
  const state = includeOrder(known, order);
  const words = state.words;
  const job = jobFor(state, order);
  const booked = findBooking(state, order.id);
  if (booked && booked.day.stops[booked.at]?.fixed)
    throw new Error(`${words.order(order)} is ${booked.day.stops[booked.at]?.fixed} and cannot be moved`);
  // Working copies of the days: the order taken off wherever it was booked.
  const base = new Map(state.engineers.map((d) => [d.engineer.id, d]));
  if (booked)
    base.set(
      booked.day.engineer.id,
      withStops(
        booked.day,
        booked.day.stops.filter((s) => s.order.id !== order.id),
      ),
    );
  const cost = (days: Iterable<EngineerDay>) => {
    let c = 0;
    for (const d of days) c += dayFigures(state, d).cost;
    return c;
  };
  const w = state.policy.weights;
  const score = (opt: Omit<Option, 'score'>) => {
    let s = cost(opt.days.values()) - cost([...opt.days.keys()].map((id) => base.get(id) as EngineerDay));
    for (const b of opt.bumps) if (!b.to) s += w.unassigned[b.stop.order.priority] + w.unbook;
    return s + w.emergencyDelayPerMin * Math.max(0, opt.placement.start - state.notBefore);
  };

  const able = [...base.values()].filter(
    (d) =>
      d.shift && !d.unavailable && mayEverTake(d, order) && d.shift.end + state.policy.maxOvertimeMin > state.notBefore,
  );
  const options_: Option[] = [];
  for (const day of able) {
    if (!hasRoom(day, order)) continue;
    const found = bestPlacement(state, day, job);
    if (!('placement' in found)) continue;
    const days = new Map([[day.engineer.id, withStops(day, [...day.stops, stopAt(job, found.placement)])]]);
    const opt = { engineerId: day.engineer.id, placement: found.placement, bumps: [], days };
    options_.push({ ...opt, score: score(opt) });
  }

  // Bumping: clear the lower-priority work an engineer could hand over, place the emergency, then give back what
  // does not stand in its way; the rest is re-homed.
  const cleared = able
    .map((day) => {
      const movable = day.stops.filter(
        (s) =>
          !s.fixed &&
          rank(s.order) > rank(order) &&
          !(options.keepOverridden === true && s.order.booking?.overridden === true),
      );
      if (movable.length === 0) return null;
      const bare = withStops(
        day,
        day.stops.filter((s) => !movable.includes(s)),
      );
      if (!hasRoom(bare, order)) return null;
      const found = bestPlacement(state, bare, job);
      return 'placement' in found ? { day, bare, movable, placement: found.placement } : null;
    })
    .filter((x) => x !== null)
    .sort((a, b) => a.placement.start - b.placement.start || (a.day.engineer.id < b.day.engineer.id ? -1 : 1))
    .slice(0, options.bumpCandidates ?? 12);
  for (const c of cleared) {
    let stops = [...c.bare.stops, stopAt(job, c.placement)];
    const bumped: Stop[] = [];
    for (const s of c.movable) {
      const trial = withStops(c.day, [...stops, s]);
      if (checkDay(state, trial, new Set([s.order.id, order.id])).length === 0) stops = [...stops, s];
      else bumped.push(s);
    }
    if (bumped.length === 0) continue;
    const days = new Map([[c.day.engineer.id, withStops(c.day, stops)]]);
    const bumps: Bump[] = [];
    for (const s of bumped.sort((a, b) => rank(a.order) - rank(b.order) || a.start - b.start)) {
      const target = rehome(state, s, base, days);
      bumps.push({ stop: s, from: c.day.engineer.id, to: target });
      if (target) {
        const d = days.get(target.engineerId) ?? (base.get(target.engineerId) as EngineerDay);
        days.set(
          target.engineerId,
          withStops(d, [...d.stops, { ...s, start: target.placement.start, end: target.placement.end }]),
        );
      }
    }
    const opt = { engineerId: c.day.engineer.id, placement: c.placement, bumps, days };
    options_.push({ ...opt, score: score(opt) });
  }

  // Past its SLA the emergency goes where it is least late, whatever lower-priority work that bumps (it only ever
  // bumps lower-priority work); within its SLA, or as late either way, the cheapest option.
  const late = (o: Option) => lateMinutes(state, order, o.placement.start);
  options_.sort(
    (a, b) =>
      late(a) - late(b) ||
      a.score - b.score ||
      a.placement.start - b.placement.start ||
      (a.engineerId < b.engineerId ? -1 : 1),
  );
  const best = options_[0];
  const touched = new Set<string>(best ? best.days.keys() : []);
  if (booked) touched.add(booked.day.engineer.id);
  const before = [...touched].map((id) => state.engineerById.get(id) as EngineerDay);
  const after = new Map([...touched].map((id) => [id, best?.days.get(id) ?? (base.get(id) as EngineerDay)]));
  const queue = best ? best.bumps.filter((b) => !b.to).map((b) => b.stop.order) : [order];
  const noOne = say(words, 'emergencyNoOne', { order: words.order(order) });
  const notes = best ? [] : [noOne];
  const proposal = proposalFrom(
    state,
    'emergency',
    before,
    booked ? [] : [order],
    planFromDays(after, queue),
    [...base.values()],
    notes,
    {
      seed: 0,
      iterations: options_.length,
      elapsedMs: 0,
      stoppedBy: 'complete',
    },
  );
  if (!best) return proposal;
  // Bumping a booking made against a rule on purpose takes its mark off: the proposal says so of each one.
  for (const b of best.bumps)
    if (b.stop.order.booking?.overridden)
      proposal.notes.push(
        say(words, 'overrideBumped', {
          order: words.order(b.stop.order),
          ...engineerArgs(state.engineerById.get(b.from)?.engineer ?? { id: b.from, name: b.from }),
          time: words.clock(b.stop.start),
        }),
      );

  const soonest = options_.reduce((m, o) => Math.min(m, o.placement.start), Infinity);
  const target = after.get(best.engineerId) as EngineerDay;
  const p = best.placement;
  const freeAt = words.clock(p.start);
  for (const m of proposal.moves) {
    if (m.orderId === order.id) {
      const earliest = p.start <= soonest;
      const bumps = best.bumps.map((b) => words.order(b.stop.order)).join(', ');
      const id =
        best.bumps.length > 0
          ? earliest
            ? 'emergencyEarliestBumps'
            : 'emergencyBestBumps'
          : earliest
            ? 'emergencyEarliest'
            : 'emergencyBest';
      setReason(
        m,
        say(words, id, {
          ...engineerArgs(target.engineer),
          time: freeAt,
          min: p.travelIn,
          n: options_.length,
          bumped: bumps,
        }),
      );
      continue;
    }
    const bump = best.bumps.find((b) => b.stop.order.id === m.orderId);
    if (!bump) continue;
    const freed = { order: words.order(bump.stop.order), time: freeAt, emergency: words.order(order) };
    if (!bump.to) setReason(m, say(words, 'bumpToQueue', freed));
    else {
      const id = bump.to.engineerId;
      const who = engineerArgs(state.engineerById.get(id)?.engineer ?? { id, name: id });
      setReason(m, say(words, 'bumpMoved', { ...freed, ...who, at: words.clock(bump.to.placement.start) }));
    }
  }
  return proposal;
}

function setReason(m: Proposal['moves'][number], why: SaidReason): void {
  m.reason = why.text;
  m.say = why.say;
}

/** The cheapest new place for a bumped job among all engineers, given the days as already changed. */
function rehome(
  state: DispatchState,
  stop: Stop,
  base: ReadonlyMap<string, EngineerDay>,
  changed: ReadonlyMap<string, EngineerDay>,
): { engineerId: string; placement: Placement } | null {
  const job = { order: stop.order, loc: stop.loc };
  let best: { engineerId: string; placement: Placement; cost: number } | null = null;
  for (const [id, original] of base) {
    const day = changed.get(id) ?? original;
    if (!day.shift || day.unavailable || !mayEverTake(day, stop.order) || !hasRoom(day, stop.order)) continue;
    const found = bestPlacement(state, day, job);
    if (!('placement' in found)) continue;
    if (!best || found.cost.total < best.cost - 1e-9)
      best = { engineerId: id, placement: found.placement, cost: found.cost.total };
  }
  return best && { engineerId: best.engineerId, placement: best.placement };
}
