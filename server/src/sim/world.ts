import type { Engineer, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import { BOOKED_STATUSES } from '../../../shared/domain/index.js';
import type { Change } from '../../../shared/sync/index.js';

/**
 * What the field knows of the server's state: orders, engineers and the SLA policy, kept current from pulled changes.
 * Audit events are not kept (the field never reads them). One view serves every simulated device.
 */
export class FieldWorld {
  readonly orders = new Map<string, WorkOrder>();
  readonly engineers = new Map<string, Engineer>();
  policy: SlaPolicy | null = null;
  /** Booked (scheduled … on site) order ids by engineer. */
  private readonly booked = new Map<string, Set<string>>();

  /** Applies one pulled page; a reset page starts the view over. */
  apply(kind: 'changes' | 'reset', changes: readonly Change[]): void {
    if (kind === 'reset') {
      this.orders.clear();
      this.engineers.clear();
      this.booked.clear();
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

  engineer(id: string): Engineer | undefined {
    return this.engineers.get(id);
  }

  order(id: string): WorkOrder | undefined {
    return this.orders.get(id);
  }
}
