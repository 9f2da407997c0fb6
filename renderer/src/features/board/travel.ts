import type { GeoPoint } from '../../../../shared/domain/index.js';
import { haversineKm } from '../../../../shared/geo/index.js';

/** Straight-line distance × detour ÷ city speed: the same default the engine uses when no road router is set. */
const DETOUR = 1.35;
const CITY_KMH = 25;

/** Estimated driving minutes between two points. */
export function travelMinutes(from: GeoPoint, to: GeoPoint): number {
  return Math.round(((haversineKm(from, to) * DETOUR) / CITY_KMH) * 60);
}
