import type { Actor, Engineer, OrderEvent, Position, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import { BOOKED_STATUSES } from '../../../shared/domain/index.js';
import type { Change } from '../../../shared/sync/index.js';

/** Who last booked or moved an order, and when: what the autopilot reads to leave a person's fresh move alone. */
export interface BookingMark {
  actor: Actor;
  at: number;
}

/**
 * What the field knows of the server's state: orders, engineers and the SLA policy, kept current from pulled changes.
 * Of the audit events only who last booked each order is kept. One view serves every simulated device.
 */
export class FieldWorld {
  readonly orders = new Map<string, WorkOrder>();
  readonly engineers = new Map<string, Engineer>();
  /** The latest device position of each engineer (positions are their own stream, not part of the change log). */
  readonly positions = new Map<string, Position>();
  /** Order id → the last assignment or move. */
  readonly lastBooking = new Map<string, BookingMark>();
  /** Order id → when its engineer last arrived on site (the latest status change to on site). */
  private readonly arrivals = new Map<string, number>();
  policy: SlaPolicy | null = null;
  /** Booked (scheduled … on site) order ids by engineer. */
  private readonly booked = new Map<string, Set<string>>();

  /** Applies one pulled page; a reset page starts the view over. */
  apply(kind: 'changes' | 'reset', changes: readonly Change[]): void {
    if (kind === 'reset') {
      this.orders.clear();
      this.engineers.clear();
      this.booked.clear();
      this.lastBooking.clear();
      this.arrivals.clear();
      this.policy = null;
    }
    for (const change of changes) {
      switch (change.entity) {
        case 'order':
          this.putOrder(change.value);
          break;
        case 'engineer':
          this.engineers.set(change.value.id, change.value);
          break;
        case 'policy':
          this.policy = change.value;
          break;
        case 'event':
          this.noteEvent(change.value);
          break;
      }
    }
  }

  putOrder(order: WorkOrder): void {
    const before = this.orders.get(order.id);
    if (before?.booking) this.booked.get(before.booking.engineerId)?.delete(order.id);
    this.orders.set(order.id, order);
    if (order.booking && BOOKED_STATUSES.has(order.status)) {
      let set = this.booked.get(order.booking.engineerId);
      if (!set) this.booked.set(order.booking.engineerId, (set = new Set()));
      set.add(order.id);
    }
  }

  /** Keeps who last booked an order and when its engineer last arrived on site (other events are not kept). */
  noteEvent(event: OrderEvent): void {
    if (event.kind === 'status_changed' && event.data.to === 'on_site') {
      const known = this.arrivals.get(event.orderId);
      if (known === undefined || known <= event.at) this.arrivals.set(event.orderId, event.at);
      return;
    }
    if (event.kind !== 'assigned' && event.kind !== 'moved') return;
    const known = this.lastBooking.get(event.orderId);
    if (!known || known.at <= event.at) this.lastBooking.set(event.orderId, { actor: event.actor, at: event.at });
  }

  /** The engineer's booked orders, earliest planned start first. */
  jobsOf(engineerId: string): WorkOrder[] {
    const ids = this.booked.get(engineerId);
    if (!ids || ids.size === 0) return [];
    const jobs: WorkOrder[] = [];
    for (const id of ids) {
      const o = this.orders.get(id);
      if (o?.booking) jobs.push(o);
    }
    return jobs.sort((a, b) => a.booking!.start - b.booking!.start || a.id.localeCompare(b.id));
  }

  /** When the engineer last arrived at the order's site, if the view holds that event. */
  arrivedAt(orderId: string): number | undefined {
    return this.arrivals.get(orderId);
  }

  engineer(id: string): Engineer | undefined {
    return this.engineers.get(id);
  }

  order(id: string): WorkOrder | undefined {
    return this.orders.get(id);
  }
}
