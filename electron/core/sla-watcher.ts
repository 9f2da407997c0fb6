import type { OrderEvent, SlaPolicy, WorkOrder } from '../../shared/domain/index.js';
import type { SlaAlertView } from '../../shared/ipc/index.js';
import { evaluateSla, slaTimeline, type SlaTimeline } from '../../shared/sla/index.js';
import { slaAlertId, type Role } from '../../shared/sync/index.js';
import type { BatchResult, NamedAction } from './cache/local-state.js';

/** What the watcher needs of the console: its view and audit trail, whom it acts as, and a way to store escalations. */
export interface WatchedConsole {
  /** False once the console's cache is closed. */
  isOpen(): boolean;
  role(): Role;
  orders(): Iterable<WorkOrder>;
  policy(): SlaPolicy;
  /** Whether an audit event is on record (the server's, or this console's pending one). */
  hasEvent(id: string): boolean;
  orderEvents(orderId: string): OrderEvent[];
  /** Calls `listener` after each change to the view; returns the way to stop. */
  onChanges(listener: () => void): () => void;
  /** Stores the console's own actions as one burst, each refused or stored on its own, not on the undo stack. */
  recordAll(actions: readonly NamedAction[]): BatchResult[];
}

export interface SlaWatcherOptions {
  clock: () => number;
  /** How often the clocks are read when nothing changes; deadlines pass without any change to the data. */
  intervalMs?: number;
  onAlert: (alert: SlaAlertView) => void;
  logError?: (message: string, error?: unknown) => void;
}

const OPEN = (o: WorkOrder) => o.status !== 'completed' && o.status !== 'cancelled';

/**
 * Watches the SLA clocks of the open orders on the cache and escalates each breach once: `raiseSlaAlert` goes through
 * the ordinary mutation path, so it lands in the local audit trail at once, works offline and syncs like any action;
 * the alert's id makes a second raise (after a restart, or by another console) a no-op on the server.
 */
export class SlaWatcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopChanges: (() => void) | null = null;
  private checking = false;
  private scheduled = false;
  /** Timelines by order, reused while the order's revision is unchanged (its trail changes only with it). */
  private readonly timelines = new Map<string, { rev: string; timeline: SlaTimeline }>();

  constructor(
    private readonly core: WatchedConsole,
    private readonly o: SlaWatcherOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.o.intervalMs ?? 15_000);
    this.timer.unref?.();
    // A change may itself end a hold or reveal a breach (a reset from the server, an order created late).
    // A burst of changes (a sync round, or the escalations of one reading) schedules one reading, not one each.
    this.stopChanges = this.core.onChanges(() => {
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        this.check();
      });
    });
    this.check();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopChanges?.();
    this.stopChanges = null;
  }

  /** The SLA timeline of one order from the cached audit trail. */
  timeline(order: WorkOrder): SlaTimeline {
    const known = this.timelines.get(order.id);
    if (known && known.rev === order.rev) return known.timeline;
    const timeline = slaTimeline(order, this.core.orderEvents(order.id));
    this.timelines.set(order.id, { rev: order.rev, timeline });
    return timeline;
  }

  /**
   * Reads every open order's clocks now and raises the breaches not yet on record, all in one transaction (a backlog
   * found at start-up is escalated at once, not one write each); returns what it raised.
   */
  check(): SlaAlertView[] {
    // Raising alerts changes the view, which calls check again: that inner call has nothing to add.
    if (this.checking || !this.core.isOpen()) return [];
    const role = this.core.role();
    if (role !== 'dispatcher' && role !== 'supervisor') return [];
    this.checking = true;
    const raised: SlaAlertView[] = [];
    try {
      const now = this.o.clock();
      const policy = this.core.policy();
      const due: SlaAlertView[] = [];
      for (const order of [...this.core.orders()]) {
        if (!OPEN(order)) {
          this.timelines.delete(order.id);
          continue;
        }
        const sla = evaluateSla(order, this.timeline(order), policy, now);
        for (const clock of [sla.respond, sla.resolve]) {
          if (clock.state !== 'breached') continue;
          const id = slaAlertId(order.id, 'escalated', clock.deadline);
          if (this.core.hasEvent(id)) continue;
          due.push({
            id,
            orderId: order.id,
            code: order.code,
            customer: order.customer.name,
            priority: order.priority,
            deadline: clock.deadline,
            dueAt: clock.dueAt,
            detectedAt: now,
          });
        }
      }
      const results = this.core.recordAll(
        due.map((a) => ({
          name: 'raiseSlaAlert' as const,
          args: { orderId: a.orderId, kind: 'escalated', deadline: a.deadline, dueAt: a.dueAt, detectedAt: now },
        })),
      );
      results.forEach((r, i) => {
        const alert = due[i] as SlaAlertView;
        if ('mutationId' in r) raised.push(alert);
        else (this.o.logError ?? console.error)(`sla: could not escalate ${alert.code} (${alert.deadline})`, r.error);
      });
    } catch (err) {
      // The cache could not take the escalations (disk full, closed under us): nothing was stored, the next tick
      // tries again.
      (this.o.logError ?? console.error)("sla: could not store this reading's escalations", err);
    } finally {
      this.checking = false;
    }
    for (const a of raised) this.o.onAlert(a);
    return raised;
  }
}
