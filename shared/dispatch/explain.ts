import type { WorkOrder } from '../domain/index.js';
import { PRIORITIES } from '../domain/index.js';
import { bestPlacement, earliestPlacement, jobFor } from './best-slot.js';
import { checkDay, type DayProblem } from './check.js';
import { lateMinutes, notPreferred, slaDeadline } from './cost.js';
import { hasRoom, mayEverTake } from './model.js';
import { arrivalFrom, blockDuring, dayFloor } from './placement.js';
import type { ProposalMove } from './proposal.js';
import { engineerArgs, say, type Reason, type SaidReason } from './reasons.js';
import { staticVerdicts, unavailable } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin, withStops } from './state.js';

/** The plan before and after, as the explanations compare them. */
export interface PlanChange {
  before: ReadonlyMap<string, EngineerDay>;
  after: ReadonlyMap<string, EngineerDay>;
  moves: readonly ProposalMove[];
  /** The engineers the plan could give work to (as they were before; `after` has their day where it changed). */
  vehicles: readonly EngineerDay[];
}

const rank = (o: WorkOrder) => PRIORITIES.indexOf(o.priority);

function stopOf(day: EngineerDay | undefined, orderId: string): { stop: Stop; prev: Stop | undefined } | undefined {
  if (!day) return undefined;
  const i = day.stops.findIndex((s) => s.order.id === orderId);
  return i < 0 ? undefined : { stop: day.stops[i] as Stop, prev: day.stops[i - 1] };
}

/** Minutes driving into an order's site in a day, and from where (the job before it or where the day starts). */
function driveIn(
  state: DispatchState,
  day: EngineerDay,
  orderId: string,
): { min: number; from: SaidReason } | undefined {
  const found = stopOf(day, orderId);
  if (!found) return undefined;
  const min = state.travel.minutes(found.prev ? found.prev.loc : day.origin.loc, found.stop.loc);
  const words = state.words;
  const from = found.prev
    ? say(words, 'driveFromOrder', { min, order: words.order(found.prev.order) })
    : say(words, day.origin.what === 'home base' ? 'driveFromBase' : 'driveFromPosition', { min });
  return { min, from };
}

/** How late an order starting at `start` is against its SLA; null when it keeps it. */
function lateness(state: DispatchState, order: WorkOrder, start: number): SaidReason | null {
  const late = lateMinutes(state, order, start);
  if (late <= 0) return null;
  const deadline = slaDeadline(state, order);
  return deadline < state.nowMin
    ? say(state.words, 'slaMissedAt', { time: state.words.clock(deadline) })
    : say(state.words, 'afterSlaDeadline', { duration: late });
}

/**
 * Why a booking past its SLA deadline starts no sooner, worked out from the proposed plan with no other work moved:
 * an engineer able to take the order (skills, parts, not excluded, on shift, room left) who could start it sooner
 * (the plan chose otherwise), or else what holds the engineer it goes to — the booking before it, the drive there, a
 * break or absence, its appointment, their shift or the frozen horizon. Asked only of late bookings.
 */
function whyNoSooner(
  state: DispatchState,
  change: PlanChange,
  order: WorkOrder,
  toDay: EngineerDay,
  start: number,
): SaidReason | undefined {
  const words = state.words;
  const job = jobFor(state, order);
  let sooner: { day: EngineerDay; start: number } | undefined;
  for (const d of change.vehicles) {
    let day = change.after.get(d.engineer.id) ?? d;
    if (!day.shift || day.unavailable || !mayEverTake(day, order)) continue;
    if (day.stops.some((s) => s.order.id === order.id))
      day = withStops(
        day,
        day.stops.filter((s) => s.order.id !== order.id),
      );
    if (!hasRoom(day, order)) continue;
    const found = earliestPlacement(state, day, job, (sooner?.start ?? start) - 1e-6);
    if (found) sooner = { day, start: found.start };
  }
  if (sooner)
    return say(words, 'lateSooner', { ...engineerArgs(sooner.day.engineer), time: words.clock(sooner.start) });

  const found = stopOf(toDay, order.id);
  if (!found) return undefined;
  const { stop, prev } = found;
  const who = engineerArgs(toDay.engineer);
  const from = prev ? { loc: prev.loc, time: prev.end } : toDay.origin;
  const minutes = state.travel.minutes(from.loc, stop.loc);
  const arrive = arrivalFrom(state, toDay.blocks, from.time, minutes);
  const floor = dayFloor(state, toDay, job);
  const ready = Math.max(arrive, floor);
  const block = blockDuring(toDay.blocks, ready, ready + order.durationMin);
  if (block && stop.start >= block.end - 1e-6) {
    const times = { ...who, from: words.clock(block.start), to: words.clock(block.end) };
    return block.what === 'break'
      ? say(words, 'lateBreak', times)
      : say(words, 'lateAbsence', { ...times, why: block.what });
  }
  if (floor >= arrive) {
    const w = order.window;
    if (w && toMin(state, w.start) >= floor)
      return say(words, 'lateWindow', { from: words.clockAt(w.start), to: words.clockAt(w.end) });
    if (toDay.shift && toDay.shift.start >= floor)
      return say(words, 'lateShiftStarts', { ...who, time: words.clock(toDay.shift.start) });
    return say(words, 'lateNotBefore', { time: words.clock(state.notBefore) });
  }
  if (prev && prev.end >= state.nowMin)
    return minutes > 0
      ? say(words, 'lateBusyDrive', {
          ...who,
          order: words.order(prev.order),
          end: words.clock(prev.end),
          min: minutes,
        })
      : say(words, 'lateBusy', { ...who, order: words.order(prev.order), end: words.clock(prev.end) });
  const drive = driveIn(state, toDay, order.id);
  return drive ? say(words, 'lateReach', { time: words.clock(stop.start), why: drive.from }) : undefined;
}

