import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../shared/scenario/index.js';
import { TrackingView, buildView } from './view.js';

const city = generateScenario({ seed: 4, engineers: 10, orders: 60 });

describe('the tracking view of a booked order', () => {
  it('without an appointment window gives the planned arrival (the booking’s start), and no window', () => {
    const order = city.orders.find((o) => o.status === 'dispatched' && o.booking && !o.window)!;
    const engineer = city.engineers.find((e) => e.id === order.booking!.engineerId)!;
    const view = TrackingView.parse(
      buildView({
        order: { ...order, priority: 'P1' },
        events: [],
        engineer,
        position: null,
        expiresAt: Infinity,
        timeZone: city.meta.timeZone,
        now: order.booking!.start - 3_600_000,
      }),
    );
    expect(view).toMatchObject({ status: 'booked', window: null, planned: order.booking!.start });
  });

  it('with a window gives the window as promised, and the planned arrival beside it', () => {
    const order = city.orders.find((o) => o.status === 'scheduled' && o.booking && o.window)!;
    const view = buildView({
      order,
      events: [],
      engineer: null,
      position: null,
      expiresAt: Infinity,
      timeZone: city.meta.timeZone,
      now: order.booking!.start - 3_600_000,
    });
    expect(view).toMatchObject({ window: order.window, planned: order.booking!.start });
  });
});
