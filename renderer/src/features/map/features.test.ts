import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import { generateScenario } from '../../../../shared/scenario/index.js';
import type { EngineerPosition } from '../../../../shared/sync/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import { imageIdOf, labelBox, labelFeatures, pmtilesStyle, styleFor, tileTypeOf } from './basemap.js';
import {
  EngineerFeatures,
  orderFeatures,
  orderFeatureSlices,
  orderSourceChange,
  plannedRoute,
  sameOrderFeatures,
  splitForClusters,
  STALE_MS,
  trailLine,
} from './features.js';

const city = generateScenario({ seed: 3, engineers: 10, orders: 80 });
const engineers = new Map<string, EngineerView>(city.engineers.map((e) => [e.id, { ...e, pending: false }]));
const orders: OrderView[] = city.orders.map((o) => ({ ...o, pending: false }));
const now = city.meta.dayStart + 10 * 3_600_000;
const [a, b] = city.engineers;
const pos = (engineerId: string, lat: number, lon: number, at = now, heading = 90): EngineerPosition => ({
  engineerId,
  lat,
  lon,
  heading,
  speed: 10,
  at,
});

describe('the engineers layer', () => {
  it('keeps one feature per engineer, moved in place, with heading and state', () => {
    const layer = new EngineerFeatures();
    expect(layer.update([pos(a!.id, 31.2, 121.4), pos(b!.id, 31.3, 121.5)], engineers, now)).toBe(true);
    const first = layer.collection().features[0]!;
    expect(layer.update([pos(a!.id, 31.21, 121.41, now + 1000, 180)], engineers, now + 1000)).toBe(true);
    expect(layer.collection().features[0]).toBe(first);
    expect(first.geometry.coordinates).toEqual([121.41, 31.21]);
    expect(first.properties).toMatchObject({ id: a!.id, heading: 180, state: a!.state, stale: 0 });
    expect(layer.size).toBe(2);
    // The same report again changes nothing visible.
    expect(layer.update([pos(a!.id, 31.21, 121.41, now + 1000, 180)], engineers, now + 1000)).toBe(false);
  });

  it('greys an engineer whose device has been quiet over five minutes, on the timer alone', () => {
    const layer = new EngineerFeatures();
    const latest = new Map([[a!.id, pos(a!.id, 31.2, 121.4, now)]]);
    layer.update(latest.values(), engineers, now + STALE_MS - 1);
    expect(layer.collection().features[0]!.properties.stale).toBe(0);
    expect(layer.update(latest.values(), engineers, now + STALE_MS + 1)).toBe(true);
    expect(layer.collection().features[0]!.properties.stale).toBe(1);
  });

  it('marks the selected engineer and only them', () => {
    const layer = new EngineerFeatures();
    layer.update([pos(a!.id, 31.2, 121.4), pos(b!.id, 31.3, 121.5)], engineers, now);
    layer.select(b!.id);
    expect(layer.collection().features.map((f) => f.properties.selected)).toEqual([0, 1]);
    layer.select(a!.id);
    expect(layer.collection().features.map((f) => f.properties.selected)).toEqual([1, 0]);
  });
});

