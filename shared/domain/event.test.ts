import { describe, expect, it } from 'vitest';
import { compareEvents, type OrderEvent } from './event.js';

const event = (id: string, at: number, clientId: string | null, mutationId: number | null) =>
  ({ id, at, clientId, mutationId }) satisfies Pick<OrderEvent, 'id' | 'at' | 'clientId' | 'mutationId'>;

describe('the order of an audit trail', () => {
  it('is by time, then by mutation and place in it for one client: 10 after 9, not before it as text', () => {
    const trail = [
      event('c-1:10:1', 5, 'c-1', 10),
      event('c-1:10:0', 5, 'c-1', 10),
      event('c-1:9:0', 5, 'c-1', 9),
      event('c-1:2:0', 7, 'c-1', 2),
      event('c-1:9:10', 5, 'c-1', 9),
      event('c-1:9:2', 5, 'c-1', 9),
    ];
    expect([...trail].sort(compareEvents).map((e) => e.id)).toEqual([
      'c-1:9:0',
      'c-1:9:2',
      'c-1:9:10',
      'c-1:10:0',
      'c-1:10:1',
      'c-1:2:0',
    ]);
  });

  it('keeps the order they came in for events of different clients, or of the system, at one time', () => {
    const trail = [event('c-2:1:0', 5, 'c-2', 1), event('seed-3', 5, null, null), event('c-1:7:0', 5, 'c-1', 7)];
    expect([...trail].sort(compareEvents)).toEqual(trail);
  });
});
