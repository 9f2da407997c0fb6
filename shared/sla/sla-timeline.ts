import type { OrderEvent, OrderStatus, WorkOrder } from '../domain/index.js';
import type { Span } from './business-hours.js';

/**
 * The moments of an order's life that move its SLA clocks, read from its audit trail.
 *
 * The respond clock stops when an engineer sets off (`en_route`): the status machine lets only the engineer's device
 * set it, so it is the first moment the customer is actually being attended to. `dispatched` does not count — it
 * only means the job was sent to a device, and an engineer may not look at it for hours. `on_site` and `completed`
 * also stop it, for trails where the device's earlier report was lost.
 */
export interface SlaTimeline {
  respondedAt: number | null;
  resolvedAt: number | null;
  cancelledAt: number | null;
  /** Spans on hold, in order; the last may still be open (`to` null). */
  holds: Array<{ from: number; to: number | null }>;
}

const RESPONSE_STATUSES: ReadonlySet<string> = new Set<OrderStatus>(['en_route', 'on_site', 'completed']);

type TrailEvent = Pick<OrderEvent, 'kind' | 'at' | 'data'>;

/**
 * The SLA timeline of `order` from its events (any order, any mix of orders' events is fine: others are ignored).
 * Where the trail lacks a status change the order's current status proves (an order seeded on site, say), the order's
 * last update stands in for it, so the clock never keeps running on work that is plainly under way.
 */
export function slaTimeline(
  order: Pick<WorkOrder, 'id' | 'status' | 'updatedAt'>,
  events: Iterable<TrailEvent & { orderId?: string }>,
): SlaTimeline {
  const t: SlaTimeline = { respondedAt: null, resolvedAt: null, cancelledAt: null, holds: [] };
  const trail = [...events];
  // A cancellation is a `cancelled` event (or a status change to cancelled); undoing it is a status change from
  // cancelled, after which the clocks run again. Read in time order, so the latest of the two stands.
  const changes = trail
    .filter(
      (e) =>
        (e.kind === 'status_changed' || e.kind === 'cancelled') && (e.orderId === undefined || e.orderId === order.id),
    )
    .sort((a, b) => a.at - b.at);
  for (const e of changes) {
    const cancelled = e.kind === 'cancelled';
    const to = cancelled ? 'cancelled' : typeof e.data.to === 'string' ? e.data.to : null;
    const from = cancelled ? e.data.fromStatus : typeof e.data.from === 'string' ? e.data.from : null;
    const open = t.holds.at(-1);
    if ((from === 'on_hold' || to === 'cancelled') && open && open.to === null) open.to = e.at;
    if (to === 'on_hold' && !(open && open.to === null)) t.holds.push({ from: e.at, to: null });
    if (to && RESPONSE_STATUSES.has(to)) t.respondedAt ??= e.at;
    if (to === 'completed') t.resolvedAt ??= e.at;
    if (to === 'cancelled') t.cancelledAt ??= e.at;
    if (from === 'cancelled') t.cancelledAt = null;
  }
  // Fill in what the current status proves but the trail does not show.
  const last = t.holds.at(-1);
  if (order.status === 'on_hold' && !(last && last.to === null)) t.holds.push({ from: order.updatedAt, to: null });
  if (order.status !== 'on_hold' && last && last.to === null) last.to = order.updatedAt;
  if (RESPONSE_STATUSES.has(order.status)) t.respondedAt ??= order.updatedAt;
  if (order.status === 'completed') t.resolvedAt ??= order.updatedAt;
  if (order.status === 'cancelled') t.cancelledAt ??= order.updatedAt;
  // An order that is not cancelled now was restored since any cancellation on its trail.
  else t.cancelledAt = null;
  return t;
}

/** The hold spans with an open one closed at `now`. */
export function closedHolds(t: SlaTimeline, now: number): Span[] {
  return t.holds.map((h) => ({ from: h.from, to: h.to ?? Math.max(h.from, now) }));
}
