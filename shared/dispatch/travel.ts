import type { GeoPoint } from '../domain/index.js';
import type { TravelParams } from './policy.js';
import { sayPlain, type SaidReason } from './reasons.js';

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
/** Pair keys pack two location indices into one safe integer. */
const PAIR = 2 ** 24;

/** The places the engine plans between (bases, positions, sites), each known by a small integer index. */
export class Locations {
  private readonly lats: number[] = [];
  private readonly lons: number[] = [];
  private readonly cosLats: number[] = [];
  private readonly byKey = new Map<string, number>();

  /** The index of a point, adding it when new; points within about 10 cm share an index. */
  index(p: GeoPoint): number {
    const key = `${Math.round(p.lat * 1e6)},${Math.round(p.lon * 1e6)}`;
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.lats.length;
      if (i >= PAIR) throw new Error(`too many distinct places to plan between (${PAIR})`);
      this.lats.push(p.lat);
      this.lons.push(p.lon);
      this.cosLats.push(Math.cos(p.lat * RAD));
      this.byKey.set(key, i);
    }
    return i;
  }

  /** The index of a point already known, or undefined. */
  find(p: GeoPoint): number | undefined {
    return this.byKey.get(`${Math.round(p.lat * 1e6)},${Math.round(p.lon * 1e6)}`);
  }

  point(i: number): GeoPoint {
    return { lat: this.lats[i] ?? 0, lon: this.lons[i] ?? 0 };
  }

  get size(): number {
    return this.lats.length;
  }

  /** Great-circle kilometres between two known places. */
  haversineKm(a: number, b: number): number {
    if (a === b) return 0;
    const la = this.lats[a] ?? 0;
    const lb = this.lats[b] ?? 0;
    const dLat = (lb - la) * RAD;
    const dLon = ((this.lons[b] ?? 0) - (this.lons[a] ?? 0)) * RAD;
    const s = Math.sin(dLat / 2) ** 2 + (this.cosLats[a] ?? 1) * (this.cosLats[b] ?? 1) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(s)));
  }
}

/** Driving time and distance between two places, by location index; what every engine decision is priced with. */
export interface TravelTimes {
  /** Where the figures come from, in words for the dispatcher. */
  readonly source: string;
  /** The same as data, for the console to word in its language. */
  readonly sourceSaid: SaidReason;
  /** Whole minutes of driving from one place to another, parking included; 0 from a place to itself. */
  minutes(from: number, to: number): number;
  /** Road kilometres from one place to another. */
  km(from: number, to: number): number;
  /** What the dispatcher should know about these figures (a routing service that failed, legs estimated). */
  notes(): SaidReason[];
  /** Row-major n×n minutes and kilometres between the given places, for the solver. */
  matrix(locs: readonly number[]): { size: number; durations: Float64Array; distances: Float64Array };
}

/** A dense matrix from any leg function. */
function denseMatrix(travel: TravelTimes, locs: readonly number[]) {
  const n = locs.length;
  const durations = new Float64Array(n * n);
  const distances = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = locs[i] as number;
    for (let j = 0; j < n; j++) {
      const b = locs[j] as number;
      durations[i * n + j] = travel.minutes(a, b);
      distances[i * n + j] = travel.km(a, b);
    }
  }
  return { size: n, durations, distances };
}

/** Cached minutes a straight-line cache holds (as float32) before it starts again, so it cannot grow without bound. */
const CACHE_LIMIT = 4_000_000;

/**
 * Straight-line distance × detour factor ÷ city speed, plus parking, rounded up to whole minutes. Straight lines are
 * symmetric, so the cache is a triangular matrix grown row by row: the row of the later place holds its minutes to
 * every earlier one. Ranking a new order fills one row; a drag hover then reads array cells.
 */
export class StraightLineTravel implements TravelTimes {
  readonly sourceSaid: SaidReason;
  private rows: Array<Float32Array | undefined> = [];
  private cached = 0;

  constructor(
    private readonly locations: Locations,
    private readonly params: TravelParams,
  ) {
    this.sourceSaid = sayPlain('straightLine', { factor: params.detourFactor, kmh: params.speedKmh });
  }

  get source(): string {
    return this.sourceSaid.text;
  }

  minutes(from: number, to: number): number {
    if (from === to) return 0;
    const [hi, lo] = from > to ? [from, to] : [to, from];
    let row = this.rows[hi];
    if (!row) {
      if (this.cached + hi > CACHE_LIMIT) {
        this.rows = [];
        this.cached = 0;
      }
      row = new Float32Array(hi).fill(NaN);
      this.rows[hi] = row;
      this.cached += hi;
    }
    let m = row[lo] as number;
    if (m !== m) {
      m = this.compute(from, to);
      row[lo] = m;
    }
    return m;
  }

