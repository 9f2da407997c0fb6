import type { Engineer, EpochMs, Part, Skill, WorkOrder } from '../domain/index.js';
import { BOOKED_STATUSES, IN_PROGRESS_STATUSES, onPlanningDay, shiftOfDay, workingDay } from '../domain/index.js';
import { defaultDispatchPolicy, type DispatchPolicy } from './policy.js';
import { Locations, StraightLineTravel, type TravelTimes } from './travel.js';
import { Wording } from './wording.js';

const MINUTE = 60_000;

/** Why the engine may not move a booking. */
export type FixedReason = 'pinned' | 'in progress' | 'frozen';

/** One booked job in an engineer's day; times are engine minutes (since the planning day's start). */
export interface Stop {
  readonly order: WorkOrder;
  readonly loc: number;
  readonly start: number;
  /** When the engineer is free again: the booked end, or now for a job still on site past its planned end. */
  readonly end: number;
  /** Why the engine must leave it where it is; null when it may move. */
  readonly fixed: FixedReason | null;
}

/** Time inside a shift when no work or driving happens: a break or an absence. */
export interface Block {
  readonly start: number;
  readonly end: number;
  /** "lunch break", "Annual leave". */
  readonly what: string;
}

/** One engineer's planning day: shift, breaks, where the day starts, the jobs booked, what is left on the van. */
export interface EngineerDay {
  readonly engineer: Engineer;
  /** The engineer's position in the state's list. */
  readonly index: number;
  /** The working window in engine minutes; null when the engineer does not work that day. */
  readonly shift: { readonly start: number; readonly end: number } | null;
  /** Breaks and absences inside the shift, by start time. */
  readonly blocks: readonly Block[];
  readonly homeLoc: number;
  /** Where and from when the engineer can set off to a first job. */
  readonly origin: { readonly loc: number; readonly time: number; readonly what: string };
  /** Booked jobs by start time. */
  readonly stops: readonly Stop[];
  readonly skills: ReadonlyMap<string, number>;
  /** Van stock less what the day's booked jobs will use. */
  readonly partsLeft: ReadonlyMap<string, number>;
  /** Minutes of booked work. */
  readonly workMin: number;
  /** Why the engineer can take no work at all that day (no shift, on leave all day); null when they can. */
  readonly unavailable: string | null;
  /** The absence's own reason when the engineer is away all shift (as the data words it). */
  readonly unavailableBecause?: string;
}

/** What the engine plans from: the domain data of one day, as the local cache holds it. */
export interface DispatchInput {
  now: EpochMs;
  /** The planning day [start, end), usually local midnight to midnight. */
  day: { start: EpochMs; end: EpochMs };
  /** The control centre's IANA time zone, for the times in explanations. */
  timeZone: string;
  engineers: readonly Engineer[];
  orders: readonly WorkOrder[];
  policy?: DispatchPolicy;
  /** Minutes of slack under which an order's SLA counts as at risk (the SLA policy's jeopardy margin); 30 if absent. */
  jeopardyMin?: number;
  /** Skill and part names for explanations. */
  skills?: readonly Skill[];
  parts?: readonly Part[];
}

/** The engine's view of one planning day: every engineer's day as a timeline, the queue, travel times, the policy. */
export interface DispatchState {
  readonly now: EpochMs;
  readonly epoch: EpochMs;
  /** Now, in engine minutes. */
  readonly nowMin: number;
  /** No new or moved work starts before this (now plus the frozen horizon, and not before the day), in engine minutes. */
  readonly notBefore: number;
  readonly dayEndMin: number;
  readonly policy: DispatchPolicy;
  /** Minutes of slack under which an order's SLA counts as at risk. */
  readonly jeopardyMin: number;
  readonly words: Wording;
  readonly locations: Locations;
  travel: TravelTimes;
  readonly engineers: readonly EngineerDay[];
  readonly engineerById: ReadonlyMap<string, EngineerDay>;
  /** Every order the state knows, by id. */
  readonly orders: ReadonlyMap<string, WorkOrder>;
  /** Order id → location index of its site. */
  readonly siteLoc: ReadonlyMap<string, number>;
  /** Open orders (new, already created) that may be planned into this day, oldest first. */
  readonly queue: readonly WorkOrder[];
  /** Why known orders are not in the queue although they are open (an appointment on another day). */
  readonly notToday: ReadonlyMap<string, string>;
}

