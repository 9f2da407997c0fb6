import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../shared/domain/index.js';
import { Cache } from './cache.js';

let dir: string;
let cache: Cache;
afterEach(() => {
  cache.close();
  rmSync(dir, { recursive: true, force: true });
});

const AT = 1_772_445_600_000;
const event = (mutationId: number): OrderEvent => ({
  id: `c-1:${mutationId}:0`,
  orderId: 'wo-1',
  kind: 'note_added',
  at: AT,
  actor: { kind: 'user', id: 'dispatcher-1', name: 'Zhou Min' },
  clientId: 'c-1',
  mutationId,
  data: { text: `note ${mutationId}` },
});

describe("the cache's audit trail", () => {
  it('lists events that share a time in the order they came, not by their ids as text (10 after 9)', () => {
    dir = mkdtempSync(join(tmpdir(), 'cache-events-'));
    cache = new Cache(join(dir, 'cache.sqlite'));
    const events = Array.from({ length: 12 }, (_, i) => event(i + 1));
    // One pending (acted on here, not yet pulled back), the rest as the server sent them.
    for (const e of events) cache.putEvent(e, e.mutationId === 12);
    const texts = events.map((e) => e.data.text);
    expect(cache.eventsForOrder('wo-1').map((e) => e.data.text)).toEqual(texts);
    expect(cache.eventsBetween(AT, AT + 1).map((e) => e.data.text)).toEqual(texts);
    expect(cache.eventsOfKindSince('note_added', AT).map((e) => e.data.text)).toEqual(texts);
    // Pulled back, the pending one keeps its place.
    cache.putEvent(events[11]!, false);
    expect(cache.eventsForOrder('wo-1').map((e) => e.data.text)).toEqual(texts);
  });

  it("puts an order's creation first among the events of its instant, whichever came in first", () => {
    dir = mkdtempSync(join(tmpdir(), 'cache-events-'));
    cache = new Cache(join(dir, 'cache.sqlite'));
    // A first sync brings events by id: the booking the greedy dispatcher made the instant the call was logged
    // (warm-greedy:…) comes before the call itself (warm-intake:…).
    const assigned: OrderEvent = {
      ...event(1),
      id: 'warm-greedy:68:0',
      kind: 'assigned',
      actor: { kind: 'user', id: 'dispatcher-greedy', name: 'Greedy dispatcher' },
      data: { engineerId: 'eng-0001', start: AT + 3_600_000 },
    };
    const created: OrderEvent = {
      ...event(2),
      id: 'warm-intake:80:0',
      kind: 'created',
      actor: { kind: 'system', id: 'intake', name: 'Call intake' },
      data: {},
    };
    cache.putEvent(assigned, false);
    cache.putEvent(created, false);
    cache.putEvent({ ...event(3), at: AT + 1 }, false);
    expect(cache.eventsForOrder('wo-1').map((e) => e.kind)).toEqual(['created', 'assigned', 'note_added']);
  });
});