/** Higher-priority work newly placed on an engineer around a time: what a move away made room for. */
function madeRoomFor(
  state: DispatchState,
  change: PlanChange,
  engineerId: string,
  at: number,
  order: WorkOrder,
): WorkOrder | undefined {
  const day = change.after.get(engineerId);
  if (!day) return undefined;
  let best: WorkOrder | undefined;
  for (const m of change.moves) {
    if (m.to?.engineerId !== engineerId || m.orderId === order.id) continue;
    const stop = stopOf(day, m.orderId)?.stop;
    if (!stop || rank(stop.order) >= rank(order)) continue;
    if (Math.abs(stop.start - at) > 180) continue;
    if (!best || rank(stop.order) < rank(best)) best = stop.order;
  }
  return best;
}

/** One line saying why the engine proposes a move, in the dispatcher's words (and as data for the console). */
export function reasonForMove(state: DispatchState, change: PlanChange, m: ProposalMove): SaidReason {
  const words = state.words;
  const order = state.orders.get(m.orderId) as WorkOrder;
  const fromDay = m.from ? change.before.get(m.from.engineerId) : undefined;
  const toDay = m.to ? change.after.get(m.to.engineerId) : undefined;
  // Who the order moves from and to, each named with their id beside the name (engineerArgs).
  const fromWho = engineerArgs(fromDay?.engineer ?? { id: m.from?.engineerId ?? '', name: m.from?.engineerId ?? '' });
  const toWho = engineerArgs(toDay?.engineer ?? { id: m.to?.engineerId ?? '', name: m.to?.engineerId ?? '' });
  const fromAt = m.from ? toMin(state, m.from.start) : 0;
  const bits: SaidReason[] = [];
  const away = (day: EngineerDay | undefined) => (day ? unavailable(state, day) : say(words, 'noShift'));

  if (m.kind === 'unassign') {
    if (fromDay?.unavailable || !fromDay?.shift)
      return say(words, 'queueUnavailable', { ...fromWho, why: away(fromDay) });
    const room = madeRoomFor(state, change, m.from?.engineerId ?? '', fromAt, order);
    if (room) return say(words, 'queueToFree', { time: words.clock(fromAt), ...fromWho, order: words.order(room) });
    return say(words, 'queueNoRoom', fromWho);
  }

  const to = m.to as NonNullable<ProposalMove['to']>;
  const start = toMin(state, to.start);
  const late = lateMinutes(state, order, start);
  const drive = toDay ? driveIn(state, toDay, order.id) : undefined;
  let broken: DayProblem | undefined;
  if (m.kind === 'assign') {
    if (drive) bits.push(drive.from);
  } else if (fromDay && (!fromDay.shift || fromDay.unavailable)) {
    bits.push(say(words, 'nameUnavailable', { ...fromWho, why: away(fromDay) }));
  } else if (fromDay && (broken = checkDay(state, fromDay, new Set([order.id]))[0])) {
    const why = broken.say ? { reason: '', say: broken.say } : { reason: broken.reason.replace(/^[^:]*: /, '') };
    // The broken rule may be the next order's (its booking ran into it): then name that order, or the reason reads as
    // if this order had been kept from starting by itself.
    const other = broken.orderId === order.id ? undefined : state.orders.get(broken.orderId);
    bits.push(
      other
        ? say(words, 'bookedFailsFor', { time: words.clock(fromAt), order: words.order(other), why })
        : say(words, 'bookedFails', { time: words.clock(fromAt), why }),
    );
  } else if (m.from && m.from.engineerId === to.engineerId) {
    const room = madeRoomFor(state, change, to.engineerId, fromAt, order);
    if (room) bits.push(say(words, 'movedToFit', { time: words.clock(fromAt), order: words.order(room) }));
    else bits.push(say(words, 'resequenced', { time: words.clock(fromAt) }));
  } else {
    const room = madeRoomFor(state, change, m.from?.engineerId ?? '', fromAt, order);
    if (room) bits.push(say(words, 'freesFor', { time: words.clock(fromAt), ...fromWho, order: words.order(room) }));
    const before = fromDay ? driveIn(state, fromDay, order.id) : undefined;
    if (!room && before && drive && drive.min < before.min)
      bits.push(say(words, 'shorterDrive', { min: drive.min, was: before.min }));
    const lateBefore = lateMinutes(state, order, fromAt);
    if (!room && lateBefore > late)
      bits.push(
        late === 0 ? say(words, 'nowKeepsSla') : say(words, 'lessLate', { min: Math.round(lateBefore - late) }),
      );
    if (bits.length === 0) bits.push(say(words, 'evensOut', fromWho));
  }
  const lateText = lateness(state, order, start);
  if (lateText) bits.push(lateText);
  const noSooner = lateText && toDay ? whyNoSooner(state, change, order, toDay, start) : undefined;
  if (noSooner) {
    // A hold that names the booking before or the drive in says what the drive bit of an assignment said.
    const held = noSooner.say[0]?.id;
    const at = drive ? bits.indexOf(drive.from) : -1;
    if (at >= 0 && (held === 'lateBusy' || held === 'lateBusyDrive' || held === 'lateReach')) bits.splice(at, 1);
    bits.push(noSooner);
  }
  if (toDay && !notPreferred(order, toDay.engineer.id) && order.preferredEngineerIds.length > 0)
    bits.push(say(words, 'preferredEngineer'));
  return say(words, 'moveTo', { ...toWho, time: words.clock(start), why: bits });
}

