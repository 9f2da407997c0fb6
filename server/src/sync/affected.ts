import type { WorkOrder } from '../../../shared/domain/index.js';
import type { Writes } from '../../../shared/sync/index.js';

export interface Affected {
  teams: Set<string>;
  engineers: Set<string>;
  queueChanged: boolean;
}

/**
 * Who must hear about a mutation's writes: the teams and devices of every engineer whose work or record it touched
 * (before and after), and everyone when the open queue (unbooked orders) or the policy changed. Call it before persisting, with
 * `before` reading the state the mutation started from.
 */
export function affectedBy(
  writes: Writes,
  before: (orderId: string) => WorkOrder | null,
  teamOf: (engineerId: string) => string | undefined,
  into: Affected,
): void {
  const touch = (engineerId: string | undefined) => {
    if (!engineerId) return;
    into.engineers.add(engineerId);
    const team = teamOf(engineerId);
    if (team) into.teams.add(team);
  };
  for (const o of writes.orders.values()) {
    const old = before(o.id);
    touch(old?.booking?.engineerId);
    touch(o.booking?.engineerId);
    if (!o.booking || !old?.booking) into.queueChanged = true;
  }
  // An engineer's own device reads its engineer's record (shared/sync/reads.ts), so it hears of changes to it.
  for (const e of writes.engineers.values()) {
    into.teams.add(e.team);
    into.engineers.add(e.id);
  }
  if (writes.policy) into.queueChanged = true;
  // Notes and alerts change no order, but whoever shows that order must hear of them.
  for (const ev of writes.events) {
    const order = writes.orders.get(ev.orderId) ?? before(ev.orderId);
    if (order?.booking) touch(order.booking.engineerId);
    else into.queueChanged = true;
  }
}
