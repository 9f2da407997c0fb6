// The map's ground: a basemap that needs no network (land and borders from Natural Earth via world-atlas, city and
// district names drawn by the console itself, since there is no glyph server offline), or a local .pmtiles archive,
// or an online style. Style documents here are plain objects in MapLibre's style format.
import { AREAS } from '../../../../shared/scenario/index.js';
import { ZH_DISTRICTS } from '../../i18n/domain-labels.js';
import type { Locale } from '../../i18n/messages.js';
import { diamondOutline, ORDER_IMAGE_PX } from './symbols.js';

/** City names where the console's language writes them differently. */
const CITY_NAMES: Record<string, Partial<Record<Locale, string>>> = {
  shanghai: { 'zh-CN': '上海' },
  beijing: { 'zh-CN': '北京' },
  london: { 'zh-CN': '伦敦' },
};

export type LabelKind = 'city' | 'district';

export interface LabelProps {
  /** The image id the label's picture is registered under. */
  image: string;
  text: string;
  kind: LabelKind;
  /** Lower sorts first: cities win collisions over districts. */
  rank: number;
}

export const imageIdOf = (kind: LabelKind, text: string) => `label:${kind}:${text}`;

/** A label for every city the console knows and each of its districts, in the console's language. */
export function labelFeatures(locale: Locale): {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: LabelProps;
  }>;
} {
  const features = [];
  for (const area of Object.values(AREAS)) {
    // The city's label sits at its centre of demand.
    const weight = area.districts.reduce((sum, d) => sum + d.weight, 0);
    const lat = area.districts.reduce((sum, d) => sum + d.lat * d.weight, 0) / weight;
    const lon = area.districts.reduce((sum, d) => sum + d.lon * d.weight, 0) / weight;
    const city = CITY_NAMES[area.id]?.[locale] ?? area.name;
    features.push({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
      properties: { image: imageIdOf('city', city), text: city, kind: 'city' as const, rank: 0 },
    });
    const sharing = new Map<string, number>();
    for (const d of area.districts) sharing.set(d.localName, (sharing.get(d.localName) ?? 0) + 1);
    for (const d of area.districts) {
      // A Chinese console reads Chinese district names where the city has them (徐汇区), and the part's own where parts
      // of one district are districts of the centre's (陆家嘴 and 张江, not 浦东新区 twice); otherwise the English name.
      const local = (sharing.get(d.localName) ?? 0) > 1 ? (ZH_DISTRICTS[d.id] ?? d.name) : d.localName;
      const text = locale === 'zh-CN' && area.addressStyle === 'cn' ? local : d.name;
      features.push({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [d.lon, d.lat] as [number, number] },
        properties: { image: imageIdOf('district', text), text, kind: 'district' as const, rank: 1 },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

export const LABEL_FONTS: Record<LabelKind, { font: string; padding: number; halo: number }> = {
  city: { font: "600 15px system-ui, 'Noto Sans CJK SC', sans-serif", padding: 4, halo: 3 },
  district: { font: "12px system-ui, 'Noto Sans CJK SC', sans-serif", padding: 3, halo: 2.5 },
};

/** The canvas size a label needs, in CSS pixels, for a measured text width and the kind's font height. */
export function labelBox(textWidth: number, kind: LabelKind): { width: number; height: number } {
  const f = LABEL_FONTS[kind];
  const lineHeight = kind === 'city' ? 20 : 16;
  return { width: Math.ceil(textWidth + 2 * (f.padding + f.halo)), height: lineHeight + 2 * f.padding };
}

/** Draws one label (dark text with a white halo) for `map.addImage`, at the screen's pixel ratio. */
export function drawLabel(text: string, kind: LabelKind, pixelRatio: number): ImageData {
  const f = LABEL_FONTS[kind];
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.font = f.font;
  const box = labelBox(probe.measureText(text).width, kind);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(box.width * pixelRatio);
  canvas.height = Math.ceil(box.height * pixelRatio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  ctx.font = f.font;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.lineWidth = f.halo * 2;
  const x = f.padding + f.halo;
  const y = box.height / 2;
  ctx.strokeText(text, x, y);
  ctx.fillStyle = kind === 'city' ? '#0f172a' : '#475569';
  ctx.fillText(text, x, y);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/** A cluster's count, dark on a soft white halo, to sit centred on the cluster's circle. */
export function drawCount(text: string, pixelRatio: number): ImageData {
  const font = '600 11px system-ui, sans-serif';
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.font = font;
  const width = Math.ceil(probe.measureText(text).width) + 6;
  const height = 16;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * pixelRatio);
  canvas.height = Math.ceil(height * pixelRatio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  ctx.font = font;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.lineWidth = 3;
  ctx.strokeText(text, width / 2, height / 2);
  ctx.fillStyle = '#0f172a';
  ctx.fillText(text, width / 2, height / 2);
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/** An order's diamond, filled with its priority's colour inside a rim of the given colour and width. */
export function drawOrder(fill: string, rim: { colour: string; width: number }, pixelRatio: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(ORDER_IMAGE_PX * pixelRatio);
  canvas.height = Math.ceil(ORDER_IMAGE_PX * pixelRatio);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(pixelRatio, pixelRatio);
  const c = diamondOutline(ORDER_IMAGE_PX, rim.width);
  ctx.beginPath();
  ctx.moveTo(c[0]!, c[1]!);
  for (let k = 2; k < c.length; k += 2) ctx.lineTo(c[k]!, c[k + 1]!);
  ctx.closePath();
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineJoin = 'miter';
  ctx.strokeStyle = rim.colour;
  ctx.lineWidth = rim.width;
  ctx.stroke();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

const WATER = '#cfe3f0';
const LAND = '#f4f1ea';
const BORDER = '#b9b2a6';

/** Which ground the map stands on, from the settings. */
export type Ground =
  | { kind: 'offline' }
  | { kind: 'pmtiles'; url: string; tileType: 'vector' | 'raster'; maxZoom: number }
  | { kind: 'online'; styleUrl: string };

/** The shipped offline basemap's style: water, land and borders (data set after the world file loads). */
export function offlineStyle(): Record<string, unknown> {
  return {
    version: 8,
    sources: {
      land: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      borders: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': WATER } },
      { id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND } },
      { id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': BORDER, 'line-width': 1 } },
    ],
  };
}

/**
 * A style for a local .pmtiles archive: raster tiles as they are, or vector tiles in the Protomaps basemap schema
 * (earth, water, landuse, roads, boundaries) drawn with fills and lines only — no text, so no glyphs are needed.
 */
export function pmtilesStyle(ground: Extract<Ground, { kind: 'pmtiles' }>): Record<string, unknown> {
  const url = `pmtiles://${ground.url}`;
  if (ground.tileType === 'raster')
    return {
      version: 8,
      sources: { tiles: { type: 'raster', url, tileSize: 256 } },
      layers: [
        { id: 'water', type: 'background', paint: { 'background-color': WATER } },
        { id: 'tiles', type: 'raster', source: 'tiles' },
      ],
    };
  return {
    version: 8,
    sources: { tiles: { type: 'vector', url } },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': WATER } },
      { id: 'earth', type: 'fill', source: 'tiles', 'source-layer': 'earth', paint: { 'fill-color': LAND } },
      {
        id: 'landuse',
        type: 'fill',
        source: 'tiles',
        'source-layer': 'landuse',
        paint: { 'fill-color': '#e6eedc', 'fill-opacity': 0.6 },
      },
      { id: 'water-areas', type: 'fill', source: 'tiles', 'source-layer': 'water', paint: { 'fill-color': WATER } },
      {
        id: 'roads',
        type: 'line',
        source: 'tiles',
        'source-layer': 'roads',
        paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 14, 3] },
      },
      {
        id: 'boundaries',
        type: 'line',
        source: 'tiles',
        'source-layer': 'boundaries',
        paint: { 'line-color': BORDER, 'line-dasharray': [2, 2] },
      },
    ],
  };
}

/** The style document (or URL) for a ground. */
export function styleFor(ground: Ground): string | Record<string, unknown> {
  if (ground.kind === 'online') return ground.styleUrl;
  if (ground.kind === 'pmtiles') return pmtilesStyle(ground);
  return offlineStyle();
}

/** The tile type a PMTiles header names (1 = vector tiles; 2–5 = PNG, JPEG, WebP, AVIF images). */
export function tileTypeOf(code: number): 'vector' | 'raster' | null {
  if (code === 1) return 'vector';
  if (code >= 2 && code <= 5) return 'raster';
  return null;
}