describe('the orders layer', () => {
  it('shows open orders only, with priority, SLA state and selection', () => {
    const selected = orders.find((o) => o.status === 'new')!;
    const fc = orderFeatures(orders, now, defaultSlaPolicy(), new Set([selected.id]));
    const open = orders.filter((o) => o.status !== 'completed' && o.status !== 'cancelled');
    expect(fc.features).toHaveLength(open.length);
    const f = fc.features.find((x) => x.properties.id === selected.id)!;
    expect(f.geometry.coordinates).toEqual([selected.site.lon, selected.site.lat]);
    expect(f.properties).toMatchObject({ priority: selected.priority, selected: 1, booked: 0 });
    const late = { ...selected, id: 'late', sla: { respondBy: now - 1, resolveBy: now + 3_600_000 } };
    expect(orderFeatures([late], now, defaultSlaPolicy(), new Set()).features[0]!.properties.sla).toBe('breached');
  });

  it('tells when a fresh set of orders would draw the same, so the map is not given it again', () => {
    const policy = defaultSlaPolicy();
    const before = orderFeatures(orders, now, policy, new Set());
    expect(sameOrderFeatures(before, orderFeatures(orders, now, policy, new Set()))).toBe(true);
    const one = orders.find((o) => o.status === 'new')!;
    expect(sameOrderFeatures(before, orderFeatures(orders, now, policy, new Set([one.id])))).toBe(false);
    const moved = orders.map((o) => (o.id === one.id ? { ...o, site: { ...o.site, lat: o.site.lat + 0.001 } } : o));
    expect(sameOrderFeatures(before, orderFeatures(moved, now, policy, new Set()))).toBe(false);
    const late = orders.map((o) => (o.id === one.id ? { ...o, sla: { respondBy: now - 1, resolveBy: now + 1 } } : o));
    expect(sameOrderFeatures(before, orderFeatures(late, now, policy, new Set()))).toBe(false);
    expect(sameOrderFeatures(before, orderFeatures(orders.slice(1), now, policy, new Set()))).toBe(false);
  });
  it('keeps an order the same feature id while others come and go, so the map can be told only what changed', () => {
    const policy = defaultSlaPolicy();
    const open = orders.filter((o) => o.status !== 'completed' && o.status !== 'cancelled');
    const last = open[open.length - 1]!;
    const idOf = (fc: ReturnType<typeof orderFeatures>) => fc.features.find((f) => f.properties.id === last.id)!.id;
    const before = idOf(orderFeatures(orders, now, policy, new Set()));
    expect(
      idOf(
        orderFeatures(
          orders.filter((o) => o.id !== open[0]!.id),
          now,
          policy,
          new Set(),
        ),
      ),
    ).toBe(before);
    const ids = orderFeatures(orders, now, policy, new Set()).features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells the map only the orders that changed, came or left, or all of them past a limit', () => {
    const policy = defaultSlaPolicy();
    const before = orderFeatures(orders, now, policy, new Set());
    expect(orderSourceChange(before, orderFeatures(orders, now, policy, new Set()), 100)).toEqual({ kind: 'same' });
    const [one, two] = orders.filter((o) => o.status === 'new');
    const gone = orders.find(
      (o) => o.status !== 'completed' && o.status !== 'cancelled' && o.id !== one!.id && o.id !== two!.id,
    )!;
    const after = orderFeatures(
      orders
        .filter((o) => o.id !== gone.id)
        .map((o) => (o.id === two!.id ? { ...o, site: { ...o.site, lat: o.site.lat + 0.001 } } : o)),
      now,
      policy,
      new Set([one!.id]),
    );
    const change = orderSourceChange(before, after, 100);
    if (change.kind !== 'diff') throw new Error(`expected a diff, got ${change.kind}`);
    const featureOf = (fc: typeof after, id: string) => fc.features.find((f) => f.properties.id === id)!;
    expect(change.add.map((f) => f.properties.id).sort()).toEqual([one!.id, two!.id].sort());
    expect(change.add.find((f) => f.properties.id === one!.id)!.properties.selected).toBe(1);
    expect(change.remove.sort()).toEqual(
      [featureOf(before, one!.id).id, featureOf(before, two!.id).id, featureOf(before, gone.id).id].sort(),
    );
    // Applied as the map applies a diff (removals, then additions), the shown orders become the new ones.
    const shown = new Map(before.features.map((f) => [f.id, f]));
    for (const id of change.remove) shown.delete(id);
    for (const f of change.add) shown.set(f.id, f);
    expect(new Map(after.features.map((f) => [f.id, f]))).toEqual(shown);
    expect(orderSourceChange(before, after, 2)).toEqual({ kind: 'replace' });
    expect(orderSourceChange({ type: 'FeatureCollection', features: [] }, before, before.features.length - 1)).toEqual({
      kind: 'replace',
    });
  });

  it('reads the orders a slice at a time when asked, to the same features', () => {
    const policy = defaultSlaPolicy();
    const one = orders.find((o) => o.status === 'new')!;
    const job = orderFeatureSlices(orders, now, policy, new Set([one.id]), 7);
    let pauses = 0;
    let r = job.next();
    while (!r.done) {
      pauses++;
      r = job.next();
    }
    expect(pauses).toBe(Math.floor(orders.length / 7));
    expect(r.value).toEqual(orderFeatures(orders, now, policy, new Set([one.id])));
  });
});

