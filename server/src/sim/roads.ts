import type { GeoPoint } from '../../../shared/domain/index.js';
import { bearingDeg, haversineKm, interpolate, round6 } from '../../../shared/geo/index.js';
import type { Random } from '../../../shared/scenario/index.js';

/** A point along a drive and the direction the van is facing there (degrees from north). */
export interface RoutePoint extends GeoPoint {
  heading: number;
}

interface Leg {
  from: GeoPoint;
  to: GeoPoint;
  startKm: number;
  km: number;
  heading: number;
}

/** A drive as a polyline: where the van is after so many kilometres. */
export class Route {
  readonly km: number;
  private readonly legs: Leg[] = [];

  constructor(readonly points: readonly GeoPoint[]) {
    if (points.length === 0) throw new Error('a route needs at least one point');
    let km = 0;
    for (let i = 1; i < points.length; i++) {
      const from = points[i - 1] as GeoPoint;
      const to = points[i] as GeoPoint;
      const legKm = haversineKm(from, to);
      if (legKm === 0) continue;
      this.legs.push({ from, to, startKm: km, km: legKm, heading: bearingDeg(from, to) });
      km += legKm;
    }
    this.km = km;
  }

  get destination(): GeoPoint {
    return this.points[this.points.length - 1] as GeoPoint;
  }

  /** The point `km` along the route (clamped to its ends). */
  at(km: number): RoutePoint {
    const first = this.legs[0];
    if (!first) return { ...this.destination, heading: 0 };
    if (km <= 0) return { ...first.from, heading: first.heading };
    for (const leg of this.legs) {
      if (km <= leg.startKm + leg.km) {
        const p = interpolate(leg.from, leg.to, (km - leg.startKm) / leg.km);
        return { lat: round6(p.lat), lon: round6(p.lon), heading: leg.heading };
      }
    }
    const last = this.legs[this.legs.length - 1] as Leg;
    return { ...this.destination, heading: last.heading };
  }
}

/** Straight-line trips shorter than this are driven directly (same block). */
const SAME_BLOCK_KM = 0.15;
/** A turn roughly every this many kilometres of straight-line distance. */
const KM_PER_TURN = 1.2;

/**
 * A plausible drive across a city's street grid without a road network: a staircase of north–south and east–west
 * runs of random lengths (a few turns, more on longer trips). Its length is between the straight line and about 1.4×
 * it, like the detour factor dispatch planners use.
 */
export function planRoute(rng: Random, from: GeoPoint, to: GeoPoint): Route {
  const straight = haversineKm(from, to);
  if (straight < SAME_BLOCK_KM) return new Route([from, to]);
  const steps = Math.max(1, Math.min(8, Math.round(straight / KM_PER_TURN)));
  const latShares = shares(rng, steps);
  const lonShares = shares(rng, steps);
  const northSouthFirst = rng.chance(0.5);
  const dLat = to.lat - from.lat;
  const dLon = to.lon - from.lon;
  const points: GeoPoint[] = [from];
  let lat = from.lat;
  let lon = from.lon;
  for (let i = 0; i < steps; i++) {
    const runs: Array<'lat' | 'lon'> = northSouthFirst ? ['lat', 'lon'] : ['lon', 'lat'];
    const last = i === steps - 1;
    for (const axis of runs) {
      // The last run of each axis lands exactly on the destination's coordinate: no rounding drift at the door.
      if (axis === 'lat') lat = last ? to.lat : lat + dLat * (latShares[i] as number);
      else lon = last ? to.lon : lon + dLon * (lonShares[i] as number);
      points.push({ lat, lon });
    }
  }
  return new Route(points);
}

/** `n` random positive shares summing to 1. */
function shares(rng: Random, n: number): number[] {
  const raw = Array.from({ length: n }, () => 0.3 + rng.next());
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

/**
 * Typical van speed in a big city by local hour, km/h: crawling in the rush hours, faster at night. Real trips vary
 * around it (lights, parking), so each trip draws its own factor.
 */
export function cityKmh(localHour: number, rng: Random): number {
  const h = localHour;
  const base =
    (h >= 7 && h < 9.5) || (h >= 17 && h < 19.5) ? 16 : h >= 9.5 && h < 17 ? 23 : h >= 19.5 && h < 22 ? 30 : 36;
  return base * (0.8 + 0.4 * rng.next());
}
