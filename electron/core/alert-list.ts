import type { OrderEvent, WorkOrder } from '../../shared/domain/index.js';
import type { SlaAlertView } from '../../shared/ipc/index.js';
import { slaAlertAckId, type Role, type SlaAlertRef } from '../../shared/sync/index.js';

/** How long an escalation stays on the alert list unless its order closes or the user dismisses it. */
export const ALERT_LIST_MS = 24 * 3_600_000;
/** The most alerts listed: the newest. */
export const MAX_LISTED_ALERTS = 100;

/** What the alert list reads of the console: its user, its audit trail and its orders. */
export interface AlertSource {
  role(): Role;
  userId(): string;
  /** Escalation events on record (the server's and this console's pending ones) from `since` on, oldest first. */
  escalationsSince(since: number): OrderEvent[];
  hasEvent(id: string): boolean;
  order(id: string): WorkOrder | null;
}

export interface AlertListOptions {
  clock: () => number;
  /** An alert joined the list (raised here, or by another console and pulled). */
  onListed: (alert: SlaAlertView) => void;
  /** Alerts left the list (dismissed by this user on any console, or their order closed). */
  onGone: (ids: string[]) => void;
}

const DEADLINE = /^(respond|resolve)$/;

/**
 * The user's SLA alert list, read from the audit trail: every escalation on record (whichever console raised it) of
 * the last day whose order is still open, less those this user acknowledged. An acknowledgement is an event of its
 * own on the server, keyed by alert and user (`acknowledgeSlaAlerts`), so every console of the same user drops the
 * alert once it syncs and other users still list it.
 */
export class AlertList {
  private listed = new Map<string, SlaAlertView>();

  constructor(
    private readonly source: AlertSource,
    private readonly o: AlertListOptions,
  ) {}

  /** The alerts as the user should see them now, newest last. */
  list(): SlaAlertView[] {
    const role = this.source.role();
    if (role !== 'dispatcher' && role !== 'supervisor') return [];
    const me = this.source.userId();
    const out: SlaAlertView[] = [];
    for (const e of this.source.escalationsSince(this.o.clock() - ALERT_LIST_MS)) {
      const order = this.source.order(e.orderId);
      if (!order || order.status === 'completed' || order.status === 'cancelled') continue;
      const { deadline, dueAt } = e.data;
      if (typeof deadline !== 'string' || !DEADLINE.test(deadline) || typeof dueAt !== 'number') continue;
      if (this.source.hasEvent(slaAlertAckId(e.id, me))) continue;
      out.push({
        id: e.id,
        orderId: e.orderId,
        code: order.code,
        customer: order.customer.name,
        priority: order.priority,
        deadline: deadline as SlaAlertView['deadline'],
        dueAt,
        detectedAt: e.at,
      });
    }
    return out.slice(-MAX_LISTED_ALERTS);
  }

  /** Reads the list again and reports what joined and what left it since the last reading. */
  refresh(): void {
    const next = new Map(this.list().map((a) => [a.id, a]));
    const gone = [...this.listed.keys()].filter((id) => !next.has(id));
    const joined = [...next.values()].filter((a) => !this.listed.has(a.id));
    this.listed = next;
    if (gone.length > 0) this.o.onGone(gone);
    for (const a of joined) this.o.onListed(a);
  }

  /** The escalations named by these ids, as `acknowledgeSlaAlerts` takes them; ids of no escalation are left out. */
  refs(ids: readonly string[]): SlaAlertRef[] {
    const out: SlaAlertRef[] = [];
    for (const id of new Set(ids)) {
      const m = /^sla:(.+):escalated:(respond|resolve)$/.exec(id);
      if (m) out.push({ orderId: m[1]!, deadline: m[2] as SlaAlertRef['deadline'] });
    }
    return out;
  }
}
