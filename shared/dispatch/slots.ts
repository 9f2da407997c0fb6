// Appointment windows to offer a caller: every window of the coming days that the engine can book (the board's own
// candidate ranking, day by day), graded, with the reasons in figures the console words.
import { z } from 'zod';
import type { Engineer, WorkOrder } from '../domain/index.js';
import { EpochMs, Id, OrderStatus, SkillLevel } from '../domain/index.js';
import { localDate } from '../time/index.js';
import { teamCapacity, type TeamDayCapacity } from './capacity.js';
import { earliestCandidate, rankCandidates, type Candidate, type LaterDay } from './candidates.js';
import { firstFailure, staticVerdicts } from './rules.js';
import type { DispatchDays } from './schemas.js';
import type { DispatchInput, DispatchState, EngineerDay } from './state.js';
import { bookingsOfDay, buildDispatchState, toMs } from './state.js';

/** Noon, in minutes of the day: windows starting before it are morning windows. */
const NOON_MIN = 12 * 60;
/** More added driving than this makes a window fair at best. */
const FAIR_TRAVEL_MIN = 45;
/** A team-day fuller than this (percent, after the job) makes a window fair at best. */
const FAIR_FULL_PCT = 70;

export const DAY_HALVES = ['morning', 'afternoon'] as const;

/** What the caller can do: days (their local midnights) and halves of the day; empty lists mean any. */
export const SlotPreferences = z.object({
  days: z.array(EpochMs).max(14).default([]),
  halves: z.array(z.enum(DAY_HALVES)).max(2).default([]),
});
export type SlotPreferences = z.input<typeof SlotPreferences>;

export const SlotGrade = z.enum(['good', 'fair', 'poor']);
export type SlotGrade = z.infer<typeof SlotGrade>;

/** One window the console can promise, the engineer it would go to and why it is graded so. */
export const SlotOffer = z.object({
  /** The window promised to the customer. */
  start: EpochMs,
  end: EpochMs,
  /** When the engineer would arrive, as the engine would book it. */
  plannedStart: EpochMs,
  engineerId: Id,
  engineerName: z.string(),
  team: Id,
  grade: SlotGrade,
  /** Minutes of driving the booking adds to the engineer's day. */
  travelAddedMin: z.number().int(),
  /** Whether the planned start keeps the SLA: with room, with less than the jeopardy margin, or late. */
  slaFit: z.enum(['met', 'tight', 'late']),
  /** Minutes between the planned start and the latest start that keeps the SLA (negative: that late). */
  slaSlackMin: z.number().int(),
  /** How full the team's day would be with this job, work and travel over available time (percent). */
  dayFullPct: z.number().int().min(0),
  /** Whether the job takes time held back for P1 and P2 work. */
  dipsIntoBuffer: z.boolean(),
  /** The engine's cost of the booking (lower is better). */
  cost: z.number(),
});
export type SlotOffer = z.infer<typeof SlotOffer>;

/** Why a day offers no window. */
export const SlotDayReason = z.enum([
  /** The day is over, or every window of it has started. */
  'past',
  /** Nobody works that day. */
  'no_shifts',
  /** The caller cannot do that day, or none of its windows are in the halves they can do. */
  'not_preferred',
  /** Nobody who can do the job has room in any window. */
  'full',
  /** People work that day, but none of them has the skills the job needs (not a full day: nobody could take it). */
  'no_skills',
  /** Only the emergency buffer has room, which a P3 or P4 job may not take. */
  'buffer',
]);
export type SlotDayReason = z.infer<typeof SlotDayReason>;

/** Why no window at all can be offered; null in a search that offers some. */
export const NoSlotReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('not_open'), status: OrderStatus }),
  z.object({ code: z.literal('no_skills'), skills: z.array(SkillLevel) }),
  z.object({ code: z.literal('past') }),
  z.object({ code: z.literal('no_shifts') }),
  z.object({ code: z.literal('not_preferred') }),
  z.object({ code: z.literal('full') }),
  z.object({ code: z.literal('buffer') }),
]);
export type NoSlotReason = z.infer<typeof NoSlotReason>;

