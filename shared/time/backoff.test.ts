import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles its delay from the base up to the ceiling', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, 100, 1_000, () => 1))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(8, 100, 1_000, () => 1)).toBe(1_000);
    expect(backoffDelay(5_000, 100, 1_000, () => 1)).toBe(1_000);
  });

  it('waits between half and all of the ceiling', () => {
    expect(backoffDelay(8, 100, 1_000, () => 0)).toBe(500);
    expect(backoffDelay(8, 100, 1_000, () => 0.5)).toBe(750);
    expect(backoffDelay(0, 100, 1_000, () => 0)).toBe(50);
  });
});
