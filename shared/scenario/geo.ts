import type { GeoPoint } from '../domain/index.js';
import { round6 } from '../geo/index.js';
import type { District } from './area.js';
import type { Random } from '../random/index.js';

const KM_PER_DEG_LAT = 110.574;

/** A point scattered around a centre with a normal spread of `sigmaKm` in each direction. */
export function scatter(rng: Random, centre: GeoPoint, sigmaKm: number): GeoPoint {
  const kmPerDegLon = 111.32 * Math.cos((centre.lat * Math.PI) / 180);
  const dx = Math.max(-2.5, Math.min(2.5, rng.normal())) * sigmaKm;
  const dy = Math.max(-2.5, Math.min(2.5, rng.normal())) * sigmaKm;
  return { lat: round6(centre.lat + dy / KM_PER_DEG_LAT), lon: round6(centre.lon + dx / kmPerDegLon) };
}

/** A point in a district's built-up area. */
export function pointIn(rng: Random, district: District): GeoPoint {
  return scatter(rng, district, district.radiusKm / 2);
}
