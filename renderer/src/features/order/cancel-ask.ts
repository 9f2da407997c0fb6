import type { WorkOrder } from '../../../../shared/domain/index.js';
import type { OrderSla } from '../../../../shared/sla/index.js';
import { formatDuration, formatTime, formatTimeOn } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';

/** Why cancelling an order is asked about first: what the dispatcher would lose or let down. */
export interface CancelStakes {
  /** An urgent order (P1, P2): a customer waiting on an emergency or a short promise. */
  urgent: boolean;
  /** It holds a booking, which the cancellation frees (and takes off the engineer's device when dispatched). */
  booked: boolean;
}

/**
 * Whether cancelling the order asks first, and why: a P1 or P2, or any booked order. Cancelling a P3 or P4 still in
 * the queue is routine tidying and goes at once (undo brings it back).
 */
export function cancelStakes(order: Pick<WorkOrder, 'priority' | 'booking'>): CancelStakes | null {
  const urgent = order.priority === 'P1' || order.priority === 'P2';
  const booked = order.booking !== null;
  return urgent || booked ? { urgent, booked } : null;
}

/**
 * What the cancel question says an urgent order lets down, in the console's language: its priority and the SLA
 * deadline it runs to next (or ran past already), and the appointment window the customer was told, when one was.
 */
export function cancelPromises(
  order: Pick<WorkOrder, 'priority' | 'window'>,
  stakes: CancelStakes,
  sla: Pick<OrderSla, 'next'>,
  now: number,
  locale: Locale,
  timeZone: string,
): { urgent: string | null; told: string | null } {
  const t = (key: Parameters<typeof translate>[1], params: Record<string, string>) => translate(locale, key, params);
  const clock = sla.next;
  let urgent: string | null = null;
  if (stakes.urgent) {
    const priority = order.priority;
    if (!clock) urgent = t('cancel.urgent', { priority });
    else {
      const due = formatTimeOn(clock.dueAt, now, locale, timeZone);
      const span = formatDuration(clock.remainingMin * 60_000, locale);
      urgent =
        clock.remainingMin >= 0
          ? t(clock.deadline === 'respond' ? 'cancel.urgentRespond' : 'cancel.urgentResolve', {
              priority,
              due,
              left: span,
            })
          : t(clock.deadline === 'respond' ? 'cancel.urgentRespondPast' : 'cancel.urgentResolvePast', {
              priority,
              due,
              over: span,
            });
    }
  }
  const w = order.window;
  const told = w
    ? t('cancel.told', {
        window: `${formatTimeOn(w.start, now, locale, timeZone)}–${formatTime(w.end, locale, timeZone)}`,
      })
    : null;
  return { urgent, told };
}
