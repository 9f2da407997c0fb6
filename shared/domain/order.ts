import { z } from 'zod';
import { SkillLevel } from './engineer.js';
import { CustomerTier, EpochMs, GeoPoint, Id, Phone, Priority, Rev, TimeWindow, text } from './primitives.js';
import { CustomerLanguage } from './notify.js';
import { ServiceReport } from './report.js';
import { Sla } from './sla.js';
import { BOOKED_STATUSES, OrderStatus } from './status.js';

/** The customer an order is for. */
export const Customer = z.object({
  id: Id,
  name: text(160),
  tier: CustomerTier,
  phone: Phone,
  /** The language messages to the customer are written in; the control centre's when absent (customerLanguageOf). */
  language: CustomerLanguage.optional(),
});
export type Customer = z.infer<typeof Customer>;

/** Where the work is done. */
export const Site = GeoPoint.extend({ address: text(300) });
export type Site = z.infer<typeof Site>;

export const ORDER_TYPES = ['install', 'repair', 'maintenance', 'inspection'] as const;
export const OrderType = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof OrderType>;

/** A part and how many the job needs. */
export const PartNeed = z.object({ part: Id, qty: z.number().int().min(1).max(1000) });
export type PartNeed = z.infer<typeof PartNeed>;

/** The mark of a booking the dispatcher made against a hard rule on purpose, after being asked. */
export const OverriddenMark = z.literal(true);

/**
 * An engineer booked for an order at a planned time; a pinned booking is never moved by the engine, nor one the
 * dispatcher made against a hard rule on purpose after being asked (`overridden`, set while that booking stands).
 */
export const Booking = z
  .object({ engineerId: Id, start: EpochMs, end: EpochMs, pinned: z.boolean(), overridden: OverriddenMark.optional() })
  .refine((b) => b.end > b.start, {
    message: 'a booking must end after it starts',
    params: { say: 'bookingEndsFirst' },
  });
export type Booking = z.infer<typeof Booking>;

/** The fields of a work order (工单), before the rules that tie status, booking and duration together. */
export const WorkOrderFields = z.object({
  id: Id,
  /** The code dispatchers read out on the phone, e.g. WO-0412-0031. */
  code: text(40),
  customer: Customer,
  site: Site,
  type: OrderType,
  priority: Priority,
  summary: z.string().trim().max(500),
  requiredSkills: z.array(SkillLevel).max(20),
  requiredParts: z.array(PartNeed).max(50),
  durationMin: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** The appointment window promised to the customer; null when none was promised. */
  window: TimeWindow.nullable(),
  sla: Sla,
  status: OrderStatus,
  booking: Booking.nullable(),
  preferredEngineerIds: z.array(Id).max(20),
  excludedEngineerIds: z.array(Id).max(50),
  /** True when finished on the first visit, false when a revisit was needed, null until completed. */
  firstTimeFix: z.boolean().nullable(),
  /** The order this one revisits or continues, if any. */
  parentOrderId: Id.nullable(),
  /** The signed service report the engineer's device submitted at completion; absent until then. */
  report: ServiceReport.optional(),
  createdAt: EpochMs,
  updatedAt: EpochMs,
  version: z.number().int().min(0),
  rev: Rev,
});

/** A work order (工单). */
export const WorkOrder = WorkOrderFields.superRefine((o, ctx) => {
  const booked = BOOKED_STATUSES.has(o.status);
  if (booked && !o.booking)
    ctx.addIssue({
      code: 'custom',
      path: ['booking'],
      message: `a ${o.status} order needs a booking`,
      params: { say: 'statusNeedsBooking', status: o.status },
    });
  if ((o.status === 'new' || o.status === 'cancelled') && o.booking)
    ctx.addIssue({
      code: 'custom',
      path: ['booking'],
      message: `a ${o.status} order has no booking`,
      params: { say: 'statusHasNoBooking', status: o.status },
    });
  if (o.booking && o.booking.end - o.booking.start !== o.durationMin * 60_000)
    ctx.addIssue({
      code: 'custom',
      path: ['booking', 'end'],
      message: 'a booking lasts exactly the estimated duration',
      params: { say: 'bookingLength' },
    });
});
export type WorkOrder = z.infer<typeof WorkOrder>;

/** Minutes of slack before the nearest SLA deadline the order still has to meet (negative once breached). */
export function slaSlackMin(
  order: Pick<WorkOrder, 'sla' | 'status'>,
  now: EpochMs,
  respondedAt: EpochMs | null,
): number {
  const deadline = respondedAt === null ? Math.min(order.sla.respondBy, order.sla.resolveBy) : order.sla.resolveBy;
  return Math.floor((deadline - now) / 60_000);
}

/**
 * The follow-up order created when an engineer completes a job that needs another visit:
 * same customer, site and requirements, linked to its parent, back in the queue.
 */
export function followUpOrder(
  parent: WorkOrder,
  ids: { id: string; code: string; rev: string },
  now: EpochMs,
  sla: Sla,
  durationMin: number = parent.durationMin,
): WorkOrder {
  const { report: _report, ...rest } = parent;
  return {
    ...rest,
    id: ids.id,
    code: ids.code,
    summary: `Revisit: ${parent.summary}`.slice(0, 500),
    durationMin,
    window: null,
    sla,
    status: 'new',
    booking: null,
    firstTimeFix: null,
    parentOrderId: parent.id,
    createdAt: now,
    updatedAt: now,
    version: 0,
    rev: ids.rev,
  };
}
