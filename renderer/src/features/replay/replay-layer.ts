// The replay on the live map: the whole trail drawn once by the map, faint and coloured by status, with marks where
// the status changes; the part played so far drawn strong on a canvas of its own by a worker (trail-paint.ts), and the
// engineer's marker an element over the map. A frame moves the marker and, at most every PLAYED_REFRESH_MS, the
// played line: the map itself is not drawn again while the replay plays.
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { LngLatBounds, Marker } from 'maplibre-gl';
import { CanvasWorker } from '../../ui/canvas-worker.js';
import { flatProjection } from '../../ui/flat-projection.js';
import { fixStatuses, paintTrail, playedLine, REPLAY_COLOURS, type TrailFrame } from './trail-paint.js';
import {
  fixBefore,
  positionAt,
  segmentAt,
  type Place,
  type StatusSegment,
  type Track,
  type ReplayStatus,
} from './timeline.js';

export { REPLAY_COLOURS };

/** Fixes per piece of the faint trail the map draws (a piece has one status). */
export const PIECE_FIXES = 8;
/**
 * While playing, the played line catches up with the marker this often (the marker moves every frame): each catch-up
 * projects the fixes played so far on the page and has the worker draw them.
 */
export const PLAYED_REFRESH_MS = 100;

const SOURCES = { trail: 'replay-trail', marks: 'replay-marks' } as const;
const EMPTY = { type: 'FeatureCollection' as const, features: [] };
type Data = Parameters<GeoJSONSource['setData']>[0];
type Coordinates = Array<[number, number]>;

const statusColour = (get: unknown[]) =>
  ['match', get, ...Object.entries(REPLAY_COLOURS).flat(), REPLAY_COLOURS.no_signal] as unknown as string;

interface Piece {
  /** Fix indices [first, last] of the piece (the last shared with the next piece, so the line has no gaps). */
  first: number;
  last: number;
  start: number;
  status: ReplayStatus;
}

/** The replay's sources and layers on one map; made by LiveMap when its style has loaded. */
export class ReplayLayer {
  private track: Track | null = null;
  private segments: readonly StatusSegment[] = [];
  private pieces: Piece[] = [];
  private statuses: Uint8Array = new Uint8Array(0);
  private readonly canvas: HTMLCanvasElement;
  private painter: { paint(frame: TrailFrame): void; remove(): void };
  private readonly place: Place = { lat: 0, lon: 0, index: -1 };
  private readonly head = document.createElement('div');
  private readonly marker: Marker;
  private status: ReplayStatus | null = null;
  private refreshedAt = -Infinity;
  /** How often the played colour catches up while playing (the benchmark holds it still to tell the costs apart). */
  playedRefreshMs = PLAYED_REFRESH_MS;
  /** Set when the map goes (a new language or basemap makes another): the layer then does nothing. */
  private gone = false;

  constructor(private readonly map: MapLibre) {
    map.addSource(SOURCES.trail, { type: 'geojson', data: EMPTY });
    map.addSource(SOURCES.marks, { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'replay-trail',
      type: 'line',
      source: SOURCES.trail,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': statusColour(['get', 'status']),
        'line-width': 3,
        'line-opacity': 0.3,
      },
    });
    map.addLayer({
      id: 'replay-marks',
      type: 'circle',
      source: SOURCES.marks,
      paint: {
        'circle-radius': 4,
        'circle-color': statusColour(['get', 'status']),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    });
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'replay-canvas';
    this.canvas.setAttribute('aria-hidden', 'true');
    // Over the map's own canvas, under the engineers and the marker.
    map.getCanvas().after(this.canvas);
    this.painter = this.makePainter();
    map.on('render', this.drawPlayed);
    this.head.className = 'replay-head';
    this.head.dataset.testid = 'replay-head';
    this.marker = new Marker({ element: this.head });
  }

