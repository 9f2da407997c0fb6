import type { SlaPolicy } from '../../../../shared/domain/index.js';
import { haversineKm } from '../../../../shared/geo/index.js';
import { atRisk, orderSla, type SlaTimeline } from '../../../../shared/sla/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';

export type QueueTab = 'unassigned' | 'atRisk' | 'onHold';
export type SlaFilter = 'all' | 'jeopardy' | 'breached';

export interface QueueFilter {
  tab: QueueTab;
  team: string | null;
  skill: string | null;
  priority: string | null;
  sla: SlaFilter;
  search: string;
}

const CLOSED = new Set(['completed', 'cancelled']);
/** Each team's centre (the mean of its engineers' bases), to file unbooked work under the nearest team. */
export function teamCentres(engineers: Iterable<EngineerView>): Map<string, { lat: number; lon: number }> {
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  for (const e of engineers) {
    const s = sums.get(e.team) ?? { lat: 0, lon: 0, n: 0 };
    s.lat += e.homeBase.lat;
    s.lon += e.homeBase.lon;
    s.n += 1;
    sums.set(e.team, s);
  }
  return new Map([...sums].map(([team, s]) => [team, { lat: s.lat / s.n, lon: s.lon / s.n }]));
}

/** The team an order belongs to: its engineer's when booked, otherwise the nearest team's. */
export function teamOf(
  o: OrderView,
  engineers: ReadonlyMap<string, EngineerView>,
  centres: ReadonlyMap<string, { lat: number; lon: number }>,
): string | null {
  if (o.booking) return engineers.get(o.booking.engineerId)?.team ?? null;
  let best: string | null = null;
  let bestKm = Infinity;
  for (const [team, c] of centres) {
    const km = haversineKm(c, o.site);
    if (km < bestKm) [best, bestKm] = [team, km];
  }
  return best;
}

/** The queue's rows: the tab's orders that pass every filter, most urgent (least SLA slack) first. */
export function queueRows(
  orders: Iterable<OrderView>,
  engineers: ReadonlyMap<string, EngineerView>,
  f: QueueFilter,
  now: number,
  policy: SlaPolicy | null,
  timelines: ReadonlyMap<string, SlaTimeline> = new Map(),
): OrderView[] {
  const centres = f.team ? teamCentres(engineers.values()) : new Map();
  const needle = f.search.trim().toLowerCase();
  const out: OrderView[] = [];
  const due = new Map<string, number>();
  for (const o of orders) {
    const sla = orderSla(o, now, policy, timelines.get(o.id));
    const state = sla.state;
    if (f.tab === 'unassigned' && o.status !== 'new') continue;
    if (f.tab === 'onHold' && o.status !== 'on_hold') continue;
    // At risk: a clock in jeopardy or breached, or a booking that will miss a deadline (at risk from the moment it is made).
    if (f.tab === 'atRisk' && (CLOSED.has(o.status) || !atRisk(sla, o.booking))) continue;
    if (f.sla !== 'all' && state !== f.sla) continue;
    if (f.priority && o.priority !== f.priority) continue;
    if (f.skill && !o.requiredSkills.some((s) => s.skill === f.skill)) continue;
    if (f.team && teamOf(o, engineers, centres) !== f.team) continue;
    if (needle && !`${o.code} ${o.customer.name} ${o.site.address}`.toLowerCase().includes(needle)) continue;
    out.push(o);
    due.set(o.id, (sla.next ?? sla.resolve).dueAt);
  }
  return out.sort((a, b) => due.get(a.id)! - due.get(b.id)! || a.code.localeCompare(b.code));
}
