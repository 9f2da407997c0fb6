import type { Engineer, OrderEvent, WorkOrder } from '../../../shared/domain/index.js';
import { deviceReadsOrder, jobOf, type Change } from '../../../shared/sync/index.js';

/** The kinds of record the change log names. */
export type LoggedEntity = 'order' | 'engineer' | 'policy' | 'event';

/**
 * One record a device's pull found changed in the log rows naming its engineer; `entered` when some of those rows
 * booked an order to the engineer from elsewhere (so its earlier events are sent with it).
 */
export interface DeviceLogRow {
  entity: LoggedEntity;
  entity_id: string;
  entered: boolean;
}

/** The records a device's changes are read from, loaded by the store inside the pull's transaction. */
export interface DeviceSource {
  order(id: string): WorkOrder | null;
  engineer(id: string): Engineer | null;
  event(id: string): OrderEvent | null;
  /** Every event of an order, oldest first. */
  eventsOf(orderId: string): OrderEvent[];
}

/**
 * What a device of `engineerId` is sent for the changed records `rows` (shared/sync/reads.ts): each of its jobs as it
 * is now, with its earlier events when it has just been booked to the engineer; `removed` for an order that was its
 * job and no longer is; its own engineer; the new events of its jobs. Nothing else.
 */
export function deviceChanges(
  rows: readonly DeviceLogRow[],
  source: DeviceSource,
  engineerId: string,
  now: number,
): Change[] {
  const out: Change[] = [];
  const sentEvents = new Set<string>();
  const sendEvent = (ev: OrderEvent) => {
    if (sentEvents.has(ev.id)) return;
    sentEvents.add(ev.id);
    out.push({ entity: 'event', value: ev });
  };
  for (const r of rows) {
    switch (r.entity) {
      case 'order': {
        const order = source.order(r.entity_id);
        if (order && deviceReadsOrder(order, engineerId, now)) {
          out.push({ entity: 'job', value: jobOf(order) });
          if (r.entered) for (const ev of source.eventsOf(order.id)) sendEvent(ev);
        } else out.push({ entity: 'removed', value: { entity: 'job', id: r.entity_id } });
        break;
      }
      case 'engineer': {
        const engineer = r.entity_id === engineerId ? source.engineer(r.entity_id) : null;
        if (engineer) out.push({ entity: 'engineer', value: engineer });
        break;
      }
      case 'event': {
        const ev = source.event(r.entity_id);
        const order = ev ? source.order(ev.orderId) : null;
        if (ev && order && deviceReadsOrder(order, engineerId, now)) sendEvent(ev);
        break;
      }
      case 'policy':
        break;
    }
  }
  return out;
}
