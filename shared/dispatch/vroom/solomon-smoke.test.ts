import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spread } from '../../../tests/bench/vrptw/curve.js';
import { readSolomon, solomonClass, solomonToVroom } from '../../../tests/bench/vrptw/solomon.js';
import { validateSolomon } from '../../../tests/bench/vrptw/validate.js';
import { solveVroom } from './index.js';

// A few Solomon instances with a short budget, checked by the benchmark's independent validator.
const fixtures = fileURLToPath(new URL('../../../tests/bench/vrptw/fixtures/', import.meta.url));
const bestKnown: Record<string, number> = { C101: 828.94, R201: 1147.82, RC105: 1518.58 };

describe('Solomon smoke test', () => {
  for (const [name, bks] of Object.entries(bestKnown)) {
    it(`${name}: feasible for the validator and within 5% of the best known distance`, () => {
      const instance = readSolomon(name, fixtures);
      const solution = solveVroom(solomonToVroom(instance), { seed: 1, maxIterations: 3000 });
      const check = validateSolomon(instance, solution);
      expect(check.errors).toEqual([]);
      expect(check.distance).toBeCloseTo(solution.summary.distance!, 6);
      expect(check.distance).toBeLessThan(bks * 1.05);
    }, 30_000);
  }

  it('the validator catches a late customer, a missing one and an overloaded route', () => {
    const instance = readSolomon('C101', fixtures);
    const solution = solveVroom(solomonToVroom(instance), { seed: 1, maxIterations: 200 });
    const steps = solution.routes[0]!.steps;
    const tampered = structuredClone(solution);
    // Serve the first route backwards: its customers' windows are missed.
    tampered.routes[0]!.steps = [steps[0]!, ...steps.slice(1, -1).reverse(), steps.at(-1)!];
    expect(validateSolomon(instance, tampered).errors.join('\n')).toMatch(/after its due time/);
    const dropped = structuredClone(solution);
    dropped.routes[0]!.steps.splice(1, 1);
    expect(validateSolomon(instance, dropped).errors.join('\n')).toMatch(/served 0 times/);
    const merged = structuredClone(solution);
    merged.routes[0]!.steps.splice(1, 0, ...merged.routes[1]!.steps.slice(1, -1));
    merged.routes.splice(1, 1);
    expect(validateSolomon(instance, merged).errors.join('\n')).toMatch(/exceeds capacity/);
  });
});

describe('the curve bench picks its subsets', () => {
  it('spreads N instances evenly over a class and names Gehring–Homberger classes with their size', () => {
    const r1 = Array.from({ length: 12 }, (_, i) => `R1${String(i + 1).padStart(2, '0')}`);
    expect(spread(r1, 2)).toEqual(['R101', 'R107']);
    expect(spread(r1, 3)).toEqual(['R101', 'R105', 'R109']);
    expect(spread(r1, 20)).toEqual(r1);
    expect(['C101', 'RC208', 'R112', 'C1_2_1', 'RC2_4_10'].map(solomonClass)).toEqual([
      'C1',
      'RC2',
      'R1',
      'C1_2',
      'RC2_4',
    ]);
  });
});
