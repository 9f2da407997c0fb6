import { z } from 'zod';
import { BOOKED_STATUSES, Customer, Id, Site, WorkOrderFields, type WorkOrder } from '../domain/index.js';
import type { Principal } from './mutation.js';

/**
 * What each role reads (DESIGN §7), applied by the store to every pull, first or incremental:
 *
 * - viewer, dispatcher, supervisor: everything a console shows — every order, engineer, the SLA policy and every
 *   order event. A viewer (a wall display) shows the same board and order panel, read-only.
 * - device: its own engineer's row; its jobs — the orders booked to its engineer that are still to do, and those it
 *   finished (completed or on hold) within RECENT_JOB_MS — and the events of those jobs. The customer's contact
 *   (name, phone, site address) comes with a job only while the work is still to do. Nothing about other engineers
 *   or their orders, no SLA policy, no positions. A job that leaves the view (moved to another engineer, taken back
 *   into the queue, cancelled) is sent as `removed`, so the device drops it, its contact and its events.
 */
export type Reader = Pick<Principal, 'role' | 'engineerId'>;

/** How long a device keeps reading a job it finished: enough to look back over a long shift. */
export const RECENT_JOB_MS = 12 * 3_600_000;

/**
 * A work order as an engineer's device reads it: the whole order, but the customer's name and phone and the site's
 * address are absent once the work is no longer the engineer's to do.
 */
export const Job = WorkOrderFields.extend({
  customer: Customer.extend({ name: Customer.shape.name.optional(), phone: Customer.shape.phone.optional() }),
  site: Site.extend({ address: Site.shape.address.optional() }),
});
export type Job = z.infer<typeof Job>;

/** A record that left a reader's view: the reader drops it and everything it held about it (a job's events). */
export const Removed = z.object({ entity: z.literal('job'), id: Id });
export type Removed = z.infer<typeof Removed>;

/** True for roles that read the whole centre. */
export function readsEverything(reader: Reader): boolean {
  return reader.role !== 'device';
}

/** Whether the work is still the engineer's to do: the only time its device holds the customer's contact. */
export function contactShown(order: Pick<WorkOrder, 'status'>): boolean {
  return BOOKED_STATUSES.has(order.status);
}

/** Whether a device of `engineerId` reads this order at `now`: booked to it, and to do or finished recently. */
export function deviceReadsOrder(
  order: Pick<WorkOrder, 'booking' | 'status' | 'updatedAt'>,
  engineerId: string | null,
  now: number,
): boolean {
  if (engineerId === null || order.booking?.engineerId !== engineerId) return false;
  return contactShown(order) || now - order.updatedAt <= RECENT_JOB_MS;
}

/** The order as its engineer's device reads it: without the customer's contact once the work is done. */
export function jobOf(order: WorkOrder): Job {
  if (contactShown(order)) return order;
  const { name: _name, phone: _phone, ...customer } = order.customer;
  const { address: _address, ...site } = order.site;
  return { ...order, customer, site };
}