  /**
   * Draws a trail with its status segments and fits the map to it, above `bottom` pixels the controls cover; `label`
   * names the marker for screen readers (the replayed engineer, in the console's language, not MapLibre's English
   * "Map marker").
   */
  show(track: Track, segments: readonly StatusSegment[], label: string, bottom = 0): void {
    if (this.gone) return;
    this.head.setAttribute('aria-label', label);
    this.bottom = bottom;
    this.track = track;
    this.segments = segments;
    this.pieces = piecesOf(track, segments);
    this.statuses = fixStatuses(track, (t) => segmentAt(segments, t)?.status ?? 'no_signal');
    this.place.index = -1;
    this.source(SOURCES.trail)?.setData({
      type: 'FeatureCollection',
      features: this.pieces.map((p, id) => ({
        type: 'Feature',
        id,
        geometry: { type: 'LineString', coordinates: lineOf(track, p.first, p.last) },
        properties: { status: p.status },
      })),
    } as Data);
    this.source(SOURCES.marks)?.setData({
      type: 'FeatureCollection',
      features: segments.flatMap((s) => {
        const at = positionAt(track, s.start);
        return at
          ? [
              {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
                properties: { status: s.status },
              },
            ]
          : [];
      }),
    } as Data);
    const bounds = new LngLatBounds();
    for (let i = 0; i < track.length; i++) bounds.extend([track.lon[i]!, track.lat[i]!]);
    if (!bounds.isEmpty()) {
      this.map.resize();
      const height = this.map.getContainer().clientHeight;
      const free = Math.max(0, height - bottom);
      // Fit above the controls when the map leaves room enough there; else over the whole map.
      const padding = free > 120 ? { top: 30, left: 30, right: 30, bottom: bottom + 10 } : 30;
      this.map.fitBounds(bounds, { padding, maxZoom: 15, duration: 0 });
    }
  }

  /**
   * Moves the replay to instant `t`: the engineer's marker there and the played line up to it (while `playing`, at
   * most every PLAYED_REFRESH_MS).
   */
  seek(t: number, playing = false): void {
    const track = this.track;
    if (!track || this.gone) return;
    const here = positionAt(track, t, this.place);
    if (!here) return;
    const now = performance.now();
    if (!playing || now - this.refreshedAt >= this.playedRefreshMs) {
      this.refreshedAt = now;
      this.drawPlayed();
    }
    const status = segmentAt(this.segments, t)?.status ?? 'no_signal';
    if (status !== this.status) {
      this.status = status;
      this.head.style.background = REPLAY_COLOURS[status];
      this.head.dataset.status = status;
    }
    // Where the map shows the engineer, for whoever reads the page (tests, assistive tools).
    this.head.dataset.lat = here.lat.toFixed(6);
    this.head.dataset.lon = here.lon.toFixed(6);
    this.marker.setLngLat([here.lon, here.lat]);
    if (!this.marker.getElement().isConnected) this.marker.addTo(this.map);
    this.keepInView(here.lon, here.lat);
  }

  /** Where the controls leave the map free (pixels from the bottom they cover), as given to `show`. */
  private bottom = 0;

  /** Pans the map when the engineer's marker leaves the part of it the replay's controls leave free. */
  private keepInView(lon: number, lat: number): void {
    const box = this.map.getContainer();
    const free = box.clientHeight - this.bottom;
    if (free < 60) return; // no free part to keep it in
    const p = this.map.project([lon, lat]);
    const margin = 24;
    if (p.x >= margin && p.x <= box.clientWidth - margin && p.y >= margin && p.y <= free - margin) return;
    // Centred in the free part: above the map's centre by half what the controls cover.
    this.map.panTo([lon, lat], { duration: 0, offset: [0, -this.bottom / 2] });
  }

  /** Takes the replay off the map. */
  clear(): void {
    this.track = null;
    this.pieces = [];
    this.statuses = new Uint8Array(0);
    this.place.index = -1;
    this.status = null;
    this.marker.remove();
    if (this.gone) return;
    this.drawPlayed();
    if (!this.map.getSource(SOURCES.trail)) return;
    for (const id of Object.values(SOURCES)) this.source(id)?.setData(EMPTY);
  }

