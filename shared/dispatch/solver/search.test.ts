import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSolomon, solomonToVroom } from '../../../tests/bench/vrptw/solomon.js';
import { vroomToModel } from '../vroom/index.js';
import type { VrpModel } from './model.js';
import { coolingShare } from './search.js';
import { compileModel } from './compile.js';
import { defaultFleet, solve } from './solve.js';

describe('the annealing schedule', () => {
  it('starts hot when the search starts, however much of the budget the first plan took, and is cold at the end', () => {
    // A 1,000 ms budget of which the first plan took 400 ms: 600 ms are left to cool over.
    expect(coolingShare(400, 0, 400, 1000)).toBe(0);
    expect(coolingShare(700, 0, 400, 1000)).toBeCloseTo(0.5, 12);
    expect(coolingShare(1000, 0, 400, 1000)).toBe(1);
    expect(coolingShare(1200, 0, 400, 1000)).toBe(1);
  });

  it('follows the iterations alone without a time limit, and is cold when the first plan used the whole budget', () => {
    expect(coolingShare(5000, 0, 400, Infinity)).toBe(0);
    expect(coolingShare(1000, 0, 1000, 1000)).toBe(1);
  });
});

// RC105 (Solomon, 100 customers; the distance-only best known plan uses 16 routes, the fewest known 13).
const fixtures = fileURLToPath(new URL('../../../tests/bench/vrptw/fixtures/', import.meta.url));
const rc105 = (): VrpModel => vroomToModel(solomonToVroom(readSolomon('RC105', fixtures))).model;

describe('fleet minimisation', () => {
  it('takes short routes out while every job can still be served, and keeps to the routes it reached', () => {
    const options = { seed: 1, maxIterations: 2000 };
    const plain = solve(rc105(), { ...options, tuning: { fleetShare: 0 } });
    const fewer = solve(rc105(), { ...options, tuning: { fleetShare: 0.5, fleetHold: 1 } });
    expect(plain.unassigned).toEqual([]);
    expect(fewer.unassigned).toEqual([]);
    expect(plain.routes.length).toBeGreaterThanOrEqual(16);
    expect(fewer.routes.length).toBeLessThan(plain.routes.length);
  }, 30_000);

  it('is on by default in long runs with alike vehicles only, not on days whose engineers take breaks', () => {
    const model = rc105();
    expect(defaultFleet(compileModel(model), 10).fleetShare).toBeGreaterThan(0);
    expect(defaultFleet(compileModel(model), 0).fleetShare).toBe(0);
    const withBreak = {
      ...model,
      vehicles: model.vehicles.map((v, i) =>
        i === 0 ? { ...v, breaks: [{ timeWindows: [[0, 1000] as const], service: 30 }] } : v,
      ),
    };
    expect(defaultFleet(compileModel(withBreak), 10).fleetShare).toBe(0);
  });

  it('changes nothing when off: the same plan as without the knob for a seed and step limit', () => {
    const options = { seed: 3, maxIterations: 500 };
    const a = solve(rc105(), options);
    const b = solve(rc105(), { ...options, tuning: { fleetShare: 0, fleetHold: 0.5, fleetShort: 3 } });
    expect(b.routes.map((r) => r.jobs)).toEqual(a.routes.map((r) => r.jobs));
    expect(b.cost.total).toBe(a.cost.total);
  }, 30_000);
});
