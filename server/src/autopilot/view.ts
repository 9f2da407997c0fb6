import type { Engineer, Shift, WorkOrder } from '../../../shared/domain/index.js';
import { BOOKED_STATUSES } from '../../../shared/domain/index.js';
import { defaultDispatchPolicy, type DispatchInput } from '../../../shared/dispatch/index.js';
import { epochAtLocal, localDate } from '../../../shared/time/index.js';
import type { FieldWorld } from '../sim/world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Sends a named mutation as this dispatcher; `settled` says whether the server applied it. */
export type SendMutation = (name: string, args: unknown, settled?: (applied: boolean, reason: string) => void) => void;

/** A way of dispatching a centre's day, advanced by the simulated (or real) clock. */
export interface Dispatcher {
  readonly name: string;
  tick(now: number): void;
}

/**
 * Orders this dispatcher has sent a change for that its view does not show yet: left alone until the view shows a
 * new version (or the change was refused), so a slow round trip never makes it send the same change twice.
 */
export class PendingOrders {
  private readonly sent = new Map<string, number>();

  has(order: Pick<WorkOrder, 'id' | 'version'>): boolean {
    const version = this.sent.get(order.id);
    if (version === undefined) return false;
    if (version === order.version) return true;
    this.sent.delete(order.id);
    return false;
  }

  /** Marks the order sent; returns the callback that clears it if the server refuses. */
  add(order: Pick<WorkOrder, 'id' | 'version'>): (applied: boolean) => void {
    this.sent.set(order.id, order.version);
    return (applied) => {
      if (!applied && this.sent.get(order.id) === order.version) this.sent.delete(order.id);
    };
  }
}

/** The shift an engineer is working now, or the next one they will work; undefined when none is published. */
export function currentOrNextShift(e: Pick<Engineer, 'shifts'>, now: number): Shift | undefined {
  let best: Shift | undefined;
  for (const s of e.shifts) if (s.end > now && (!best || s.start < best.start)) best = s;
  return best;
}

/** Whether the engineer is away (sick, on leave) at `now`. */
export function absentAt(e: Pick<Engineer, 'absences'>, now: number): boolean {
  return e.absences.some((a) => now >= a.start && now < a.end);
}

/** Open orders waiting in the queue by `now`, oldest call first. */
export function queuedOrders(world: FieldWorld, now: number): WorkOrder[] {
  const out: WorkOrder[] = [];
  for (const o of world.orders.values()) if (o.status === 'new' && o.createdAt <= now) out.push(o);
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Whether a person other than `selfId` booked or moved the order in the last `graceMin` minutes. */
export function movedByPersonRecently(
  world: FieldWorld,
  orderId: string,
  now: number,
  graceMin: number,
  selfId: string,
): boolean {
  const mark = world.lastBooking.get(orderId);
  return !!mark && mark.actor.kind === 'user' && mark.actor.id !== selfId && now - mark.at < graceMin * MINUTE;
}

/**
 * The engine's input for a rolling horizon at `now`: each engineer with only the shift they work now or next (the
 * engine plans one shift per engineer), positions from the devices, and the open orders — bookings outside the booked
 * engineer's shift left out (another day's work is not re-planned today), bookings `protect` names pinned. With
 * `teams`, only those teams' engineers and their work: the engine cannot touch anyone else's plan.
 */
export function rollingInput(
  world: FieldWorld,
  now: number,
  timeZone: string,
  protect: (order: WorkOrder) => boolean,
  teams: ReadonlySet<string> | null = null,
): DispatchInput {
  const engineers: Engineer[] = [];
  const shiftOf = new Map<string, Shift>();
  for (const e of world.engineers.values()) {
    if (teams && !teams.has(e.team)) continue;
    const shift = currentOrNextShift(e, now);
    if (shift) shiftOf.set(e.id, shift);
    const position = world.positions.get(e.id) ?? e.lastPosition;
    engineers.push({ ...e, shifts: shift ? [shift] : [], lastPosition: position });
  }
  const orders: WorkOrder[] = [];
  const aim = sameDayAim(now, timeZone);
  for (const o of world.orders.values()) {
    if (o.status === 'new') {
      if (o.createdAt <= now) orders.push(aimedToday(o, aim));
      continue;
    }
    if (!o.booking || !BOOKED_STATUSES.has(o.status)) continue;
    const shift = shiftOf.get(o.booking.engineerId);
    if (!shift || o.booking.start >= shift.end || o.booking.end <= shift.start - HOUR) continue;
    const aimed = aimedToday(o, aim);
    orders.push(protect(o) && !o.booking.pinned ? { ...aimed, booking: { ...o.booking, pinned: true } } : aimed);
  }
  engineers.sort((a, b) => (a.id < b.id ? -1 : 1));
  orders.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    now,
    // Long enough to hold any shift under way (12 h at most) and the next one.
    day: { start: now - 14 * HOUR, end: now + 22 * HOUR },
    timeZone,
    engineers,
    orders,
    policy: AUTOPILOT_POLICY,
    jeopardyMin: world.policy?.jeopardyMin ?? 30,
  };
}