/** Engine minutes for an instant. */
export function toMin(state: Pick<DispatchState, 'epoch'>, ms: number): number {
  return (ms - state.epoch) / MINUTE;
}

/** The instant of engine minutes, to the millisecond. */
export function toMs(state: Pick<DispatchState, 'epoch'>, min: number): EpochMs {
  return state.epoch + Math.round(min * MINUTE);
}

/** Beyond this many places per engineer and order a reused index is dropped and started afresh (see `reusable`). */
const PLACES_SLACK = 2;

/**
 * What a state was built from apart from now, its engineers and its orders: a state built from the same may lend its
 * parts to the next one (see buildDispatchState's `previous`).
 */
function contextKey(input: DispatchInput, policy: DispatchPolicy): string {
  return JSON.stringify([
    input.day.start,
    input.day.end,
    input.timeZone,
    policy,
    input.jeopardyMin ?? 30,
    input.skills ?? null,
    input.parts ?? null,
  ]);
}

/** The context each state was built in, kept beside it so that a later build can tell whether it may reuse its parts. */
const builtFrom = new WeakMap<
  DispatchState,
  { key: string; engineers: readonly Engineer[]; orders: readonly WorkOrder[] }
>();

/**
 * Builds the engine's view of one day from domain data; throws a readable error on input that makes no sense.
 *
 * `previous`, a state built earlier for the same day, time zone, policy and names, makes the build incremental: its
 * places and travel cache are kept, and so is every engineer day whose engineer (the same object) has the same booked
 * orders (the same objects) — only the engineers a change touched are worked out again. With a later now, an engineer
 * day is kept only when now could not change it: its shift and jobs all start after new work may start then. When
 * nothing changed, `previous` itself is returned. The result is the same as a build from scratch
 * (planning-days.test.ts checks it).
 */
