import type { OrderEvent } from '../domain/index.js';
import type { Scenario } from './schema.js';

const INTAKE = { kind: 'system' as const, id: 'intake', name: 'Call intake' };
const PLANNING = { kind: 'system' as const, id: 'planning', name: "Yesterday's planning" };

/**
 * The audit trail of a generated day up to its start: every order was created when the customer called, and the
 * backlog already booked was assigned (and some sent to the device) by yesterday's planning. A day already played
 * (a warm start) brings its own trail.
 */
export function scenarioEvents(city: Pick<Scenario, 'orders' | 'events'>): OrderEvent[] {
  if (city.events) return city.events;
  const events: OrderEvent[] = [];
  for (const o of city.orders) {
    events.push({
      id: `seed:${o.id}:created`,
      orderId: o.id,
      kind: 'created',
      at: o.createdAt,
      actor: INTAKE,
      clientId: null,
      mutationId: null,
      data: { priority: o.priority, type: o.type },
    });
    if (!o.booking) continue;
    events.push({
      id: `seed:${o.id}:assigned`,
      orderId: o.id,
      kind: 'assigned',
      at: o.updatedAt,
      actor: PLANNING,
      clientId: null,
      mutationId: null,
      data: { engineerId: o.booking.engineerId, start: o.booking.start, end: o.booking.end, pinned: o.booking.pinned },
    });
    if (o.status === 'dispatched')
      events.push({
        id: `seed:${o.id}:dispatched`,
        orderId: o.id,
        kind: 'status_changed',
        at: o.updatedAt,
        actor: PLANNING,
        clientId: null,
        mutationId: null,
        data: { from: 'scheduled', to: 'dispatched' },
      });
  }
  return events;
}