/** The answer to "when can someone come?": the best windows first, how each day went, and why none when none. */
export const SlotSearch = z.object({
  orderId: Id,
  windowMin: z.number().int().min(1),
  slots: z.array(SlotOffer).max(50),
  /** The days searched, in order (the search stops at the day after which no window could rank higher). */
  days: z.array(z.object({ dayStart: EpochMs, offered: z.number().int().min(0), reason: SlotDayReason.nullable() })),
  reason: NoSlotReason.nullable(),
});
export type SlotSearch = z.infer<typeof SlotSearch>;

export interface SlotOptions {
  /** Length of each window, minutes. */
  windowMin: number;
  /** Percent of each team-day held back for P1 and P2 work. */
  bufferPct: number;
  preferences?: SlotPreferences;
  /** How many windows to return (the best first); 5 if absent. */
  limit?: number;
  /** The part of the day windows are offered in, minutes after local midnight; 08:00–20:00 if absent. */
  hours?: { fromMin: number; toMin: number };
}

const OFFER_HOURS = { fromMin: 8 * 60, toMin: 20 * 60 };

/**
 * The domain data of the coming days, one planning state per day from `dayStarts` (each day's local midnight).
 * `previous` (states of the same days, same now and policy, from an earlier call) makes it incremental: see
 * PlanningDays.
 */
export function planningDays(
  input: Omit<DispatchInput, 'day'>,
  dayStarts: readonly { start: number; end: number }[],
  previous?: ReadonlyMap<number, DispatchState>,
): DispatchState[] {
  return dayStarts.map((day) =>
    buildDispatchState({ ...input, orders: bookingsOfDay(input, day), day }, previous?.get(day.start)),
  );
}

/**
 * The planning states of the given days one at a time, each built (from the bookings of its day only) when the one
 * before it has been looked at: a search that stops at the first day that will do builds no more.
 */
export function* statesOfDays(input: DispatchDays): Generator<DispatchState, void, undefined> {
  const { days, ...rest } = input;
  for (const day of days) yield buildDispatchState({ ...rest, orders: bookingsOfDay(rest, day), day });
}

/**
 * The first of the given days on which someone can take the order, with the earliest slot anyone has that day; null
 * when nobody can on any of them. One pass: each day's state is built once, as far as the first day that will do.
 */
export function firstDayFor(order: WorkOrder, input: DispatchDays): LaterDay | null {
  for (const state of statesOfDays(input)) {
    const candidate = earliestCandidate(order, state);
    if (candidate) return { dayStart: state.epoch, candidate };
  }
  return null;
}

/**
 * The planning states of the coming days, kept between questions. Asked again after a change, a day whose engineers
 * and bookings are the same objects as before is handed back as it was, and a day a change touched keeps its places,
 * its travel cache and every engineer day the change left alone: only the engineers whose row or bookings changed
 * are worked out again. A new now, policy or time zone starts every day afresh.
 */
export class PlanningDays {
  private byDay = new Map<number, DispatchState>();

  states(input: Omit<DispatchInput, 'day'>, dayStarts: readonly { start: number; end: number }[]): DispatchState[] {
    const built = planningDays(input, dayStarts, this.byDay);
    // Days asked for before and not now (a capacity view over two weeks, then slots over one) are kept; days over
    // before now are let go.
    const next = new Map([...this.byDay].filter(([start]) => start + 36 * 3_600_000 > input.now));
    dayStarts.forEach((d, i) => next.set(d.start, built[i]!));
    this.byDay = next;
    return built;
  }

  clear(): void {
    this.byDay.clear();
  }
}

/**
 * The best appointment windows for an order over the given planning days: each window of each day is put to the
 * board's candidate ranking as the order's promised window, the cheapest engineer who can take it without the
 * emergency buffer (P1 and P2 may use it) gets it, and the windows are graded and ranked, best first.
 */
