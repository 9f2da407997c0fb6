import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { evaluateRoute } from './evaluate.js';
import type { VrpModel } from './model.js';
import { solve } from './solve.js';

/** Places on a line 10 apart; vehicle 0 lives at 0, vehicle 1 at 3; one job at 1 whose customer prefers vehicle 1. */
function model(notPreferred: number): VrpModel {
  const size = 4;
  const durations = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) durations[i * size + j] = Math.abs(i - j) * 10;
  return {
    matrix: { size, durations },
    vehicles: [
      { start: 0, end: 0 },
      { start: 3, end: 3 },
    ],
    jobs: [{ location: 1, service: 5, preferredVehicles: [1] }],
    objective: { notPreferred },
  };
}

const servedBy = (m: VrpModel) => solve(m, { seed: 1, maxIterations: 50 }).routes[0]?.vehicle;

describe('preferred vehicles (soft)', () => {
  it('cost their weight when another vehicle serves the job, and nothing otherwise', () => {
    // Vehicle 0 drives 20 to serve it, vehicle 1 drives 40.
    expect(servedBy(model(0))).toBe(0);
    expect(servedBy(model(10))).toBe(0);
    expect(servedBy(model(30))).toBe(1);
    const result = solve(model(10), { seed: 1, maxIterations: 50 });
    expect(result.cost.preference).toBe(10);
    expect(result.cost.total).toBe(30);
    const cm = compileModel(model(10));
    expect(evaluateRoute(cm, 0, [0]).cost).toBe(30);
    expect(evaluateRoute(cm, 1, [0]).cost).toBe(40);
  });

  it('names a preferred vehicle that does not exist', () => {
    const bad = { ...model(5), jobs: [{ location: 1, preferredVehicles: [7] }] };
    expect(() => compileModel(bad)).toThrow('jobs[0].preferredVehicles[0]: index 7 is out of range 0..1');
  });
});
