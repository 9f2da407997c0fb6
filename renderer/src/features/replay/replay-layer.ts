// The replay on the live map: the whole trail drawn once, faint and coloured by status, in pieces of a few fixes; a
// frame moves the engineer's marker (an element over the map: the map is not drawn again for it) and, when the
// engineer passes into another piece, marks the pieces played as feature state (nothing is sent to the map's worker).
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { LngLatBounds, Marker } from 'maplibre-gl';
import {
  fixBefore,
  positionAt,
  segmentAt,
  type Place,
  type StatusSegment,
  type Track,
  type ReplayStatus,
} from './timeline.js';

/** How each status is drawn on the trail and along the scrubber. */
export const REPLAY_COLOURS: Record<ReplayStatus, string> = {
  travelling: '#f59e0b',
  stopped: '#475569',
  on_site: '#10b981',
  break: '#a855f7',
  off_shift: '#94a3b8',
  no_signal: '#cbd5e1',
};

/** Fixes per piece of the drawn trail: how far the played colour can trail the engineer's marker. */
export const PIECE_FIXES = 8;
/**
 * While playing, the played colour catches up with the marker this often: each catch-up draws the whole map again,
 * which a software-rendered map under load takes hundreds of milliseconds to do, while the marker moves every frame.
 */
export const PLAYED_REFRESH_MS = 1000;

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
  private played = 0;
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
        'line-width': ['case', ['boolean', ['feature-state', 'played'], false], 4, 3],
        'line-opacity': ['case', ['boolean', ['feature-state', 'played'], false], 0.95, 0.3],
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
    this.head.className = 'replay-head';
    this.head.dataset.testid = 'replay-head';
    this.marker = new Marker({ element: this.head });
  }

  /** Draws a trail with its status segments and fits the map to it, above `bottom` pixels the controls cover. */
  show(track: Track, segments: readonly StatusSegment[], bottom = 0): void {
    if (this.gone) return;
    this.track = track;
    this.segments = segments;
    this.pieces = piecesOf(track, segments);
    this.played = 0;
    this.map.removeFeatureState({ source: SOURCES.trail });
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
   * Moves the replay to instant `t`: the engineer's marker there and the pieces behind it marked played (while
   * `playing`, at most every PLAYED_REFRESH_MS).
   */
  seek(t: number, playing = false): void {
    const track = this.track;
    if (!track || this.gone) return;
    const here = positionAt(track, t, this.place);
    if (!here) return;
    // Pieces wholly before the engineer's last fix are played.
    const current = pieceAt(this.pieces, here.index);
    const played = current < 0 ? 0 : current;
    const now = performance.now();
    if (played !== this.played && (!playing || now - this.refreshedAt >= this.playedRefreshMs)) {
      this.refreshedAt = now;
      const [lo, hi, state] = played > this.played ? [this.played, played, true] : [played, this.played, false];
      for (let id = lo; id < hi; id++) this.map.setFeatureState({ source: SOURCES.trail, id }, { played: state });
      this.played = played;
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
  }

  /** Takes the replay off the map. */
  clear(): void {
    this.track = null;
    this.pieces = [];
    this.played = 0;
    this.status = null;
    this.marker.remove();
    if (this.gone || !this.map.getSource(SOURCES.trail)) return;
    this.map.removeFeatureState({ source: SOURCES.trail });
    for (const id of Object.values(SOURCES)) this.source(id)?.setData(EMPTY);
  }

  /** Takes the replay off a map about to be removed; nothing touches that map again. */
  detach(): void {
    this.clear();
    this.gone = true;
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

/** The piece holding fix `index` (a binary search over the pieces' first fixes); -1 before the first. */
function pieceAt(pieces: readonly Piece[], index: number): number {
  if (pieces.length === 0 || index < pieces[0]!.first) return -1;
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid]!.first <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
