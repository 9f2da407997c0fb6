// The console's own layers on the map, whatever basemap is under them: place labels, the selected engineer's trail and
// plan, open orders, and engineers.
import type { CircleLayerSpecification, Map as MapLibre } from 'maplibre-gl';
import { PRIORITY_COLOURS, STATE_COLOURS } from '../../ui/palette.js';
import { drawArrow, drawCount, drawLabel, labelFeatures, type LabelKind } from './basemap.js';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/** An open order: colour by priority, faded when booked, its SLA state as a ring; the selection a thick dark ring. */
const ORDER_PAINT: CircleLayerSpecification['paint'] = {
  'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2.5, 12, 5, 15, 7],
  'circle-color': [
    'match',
    ['get', 'priority'],
    'P1',
    PRIORITY_COLOURS.P1,
    'P2',
    PRIORITY_COLOURS.P2,
    'P3',
    PRIORITY_COLOURS.P3,
    PRIORITY_COLOURS.P4,
  ],
  'circle-opacity': ['case', ['==', ['get', 'booked'], 1], 0.55, 0.95],
  // SLA state as a ring: red when breached, amber in jeopardy; the selection is a thick dark ring.
  'circle-stroke-color': [
    'case',
    ['==', ['get', 'selected'], 1],
    '#0f172a',
    ['==', ['get', 'sla'], 'breached'],
    '#dc2626',
    ['==', ['get', 'sla'], 'jeopardy'],
    '#f59e0b',
    '#ffffff',
  ],
  'circle-stroke-width': [
    'case',
    ['==', ['get', 'selected'], 1],
    3,
    ['==', ['get', 'sla'], 'breached'],
    2.5,
    ['==', ['get', 'sla'], 'jeopardy'],
    2,
    0.8,
  ],
} as const;

/** Adds the console's own sources and layers on top of whatever basemap style is loaded. */
export function addOverlay(map: MapLibre, locale: 'en' | 'zh-CN'): void {
  const ratio = window.devicePixelRatio || 1;
  const labels = labelFeatures(locale);
  for (const f of labels.features) {
    const { image, text, kind } = f.properties;
    if (!map.hasImage(image)) map.addImage(image, drawLabel(text, kind as LabelKind, ratio), { pixelRatio: ratio });
  }
  if (!map.hasImage('arrow')) map.addImage('arrow', drawArrow(ratio), { pixelRatio: ratio, sdf: true });
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
  map.addSource('engineers', { type: 'geojson', data: EMPTY });
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
    id: 'trail',
    type: 'line',
    source: 'trail',
    paint: { 'line-color': '#64748b', 'line-width': 2, 'line-dasharray': [1, 1.5] },
  });
  map.addLayer({
    id: 'route',
    type: 'line',
    source: 'route',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': '#2563eb', 'line-width': 3, 'line-opacity': 0.8 },
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
        '#e2e8f0',
      ],
      'circle-opacity': 0.9,
      'circle-stroke-color': [
        'case',
        ['>', ['get', 'breached'], 0],
        '#dc2626',
        ['>', ['get', 'jeopardy'], 0],
        '#f59e0b',
        '#64748b',
      ],
      'circle-stroke-width': 1.5,
    },
  });
  map.addLayer({
    id: 'order-cluster-counts',
    type: 'symbol',
    source: 'orders',
    filter: ['has', 'point_count'],
    layout: {
      'icon-image': ['concat', 'cluster-count:', ['get', 'point_count_abbreviated']],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
  });
  map.addLayer({
    id: 'orders',
    type: 'circle',
    source: 'orders',
    filter: ['!', ['has', 'point_count']],
    paint: ORDER_PAINT,
  });
  map.addLayer({ id: 'orders-single', type: 'circle', source: 'orders-single', paint: ORDER_PAINT });
  map.addLayer({
    id: 'engineer-selected',
    type: 'circle',
    source: 'engineers',
    filter: ['==', ['get', 'selected'], 1],
    paint: { 'circle-radius': 16, 'circle-color': 'rgba(37, 99, 235, 0.18)', 'circle-stroke-color': '#2563eb' },
  });
  // Engineers: a dot coloured by state at city zoom (cheap for thousands), an arrow turned to the heading close in.
  const engineerColour = [
    'case',
    ['==', ['get', 'stale'], 1],
    '#9ca3af',
    [
      'match',
      ['get', 'state'],
      'available',
      STATE_COLOURS.available!,
      'en_route',
      STATE_COLOURS.en_route!,
      'on_site',
      '#2563eb',
      '#64748b',
    ],
  ] as unknown as string;
  map.addLayer({
    id: 'engineers',
    type: 'circle',
    source: 'engineers',
    maxzoom: 12,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 3, 12, 5],
      'circle-color': engineerColour,
      'circle-opacity': ['case', ['==', ['get', 'stale'], 1], 0.55, 1],
      'circle-stroke-color': '#0f172a',
      'circle-stroke-width': 1,
    },
  });
  map.addLayer({
    id: 'engineer-arrows',
    type: 'symbol',
    source: 'engineers',
    minzoom: 12,
    layout: {
      'icon-image': 'arrow',
      'icon-rotate': ['get', 'heading'],
      'icon-rotation-alignment': 'map',
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
    },
    paint: {
      'icon-color': engineerColour,
      'icon-opacity': ['case', ['==', ['get', 'stale'], 1], 0.55, 1],
      'icon-halo-color': '#0f172a',
      'icon-halo-width': 1,
    },
  });
}
