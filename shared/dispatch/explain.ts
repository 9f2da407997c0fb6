import type { WorkOrder } from '../domain/index.js';
import { PRIORITIES } from '../domain/index.js';
import { bestPlacement, jobFor } from './best-slot.js';
import { checkDay, type DayProblem } from './check.js';
import { lateMinutes, notPreferred, slaDeadline } from './cost.js';
import { mayEverTake } from './model.js';
import type { ProposalMove } from './proposal.js';
import { staticVerdicts } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';

/** The plan before and after, as the explanations compare them. */
export interface PlanChange {
  before: ReadonlyMap<string, EngineerDay>;
  after: ReadonlyMap<string, EngineerDay>;
  moves: readonly ProposalMove[];
}

const rank = (o: WorkOrder) => PRIORITIES.indexOf(o.priority);

function stopOf(day: EngineerDay | undefined, orderId: string): { stop: Stop; prev: Stop | undefined } | undefined {
  if (!day) return undefined;
  const i = day.stops.findIndex((s) => s.order.id === orderId);
  return i < 0 ? undefined : { stop: day.stops[i] as Stop, prev: day.stops[i - 1] };
}

/** Minutes driving into an order's site in a day, and from where (the job before it or where the day starts). */
function driveIn(state: DispatchState, day: EngineerDay, orderId: string): { min: number; from: string } | undefined {
  const found = stopOf(day, orderId);
  if (!found) return undefined;
  const min = state.travel.minutes(found.prev ? found.prev.loc : day.origin.loc, found.stop.loc);
  return { min, from: found.prev ? state.words.order(found.prev.order) : day.origin.what };
}

/** How late an order starting at `start` is against its SLA, in words; empty when it keeps it. */
function lateness(state: DispatchState, order: WorkOrder, start: number): string {
  const late = lateMinutes(state, order, start);
  if (late <= 0) return '';
  const deadline = slaDeadline(state, order);
  return deadline < state.nowMin
    ? `its SLA was already missed at ${state.words.clock(deadline)}`
    : `starts ${state.words.duration(late)} after its SLA deadline`;
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

/** One line saying why the engine proposes a move, in the dispatcher's words. */
export function reasonForMove(state: DispatchState, change: PlanChange, m: ProposalMove): string {
  const words = state.words;
  const order = state.orders.get(m.orderId) as WorkOrder;
  const fromDay = m.from ? change.before.get(m.from.engineerId) : undefined;
  const toDay = m.to ? change.after.get(m.to.engineerId) : undefined;
  const fromName = fromDay?.engineer.name ?? m.from?.engineerId ?? '';
  const toName = toDay?.engineer.name ?? m.to?.engineerId ?? '';
  const fromAt = m.from ? toMin(state, m.from.start) : 0;
  const bits: string[] = [];

  if (m.kind === 'unassign') {
    if (fromDay?.unavailable || !fromDay?.shift)
      return `back to the queue: ${fromName} ${fromDay?.unavailable ?? 'has no shift'}`;
    const room = madeRoomFor(state, change, m.from?.engineerId ?? '', fromAt, order);
    if (room) return `back to the queue to free ${words.clock(fromAt)} on ${fromName} for ${words.order(room)}`;
    return `back to the queue: no longer fits ${fromName}'s day and no one else has room`;
  }

  const to = m.to as NonNullable<ProposalMove['to']>;
  const start = toMin(state, to.start);
  const late = lateMinutes(state, order, start);
  const drive = toDay ? driveIn(state, toDay, order.id) : undefined;
  const head = `${toName} ${words.clock(start)}`;
  let broken: DayProblem | undefined;
  if (m.kind === 'assign') {
    if (drive) bits.push(`${drive.min} min drive from ${drive.from}`);
  } else if (fromDay && (!fromDay.shift || fromDay.unavailable)) {
    bits.push(`${fromName} ${fromDay.unavailable ?? 'has no shift'}`);
  } else if (fromDay && (broken = checkDay(state, fromDay, new Set([order.id]))[0])) {
    bits.push(`its booked ${words.clock(fromAt)} does not work (${broken.reason.replace(/^[^:]*: /, '')})`);
  } else if (m.from && m.from.engineerId === to.engineerId) {
    const room = madeRoomFor(state, change, to.engineerId, fromAt, order);
    if (room) bits.push(`moved from ${words.clock(fromAt)} to fit ${words.order(room)}`);
    else bits.push(`re-sequenced from ${words.clock(fromAt)}`);
  } else {
    const room = madeRoomFor(state, change, m.from?.engineerId ?? '', fromAt, order);
    if (room) bits.push(`frees ${words.clock(fromAt)} on ${fromName} for ${words.order(room)}`);
    const before = fromDay ? driveIn(state, fromDay, order.id) : undefined;
    if (!room && before && drive && drive.min < before.min)
      bits.push(`${drive.min} min drive instead of ${before.min}`);
    const lateBefore = lateMinutes(state, order, fromAt);
    if (!room && lateBefore > late)
      bits.push(late === 0 ? 'now keeps its SLA' : `${Math.round(lateBefore - late)} min less late`);
    if (bits.length === 0) bits.push(`from ${fromName}, evening out the day's work`);
  }
  const lateText = lateness(state, order, start);
  if (lateText) bits.push(lateText);
  if (toDay && !notPreferred(order, toDay.engineer.id) && order.preferredEngineerIds.length > 0)
    bits.push("the customer's preferred engineer");
  return `${head}: ${bits.join('; ')}`;
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
): string {
  const words = state.words;
  const w = order.window;
  if (w && toMin(state, w.end) < state.notBefore)
    return `its appointment ${words.clockAt(w.start)}–${words.clockAt(w.end)} closes before new work can start (${words.clock(state.notBefore)})`;
  const working = vehicles;
  if (working.length === 0) return 'no engineer in scope is free to plan this day';
  const able = working.filter((d) => mayEverTake(d, order));
  if (able.length === 0) {
    // The rule that rules out most engineers is the one to tell.
    const counts = new Map<string, { n: number; reason: string }>();
    for (const d of working) {
      const v = staticVerdicts(state, d, order, false).find(
        (x) => x.hard && x.status === 'fail' && x.rule !== 'maxJobs',
      );
      if (!v) continue;
      const c = counts.get(v.rule) ?? { n: 0, reason: v.reason };
      c.n += 1;
      counts.set(v.rule, c);
    }
    const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
    return top ? `no engineer in scope can do it (${top.reason})` : 'no engineer in scope can do it';
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
  if (fits)
    return `${fits.day.engineer.name} could take it at ${words.clock(fits.start)}, but that costs more than leaving it for later`;
  const has = (k: number) => (k === 1 ? 'has' : 'have');
  const why = [
    noGap > 0
      ? `${noGap} ${has(noGap)} no ${words.duration(order.durationMin)} gap${w ? ` within ${words.clockAt(w.start)}–${words.clockAt(w.end)}` : ''}`
      : '',
    atLimit > 0 ? `${atLimit} reached their job limit` : '',
    noParts > 0 ? `${noParts} ${has(noParts)} the parts promised to other jobs` : '',
  ].filter(Boolean);
  const n = able.length;
  return `all ${n} engineer${n === 1 ? '' : 's'} who could do it ${n === 1 ? 'is' : 'are'} full: ${why.join(', ')}`;
}