/**
 * The engine's policy for the autopilot: the console's defaults, but work may be booked to start 10 minutes ahead
 * (a person needs half an hour of calm around what they look at; a device gets its job the moment it is booked).
 */
const AUTOPILOT_POLICY = { ...defaultDispatchPolicy(), frozenHorizonMin: 10 };

/** Calls taken before this local time are aimed at being done the same day, by the end of the working day. */
const SAME_DAY_CALLS_UNTIL = 16 * 60;
const WORKING_DAY_ENDS = 20 * 60;

/** Today's cut-off for same-day calls and the end of today's working day. */
function sameDayAim(now: number, timeZone: string): { callsUntil: number; doneBy: number } {
  const date = localDate(now, timeZone);
  const callsUntil = epochAtLocal(date, SAME_DAY_CALLS_UNTIL, timeZone);
  return { callsUntil, doneBy: epochAtLocal(date, WORKING_DAY_ENDS, timeZone) };
}

/**
 * The order as the engine should weigh it: work without an appointment called in before the afternoon's cut-off is
 * aimed at being done today, so the engine pays for leaving it to tomorrow even when its SLA would allow that (its real SLA
 * clocks are untouched). Without it, the cheapest plan puts routine work off to tomorrow's shorter drives.
 */
function aimedToday(o: WorkOrder, aim: { callsUntil: number; doneBy: number }): WorkOrder {
  if (o.window || o.createdAt > aim.callsUntil) return o;
  if (o.sla.resolveBy <= aim.doneBy) return o;
  return { ...o, sla: { respondBy: Math.min(o.sla.respondBy, aim.doneBy), resolveBy: aim.doneBy } };
}

/**
 * What a dispatcher does when an engineer is off sick: their unfinished job on hold goes back to the queue, and so
 * does the work booked to them that they can no longer do. Returns the orders it sent back, as they were (a booking
 * made against a rule on purpose loses its mark with them: the caller says so).
 */
export function releaseWorkOfAbsent(
  world: FieldWorld,
  now: number,
  send: SendMutation,
  pending: PendingOrders,
  teams: ReadonlySet<string> | null = null,
): WorkOrder[] {
  const released: WorkOrder[] = [];
  for (const o of world.orders.values()) {
    if (!o.booking || pending.has(o)) continue;
    const e = world.engineers.get(o.booking.engineerId);
    if (!e || !absentAt(e, now) || (teams && !teams.has(e.team))) continue;
    const base = { version: o.version, rev: o.rev };
    if (o.status === 'on_hold') {
      send('setOrderStatus', { orderId: o.id, status: 'new', base }, pending.add(o));
      released.push(o);
    } else if (
      (o.status === 'scheduled' || o.status === 'dispatched') &&
      e.absences.some((a) => o.booking!.start < a.end && o.booking!.end > a.start) &&
      !o.booking.pinned
    ) {
      send('unassignOrder', { orderId: o.id, base }, pending.add(o));
      released.push(o);
    }
  }
  return released;
}
