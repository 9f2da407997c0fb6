// An independent check of a VROOM-format solution against the Solomon instance it claims to solve. It shares no
// code with the solver or the converter: its own distances, its own clock, its own load count.
import type { SolomonInstance } from './solomon.js';

/** What the validator found. */
export interface Validation {
  readonly ok: boolean;
  readonly errors: string[];
  readonly vehicles: number;
  /** Total distance recomputed from the instance coordinates. */
  readonly distance: number;
}

const TOLERANCE = 1e-6;

interface SolutionShape {
  routes?: { vehicle?: unknown; steps?: { type?: unknown; id?: unknown }[] }[];
  unassigned?: unknown[];
  summary?: { distance?: unknown };
}

/**
 * Checks every route: each customer served exactly once, service starting inside its window (1e-6 tolerance),
 * load within capacity, back at the depot by its due date, no more routes than the fleet; recomputes distance.
 */
export function validateSolomon(inst: SolomonInstance, solution: unknown): Validation {
  const errors: string[] = [];
  const sol = (solution ?? {}) as SolutionShape;
  const nodes = inst.nodes;
  const depot = nodes[0]!;
  const served = new Array<number>(nodes.length).fill(0);
  const vehiclesSeen = new Set<unknown>();
  let total = 0;
  let used = 0;
  if (Array.isArray(sol.unassigned) && sol.unassigned.length > 0) {
    errors.push(`${sol.unassigned.length} customers left unassigned`);
  }
  for (const [r, route] of (sol.routes ?? []).entries()) {
    if (vehiclesSeen.has(route.vehicle)) errors.push(`route ${r}: vehicle ${String(route.vehicle)} used twice`);
    vehiclesSeen.add(route.vehicle);
    const customers = (route.steps ?? []).filter((s) => s.type === 'job').map((s) => Number(s.id));
    if (customers.length === 0) continue;
    used++;
    let x = depot.x;
    let y = depot.y;
    let clock = depot.ready;
    let load = 0;
    for (const c of customers) {
      const node = Number.isInteger(c) && c >= 1 && c < nodes.length ? nodes[c] : undefined;
      if (!node) {
        errors.push(`route ${r}: unknown customer ${c}`);
        continue;
      }
      served[c]!++;
      const leg = Math.hypot(node.x - x, node.y - y);
      total += leg;
      clock += leg;
      if (clock < node.ready) clock = node.ready;
      if (clock > node.due + TOLERANCE) {
        errors.push(`route ${r}: customer ${c} served at ${clock.toFixed(6)} after its due time ${node.due}`);
      }
      clock += node.service;
      load += node.demand;
      x = node.x;
      y = node.y;
    }
    const back = Math.hypot(depot.x - x, depot.y - y);
    total += back;
    clock += back;
    if (clock > depot.due + TOLERANCE) {
      errors.push(`route ${r}: back at the depot at ${clock.toFixed(6)} after ${depot.due}`);
    }
    if (load > inst.capacity) errors.push(`route ${r}: load ${load} exceeds capacity ${inst.capacity}`);
  }
  for (let c = 1; c < nodes.length; c++) {
    if (served[c] !== 1) errors.push(`customer ${c} served ${served[c]} times`);
  }
  if (used > inst.vehicles) errors.push(`${used} routes for a fleet of ${inst.vehicles}`);
  const claimed = Number(sol.summary?.distance);
  if (Number.isFinite(claimed) && Math.abs(claimed - total) > 1e-6 * Math.max(1, total)) {
    errors.push(`reported distance ${claimed} differs from the recomputed ${total}`);
  }
  return { ok: errors.length === 0, errors, vehicles: used, distance: total };
}
