// How the map's symbols look, and what a point on screen hits. Pure: no map library, no DOM, so it is tested in Node
// and the legend, the map's layers and the engineers' canvas all read one definition.
import type { Priority } from '../../../../shared/domain/index.js';
import { PRIORITY_COLOURS, STATE_COLOURS } from '../../ui/palette.js';
import type { EngineerProps, OrderProps } from './features.js';

/** An engineer's fill: grey once the device has gone quiet, otherwise by the engineer's state. */
export const ENGINEER_COLOURS = {
  available: STATE_COLOURS.available!,
  en_route: STATE_COLOURS.en_route!,
  on_site: STATE_COLOURS.on_site!,
  other: '#64748b',
  quiet: '#9ca3af',
} as const;

export type EngineerLook = keyof typeof ENGINEER_COLOURS;

export const ENGINEER_OUTLINE = '#0f172a';
export const SELECTED_ENGINEER = { fill: 'rgba(37, 99, 235, 0.18)', stroke: '#2563eb', radius: 16 } as const;
/** From this zoom in, an engineer is an arrow turned to the heading; further out, a dot. */
export const ARROW_ZOOM = 12;
/** How far from an engineer's centre (CSS pixels) a click or hover still counts as on it. */
export const HIT_RADIUS_PX = 8;

export function engineerLook(p: Pick<EngineerProps, 'stale' | 'state'>): EngineerLook {
  if (p.stale) return 'quiet';
  return p.state === 'available' || p.state === 'en_route' || p.state === 'on_site' ? p.state : 'other';
}

/** A dot's radius at a zoom: 3 px at zoom 8 growing to 5 px at 12, held outside that range. */
export function engineerRadius(zoom: number): number {
  const t = Math.min(1, Math.max(0, (zoom - 8) / 4));
  return 3 + 2 * t;
}

/**
 * The arrow's outline, pointing along `headingDeg` (clockwise from north, screen y down), centred on (x, y): four
 * corners as x, y pairs.
 */
export function arrowOutline(x: number, y: number, headingDeg: number, size = 22): number[] {
  const s = size / 2;
  // Pointing up before turning: tip, right wing, notch, left wing (the shape the symbol has always had).
  const shape = [
    [0, -s + 2],
    [s - 4, s - 3],
    [0, s - 7],
    [-s + 4, s - 3],
  ] as const;
  const a = (headingDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const out: number[] = [];
  for (const [px, py] of shape) out.push(x + px * cos - py * sin, y + px * sin + py * cos);
  return out;
}

export { flatProjection, mercatorY } from '../../ui/flat-projection.js';

/**
 * The index of the point nearest (x, y) within `radius`, or -1: points are x, y pairs in `xy`, the first `count` of
 * them in use. Later points are drawn on top, so on a tie the later one wins.
 */
export function nearestPoint(xy: Float32Array, count: number, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < count; i++) {
    const dx = xy[2 * i]! - x;
    const dy = xy[2 * i + 1]! - y;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  }
  return best;
}

/** The selected engineer's plan for the day, and the trail of where they have been. */
export const ROUTE_LINE = '#2563eb';
export const TRAIL_LINE = '#64748b';
/** A group of orders: a numbered circle, tinted by the worst SLA state inside. */
export const CLUSTER_LOOK = { fill: '#e2e8f0', stroke: '#64748b' } as const;

/** An order on the map is a diamond: filled by priority, its SLA state as the rim; the selection a thick dark rim. */
export const ORDER_RIMS = {
  ok: { colour: '#ffffff', width: 1 },
  jeopardy: { colour: '#f59e0b', width: 2 },
  breached: { colour: '#dc2626', width: 2.5 },
  selected: { colour: '#0f172a', width: 3 },
} as const;

export type OrderRim = keyof typeof ORDER_RIMS;

export const ORDER_PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** The image an order is drawn with: one per priority and rim, drawn once when the map is made. */
export const orderImageId = (priority: string, rim: OrderRim) => `order:${priority}:${rim}`;

export function orderRim(p: Pick<OrderProps, 'sla' | 'selected'>): OrderRim {
  return p.selected ? 'selected' : p.sla;
}

/** Every order image the map needs, with its fill and rim. */
export function orderImages(): Array<{ id: string; fill: string; rim: (typeof ORDER_RIMS)[OrderRim] }> {
  const out = [];
  for (const priority of ORDER_PRIORITIES)
    for (const rim of Object.keys(ORDER_RIMS) as OrderRim[])
      out.push({ id: orderImageId(priority, rim), fill: PRIORITY_COLOURS[priority], rim: ORDER_RIMS[rim] });
  return out;
}

/** The size (CSS pixels) of an order's image at icon size 1. */
export const ORDER_IMAGE_PX = 18;

/** The diamond's corners (top, right, bottom, left) in a square of `size` CSS pixels, inset to leave room for the rim. */
export function diamondOutline(size: number, rimWidth: number): number[] {
  const c = size / 2;
  // A mitred right-angled corner reaches half the rim's width times √2 beyond the outline.
  const r = c - (rimWidth / 2) * Math.SQRT2 - 0.5;
  return [c, c - r, c + r, c, c, c + r, c - r, c];
}
