import type { SlaAlertView } from '../../services/index.js';

/** The escalations of one order, as the alert list shows them: its latest on top of how many there were. */
export interface AlertGroup {
  orderId: string;
  latest: SlaAlertView;
  /** Every alert of the order, newest first. */
  ids: string[];
}

/**
 * Alerts (newest last, as core lists them) grouped by order, the order escalated most recently first; within an
 * order, newest first. Alerts detected at the same instant keep the list's order (the later one is newer).
 */
export function groupAlerts(alerts: readonly SlaAlertView[]): AlertGroup[] {
  const newestFirst = alerts
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.detectedAt - x.a.detectedAt || y.i - x.i)
    .map((x) => x.a);
  const groups = new Map<string, AlertGroup>();
  for (const a of newestFirst) {
    const g = groups.get(a.orderId);
    if (g) g.ids.push(a.id);
    else groups.set(a.orderId, { orderId: a.orderId, latest: a, ids: [a.id] });
  }
  return [...groups.values()];
}
