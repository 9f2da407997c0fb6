import type { OrderSla } from './clock.js';

/** How late a booking would leave an order on one of its SLA clocks. */
export interface BookingLateness {
  /** The clock it misses: respond (someone on site) or resolve (the work done). */
  deadline: 'respond' | 'resolve';
  /** When that clock runs out. */
  dueAt: number;
  /** How long after it the booking arrives (respond) or finishes (resolve); always positive. */
  lateMs: number;
}

/**
 * Every running SLA clock a booking from `start` (arrival on site) to `end` (the work done) misses, as the engine
 * prices lateness: respond-by is met by arriving, resolve-by by finishing. Respond first; empty when the booking
 * meets both, or the clocks have stopped.
 */
export function bookingMisses(
  sla: Pick<OrderSla, 'respond' | 'resolve'>,
  start: number,
  end: number,
): BookingLateness[] {
  const misses: BookingLateness[] = [];
  const { respond, resolve } = sla;
  if (respond.stoppedAt === null && start > respond.dueAt)
    misses.push({ deadline: 'respond', dueAt: respond.dueAt, lateMs: start - respond.dueAt });
  if (resolve.stoppedAt === null && end > resolve.dueAt)
    misses.push({ deadline: 'resolve', dueAt: resolve.dueAt, lateMs: end - resolve.dueAt });
  return misses;
}

/**
 * Whether a booking from `start` to `end` misses one of the order's running SLA clocks (see bookingMisses): the clock
 * missed by most is named (respond on a tie); null when the booking meets both, or the clocks have stopped.
 */
export function bookingLateness(
  sla: Pick<OrderSla, 'respond' | 'resolve'>,
  start: number,
  end: number,
): BookingLateness | null {
  return bookingMisses(sla, start, end).reduce<BookingLateness | null>(
    (worst, m) => (worst && worst.lateMs >= m.lateMs ? worst : m),
    null,
  );
}

/**
 * How late an order's booking, as it stands, leaves it: the same judgement as before booking, applied to the booking
 * whoever made it (a console, the autopilot, an import). Null without a booking, or when it meets both clocks.
 */
export function bookedLateness(
  sla: Pick<OrderSla, 'respond' | 'resolve'>,
  booking: { start: number; end: number } | null,
): BookingLateness | null {
  return booking ? bookingLateness(sla, booking.start, booking.end) : null;
}

/** Every clock an order's booking, as it stands, misses (respond first); empty without a booking or when on time. */
export function bookedMisses(
  sla: Pick<OrderSla, 'respond' | 'resolve'>,
  booking: { start: number; end: number } | null,
): BookingLateness[] {
  return booking ? bookingMisses(sla, booking.start, booking.end) : [];
}

/**
 * Whether an open order is at risk now: a clock in jeopardy or breached, or a booking that will miss a deadline (it
 * is at risk as soon as it is booked late, not only once its clock runs under the threshold).
 */
export function atRisk(
  sla: Pick<OrderSla, 'respond' | 'resolve' | 'state'>,
  booking: { start: number; end: number } | null,
): boolean {
  return sla.state !== 'ok' || bookedMisses(sla, booking).length > 0;
}