export function buildDispatchState(input: DispatchInput, previous?: DispatchState): DispatchState {
  const { now, day, timeZone } = input;
  if (!(day.end > day.start)) throw new Error('the planning day must end after it starts');
  if (day.end - day.start > 36 * 60 * MINUTE) throw new Error('the planning day may span at most 36 hours');
  const policy = input.policy ?? defaultDispatchPolicy();
  const key = contextKey(input, policy);
  const before = previous ? builtFrom.get(previous) : undefined;
  const reuse =
    previous && before && before.key === key && reusable(previous, input) ? { state: previous, ...before } : null;
  if (
    reuse &&
    reuse.state.now === now &&
    sameList(reuse.engineers, input.engineers) &&
    sameList(reuse.orders, input.orders)
  )
    return reuse.state;

  const epoch = day.start;
  const nowMin = (now - epoch) / MINUTE;
  // Nor before the day begins: a shift that started the evening before is that evening's to plan, and its jobs there
  // stay where they are (frozen) when the next day is planned.
  const notBefore = Math.max(0, Math.ceil(nowMin - 1e-9) + policy.frozenHorizonMin);
  const locations = reuse ? reuse.state.locations : new Locations();
  const words =
    reuse?.state.words ??
    new Wording(
      timeZone,
      epoch,
      day.end,
      new Map((input.skills ?? []).map((s) => [s.id, s.name])),
      new Map((input.parts ?? []).map((p) => [p.id, p.name])),
    );

  const orders = new Map<string, WorkOrder>();
  const siteLoc = new Map<string, number>();
  for (const o of input.orders) {
    if (orders.has(o.id)) throw new Error(`order ${o.id} appears twice`);
    orders.set(o.id, o);
    siteLoc.set(o.id, locations.index(o.site));
  }

  const bookedBy = new Map<string, WorkOrder[]>();
  for (const o of input.orders) {
    const b = o.booking;
    if (!b || !BOOKED_STATUSES.has(o.status)) continue;
    const list = bookedBy.get(b.engineerId);
    if (list) list.push(o);
    else bookedBy.set(b.engineerId, [o]);
  }

  const engineers: EngineerDay[] = [];
  const engineerById = new Map<string, EngineerDay>();
  for (const engineer of input.engineers) {
    if (engineerById.has(engineer.id)) throw new Error(`engineer ${engineer.id} appears twice`);
    const { shift, span } = workingDay(engineer.shifts, day, now);
    // The day's work: on the day's shift (past midnight too), or in the day on no shift at all; not the morning end of
    // last night's shift, which is that night's to plan and judge (a day planned ahead would move it otherwise).
    const booked = bookingsOf(bookedBy.get(engineer.id) ?? [], span).filter((o) =>
      onPlanningDay(o.booking!, engineer.shifts, shift, day),
    );
    const old = reuse?.state.engineers[engineers.length];
    const built =
      old &&
      old.engineer === engineer &&
      sameShift(old, shift, epoch) &&
      sameStops(old.stops, booked) &&
      (reuse.state.now === now || untouchedByNow(old, Math.max(reuse.state.notBefore, notBefore)))
        ? old
        : engineerDay(engineer, shift, engineers.length, booked, {
            epoch,
            now,
            nowMin,
            notBefore,
            policy,
            locations,
            siteLoc,
            words,
          });
    engineers.push(built);
    engineerById.set(engineer.id, built);
  }

  const queue: WorkOrder[] = [];
  const notToday = new Map<string, string>();
  for (const o of input.orders) {
    if (o.status !== 'new' || o.createdAt > now) continue;
    if (o.window && (o.window.end <= day.start || o.window.start >= day.end)) {
      notToday.set(o.id, `its appointment is ${words.clockAt(o.window.start)}–${words.clockAt(o.window.end)}`);
      continue;
    }
    queue.push(o);
  }
  queue.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

  const state: DispatchState = {
    now,
    epoch,
    nowMin,
    notBefore,
    dayEndMin: (day.end - epoch) / MINUTE,
    policy,
    jeopardyMin: input.jeopardyMin ?? 30,
    words,
    locations,
    travel: reuse ? reuse.state.travel : new StraightLineTravel(locations, policy.travel),
    engineers,
    engineerById,
    orders,
    siteLoc,
    queue,
    notToday,
  };
  builtFrom.set(state, { key, engineers: input.engineers, orders: input.orders });
  return state;
}

/**
 * Whether a state's places may be kept: its travel is the engine's own straight-line estimate (a routing service's
 * figures are set on a state afterwards and belong to it), and its index has not grown far past what the input needs
 * (sites of orders long gone would otherwise pile up over a day).
 */
function reusable(state: DispatchState, input: DispatchInput): boolean {
  if (!(state.travel instanceof StraightLineTravel)) return false;
  return state.locations.size <= PLACES_SLACK * (2 * input.engineers.length + input.orders.length) + 64;
}

/**
 * Whether an engineer day is the same for any now whose `notBefore` is at most `horizon`: now only moves the day's
 * start (from the shift start to now), freezes jobs before the horizon, stretches a job on site past its end and
 * starts the day at a reported position once the shift has begun — none of which reaches a day whose shift and jobs
 * all start at or after the horizon.
 */
function untouchedByNow(day: EngineerDay, horizon: number): boolean {
  if (day.shift && day.shift.start < horizon) return false;
  return day.stops.every((s) => s.start >= horizon && s.fixed !== 'frozen');
}

