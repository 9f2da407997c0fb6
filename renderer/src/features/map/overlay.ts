// The console's own layers on the map, whatever basemap is under them: place labels, the selected engineer's trail and
// plan, and open orders (engineers have a canvas of their own on top).
import type { Map as MapLibre, SymbolLayerSpecification } from 'maplibre-gl';
import { drawCount, drawLabel, drawOrder, labelFeatures, type LabelKind } from './basemap.js';
import { CLUSTER_LOOK, orderImages, ROUTE_LINE, TRAIL_LINE } from './symbols.js';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** An open order: a diamond filled by priority with its SLA state (or the selection) as the rim; faded when booked. */
const ORDER_LAYOUT: SymbolLayerSpecification['layout'] = {
  'icon-image': [
    'concat',
    'order:',
    ['get', 'priority'],
    ':',
    ['case', ['==', ['get', 'selected'], 1], 'selected', ['get', 'sla']],
  ],
  'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 12, 0.8, 15, 1],
  'icon-allow-overlap': true,
  'icon-ignore-placement': true,
};
const ORDER_PAINT: SymbolLayerSpecification['paint'] = {
  'icon-opacity': ['case', ['==', ['get', 'booked'], 1], 0.55, 0.95],
};

/** Adds the console's own sources and layers on top of whatever basemap style is loaded. */
export function addOverlay(map: MapLibre, locale: 'en' | 'zh-CN'): void {
  const ratio = window.devicePixelRatio || 1;
  const labels = labelFeatures(locale);
  for (const f of labels.features) {
    const { image, text, kind } = f.properties;
    if (!map.hasImage(image)) map.addImage(image, drawLabel(text, kind as LabelKind, ratio), { pixelRatio: ratio });
  }
  for (const { id, fill, rim } of orderImages())
    if (!map.hasImage(id)) map.addImage(id, drawOrder(fill, rim, ratio), { pixelRatio: ratio });
  map.addSource('labels', { type: 'geojson', data: labels });
  map.addSource('trail', { type: 'geojson', data: EMPTY });
  map.addSource('route', { type: 'geojson', data: EMPTY });
  map.addSource('route-stops', { type: 'geojson', data: EMPTY });
  // Orders: most are clustered until zoom 13 (a city view of 20,000 points is unreadable and costly to draw); P1s and
  // the selection come through their own source, always one by one. A cluster counts its breached and at-risk orders.
  map.addSource('orders', {
    type: 'geojson',
    data: EMPTY,
    cluster: true,
    clusterMaxZoom: 12,
    clusterRadius: 36,
    clusterProperties: {
      breached: ['+', ['case', ['==', ['get', 'sla'], 'breached'], 1, 0]],
      jeopardy: ['+', ['case', ['==', ['get', 'sla'], 'jeopardy'], 1, 0]],
    },
  });
  map.addSource('orders-single', { type: 'geojson', data: EMPTY });
  // Count badges are drawn on first use (no glyph server): one image per distinct count text.
  map.on('styleimagemissing', (e) => {
    const prefix = 'cluster-count:';
    if (!e.id.startsWith(prefix) || map.hasImage(e.id)) return;
    map.addImage(e.id, drawCount(e.id.slice(prefix.length), ratio), { pixelRatio: ratio });
  });
  map.addLayer({
    id: 'trail',
    type: 'line',
    source: 'trail',
    paint: { 'line-color': TRAIL_LINE, 'line-width': 2, 'line-dasharray': [1, 1.5] },
  });
  map.addLayer({
    id: 'route',
    type: 'line',
    source: 'route',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ROUTE_LINE, 'line-width': 3, 'line-opacity': 0.8 },
  });
  map.addLayer({
    id: 'route-stops',
    type: 'circle',
    source: 'route-stops',
    paint: { 'circle-radius': 7, 'circle-color': '#fff', 'circle-stroke-color': '#2563eb', 'circle-stroke-width': 2 },
  });
  map.addLayer({
    id: 'order-clusters',
    type: 'circle',
    source: 'orders',
    filter: ['has', 'point_count'],
    paint: {
      'circle-radius': ['step', ['get', 'point_count'], 11, 10, 14, 100, 18, 1000, 23],
      'circle-color': [
        'case',
        ['>', ['get', 'breached'], 0],
        '#fecaca',
        ['>', ['get', 'jeopardy'], 0],
        '#fde68a',
        CLUSTER_LOOK.fill,
      ],
      'circle-opacity': 0.9,
      'circle-stroke-color': [
        'case',
        ['>', ['get', 'breached'], 0],
        '#dc2626',
        ['>', ['get', 'jeopardy'], 0],
        '#f59e0b',
        CLUSTER_LOOK.stroke,
      ],
      'circle-stroke-width': 1.5,
    },
  });
  // Place names above the clusters' circles (their halo keeps them readable there), below the counts: a count is placed
  // first and a name that would cover it gives way.
  map.addLayer({
    id: 'labels-city',
    type: 'symbol',
    source: 'labels',
    filter: ['==', ['get', 'kind'], 'city'],
    maxzoom: 10,
    layout: { 'icon-image': ['get', 'image'], 'icon-allow-overlap': false },
  });
  map.addLayer({
    id: 'labels-district',
    type: 'symbol',
    source: 'labels',
    filter: ['==', ['get', 'kind'], 'district'],
    minzoom: 9,
    layout: { 'icon-image': ['get', 'image'], 'icon-allow-overlap': false, 'icon-padding': 4 },
    paint: { 'icon-opacity': 0.85 },
  });
  map.addLayer({
    id: 'order-cluster-counts',
    type: 'symbol',
    source: 'orders',
    filter: ['has', 'point_count'],
    layout: {
      'icon-image': ['concat', 'cluster-count:', ['get', 'point_count_abbreviated']],
      'icon-allow-overlap': true,
    },
  });
  map.addLayer({
    id: 'orders',
    type: 'symbol',
    source: 'orders',
    filter: ['!', ['has', 'point_count']],
    layout: ORDER_LAYOUT,
    paint: ORDER_PAINT,
  });
  map.addLayer({
    id: 'orders-single',
    type: 'symbol',
    source: 'orders-single',
    layout: ORDER_LAYOUT,
    paint: ORDER_PAINT,
  });
  // Engineers are drawn over all of this on a canvas of their own (engineer-canvas.ts).
}
