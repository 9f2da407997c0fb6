// What the map draws, as GeoJSON built from the console's store. Pure: no map library, no DOM, so it is tested in Node
// and the benchmark measures exactly what the console runs.
import type { SlaPolicy } from '../../../../shared/domain/index.js';
import type { EngineerPosition } from '../../../../shared/sync/index.js';
import { slaState } from '../../../../shared/sla/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';

/** A position older than this is shown greyed: the device has gone quiet. */
export const STALE_MS = 5 * 60_000;

export interface PointFeature<P> {
  type: 'Feature';
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

export interface LineFeature<P> {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Array<[number, number]> };
  properties: P;
}

export interface Collection<F> {
  type: 'FeatureCollection';
  features: F[];
}

export interface EngineerProps {
  id: string;
  state: string;
  /** 1 when the last position is over five minutes old. */
  stale: number;
  heading: number;
  selected: number;
}

/**
 * The engineers layer, kept between updates: each engineer's feature object is created once and changed in place, so
 * a batch of positions costs work in proportion to the batch, not to the fleet, until the map copies it out.
 */
export class EngineerFeatures {
  private readonly byId = new Map<string, PointFeature<EngineerProps>>();
  private readonly list: Array<PointFeature<EngineerProps>> = [];
  private selectedId: string | null = null;

  /** Applies positions (newest wins) and engineer states; returns whether anything visible changed. */
  update(positions: Iterable<EngineerPosition>, engineers: ReadonlyMap<string, EngineerView>, now: number): boolean {
    let changed = false;
    for (const p of positions) {
      let f = this.byId.get(p.engineerId);
      if (!f) {
        f = {
          type: 'Feature',
          id: this.list.length,
          geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
          properties: { id: p.engineerId, state: 'off', stale: 0, heading: 0, selected: 0 },
        };
        this.byId.set(p.engineerId, f);
        this.list.push(f);
        changed = true;
      }
      const c = f.geometry.coordinates;
      if (c[0] !== p.lon || c[1] !== p.lat || f.properties.heading !== p.heading) {
        c[0] = p.lon;
        c[1] = p.lat;
        f.properties.heading = p.heading;
        changed = true;
      }
      const stale = now - p.at > STALE_MS ? 1 : 0;
      const state = engineers.get(p.engineerId)?.state ?? 'off';
      if (f.properties.stale !== stale || f.properties.state !== state) {
        f.properties.stale = stale;
        f.properties.state = state;
        changed = true;
      }
      f.properties.selected = p.engineerId === this.selectedId ? 1 : 0;
    }
    return changed;
  }

  select(engineerId: string | null): boolean {
    if (engineerId === this.selectedId) return false;
    const before = this.selectedId ? this.byId.get(this.selectedId) : undefined;
    if (before) before.properties.selected = 0;
    this.selectedId = engineerId;
    const after = engineerId ? this.byId.get(engineerId) : undefined;
    if (after) after.properties.selected = 1;
    return true;
  }

  collection(): Collection<PointFeature<EngineerProps>> {
    return { type: 'FeatureCollection', features: this.list };
  }

  get size(): number {
    return this.list.length;
  }
}

export interface OrderProps {
  id: string;
  code: string;
  priority: string;
  sla: 'ok' | 'jeopardy' | 'breached';
  booked: number;
  selected: number;
}

const CLOSED = new Set(['completed', 'cancelled']);

/**
 * A number for each order, the same for the whole session: the map's feature id, which lets the map be told only the
 * orders that changed (a map feature id is a number or a string; a number is what it indexes best).
 */
const featureNumbers = new Map<string, number>();
export function orderFeatureId(orderId: string): number {
  let n = featureNumbers.get(orderId);
  if (n === undefined) {
    n = featureNumbers.size + 1;
    featureNumbers.set(orderId, n);
  }
  return n;
}

/** Open orders at their sites, with priority and SLA state for colour, and whether each is selected. */
export function orderFeatures(
  orders: Iterable<OrderView>,
  now: number,
  policy: SlaPolicy | null,
  selected: ReadonlySet<string>,
): Collection<PointFeature<OrderProps>> {
  const job = orderFeatureSlices(orders, now, policy, selected, Infinity);
  for (;;) {
    const r = job.next();
    if (r.done) return r.value;
  }
}

/**
 * The same as orderFeatures, a slice of `slice` orders at a time: the generator pauses after each slice, so a caller
 * can spread the work of a big day over several tasks and keep each short.
 */