/** The booked orders that overlap a span (an engineer's planning day stretched to the ends of their shift). */
function bookingsOf(orders: readonly WorkOrder[], span: { readonly start: number; readonly end: number }): WorkOrder[] {
  return orders.filter((o) => o.booking && o.booking.end > span.start && o.booking.start < span.end);
}

/**
 * The orders whose bookings shape a planning day: booked in the day, or on an engineer's shift of the day where it
 * runs past midnight (the span buildDispatchState plans each engineer in). Building a day from these only is the same
 * as building it from everything, and cheaper.
 */
export function bookingsOfDay(
  input: Pick<DispatchInput, 'now' | 'engineers' | 'orders'>,
  day: { readonly start: number; readonly end: number },
): WorkOrder[] {
  const spans = new Map(input.engineers.map((e) => [e.id, workingDay(e.shifts, day, input.now).span] as const));
  return input.orders.filter((o) => {
    if (!o.booking) return false;
    const span = spans.get(o.booking.engineerId) ?? day;
    return o.booking.end > span.start && o.booking.start < span.end;
  });
}

/**
 * Whether a booking in the state is judged on its day (see onPlanningDay): a day's timeline also holds the jobs of
 * the night before that run into the morning, but they are that night's work and are judged there.
 */
export function judgedOnDay(state: DispatchState, orderId: string): boolean {
  const found = findBooking(state, orderId);
  const booking = state.orders.get(orderId)?.booking;
  if (!found || !booking) return false;
  const day = { start: state.epoch, end: toMs(state, state.dayEndMin) };
  const shifts = found.day.engineer.shifts;
  return onPlanningDay(booking, shifts, shiftOfDay(shifts, day, state.now), day);
}

/**
 * Whether a kept engineer day works the shift chosen now: which shift is the day's can change with now (last night's
 * shift is the day's until it ends, tonight's after that).
 */
