import { describe, expect, it } from 'vitest';
import { bearingDeg, haversineKm, interpolate } from './index.js';

describe('geo', () => {
  const bund = { lat: 31.24, lon: 121.49 };
  const pudongAirport = { lat: 31.1443, lon: 121.8083 };

  it('measures the Bund to Pudong airport at about 32 km', () => {
    expect(haversineKm(bund, pudongAirport)).toBeCloseTo(31.9, 0);
    expect(haversineKm(bund, bund)).toBe(0);
  });

  it('gives compass bearings', () => {
    expect(bearingDeg({ lat: 31, lon: 121 }, { lat: 32, lon: 121 })).toBeCloseTo(0, 5);
    expect(bearingDeg({ lat: 31, lon: 121 }, { lat: 31, lon: 122 })).toBeCloseTo(89.7, 1);
    expect(bearingDeg({ lat: 31, lon: 121 }, { lat: 30, lon: 121 })).toBeCloseTo(180, 5);
  });

  it('interpolates along the way', () => {
    expect(interpolate(bund, pudongAirport, 0.5)).toEqual({ lat: (31.24 + 31.1443) / 2, lon: (121.49 + 121.8083) / 2 });
  });
});
