import { describe, expect, it } from 'vitest';
import { cancelStakes } from './cancel-ask.js';

const booking = { engineerId: 'e-1', start: 0, end: 3_600_000, pinned: false };

describe('asking before an order is cancelled', () => {
  it('asks for a P1 or P2, and for any booked order, saying which', () => {
    expect(cancelStakes({ priority: 'P1', booking: null })).toEqual({ urgent: true, booked: false });
    expect(cancelStakes({ priority: 'P2', booking })).toEqual({ urgent: true, booked: true });
    expect(cancelStakes({ priority: 'P4', booking })).toEqual({ urgent: false, booked: true });
  });

  it('cancels a P3 or P4 still in the queue at once', () => {
    expect(cancelStakes({ priority: 'P3', booking: null })).toBeNull();
    expect(cancelStakes({ priority: 'P4', booking: null })).toBeNull();
  });
});
