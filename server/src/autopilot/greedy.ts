import type { Engineer, GeoPoint, WorkOrder } from '../../../shared/domain/index.js';
import { BOOKED_STATUSES, skillLevel } from '../../../shared/domain/index.js';
import { defaultDispatchPolicy, type TravelParams } from '../../../shared/dispatch/index.js';
import { haversineKm } from '../../../shared/geo/index.js';
import type { FieldWorld } from '../sim/world.js';
import {
  PendingOrders,
  absentAt,
  currentOrNextShift,
  queuedOrders,
  releaseWorkOfAbsent,
  type Dispatcher,
  type SendMutation,
} from './view.js';

const MINUTE = 60_000;

/** Minutes to drive between two places by the engine's default city model (straight line × detour ÷ speed + parking). */
export function driveMin(a: GeoPoint, b: GeoPoint, t: TravelParams = defaultDispatchPolicy().travel): number {
  const km = haversineKm(a, b);
  if (km < 1e-4) return 0;
  return t.parkingMin + Math.ceil(((km * t.detourFactor) / t.speedKmh) * 60 - 1e-9);
}

interface Offer {
  engineer: Engineer;
  start: number;
  travelMin: number;
}

/**
 * What a busy person does: each new call goes to the qualified engineer who can get there first if it is added to the
 * end of their plan (ties: the shorter drive), never into a break, past the shift's end or outside the customer's
 * window. Nothing already booked is ever moved. Work of an engineer who went home sick goes back to the queue.
 */
export class GreedyDispatcher implements Dispatcher {
  readonly name = 'greedy';
  private readonly pending = new PendingOrders();
  /** Orders no engineer could take, by the version tried: tried again once anything changes in the plan. */
  private readonly unplaceable = new Map<string, number>();
  private planChanged = true;

  constructor(
    private readonly world: FieldWorld,
    private readonly send: SendMutation,
  ) {}

  tick(now: number): void {
    if (releaseWorkOfAbsent(this.world, now, this.send, this.pending).length > 0) this.planChanged = true;
    if (this.planChanged) this.unplaceable.clear();
    this.planChanged = false;
    for (const order of queuedOrders(this.world, now)) {
      if (this.pending.has(order) || this.unplaceable.get(order.id) === order.version) continue;
      const offer = this.bestOffer(order, now);
      if (!offer) {
        this.unplaceable.set(order.id, order.version);
        continue;
      }
      const settled = this.pending.add(order);
      this.send(
        'assignOrder',
        {
          orderId: order.id,
          base: { version: order.version, rev: order.rev },
          engineerId: offer.engineer.id,
          start: offer.start,
        },
        settled,
      );
      this.planChanged = true;
    }
  }

  private bestOffer(order: WorkOrder, now: number): Offer | null {
    let best: Offer | null = null;
    for (const e of this.world.engineers.values()) {
      const offer = this.offerOf(e, order, now);
      if (!offer) continue;
      if (!best || offer.start < best.start || (offer.start === best.start && offer.travelMin < best.travelMin))
        best = offer;
    }
    return best;
  }

  /** When `e` could start `order` if it were added after the last job of their current or next shift. */
  private offerOf(e: Engineer, order: WorkOrder, now: number): Offer | null {
    if (order.excludedEngineerIds.includes(e.id)) return null;
    if (!order.requiredSkills.every((s) => skillLevel(e, s.skill) >= s.level)) return null;
    const shift = currentOrNextShift(e, now);
    if (!shift) return null;
    const jobs = this.world
      .jobsOf(e.id)
      .filter((j) => BOOKED_STATUSES.has(j.status) && j.booking!.start < shift.end && j.booking!.end > shift.start);
    if (e.maxJobs !== null && jobs.length >= e.maxJobs) return null;
    for (const need of order.requiredParts) {
      const promised = jobs.reduce((n, j) => n + (j.requiredParts.find((p) => p.part === need.part)?.qty ?? 0), 0);
      if ((e.vanStock[need.part] ?? 0) - promised < need.qty) return null;
    }
    const last = jobs[jobs.length - 1];
    const from = last ? last.site : (this.world.positions.get(e.id) ?? e.lastPosition ?? e.homeBase);
    const free = Math.max(now, shift.start, last ? last.booking!.end : 0);
    const travelMin = driveMin(from, order.site);
    let start = Math.ceil((free + travelMin * MINUTE) / MINUTE) * MINUTE;
    if (order.window) start = Math.max(start, order.window.start);
    const end = (s: number) => s + order.durationMin * MINUTE;
    for (const b of shift.breaks) if (start < b.end && end(start) > b.start) start = b.end;
    if (order.window && start > order.window.end) return null;
    if (end(start) > shift.end) return null;
    if (absentAt(e, start) || e.absences.some((a) => start < a.end && end(start) > a.start)) return null;
    return { engineer: e, start, travelMin };
  }
}
