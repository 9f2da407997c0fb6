import { describe, expect, it } from 'vitest';
import { PRIORITY_COLOURS, STATE_COLOURS } from '../../ui/palette.js';
import {
  arrowOutline,
  ENGINEER_COLOURS,
  diamondOutline,
  engineerLook,
  engineerRadius,
  flatProjection,
  mercatorY,
  nearestPoint,
  ORDER_PRIORITIES,
  ORDER_RIMS,
  orderImageId,
  orderImages,
  orderRim,
} from './symbols.js';

/** Hue of a #rrggbb colour, in degrees. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('engineer symbols', () => {
  it('colours each working state as the board and the engineer card do, each in its own hue', () => {
    const states = ['available', 'en_route', 'on_site'] as const;
    for (const s of states) expect(ENGINEER_COLOURS[s]).toBe(STATE_COLOURS[s]);
    for (const a of states)
      for (const b of states) {
        if (a === b) continue;
        const apart = Math.abs(hue(STATE_COLOURS[a]!) - hue(STATE_COLOURS[b]!));
        expect(Math.min(apart, 360 - apart), `${a} against ${b}`).toBeGreaterThan(40);
      }
  });

  it('greys a quiet device whatever its state, and colours the rest by state', () => {
    expect(engineerLook({ stale: 1, state: 'available' })).toBe('quiet');
    expect(engineerLook({ stale: 0, state: 'available' })).toBe('available');
    expect(engineerLook({ stale: 0, state: 'on_site' })).toBe('on_site');
    expect(engineerLook({ stale: 0, state: 'off' })).toBe('other');
  });

  it('grows the dot from 3 px at zoom 8 to 5 px at zoom 12 and holds it outside', () => {
    expect(engineerRadius(5)).toBe(3);
    expect(engineerRadius(10)).toBe(4);
    expect(engineerRadius(14)).toBe(5);
  });

  it('turns the arrow clockwise from north by the heading', () => {
    const north = arrowOutline(100, 100, 0);
    expect(north[0]).toBeCloseTo(100);
    expect(north[1]).toBeLessThan(100); // the tip is above the centre
    const east = arrowOutline(100, 100, 90);
    expect(east[0]).toBeGreaterThan(100); // the tip is right of the centre
    expect(east[1]).toBeCloseTo(100);
  });
});

describe('hit testing', () => {
  const xy = new Float32Array([10, 10, 50, 50, 52, 50, 0, 0]);

  it('finds the nearest point within the radius', () => {
    expect(nearestPoint(xy, 3, 12, 11, 8)).toBe(0);
    expect(nearestPoint(xy, 3, 53, 50, 8)).toBe(2);
    expect(nearestPoint(xy, 3, 30, 30, 8)).toBe(-1);
  });

  it('ignores slots past the count in use', () => {
    expect(nearestPoint(xy, 3, 1, 1, 8)).toBe(-1);
    expect(nearestPoint(xy, 4, 1, 1, 8)).toBe(3);
  });
});

describe('the flat projection', () => {
  it('puts the corners it was given at the screen corners and the equator where Mercator has it', () => {
    const project = flatProjection({ lng: -180, lat: 85.0511287798 }, { lng: 180, lat: -85.0511287798 }, 512, 512);
    const [x0, y0] = project(-180, 85.0511287798);
    expect(x0).toBeCloseTo(0);
    expect(y0).toBeCloseTo(0);
    const [x, y] = project(0, 0);
    expect(x).toBeCloseTo(256);
    expect(y).toBeCloseTo(256);
    expect(mercatorY(0)).toBeCloseTo(0.5);
  });

  it('agrees with Mercator for a city view', () => {
    const project = flatProjection({ lng: 121, lat: 31.5 }, { lng: 122, lat: 31 }, 1000, 600);
    const [, y] = project(121.5, 31.25);
    const expected = ((mercatorY(31.25) - mercatorY(31.5)) / (mercatorY(31) - mercatorY(31.5))) * 600;
    expect(y).toBeCloseTo(expected);
    expect(project(121.5, 31.25)[0]).toBeCloseTo(500);
  });
});

describe('order symbols', () => {
  it('has an image for every priority and rim, filled with the priority colour', () => {
    const images = orderImages();
    expect(images).toHaveLength(ORDER_PRIORITIES.length * Object.keys(ORDER_RIMS).length);
    expect(images.find((i) => i.id === orderImageId('P1', 'breached'))).toEqual({
      id: 'order:P1:breached',
      fill: PRIORITY_COLOURS.P1,
      rim: ORDER_RIMS.breached,
    });
  });

  it('rims the selection dark whatever its SLA state, otherwise by SLA state', () => {
    expect(orderRim({ sla: 'breached', selected: 1 })).toBe('selected');
    expect(orderRim({ sla: 'jeopardy', selected: 0 })).toBe('jeopardy');
  });

  it('keeps the diamond and its rim inside the image', () => {
    const c = diamondOutline(18, 3);
    expect(Math.min(...c) - 1.5 * Math.SQRT2).toBeGreaterThanOrEqual(0);
    expect(Math.max(...c) + 1.5 * Math.SQRT2).toBeLessThanOrEqual(18);
    // Top, right, bottom, left: a diamond, not a square.
    expect([c[0], c[2], c[4], c[6]]).toEqual([9, c[2], 9, c[6]]);
    expect(c[3]).toBe(9);
  });
});