function sameShift(day: EngineerDay, shift: Engineer['shifts'][number] | undefined, epoch: number): boolean {
  if (!shift || !day.shift) return !shift && !day.shift;
  return day.shift.start === (shift.start - epoch) / MINUTE && day.shift.end === (shift.end - epoch) / MINUTE;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a day's stops are exactly these orders (the same objects, in any order). */
function sameStops(stops: readonly Stop[], booked: readonly WorkOrder[]): boolean {
  if (stops.length !== booked.length) return false;
  if (stops.length === 0) return true;
  const held = new Set(stops.map((s) => s.order));
  return booked.every((o) => held.has(o));
}

interface DayContext {
  epoch: number;
  now: number;
  nowMin: number;
  notBefore: number;
  policy: DispatchPolicy;
  locations: Locations;
  siteLoc: Map<string, number>;
  words: Wording;
}

/** One engineer's day from their shift of the day (see shiftOfDay) and the jobs booked in it. */
function engineerDay(
  engineer: Engineer,
  shiftSrc: Engineer['shifts'][number] | undefined,
  index: number,
  booked: WorkOrder[],
  ctx: DayContext,
): EngineerDay {
  const min = (ms: number) => (ms - ctx.epoch) / MINUTE;
  const shift = shiftSrc ? { start: min(shiftSrc.start), end: min(shiftSrc.end) } : null;

  const blocks: Block[] = [];
  let unavailable: string | null = shift ? null : 'has no shift this day';
  let unavailableBecause: string | undefined;
  if (shiftSrc && shift) {
    for (const b of shiftSrc.breaks) blocks.push({ start: min(b.start), end: min(b.end), what: 'break' });
    for (const a of engineer.absences) {
      const start = Math.max(min(a.start), shift.start);
      const end = Math.min(min(a.end), shift.end);
      if (end <= start) continue;
      if (start <= shift.start && end >= shift.end) {
        unavailable = `is away all shift (${a.reason})`;
        unavailableBecause = a.reason;
      }
      blocks.push({ start, end, what: a.reason });
    }
    blocks.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  const homeLoc = ctx.locations.index(engineer.homeBase);
  // Nobody sets off into the past: an engineer at base leaves at the start of the shift or now, whichever is later.
  let origin = {
    loc: homeLoc,
    time: shift ? Math.max(shift.start, Math.ceil(ctx.nowMin - 1e-9)) : 0,
    what: 'home base',
  };
  const pos = engineer.lastPosition;
  if (
    shift &&
    pos &&
    engineer.state !== 'off' &&
    ctx.now - pos.at <= ctx.policy.positionFreshMin * MINUTE &&
    ctx.nowMin > shift.start &&
    ctx.nowMin < shift.end
  ) {
    origin = { loc: ctx.locations.index(pos), time: ctx.nowMin, what: 'last reported position' };
  }

  const stops: Stop[] = booked
    .map((o) => {
      const b = o.booking as NonNullable<WorkOrder['booking']>;
      const inProgress = IN_PROGRESS_STATUSES.has(o.status);
      const start = min(b.start);
      const end = o.status === 'on_site' ? Math.max(min(b.end), ctx.nowMin) : min(b.end);
      const fixed: FixedReason | null = inProgress
        ? 'in progress'
        : b.pinned
          ? 'pinned'
          : start < ctx.notBefore
            ? 'frozen'
            : null;
      return { order: o, loc: ctx.siteLoc.get(o.id) ?? ctx.locations.index(o.site), start, end, fixed };
    })
    .sort((a, b) => a.start - b.start || (a.order.id < b.order.id ? -1 : 1));

  return finishDay({ engineer, index, shift, blocks, homeLoc, origin, stops, unavailable, unavailableBecause });
}

/** Completes a day from its parts: skills, what is left on the van after its jobs, booked work. */
export function finishDay(
  parts: Pick<EngineerDay, 'engineer' | 'index' | 'shift' | 'blocks' | 'homeLoc' | 'origin' | 'stops' | 'unavailable'> &
    Pick<Partial<EngineerDay>, 'unavailableBecause'>,
): EngineerDay {
  const skills = new Map<string, number>();
  for (const s of parts.engineer.skills) skills.set(s.skill, Math.max(skills.get(s.skill) ?? 0, s.level));
  const partsLeft = new Map<string, number>(Object.entries(parts.engineer.vanStock));
  let workMin = 0;
  for (const stop of parts.stops) {
    workMin += stop.order.durationMin;
    for (const need of stop.order.requiredParts) partsLeft.set(need.part, (partsLeft.get(need.part) ?? 0) - need.qty);
  }
  return { ...parts, skills, partsLeft, workMin };
}

/** The same day with a different list of jobs (kept in start order). */
export function withStops(day: EngineerDay, stops: readonly Stop[]): EngineerDay {
  const sorted = [...stops].sort((a, b) => a.start - b.start || (a.order.id < b.order.id ? -1 : 1));
  return finishDay({ ...day, stops: sorted });
}

/** The engineer day an order is booked on in this state, with the stop's position; undefined when not booked here. */
export function findBooking(state: DispatchState, orderId: string): { day: EngineerDay; at: number } | undefined {
  const order = state.orders.get(orderId);
  const engineerId = order?.booking?.engineerId;
  if (!engineerId) return undefined;
  const day = state.engineerById.get(engineerId);
  if (!day) return undefined;
  const at = day.stops.findIndex((s) => s.order.id === orderId);
  return at < 0 ? undefined : { day, at };
}

/** The state with an order it did not hold yet (a call just taken), queued if it is open. */
export function includeOrder(state: DispatchState, order: WorkOrder): DispatchState {
  if (state.orders.has(order.id)) return state;
  const orders = new Map(state.orders).set(order.id, order);
  const siteLoc = new Map(state.siteLoc).set(order.id, state.locations.index(order.site));
  const queue = order.status === 'new' ? [...state.queue, order] : state.queue;
  return { ...state, orders, siteLoc, queue };
}