export function* orderFeatureSlices(
  orders: Iterable<OrderView>,
  now: number,
  policy: SlaPolicy | null,
  selected: ReadonlySet<string>,
  slice: number,
): Generator<void, Collection<PointFeature<OrderProps>>, void> {
  const features: Array<PointFeature<OrderProps>> = [];
  let done = 0;
  for (const o of orders) {
    if (++done % slice === 0) yield;
    if (CLOSED.has(o.status)) continue;
    features.push({
      type: 'Feature',
      id: orderFeatureId(o.id),
      geometry: { type: 'Point', coordinates: [o.site.lon, o.site.lat] },
      properties: {
        id: o.id,
        code: o.code,
        priority: o.priority,
        sla: slaState(o, now, policy),
        booked: o.booking ? 1 : 0,
        selected: selected.has(o.id) ? 1 : 0,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Whether two order features draw the same: same order, place and properties. */
function sameOrderFeature(x: PointFeature<OrderProps>, y: PointFeature<OrderProps>): boolean {
  const p = x.properties;
  const q = y.properties;
  return (
    x.id === y.id &&
    x.geometry.coordinates[0] === y.geometry.coordinates[0] &&
    x.geometry.coordinates[1] === y.geometry.coordinates[1] &&
    p.id === q.id &&
    p.code === q.code &&
    p.priority === q.priority &&
    p.sla === q.sla &&
    p.booked === q.booked &&
    p.selected === q.selected
  );
}

/** Whether two sets of order features would draw the same: same orders, places and properties, in the same order. */
export function sameOrderFeatures(
  a: Collection<PointFeature<OrderProps>>,
  b: Collection<PointFeature<OrderProps>>,
): boolean {
  if (a.features.length !== b.features.length) return false;
  for (let i = 0; i < a.features.length; i++) if (!sameOrderFeature(a.features[i]!, b.features[i]!)) return false;
  return true;
}

/**
 * What the map must be told to go from the orders it shows to the new ones: nothing (`same`), the orders that left or
 * changed and the ones that came or changed (`diff`, by feature id: a booking made moves one order, and handing the
 * map all 20,000 again cost the page 50–100 ms copying them for the map's worker), or all of them (`replace`) when more
 * than `limit` changed, where a diff would cost more than the whole set.
 */
export type OrderSourceChange =
  { kind: 'same' } | { kind: 'diff'; remove: number[]; add: Array<PointFeature<OrderProps>> } | { kind: 'replace' };

export function orderSourceChange(
  shown: Collection<PointFeature<OrderProps>>,
  next: Collection<PointFeature<OrderProps>>,
  limit: number,
): OrderSourceChange {
  const before = new Map<number, PointFeature<OrderProps>>();
  for (const f of shown.features) before.set(f.id, f);
  const remove: number[] = [];
  const add: Array<PointFeature<OrderProps>> = [];
  for (const f of next.features) {
    const was = before.get(f.id);
    if (was) {
      before.delete(f.id);
      if (sameOrderFeature(was, f)) continue;
      remove.push(f.id);
    }
    add.push(f);
    if (add.length > limit) return { kind: 'replace' };
  }
  for (const id of before.keys()) {
    remove.push(id);
    if (remove.length > limit) return { kind: 'replace' };
  }
  return remove.length === 0 && add.length === 0 ? { kind: 'same' } : { kind: 'diff', remove, add };
}

/**
 * Open orders split for the map: the few drawn one by one at every zoom — P1 emergencies and the selection, which a
 * dispatcher must never have to find inside a cluster — and the rest, which the map groups into clusters until it is
 * zoomed in far enough to tell sites apart.
 */
export function splitForClusters(all: Collection<PointFeature<OrderProps>>): {
  single: Collection<PointFeature<OrderProps>>;
  clustered: Collection<PointFeature<OrderProps>>;
} {
  const single: Array<PointFeature<OrderProps>> = [];
  const clustered: Array<PointFeature<OrderProps>> = [];
  for (const f of all.features) (f.properties.priority === 'P1' || f.properties.selected ? single : clustered).push(f);
  return {
    single: { type: 'FeatureCollection', features: single },
    clustered: { type: 'FeatureCollection', features: clustered },
  };
}

/**
 * The selected engineer's plan for the day: from where they are (or their base) through each booked order not yet
 * done, in booked order; one point per stop for the numbered markers.
 */
export function plannedRoute(
  engineer: EngineerView,
  position: EngineerPosition | undefined,
  orders: Iterable<OrderView>,
  from: number,
  to: number,
): { line: Collection<LineFeature<{ id: string }>>; stops: Collection<PointFeature<{ n: number; id: string }>> } {
  const booked = [...orders]
    .filter(
      (o) =>
        o.booking?.engineerId === engineer.id && o.booking.start < to && o.booking.end > from && !CLOSED.has(o.status),
    )
    .sort((a, b) => a.booking!.start - b.booking!.start);
  const start: [number, number] = position
    ? [position.lon, position.lat]
    : [engineer.homeBase.lon, engineer.homeBase.lat];
  const coordinates: Array<[number, number]> = [
    start,
    ...booked.map((o): [number, number] => [o.site.lon, o.site.lat]),
  ];
  return {
    line: {
      type: 'FeatureCollection',
      features:
        booked.length > 0
          ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { id: engineer.id } }]
          : [],
    },
    stops: {
      type: 'FeatureCollection',
      features: booked.map((o, i) => ({
        type: 'Feature',
        id: i,
        geometry: { type: 'Point', coordinates: [o.site.lon, o.site.lat] },
        properties: { n: i + 1, id: o.id },
      })),
    },
  };
}

/** Today's trail as a line, in time order; points closer than ~5 m to the previous one are dropped. */
export function trailLine(points: readonly EngineerPosition[]): Collection<LineFeature<{ points: number }>> {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const coordinates: Array<[number, number]> = [];
  for (const p of sorted) {
    const last = coordinates.at(-1);
    if (last && Math.abs(last[0] - p.lon) < 5e-5 && Math.abs(last[1] - p.lat) < 5e-5) continue;
    coordinates.push([p.lon, p.lat]);
  }
  return {
    type: 'FeatureCollection',
    features:
      coordinates.length > 1
        ? [{ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { points: sorted.length } }]
        : [],
  };
}
