import type { WorkOrder } from '../../../../shared/domain/index.js';

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
