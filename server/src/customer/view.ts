import { z } from 'zod';
import type { Engineer, OrderEvent, WorkOrder } from '../../../shared/domain/index.js';
import { Locations, StraightLineTravel, defaultDispatchPolicy } from '../../../shared/dispatch/index.js';
import type { EngineerPosition } from '../../../shared/sync/index.js';
import { customerEngineerName } from './engineer-name.js';

/** What the customer's page shows, as the customer reads it. */
export const CUSTOMER_STATUSES = [
  'received',
  'booked',
  'on_the_way',
  'on_site',
  'completed',
  'on_hold',
  'cancelled',
] as const;
const Point = z.object({ lat: z.number(), lon: z.number() });

/**
 * Everything the tracking page receives about its one order: no ids, no customer details, no other order or engineer.
 * The engineer's position is present only while they are on the way to this order.
 */
export const TrackingView = z.strictObject({
  code: z.string(),
  status: z.enum(CUSTOMER_STATUSES),
  /** The promised appointment window. */
  window: z.object({ start: z.number(), end: z.number() }).nullable(),
  /** The planned arrival, while booked and not yet on the way. */
  planned: z.number().nullable(),
  /** Estimated arrival while on the way: from the engineer's last position with the centre's travel model. */
  eta: z.number().nullable(),
  /** The engineer as the customer knows them, in each language the page is read in (see customerEngineerName). */
  engineerName: z.strictObject({ zh: z.string(), en: z.string() }).nullable(),
  /** The site and the engineer's last position, only while on the way to this order. */
  map: z.object({ site: Point, engineer: Point.extend({ at: z.number() }) }).nullable(),
  survey: z.enum(['closed', 'open', 'answered']),
  expiresAt: z.number().nullable(),
  timeZone: z.string(),
  now: z.number(),
});
export type TrackingView = z.infer<typeof TrackingView>;

function customerStatus(order: WorkOrder): TrackingView['status'] {
  switch (order.status) {
    case 'new':
      return 'received';
    case 'scheduled':
    case 'dispatched':
      return 'booked';
    case 'en_route':
      return 'on_the_way';
    default:
      return order.status;
  }
}

const TRAVEL = defaultDispatchPolicy().travel;

/** Minutes of driving from a point to the site, by the travel model the engine plans with (straight line). */
export function driveMinutes(from: { lat: number; lon: number }, to: { lat: number; lon: number }): number {
  const locations = new Locations();
  const a = locations.index(from);
  const b = locations.index(to);
  return new StraightLineTravel(locations, TRAVEL).minutes(a, b);
}

/** A position older than this is not shown nor used for an ETA (the page's, and the notifier's 15-minute mark). */
export const FRESH_MS = 10 * 60_000;

export function buildView(o: {
  order: WorkOrder;
  events: readonly OrderEvent[];
  engineer: Engineer | null;
  position: EngineerPosition | null;
  expiresAt: number;
  timeZone: string;
  now: number;
}): TrackingView {
  const { order, engineer, now } = o;
  const status = customerStatus(order);
  const booked = order.booking && engineer?.id === order.booking.engineerId ? engineer : null;
  const pos =
    status === 'on_the_way' && o.position && o.position.engineerId === booked?.id && now - o.position.at <= FRESH_MS
      ? o.position
      : null;
  const answered = o.events.some((e) => e.kind === 'survey_answered');
  const drive = pos ? driveMinutes(pos, order.site) : null;
  return {
    code: order.code,
    status,
    window: order.window ? { start: order.window.start, end: order.window.end } : null,
    planned: status === 'booked' && order.booking ? order.booking.start : null,
    eta: drive !== null ? Math.max(now, pos!.at) + drive * 60_000 : null,
    engineerName:
      booked && (status === 'booked' || status === 'on_the_way' || status === 'on_site' || status === 'completed')
        ? { zh: customerEngineerName(booked.name, 'zh'), en: customerEngineerName(booked.name, 'en') }
        : null,
    map: pos
      ? { site: { lat: order.site.lat, lon: order.site.lon }, engineer: { lat: pos.lat, lon: pos.lon, at: pos.at } }
      : null,
    survey: answered ? 'answered' : order.status === 'completed' ? 'open' : 'closed',
    expiresAt: Number.isFinite(o.expiresAt) ? o.expiresAt : null,
    timeZone: o.timeZone,
    now,
  };
}
