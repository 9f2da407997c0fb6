import { describe, expect, it } from 'vitest';
import { generateScenario, scenarioEvents } from '../scenario/index.js';
import { DeviceView } from './device-view.js';
import { RECENT_JOB_MS, jobOf } from './reads.js';

const city = generateScenario({ seed: 12, engineers: 12, orders: 50 });
const order = city.orders.find((o) => o.status === 'scheduled')!;
const events = scenarioEvents(city).filter((e) => e.orderId === order.id);

describe('DeviceView', () => {
  it('holds the contact of a job still to do and none of one finished', () => {
    expect(jobOf(order)).toBe(order);
    const done = jobOf({ ...order, status: 'completed' });
    expect(done.customer).toEqual({
      id: order.customer.id,
      tier: order.customer.tier,
      language: order.customer.language,
    });
    expect(done.site).toEqual({ lat: order.site.lat, lon: order.site.lon });
  });

  it('drops a removed job with its events, and lets go of a finished job once it is no longer recent', () => {
    const view = new DeviceView();
    const finished = { ...order, id: 'wo-done', status: 'completed' as const, updatedAt: 1_000 };
    view.apply({
      kind: 'reset',
      changes: [
        { entity: 'job', value: jobOf(order) },
        { entity: 'job', value: jobOf(finished) },
        ...events.map((value) => ({ entity: 'event' as const, value })),
      ],
    });
    expect(events.length).toBeGreaterThan(0);
    expect(view.events.size).toBe(events.length);
    view.apply({ kind: 'changes', changes: [{ entity: 'removed', value: { entity: 'job', id: order.id } }] });
    expect([...view.jobs.keys()]).toEqual(['wo-done']);
    expect(view.events.size).toBe(0);
    view.forget(1_000 + RECENT_JOB_MS);
    expect(view.jobs.has('wo-done')).toBe(true);
    view.forget(1_001 + RECENT_JOB_MS);
    expect(view.jobs.size).toBe(0);
  });
});
