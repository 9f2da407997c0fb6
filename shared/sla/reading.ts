import type { SlaPolicy, WorkOrder } from '../domain/index.js';
import { evaluateSla, type OrderSla } from './clock.js';
import { slaTimeline, type SlaTimeline } from './sla-timeline.js';

/** Until the policy has loaded: the default threshold, every minute counted. */
const NO_POLICY = { jeopardyMin: 30, businessHours: null };

type ReadOrder = Pick<WorkOrder, 'id' | 'status' | 'updatedAt' | 'sla' | 'createdAt'>;

/**
 * An order's SLA clocks as the console's watcher reads them, so board, queue, details and map agree with the
 * escalations. Without its timeline (not loaded yet), the order's status alone stands in for it.
 */
export function orderSla(o: ReadOrder, now: number, policy: SlaPolicy | null, timeline?: SlaTimeline): OrderSla {
  return evaluateSla(o, timeline ?? slaTimeline(o, []), policy ?? NO_POLICY, now);
}

/** The deadline an order must meet next (later by its time on hold): the running clock with least time left. */
export function nextDeadline(
  o: ReadOrder,
  now: number,
  policy: SlaPolicy | null,
  timeline?: SlaTimeline,
): { kind: 'respond' | 'resolve'; at: number } {
  const s = orderSla(o, now, policy, timeline);
  const c = s.next ?? s.resolve;
  return { kind: c.deadline, at: c.dueAt };
}

/** ok, jeopardy (less slack than the policy's threshold) or breached, at `now`. */
export function slaState(
  o: ReadOrder,
  now: number,
  policy: SlaPolicy | null,
  timeline?: SlaTimeline,
): 'ok' | 'jeopardy' | 'breached' {
  return orderSla(o, now, policy, timeline).state;
}