  /** Takes the replay off a map about to be removed; nothing touches that map again. */
  detach(): void {
    this.clear();
    this.gone = true;
    this.map.off('render', this.drawPlayed);
    this.painter.remove();
    this.canvas.remove();
  }

  /** Has the played line drawn where the map now shows it (on every frame the map draws, and as the replay moves). */
  private readonly drawPlayed = () => {
    if (this.gone) return;
    const map = this.map;
    const width = map.getCanvas().clientWidth;
    const height = map.getCanvas().clientHeight;
    if (this.canvas.style.width !== `${width}px` || this.canvas.style.height !== `${height}px`) {
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const track = this.track;
    const here = track && this.place.index >= 0 ? this.place : null;
    const project =
      map.getPitch() === 0 && map.getBearing() === 0 && width > 0 && height > 0
        ? flatProjection(map.unproject([0, 0]), map.unproject([width, height]), width, height)
        : (lon: number, lat: number): [number, number] => {
            const p = map.project([lon, lat]);
            return [p.x, p.y];
          };
    const line = track
      ? playedLine(track, this.statuses, here, project)
      : { count: 0, xy: new Float32Array(0), status: new Uint8Array(0) };
    this.painter.paint({ width, height, ratio: window.devicePixelRatio || 1, ...line });
  };

  private makePainter(): { paint(frame: TrailFrame): void; remove(): void } {
    const onPage = () => {
      const ctx = this.canvas.getContext('2d')!;
      return { paint: (f: TrailFrame) => paintTrail(this.canvas, ctx, f), remove: () => {} };
    };
    if (!CanvasWorker.supported(this.canvas)) return onPage();
    return new CanvasWorker<TrailFrame>(
      this.canvas,
      () => new Worker(new URL('./trail-worker.ts', import.meta.url), { name: 'replay-trail' }),
      (f) => [f.xy.buffer, f.status.buffer],
      // The worker cannot draw: the played line is left out (the faint trail and the marker still show the replay).
      () => undefined,
    );
  }

  private source(id: string): GeoJSONSource | undefined {
    return this.map.getSource(id) as GeoJSONSource | undefined;
  }
}

/** The trail cut into pieces of at most PIECE_FIXES fixes, and at every change of status. */
function piecesOf(track: Track, segments: readonly StatusSegment[]): Piece[] {
  const pieces: Piece[] = [];
  for (const s of segments) {
    const first = Math.max(0, fixBefore(track, s.start));
    const last = Math.min(track.length - 1, Math.max(first, fixBefore(track, s.end - 1) + 1));
    for (let i = first; i < last; i += PIECE_FIXES) {
      const end = Math.min(last, i + PIECE_FIXES);
      const start = Math.max(s.start, track.at[i]!);
      // Segments can begin between two fixes: a piece starts with the fix before, shared with the piece before.
      if (pieces.length > 0 && pieces.at(-1)!.first === i) pieces.pop();
      pieces.push({ first: i, last: end, start, status: s.status });
    }
  }
  return pieces;
}

function lineOf(track: Track, first: number, last: number): Coordinates {
  const line: Coordinates = [];
  for (let i = first; i <= last; i++) line.push([track.lon[i]!, track.lat[i]!]);
  return line;
}

let current: ReplayLayer | null = null;
const listeners = new Set<() => void>();

/** Adds the replay's layers to a map that has just loaded its style; returns what takes them away. */
export function attachReplay(map: MapLibre): () => void {
  const layer = new ReplayLayer(map);
  current = layer;
  listeners.forEach((l) => l());
  return () => {
    layer.detach();
    if (current !== layer) return;
    current = null;
    listeners.forEach((l) => l());
  };
}

/** The replay layer of the map on screen, if there is one. */
export function replayLayer(): ReplayLayer | null {
  return current;
}

/** Calls `listener` whenever the map (and so the replay layer) is made again or goes. */
export function onReplayLayer(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