export function findSlots(order: WorkOrder, days: readonly DispatchState[], options: SlotOptions): SlotSearch {
  const prefs = SlotPreferences.parse(options.preferences ?? {});
  const windowMin = options.windowMin;
  const base = { orderId: order.id, windowMin };
  if (order.status !== 'new')
    return { ...base, slots: [], days: [], reason: { code: 'not_open', status: order.status } };
  const urgent = order.priority === 'P1' || order.priority === 'P2';
  const offers: SlotOffer[] = [];
  const outcomes: SlotSearch['days'] = [];
  let anySkilled = false;
  const limit = options.limit ?? 5;
  for (const state of days) {
    // Windows are ranked by grade, then by start: once enough good ones are found, later days cannot do better.
    if (offers.filter((o) => o.grade === 'good').length >= limit) break;
    // The rules that do not depend on the time rule the same engineers out of every window: they are dropped once.
    const able: EngineerDay[] = [];
    let daySkilled = false;
    for (const d of state.engineers) {
      const failed = firstFailure(staticVerdicts(state, d, order, false));
      if (failed?.rule !== 'skills') daySkilled = true;
      if (!failed) able.push(d);
    }
    if (daySkilled) anySkilled = true;
    const dayStart = state.epoch;
    const outcome = (offered: number, reason: SlotDayReason | null) => outcomes.push({ dayStart, offered, reason });
    const working = state.engineers.filter((d) => d.shift && !d.unavailable);
    if (working.length === 0) {
      outcome(0, 'no_shifts');
      continue;
    }
    if (state.dayEndMin <= state.notBefore) {
      outcome(0, 'past');
      continue;
    }
    if (prefs.days.length > 0 && !prefs.days.some((d) => sameDay(state, d, dayStart))) {
      outcome(0, 'not_preferred');
      continue;
    }
    if (!daySkilled) {
      outcome(0, 'no_skills');
      continue;
    }
    const windows = dayWindows(working, windowMin, options.hours ?? OFFER_HOURS).filter((w) => w >= state.nowMin);
    if (windows.length === 0) {
      outcome(0, 'past');
      continue;
    }
    const wanted = windows.filter((w) => prefs.halves.length === 0 || prefs.halves.includes(halfOf(w)));
    if (wanted.length === 0) {
      outcome(0, 'not_preferred');
      continue;
    }
    const capacity = teamCapacity(state, options.bufferPct);
    // A P3 or P4 job cannot go to a team whose time outside the buffer is shorter than the job itself.
    const search: DispatchState = {
      ...state,
      engineers: urgent ? able : able.filter((d) => roomFor(capacity.get(d.engineer.team), order.durationMin)),
    };
    // Left out only because of the buffer: without it their team would have the time.
    const heldBack = able.some((d) => {
      const team = capacity.get(d.engineer.team);
      return !!team && !urgent && !roomFor(team, order.durationMin) && team.remainingMin >= order.durationMin;
    });
    let offered = 0;
    let bufferOnly = 0;
    for (const w of wanted) {
      const windowed: WorkOrder = { ...order, window: { start: toMs(state, w), end: toMs(state, w + windowMin) } };
      // Engineers whose shift cannot hold the job anywhere in the window would only be ruled out by the ranking.
      const inWindow = search.engineers.filter((d) => {
        const shift = d.shift as NonNullable<EngineerDay['shift']>;
        return shift.start <= w + windowMin && shift.end + state.policy.maxOvertimeMin >= w + order.durationMin;
      });
      const list = rankCandidates(windowed, { ...search, engineers: inWindow }, { smallestChanges: false });
      let pick: { c: Candidate; dips: boolean; fullPct: number } | null = null;
      for (const c of list.candidates) {
        if (!c.feasible || !c.slot || !c.cost) break;
        const team = capacity.get(c.team);
        const added = order.durationMin + c.cost.travelMin;
        const used = (team ? team.workMin + team.travelMin : 0) + added;
        const available = team?.availableMin ?? 0;
        const dips = used > available - (team?.bufferMin ?? 0);
        const fullPct = available > 0 ? Math.round((100 * used) / available) : 100;
        if (!dips) {
          pick = { c, dips, fullPct };
          break;
        }
        if (urgent && !pick) pick = { c, dips, fullPct };
      }
      if (!pick) {
        if (list.candidates.some((c) => c.feasible)) bufferOnly += 1;
        continue;
      }
      offered += 1;
      offers.push(offer(state, windowed, pick.c, pick.dips, pick.fullPct));
    }
    outcome(offered, offered > 0 ? null : bufferOnly > 0 || heldBack ? 'buffer' : 'full');
  }
  offers.sort((a, b) => gradeRank(a.grade) - gradeRank(b.grade) || a.start - b.start || a.cost - b.cost);
  const slots = offers.slice(0, limit);
  if (slots.length > 0) return { ...base, slots, days: outcomes, reason: null };
  if (!anySkilled && days.length > 0)
    return { ...base, slots, days: outcomes, reason: { code: 'no_skills', skills: missingSkills(order, days) } };
  const first = days[0];
  if (first && prefs.days.length > 0 && prefs.days.every((d) => d < first.epoch))
    return { ...base, slots, days: outcomes, reason: { code: 'past' } };
  return { ...base, slots, days: outcomes, reason: { code: overall(outcomes.map((o) => o.reason)) } };
}