describe('order clusters', () => {
  it('keeps P1 emergencies and the selection out of clusters, and clusters every other open order', () => {
    const chosen = orders.find((o) => o.priority !== 'P1' && o.status === 'new')!;
    const all = orderFeatures(orders, now, defaultSlaPolicy(), new Set([chosen.id]));
    const { single, clustered } = splitForClusters(all);
    expect(single.features.length + clustered.features.length).toBe(all.features.length);
    expect(single.features.every((f) => f.properties.priority === 'P1' || f.properties.selected === 1)).toBe(true);
    expect(single.features.some((f) => f.properties.id === chosen.id)).toBe(true);
    expect(clustered.features.some((f) => f.properties.priority === 'P1' || f.properties.selected === 1)).toBe(false);
    expect(single.features.filter((f) => f.properties.priority === 'P1').length).toBe(
      all.features.filter((f) => f.properties.priority === 'P1').length,
    );
    expect(single.features.some((f) => f.properties.priority === 'P1')).toBe(true);
  });
});

describe('route and trail', () => {
  it("draws the engineer's open bookings in booked order from where they are", () => {
    const booked = orders.filter((o) => o.booking).map((o) => o.booking!.engineerId);
    const who = engineers.get(booked[0]!)!;
    const here = pos(who.id, 31.1, 121.3);
    const { line, stops } = plannedRoute(who, here, orders, city.meta.dayStart, city.meta.dayStart + 86_400_000);
    const theirs = orders
      .filter((o) => o.booking?.engineerId === who.id && o.status !== 'completed' && o.status !== 'cancelled')
      .sort((x, y) => x.booking!.start - y.booking!.start);
    expect(stops.features.map((s) => s.properties.id)).toEqual(theirs.map((o) => o.id));
    expect(line.features[0]!.geometry.coordinates[0]).toEqual([121.3, 31.1]);
    expect(line.features[0]!.geometry.coordinates).toHaveLength(theirs.length + 1);
  });

  it('orders the trail by time and drops points that did not move', () => {
    const trail = trailLine([
      pos(a!.id, 31.3, 121.5, now + 2),
      pos(a!.id, 31.2, 121.4, now),
      pos(a!.id, 31.2, 121.4, now + 1),
    ]);
    expect(trail.features[0]!.geometry.coordinates).toEqual([
      [121.4, 31.2],
      [121.5, 31.3],
    ]);
    expect(trailLine([pos(a!.id, 31.2, 121.4)]).features).toEqual([]);
  });
});

describe('the basemap', () => {
  it('labels every city and district in the console language, without glyphs', () => {
    const en = labelFeatures('en').features;
    const zh = labelFeatures('zh-CN').features;
    expect(en.some((f) => f.properties.text === 'Shanghai' && f.properties.kind === 'city')).toBe(true);
    expect(zh.some((f) => f.properties.text === '上海')).toBe(true);
    expect(zh.some((f) => f.properties.text === '徐汇区')).toBe(true);
    // No two districts of a city read alike: Pudong's parts by their own names.
    const districts = zh.filter((f) => f.properties.kind === 'district').map((f) => f.properties.text);
    expect(new Set(districts).size).toBe(districts.length);
    expect(districts).toEqual(expect.arrayContaining(['陆家嘴', '张江', '川沙', '南汇']));
    expect(districts).not.toContain('浦东新区');
    expect(en.every((f) => f.properties.image === imageIdOf(f.properties.kind, f.properties.text))).toBe(true);
    const style = JSON.stringify(styleFor({ kind: 'offline' }));
    expect(style).not.toContain('glyphs');
    expect(style).not.toContain('text-field');
  });

  it('sizes a label canvas around its text with room for the halo', () => {
    expect(labelBox(100, 'district')).toEqual({ width: 111, height: 22 });
    expect(labelBox(100, 'city').width).toBeGreaterThan(labelBox(100, 'district').width);
  });

  it('draws a raster or a vector .pmtiles archive, and refuses tile kinds it cannot draw', () => {
    expect(tileTypeOf(1)).toBe('vector');
    expect(tileTypeOf(2)).toBe('raster');
    expect(tileTypeOf(0)).toBeNull();
    const raster = pmtilesStyle({
      kind: 'pmtiles',
      url: 'http://h/basemaps/a.pmtiles',
      tileType: 'raster',
      maxZoom: 14,
    });
    expect(raster).toMatchObject({
      sources: { tiles: { type: 'raster', url: 'pmtiles://http://h/basemaps/a.pmtiles' } },
    });
    const vector = JSON.stringify(pmtilesStyle({ kind: 'pmtiles', url: 'u', tileType: 'vector', maxZoom: 14 }));
    expect(vector).toContain('"source-layer":"roads"');
    expect(vector).not.toContain('glyphs');
  });
});
