import { it } from 'vitest';
import { at, booked, dayAt, engineer, order, place } from './fixtures.testing.js';
import { bookingViolations } from './violations.js';
it('debug', () => {
  const a = engineer('a', { shifts: [{ start: at('07:00'), end: at('15:30'), breaks: [{ start: at('12:30'), end: at('13:30') }] }], state: 'on_site', lastPosition: { ...place(3, 0), heading: 0, speed: 0, at: at('12:45') } });
  const x = booked(order('x', { durationMin: 55 }), 'a', '11:27', { status: 'on_site' });
  const y = booked(order('y', { site: { ...place(6, 0), address: 'z' } }), 'a', '13:30');
  const s = dayAt('12:47', [a], [x, y]);
  const d = s.engineers[0]!;
  console.log(JSON.stringify(d.blocks), JSON.stringify(d.stops.map((t) => [t.order.id, t.start, t.end])), s.nowMin, JSON.stringify(d.origin));
  console.log(JSON.stringify(bookingViolations(s)));
});
