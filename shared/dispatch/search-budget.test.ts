import { describe, expect, it } from 'vitest';
import { CONSTRUCTION_MS_PER_JOB, iterationsFor, MS_PER_ITERATION_PER_JOB } from './search-budget.js';

describe('iterationsFor', () => {
  // bench:engine's auto-dispatch day: 636 jobs for 88 engineers, a 10 s budget.
  const day = { nJobs: 636, nVehicles: 88 };

  it('buys the weighted mode one step per MS_PER_ITERATION_PER_JOB per job and engineer of what is left after construction', () => {
    const searchMs = 10_000 * 0.75 - CONSTRUCTION_MS_PER_JOB * day.nJobs;
    expect(iterationsFor(10_000, { ...day, nClasses: 0 })).toBe(
      Math.floor(searchMs / (MS_PER_ITERATION_PER_JOB * (day.nJobs + day.nVehicles))),
    );
  });

  it('buys priority-first, whose steps try each job only near it, as many more steps as they are cheaper', () => {
    // Measured on that day: a priority-first step costs 0.54 times a weighted one, so the budget buys 1.85 times the
    // steps; with the weighted count the search ended at about half its budget.
    const weighted = iterationsFor(10_000, { ...day, nClasses: 0 });
    const priorityFirst = iterationsFor(10_000, { ...day, nClasses: 4 });
    expect(priorityFirst / weighted).toBeGreaterThan(1.7);
    expect(priorityFirst / weighted).toBeLessThanOrEqual(1.85);
  });

  it('does not buy a small priority-first day more steps than a weighted one: there its steps cost as much or more', () => {
    const small = { nJobs: 40, nVehicles: 6 };
    expect(iterationsFor(2_000, { ...small, nClasses: 4 })).toBeLessThanOrEqual(
      iterationsFor(2_000, { ...small, nClasses: 0 }),
    );
  });

  it('leaves nothing to search when construction takes the budget', () => {
    expect(iterationsFor(100, { ...day, nClasses: 4 })).toBe(0);
  });
});
