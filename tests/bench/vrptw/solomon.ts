// Solomon VRPTW instances: the text format, the best-known-solution tables, and conversion to a VROOM problem
// (Euclidean distances unrounded, travel time = distance, one depot, 25 identical vehicles as in the file).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** A customer row (customer 0 is the depot). */
export interface SolomonNode {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

/** One instance as written in its file. */
export interface SolomonInstance {
  readonly name: string;
  readonly vehicles: number;
  readonly capacity: number;
  /** nodes[0] is the depot, nodes[i] customer i. */
  readonly nodes: readonly SolomonNode[];
}

/** The shared bench folder: ../shared/bench/vrptw/solomon from the repository root, or $SOLOMON_DIR. */
export const SOLOMON_DIR =
  process.env.SOLOMON_DIR ?? fileURLToPath(new URL('../../../../shared/bench/vrptw/solomon/', import.meta.url));

/** Parses the standard Solomon text format (CRLF, trailing blanks, 7 numeric fields per customer row). */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const name = lines.find((l) => l.length > 0) ?? '';
  const header = lines.findIndex((l) => /^NUMBER\s+CAPACITY$/i.test(l));
  if (header < 0) throw new Error(`${name}: no "NUMBER CAPACITY" line`);
  const [vehicles, capacity] = (lines[header + 1] ?? '').split(/\s+/).map(Number);
  if (!Number.isFinite(vehicles) || !Number.isFinite(capacity)) throw new Error(`${name}: bad vehicle line`);
  const nodes: SolomonNode[] = [];
  for (const line of lines) {
    const f = line.split(/\s+/);
    if (f.length !== 7 || !f.every((x) => /^-?\d+(\.\d+)?$/.test(x))) continue;
    const [id, x, y, demand, ready, due, service] = f.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (id !== nodes.length) throw new Error(`${name}: customer ${id} out of order`);
    nodes.push({ id, x, y, demand, ready, due, service });
  }
  if (nodes.length < 2) throw new Error(`${name}: no customers`);
  return { name, vehicles: vehicles!, capacity: capacity!, nodes };
}

/** Reads one instance from the shared bench folder (or another folder). */
export function readSolomon(name: string, dir = SOLOMON_DIR): SolomonInstance {
  return parseSolomon(readFileSync(join(dir, `${name}.txt`), 'utf8'));
}

/** Instance names in the folder, in the usual order (C1, C2, R1, R2, RC1, RC2). */
export function listSolomon(dir = SOLOMON_DIR): string[] {
  const text = readFileSync(join(dir, 'bks_distance_only.csv'), 'utf8');
  return [...readBks(text).keys()];
}

/** Best-known values from a bks CSV (`instance,vehicles,distance,...`). */
export function readBks(csv: string): Map<string, { vehicles: number; distance: number }> {
  const out = new Map<string, { vehicles: number; distance: number }>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [name, vehicles, distance] = line.split(',');
    if (!name || !vehicles || !distance) continue;
    out.set(name, { vehicles: Number(vehicles), distance: Number(distance) });
  }
  return out;
}

/** The instance's class: C1, C2, R1, R2, RC1 or RC2; for Gehring–Homberger names (C1_2_1) with the size: C1_2. */
export function solomonClass(name: string): string {
  const m = /^(RC|R|C)(\d)(?:_(\d+)_)?/.exec(name);
  if (!m) throw new Error(`not a Solomon instance name: ${name}`);
  return `${m[1]}${m[2]}${m[3] ? `_${m[3]}` : ''}`;
}

/** Euclidean distance in double precision, unrounded. */
function euclid(a: SolomonNode, b: SolomonNode): number {
  return Math.sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
}

/**
 * The instance as a VROOM problem: location_index = customer number, job id = customer number, vehicles 1..K
 * starting and ending at the depot within its window, durations = distances = unrounded Euclidean distances.
 */
export function solomonToVroom(inst: SolomonInstance): Record<string, unknown> {
  const depot = inst.nodes[0]!;
  const matrix = inst.nodes.map((a) => inst.nodes.map((b) => euclid(a, b)));
  return {
    vehicles: Array.from({ length: inst.vehicles }, (_, k) => ({
      id: k + 1,
      start_index: 0,
      end_index: 0,
      capacity: [inst.capacity],
      time_window: [depot.ready, depot.due],
    })),
    jobs: inst.nodes.slice(1).map((c) => ({
      id: c.id,
      location_index: c.id,
      service: c.service,
      delivery: [c.demand],
      time_windows: [[c.ready, c.due]],
    })),
    matrices: { car: { durations: matrix, distances: matrix } },
  };
}