/**
 * Why an order stays in the queue: no engineer being planned could ever do it (and which rule stops them), or every
 * one who could is full, or the one with room costs more than leaving it for later.
 */
export function reasonForQueued(
  state: DispatchState,
  order: WorkOrder,
  after: ReadonlyMap<string, EngineerDay>,
  vehicles: readonly EngineerDay[],
): SaidReason {
  const words = state.words;
  const w = order.window;
  if (w && toMin(state, w.end) < state.notBefore)
    return say(words, 'windowClosesFirst', {
      from: words.clockAt(w.start),
      to: words.clockAt(w.end),
      time: words.clock(state.notBefore),
    });
  const working = vehicles;
  if (working.length === 0) return say(words, 'noEngineerFree');
  const able = working.filter((d) => mayEverTake(d, order));
  if (able.length === 0) {
    // The rule that rules out most engineers is the one to tell.
    const counts = new Map<string, { n: number; reason: { reason: string; say?: Reason[] | undefined } }>();
    for (const d of working) {
      const v = staticVerdicts(state, d, order, false).find(
        (x) => x.hard && x.status === 'fail' && x.rule !== 'maxJobs',
      );
      if (!v) continue;
      const c = counts.get(v.rule) ?? { n: 0, reason: v };
      c.n += 1;
      counts.set(v.rule, c);
    }
    const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
    return top ? say(words, 'noOneCanBecause', { why: top.reason }) : say(words, 'noOneCan');
  }
  const job = jobFor(state, order);
  let fits: { day: EngineerDay; start: number } | undefined;
  let atLimit = 0;
  let noParts = 0;
  let noGap = 0;
  for (const d of able) {
    const day = after.get(d.engineer.id) ?? d;
    if (day.engineer.maxJobs !== null && day.stops.length >= day.engineer.maxJobs) {
      atLimit++;
      continue;
    }
    if (order.requiredParts.some((p) => (day.partsLeft.get(p.part) ?? 0) < p.qty)) {
      noParts++;
      continue;
    }
    const found = bestPlacement(state, day, job);
    if (!('placement' in found)) noGap++;
    else if (!fits || found.placement.start < fits.start) fits = { day, start: found.placement.start };
  }
  if (fits) return say(words, 'costsMore', { ...engineerArgs(fits.day.engineer), time: words.clock(fits.start) });
  const duration = order.durationMin;
  const why: SaidReason[] = [];
  if (noGap > 0)
    why.push(
      w
        ? say(words, noGap === 1 ? 'noGapWithinOne' : 'noGapWithin', {
            n: noGap,
            duration,
            from: words.clockAt(w.start),
            to: words.clockAt(w.end),
          })
        : say(words, noGap === 1 ? 'noGapOne' : 'noGap', { n: noGap, duration }),
    );
  if (atLimit > 0) why.push(say(words, 'reachedJobLimit', { n: atLimit }));
  if (noParts > 0) why.push(say(words, noParts === 1 ? 'partsPromisedOne' : 'partsPromised', { n: noParts }));
  const n = able.length;
  return say(words, n === 1 ? 'allFullOne' : 'allFull', { able: n, list: why });
}
