import type { OrderView, RuleViolation } from '../../services/index.js';

/** One booking in the list of rule violations: the order as booked and every hard rule it breaks. */
export interface ViolationRow {
  order: OrderView;
  /** The engineer it is booked to, by the name the console shows them by (told apart from a namesake). */
  engineer: string;
  violations: readonly RuleViolation[];
}

/**
 * The bookings that break a hard rule, earliest first (then by code), each once with all its rules and its engineer
 * by the name the console shows them by (`names`, engineerNames).
 */
export function violationRows(
  violations: ReadonlyMap<string, readonly RuleViolation[]>,
  orders: ReadonlyMap<string, OrderView>,
  names: ReadonlyMap<string, string>,
): ViolationRow[] {
  const rows: ViolationRow[] = [];
  for (const [id, list] of violations) {
    const order = orders.get(id);
    if (order?.booking && list.length > 0)
      rows.push({ order, engineer: names.get(order.booking.engineerId) ?? order.booking.engineerId, violations: list });
  }
  return rows.sort((a, b) => a.order.booking!.start - b.order.booking!.start || (a.order.code < b.order.code ? -1 : 1));
}
