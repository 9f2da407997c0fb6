import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../shared/geo/index.js';
import { Random } from '../../../shared/scenario/index.js';
import { Route, cityKmh, planRoute } from './roads.js';

const peoplesSquare = { lat: 31.2304, lon: 121.4737 };
const lujiazui = { lat: 31.2397, lon: 121.4998 };
const hongqiao = { lat: 31.1979, lon: 121.3363 };

describe('planRoute', () => {
  it('drives from the door to the door, a little longer than the crow flies', () => {
    const rng = new Random(3);
    for (const [from, to] of [
      [peoplesSquare, lujiazui],
      [peoplesSquare, hongqiao],
      [hongqiao, lujiazui],
    ] as const) {
      const route = planRoute(rng, from, to);
      const straight = haversineKm(from, to);
      expect(route.at(0)).toMatchObject({ lat: from.lat, lon: from.lon });
      expect(route.at(route.km)).toMatchObject({ lat: to.lat, lon: to.lon });
      expect(route.km).toBeGreaterThanOrEqual(straight * 0.999);
      expect(route.km).toBeLessThanOrEqual(straight * 1.45);
    }
  });

  it('turns at street corners: every leg runs north–south or east–west', () => {
    const route = planRoute(new Random(9), peoplesSquare, hongqiao);
    expect(route.points.length).toBeGreaterThan(4);
    for (let i = 1; i < route.points.length; i++) {
      const a = route.points[i - 1]!;
      const b = route.points[i]!;
      expect(a.lat === b.lat || a.lon === b.lon).toBe(true);
    }
  });

  it('moves forward along the route, facing where it goes', () => {
    const route = planRoute(new Random(5), peoplesSquare, lujiazui);
    let last = route.at(0);
    let travelled = 0;
    for (let km = 0.1; km <= route.km; km += 0.1) {
      const p = route.at(km);
      travelled += haversineKm(last, p);
      expect(p.heading).toBeGreaterThanOrEqual(0);
      expect(p.heading).toBeLessThan(360);
      last = p;
    }
    expect(travelled).toBeGreaterThan(route.km * 0.9);
    // Heading east from People's Square to Lujiazui on the east–west runs.
    const eastward = [...Array(20).keys()].map((i) => route.at((route.km * (i + 0.5)) / 20).heading);
    expect(eastward.some((h) => Math.abs(h - 90) < 2)).toBe(true);
  });

  it('drives a same-block trip directly', () => {
    const next = { lat: peoplesSquare.lat + 0.0005, lon: peoplesSquare.lon };
    expect(planRoute(new Random(1), peoplesSquare, next).points).toHaveLength(2);
    expect(new Route([peoplesSquare]).km).toBe(0);
    expect(new Route([peoplesSquare]).at(1)).toMatchObject(peoplesSquare);
  });
});

describe('cityKmh', () => {
  it('crawls in the rush hour and flows at night', () => {
    const avg = (h: number) => {
      const rng = new Random(2);
      let s = 0;
      for (let i = 0; i < 200; i++) s += cityKmh(h, rng);
      return s / 200;
    };
    expect(avg(8)).toBeLessThan(avg(11));
    expect(avg(11)).toBeLessThan(avg(23));
    expect(avg(8)).toBeGreaterThan(10);
    expect(avg(23)).toBeLessThan(50);
  });
});
