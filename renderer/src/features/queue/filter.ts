import type { SlaPolicy } from '../../../../shared/domain/index.js';
import { haversineKm } from '../../../../shared/geo/index.js';
import type { EngineerView, OrderView } from '../../store/gateway.js';

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

const RESPONDED = new Set(['dispatched', 'en_route', 'on_site', 'completed']);
const CLOSED = new Set(['completed', 'cancelled']);

/** The deadline an order must meet next: respond-by until someone is on the way, then resolve-by. */
export function nextDeadline(o: OrderView): { kind: 'respond' | 'resolve'; at: number } {
  return RESPONDED.has(o.status)
    ? { kind: 'resolve', at: o.sla.resolveBy }
    : { kind: 'respond', at: Math.min(o.sla.respondBy, o.sla.resolveBy) };
}

/** ok, jeopardy (less slack than the policy's threshold) or breached, at `now`. */
export function slaState(o: OrderView, now: number, policy: SlaPolicy | null): 'ok' | 'jeopardy' | 'breached' {
  if (CLOSED.has(o.status)) return 'ok';
  const slack = nextDeadline(o).at - now;
  if (slack < 0) return 'breached';
  return slack < (policy?.jeopardyMin ?? 30) * 60_000 ? 'jeopardy' : 'ok';
}

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
): OrderView[] {
  const centres = f.team ? teamCentres(engineers.values()) : new Map();
  const needle = f.search.trim().toLowerCase();
  const out: OrderView[] = [];
  for (const o of orders) {
    const state = slaState(o, now, policy);
    if (f.tab === 'unassigned' && o.status !== 'new') continue;
    if (f.tab === 'onHold' && o.status !== 'on_hold') continue;
    if (f.tab === 'atRisk' && (state === 'ok' || CLOSED.has(o.status))) continue;
    if (f.sla !== 'all' && state !== f.sla) continue;
    if (f.priority && o.priority !== f.priority) continue;
    if (f.skill && !o.requiredSkills.some((s) => s.skill === f.skill)) continue;
    if (f.team && teamOf(o, engineers, centres) !== f.team) continue;
    if (needle && !`${o.code} ${o.customer.name} ${o.site.address}`.toLowerCase().includes(needle)) continue;
    out.push(o);
  }
  return out.sort((a, b) => nextDeadline(a).at - nextDeadline(b).at || a.code.localeCompare(b.code));
}
