import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import type { VrpModel } from './model.js';
import { Plan } from './plan.js';

const model: VrpModel = {
  matrix: { size: 3, durations: [0, 1, 1, 1, 0, 1, 1, 1, 0] },
  vehicles: [
    { start: 0, end: 0 },
    { start: 0, end: 0 },
  ],
  jobs: [{ location: 1 }, { location: 2 }, { location: 1 }],
};

describe('Plan.version', () => {
  it('differs between routes and changes with every change of a route', () => {
    const plan = new Plan(compileModel(model));
    const seen = new Set([plan.version(0), plan.version(1)]);
    expect(seen.size).toBe(2);
    const changes = [
      () => plan.insert(0, 1, 0),
      () => plan.insert(0, 2, 1),
      () => plan.removeRange(0, 1, 1),
      () => plan.replaceRange(0, 1, 1, Int32Array.from([1]), 1),
      () => plan.setRoute(0, [1, 0], 2),
      () => plan.restore(plan.snapshot()),
    ];
    for (const change of changes) {
      const other = plan.version(1);
      change();
      expect(seen.has(plan.version(0))).toBe(false);
      seen.add(plan.version(0));
      // restore gives every route a new version; the other changes leave route 1 alone.
      if (change !== changes.at(-1)) expect(plan.version(1)).toBe(other);
    }
  });

  it('is given back by a rollback with the sequence, and never reused for another sequence', () => {
    const plan = new Plan(compileModel(model));
    plan.insert(0, 1, 0);
    plan.collectUnassigned();
    const before = [plan.version(0), plan.version(1)];
    plan.begin();
    plan.insert(0, 2, 1);
    plan.insert(1, 1, 2);
    const during = plan.version(0);
    plan.rollback();
    expect([plan.version(0), plan.version(1)]).toEqual(before);
    expect(plan.routes[0]!.toArray()).toEqual([0]);
    // The next change is a new version, not the one the rolled-back change had.
    plan.insert(0, 2, 2);
    expect(plan.version(0)).not.toBe(during);
    expect(plan.version(0)).not.toBe(before[0]);
  });
});