function offer(state: DispatchState, order: WorkOrder, c: Candidate, dips: boolean, fullPct: number): SlotOffer {
  const slot = c.slot as NonNullable<Candidate['slot']>;
  const cost = c.cost as NonNullable<Candidate['cost']>;
  const slack = c.slaSlackMin ?? 0;
  const slaFit = slack < 0 ? 'late' : slack < state.jeopardyMin ? 'tight' : 'met';
  const travelAddedMin = Math.round(cost.travelMin);
  const grade: SlotGrade =
    slaFit === 'late' || dips
      ? 'poor'
      : slaFit === 'tight' || travelAddedMin > FAIR_TRAVEL_MIN || fullPct > FAIR_FULL_PCT
        ? 'fair'
        : 'good';
  const w = order.window as NonNullable<WorkOrder['window']>;
  return {
    start: w.start,
    end: w.end,
    plannedStart: slot.start,
    engineerId: c.engineerId,
    engineerName: c.name,
    team: c.team,
    grade,
    travelAddedMin,
    slaFit,
    slaSlackMin: slack,
    dayFullPct: Math.max(0, fullPct),
    dipsIntoBuffer: dips,
    cost: Math.round(cost.total * 100) / 100,
  };
}

/**
 * Window starts (engine minutes) from the first whole hour someone works within the offered hours, back to back
 * until the last shift ends or the offered hours close.
 */
function dayWindows(
  working: readonly EngineerDay[],
  windowMin: number,
  hours: { fromMin: number; toMin: number },
): number[] {
  let from = Infinity;
  let to = -Infinity;
  for (const d of working) {
    const s = d.shift as NonNullable<EngineerDay['shift']>;
    from = Math.min(from, s.start);
    to = Math.max(to, s.end);
  }
  from = Math.max(from, hours.fromMin);
  to = Math.min(to, hours.toMin);
  const out: number[] = [];
  for (let w = Math.ceil(from / 60) * 60; w + windowMin <= to; w += windowMin) out.push(w);
  return out;
}

function roomFor(team: TeamDayCapacity | undefined, durationMin: number): boolean {
  return !!team && team.remainingMin - team.bufferMin >= durationMin;
}

function halfOf(windowStart: number): (typeof DAY_HALVES)[number] {
  return windowStart < NOON_MIN ? 'morning' : 'afternoon';
}

function sameDay(state: DispatchState, a: number, b: number): boolean {
  const tz = state.words.timeZone;
  return localDate(a, tz) === localDate(b, tz);
}

function gradeRank(g: SlotGrade): number {
  return g === 'good' ? 0 : g === 'fair' ? 1 : 2;
}

/** The required skills (at their levels) that no engineer of the centre has. */
function missingSkills(order: WorkOrder, days: readonly DispatchState[]): SkillLevel[] {
  const engineers = new Map<string, Engineer>();
  for (const s of days) for (const d of s.engineers) engineers.set(d.engineer.id, d.engineer);
  return order.requiredSkills.filter(
    (need) =>
      ![...engineers.values()].some((e) => e.skills.some((s) => s.skill === need.skill && s.level >= need.level)),
  );
}

/** One reason for a search that found nothing: the most telling of the days' reasons. */
function overall(reasons: readonly (SlotDayReason | null)[]): Exclude<SlotDayReason, 'no_skills'> {
  for (const r of ['buffer', 'full', 'no_shifts', 'past'] as const) if (reasons.includes(r)) return r;
  // Worked days with nobody skilled and no other reason: as full as they can be for this job.
  if (reasons.includes('no_skills')) return 'full';
  return reasons.length === 0 ? 'no_shifts' : 'not_preferred';
}
