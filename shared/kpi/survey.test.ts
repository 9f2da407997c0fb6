import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../domain/index.js';
import { csat, nps, surveysOf } from './survey.js';

describe('CSAT', () => {
  it('is the share of scores 4 and 5', () => {
    // 5, 4, 4 satisfied; 3, 1 not: 3 of 5.
    expect(csat([5, 4, 3, 1, 4])).toEqual({ value: 0.6, of: 5 });
    expect(csat([3, 3])).toEqual({ value: 0, of: 2 });
    expect(csat([])).toEqual({ value: null, of: 0 });
  });
});

describe('NPS', () => {
  it('is promoters (9–10) minus detractors (0–6) in points', () => {
    // Promoters 10, 9, 9 (3); passives 8, 7 (2); detractors 6, 0, 3 (3) of 8: (3 − 3) / 8 = 0.
    expect(nps([10, 9, 9, 8, 7, 6, 0, 3])).toEqual({ value: 0, n: 8 });
    // Promoters 10, 9 (2), passive 7, detractor 5 of 4: (2 − 1) / 4 = +25 points.
    expect(nps([10, 9, 7, 5])).toEqual({ value: 25, n: 4 });
    // Only detractors: −100; only passives: 0.
    expect(nps([0, 6])).toEqual({ value: -100, n: 2 });
    expect(nps([7, 8])).toEqual({ value: 0, n: 2 });
    expect(nps([])).toEqual({ value: null, n: 0 });
  });
});

describe('surveys in the event log', () => {
  const event = (kind: OrderEvent['kind'], data: Record<string, unknown>): OrderEvent => ({
    id: `e-${Math.random()}`,
    orderId: 'o-1',
    kind,
    at: 1,
    actor: { kind: 'system', id: 'customer', name: 'Customer' },
    clientId: null,
    mutationId: null,
    data,
  });
  it('reads survey_answered events and skips malformed ones', () => {
    const list = surveysOf([
      event('survey_answered', { satisfaction: 5, recommend: 9, comment: 'quick' }),
      event('survey_answered', { satisfaction: 9, recommend: 9, comment: '' }),
      event('note_added', { satisfaction: 5, recommend: 9, comment: '' }),
    ]);
    expect(list).toEqual([{ orderId: 'o-1', at: 1, answers: { satisfaction: 5, recommend: 9, comment: 'quick' } }]);
  });
});
