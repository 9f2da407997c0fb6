import type { SlaPolicy, WorkOrder } from '../domain/index.js';
import { addBusinessMs, businessMs, type Span } from './business-hours.js';
import { closedHolds, type SlaTimeline } from './sla-timeline.js';

const MINUTE = 60_000;

/**
 * ok, in jeopardy (less slack than the policy's threshold), breached, stopped in time (met), or stopped by the order's
 * cancellation before it was met (cancelled: the promise no longer applies, met or missed).
 */
export type SlaClockState = 'ok' | 'jeopardy' | 'breached' | 'met' | 'cancelled';

/** One of an order's two SLA clocks at an instant. */
export interface SlaClock {
  deadline: 'respond' | 'resolve';
  /** When the clock runs out: the promised deadline, later by the time spent on hold (projected if on hold now). */
  dueAt: number;
  /** Counted minutes left (business minutes when the policy has business hours); negative once breached. */
  remainingMin: number;
  state: SlaClockState;
  /** When the clock stopped (response, completion or cancellation), null while it runs; see `state` for which. */
  stoppedAt: number | null;
  /** True while the order is on hold and the clock is not counting. */
  paused: boolean;
}

/** Both clocks of an order, and its state as the board, queue, details and map show it. */
export interface OrderSla {
  respond: SlaClock;
  resolve: SlaClock;
  /** The worst of the running clocks; ok for completed and cancelled orders, which are no longer at risk. */
  state: 'ok' | 'jeopardy' | 'breached';
  /** The running clock with the least time left, null when none runs. */
  next: SlaClock | null;
}

type ClockOrder = Pick<WorkOrder, 'sla' | 'createdAt'>;
type ClockPolicy = Pick<SlaPolicy, 'jeopardyMin' | 'businessHours'>;

/** Counted time in [from, to): business time outside the hold spans. */
export function countedMs(from: number, to: number, holds: readonly Span[], hours: SlaPolicy['businessHours']): number {
  let ms = businessMs(from, to, hours ?? null);
  for (const h of holds) ms -= businessMs(Math.max(h.from, from), Math.min(h.to, to), hours ?? null);
  return ms;
}

/** The instant at which `budget` ms have been counted since `from`, skipping the hold spans. */
export function addCountedMs(
  from: number,
  budget: number,
  holds: readonly Span[],
  hours: SlaPolicy['businessHours'],
): number {
  let cursor = from;
  let left = budget;
  for (const h of [...holds].sort((a, b) => a.from - b.from)) {
    if (h.to <= cursor) continue;
    if (h.from > cursor) {
      const available = businessMs(cursor, h.from, hours ?? null);
      if (available >= left) return addBusinessMs(cursor, left, hours ?? null);
      left -= available;
    }
    cursor = h.to;
  }
  return addBusinessMs(cursor, left, hours ?? null);
}

function clock(
  deadline: 'respond' | 'resolve',
  promisedBy: number,
  stoppedAt: number | null,
  order: ClockOrder,
  timeline: SlaTimeline,
  policy: ClockPolicy,
  now: number,
  cancelled: boolean,
): SlaClock {
  const hours = policy.businessHours ?? null;
  const end = stoppedAt ?? now;
  // The order's promised deadline sets the budget, so later policy changes never move a promise already made.
  const budget = businessMs(order.createdAt, promisedBy, hours);
  const holds = closedHolds(timeline, end).filter((h) => h.from < end);
  const counted = countedMs(order.createdAt, end, holds, hours);
  const remaining = budget - counted;
  // Without time lost on hold the deadline is the promise itself, even one made before the policy had business hours
  // (which may fall after closing time); holds push it later by the counted time they took.
  const lost = holds.reduce((ms, h) => ms + businessMs(Math.max(h.from, order.createdAt), h.to, hours), 0);
  const dueAt = lost === 0 ? promisedBy : addCountedMs(order.createdAt, budget, holds, hours);
  let state: SlaClockState;
  if (cancelled) state = 'cancelled';
  else if (end > dueAt) state = 'breached';
  else if (stoppedAt !== null) state = 'met';
  else state = remaining < policy.jeopardyMin * MINUTE ? 'jeopardy' : 'ok';
  const open = timeline.holds.at(-1);
  return {
    deadline,
    dueAt,
    remainingMin: Math.floor(remaining / MINUTE),
    state,
    stoppedAt,
    paused: stoppedAt === null && open !== undefined && open.to === null && open.from <= now,
  };
}

const RANK: Record<SlaClockState, number> = { met: 0, cancelled: 0, ok: 0, jeopardy: 1, breached: 2 };

/** The SLA clocks of an order at `now`, from its timeline (see slaTimeline) and the policy's threshold and hours. */
export function evaluateSla(order: ClockOrder, timeline: SlaTimeline, policy: ClockPolicy, now: number): OrderSla {
  const closedAt = timeline.resolvedAt ?? timeline.cancelledAt;
  // A clock the cancellation stopped was neither met nor missed: nobody was going any more.
  const cancelled = timeline.resolvedAt === null && timeline.cancelledAt !== null;
  const respond = clock(
    'respond',
    Math.min(order.sla.respondBy, order.sla.resolveBy),
    timeline.respondedAt ?? closedAt,
    order,
    timeline,
    policy,
    now,
    cancelled && timeline.respondedAt === null,
  );
  const resolve = clock('resolve', order.sla.resolveBy, closedAt, order, timeline, policy, now, cancelled);
  if (closedAt !== null) return { respond, resolve, state: 'ok', next: null };
  const running = [respond, resolve].filter((c) => c.stoppedAt === null);
  const next = running.reduce<SlaClock | null>((a, c) => (a && a.remainingMin <= c.remainingMin ? a : c), null);
  const worst = running.reduce((a, c) => (RANK[c.state] > RANK[a] ? c.state : a), 'ok' as SlaClockState);
  return { respond, resolve, state: worst === 'met' || worst === 'cancelled' ? 'ok' : worst, next };
}
