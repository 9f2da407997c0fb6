import { describe, expect, it } from 'vitest';
import { coolingShare } from './search.js';

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