  private compute(from: number, to: number): number {
    return from === to ? 0 : this.params.parkingMin + Math.ceil((this.km(from, to) / this.params.speedKmh) * 60);
  }

  km(from: number, to: number): number {
    return this.locations.haversineKm(from, to) * this.params.detourFactor;
  }

  matrix(locs: readonly number[]) {
    // Filled directly: a whole matrix is used once by the solver and would only flood the cache.
    const n = locs.length;
    const durations = new Float64Array(n * n);
    const distances = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const a = locs[i] as number;
      for (let j = 0; j < n; j++) {
        const b = locs[j] as number;
        durations[i * n + j] = this.compute(a, b);
        distances[i * n + j] = this.km(a, b);
      }
    }
    return { size: n, durations, distances };
  }

  notes(): SaidReason[] {
    return [];
  }
}

/** One leg as a road-routing service reported it. */
export interface RoadLeg {
  from: number;
  to: number;
  seconds: number;
  metres: number;
}

/**
 * Road travel times computed ahead of time (by a routing service, in core) for the legs an operation needs.
 * A leg that was not computed, or that the service could not route, is estimated by the fallback and counted,
 * so the dispatcher is told how much of the plan rests on estimates.
 */
export class RoadMatrixTravel implements TravelTimes {
  private readonly legs = new Map<number, { min: number; km: number }>();
  private readonly missing = new Set<number>();
  private readonly problems: string[] = [];

  constructor(
    readonly sourceSaid: SaidReason,
    private readonly fallback: TravelTimes,
    private readonly parkingMin: number,
  ) {}

  get source(): string {
    return this.sourceSaid.text;
  }

  /** Records legs from the service; durations become whole minutes with parking added. */
  add(legs: Iterable<RoadLeg>): void {
    for (const leg of legs) {
      const min = leg.from === leg.to ? 0 : this.parkingMin + Math.ceil(leg.seconds / 60);
      this.legs.set(leg.from * PAIR + leg.to, { min, km: leg.metres / 1000 });
    }
  }

  /** Whether the leg has a road figure. */
  has(from: number, to: number): boolean {
    return from === to || this.legs.has(from * PAIR + to);
  }

  /**
   * Notes a problem with the service that the dispatcher should see (its technical detail, in English): the figures
   * are then straight-line estimates.
   */
  warn(problem: string): void {
    if (!this.problems.includes(problem)) this.problems.push(problem);
  }

  minutes(from: number, to: number): number {
    if (from === to) return 0;
    const key = from * PAIR + to;
    const leg = this.legs.get(key);
    if (leg) return leg.min;
    this.missing.add(key);
    return this.fallback.minutes(from, to);
  }

  km(from: number, to: number): number {
    if (from === to) return 0;
    const key = from * PAIR + to;
    const leg = this.legs.get(key);
    if (leg) return leg.km;
    this.missing.add(key);
    return this.fallback.km(from, to);
  }

  matrix(locs: readonly number[]) {
    return denseMatrix(this, locs);
  }

  notes(): SaidReason[] {
    const out = this.problems.map((detail) => sayPlain('routingFailed', { detail }));
    const n = this.missing.size;
    if (n > 0) out.push(sayPlain(n === 1 ? 'legsEstimatedOne' : 'legsEstimated', { n, why: this.fallback.sourceSaid }));
    return out;
  }
}

/**
 * Passes travel questions through and remembers which legs and matrices were asked for, so a routing service can be
 * asked for exactly those before the real run (the engine itself never waits on I/O).
 */
export class RecordingTravel implements TravelTimes {
  private readonly pairs = new Set<number>();
  private readonly matrices: number[][] = [];

  constructor(private readonly inner: TravelTimes) {}

  get source(): string {
    return this.inner.source;
  }

  get sourceSaid(): SaidReason {
    return this.inner.sourceSaid;
  }

  minutes(from: number, to: number): number {
    if (from !== to) this.pairs.add(from * PAIR + to);
    return this.inner.minutes(from, to);
  }

  km(from: number, to: number): number {
    if (from !== to) this.pairs.add(from * PAIR + to);
    return this.inner.km(from, to);
  }

  matrix(locs: readonly number[]) {
    this.matrices.push([...locs]);
    return this.inner.matrix(locs);
  }

  notes(): SaidReason[] {
    return this.inner.notes();
  }

  /** The single legs asked for, as [from, to] location indices. */
  legs(): Array<[number, number]> {
    return [...this.pairs].map((k) => [Math.floor(k / PAIR), k % PAIR]);
  }

  /** The sets of places whole matrices were asked for. */
  blocks(): number[][] {
    return this.matrices.map((m) => [...m]);
  }
}
