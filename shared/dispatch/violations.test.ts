import { describe, expect, it } from 'vitest';
import type { WorkOrder } from '../domain/index.js';
import { at, booked, dayAt, engineer, order, place } from './fixtures.testing.js';
import { verdictFor } from './verdict.js';
import { bookingViolations } from './violations.js';

const hvac3 = engineer('a', { skills: [{ skill: 'hvac', level: 3 }] });

/** The violations of a day at 07:00 with these bookings, and the drop verdict each booking would have had. */
function judge(orders: WorkOrder[], engineers = [hvac3]) {
  const state = dayAt('07:00', engineers, orders);
  const violations = bookingViolations(state);
  const dropOf = (o: WorkOrder) => {
    const queued = { ...o, status: 'new' as const, booking: null };
    const before = dayAt(
      '07:00',
      engineers,
      orders.map((x) => (x.id === o.id ? queued : x)),
    );
    return verdictFor(queued, o.booking!.engineerId, o.booking!.start, before);
  };
  return { violations, dropOf };
}

describe('bookings that break a hard rule, as the cache holds them', () => {
  it('a sound day has none; a soft rule (another engineer preferred) is no violation', () => {
    const { violations } = judge([
      booked(order('x'), 'a', '09:00'),
      booked(order('y', { preferredEngineerIds: ['b'] }), 'a', '14:00'),
    ]);
    expect(violations).toEqual([]);
  });

  it('does not blame work under way for not being reachable in time: the engineer is on the way, or there', () => {
    // At 10:15 the engineer is on site at the 10:00 job (his device says so, from the site) and on the way to nothing
    // else; another is on the way to a 10:00 job 6 km off. Neither can "get there before 10:00" from where they are
    // now, and neither is a broken rule.
    const fresh = (e: string, where: { lat: number; lon: number }) =>
      engineer(e, { state: 'on_site', lastPosition: { ...where, heading: 0, speed: 0, at: at('10:14') } });
    const onSite = booked(order('on-site', { site: { ...place(3, 0), address: 'x' } }), 'a', '10:00', {
      status: 'on_site',
    });
    const onTheWay = booked(order('on-the-way', { site: { ...place(6, 0), address: 'y' } }), 'b', '10:00', {
      status: 'en_route',
    });
    const state = dayAt(
      '10:15',
      [fresh('a', place(3, 0)), { ...fresh('b', place(0, 0)), state: 'en_route' }],
      [onSite, onTheWay, booked(order('next'), 'a', '13:00')],
    );
    expect(bookingViolations(state)).toEqual([]);
  });

  it('names the break a drive between two bookings waits out: the end and the drive alone would seem to fit', () => {
    // WO-x ends 12:00 at 3 km east; WO-y starts 13:00 at 9 km east, a 26 min drive. Twenty-six minutes after 12:00 is
    // before 13:00, but the break 12:00–13:00 comes first: the engineer gets there at 13:26.
    const x = booked(order('x'), 'a', '11:00');
    const y = booked(order('y', { site: { ...place(9, 0), address: 'z' } }), 'a', '13:00');
    const { violations } = judge([x, y]);
    const reasons = violations.filter((v) => v.orderId === 'y').map((v) => [v.rule, v.reason]);
    expect(reasons).toEqual([
      [
        'overlap',
        'starts 13:00 but P3 WO-x ends 12:00; with the break 12:00–13:00 in between, the 26 min drive gets there at 13:26',
      ],
    ]);
    expect(violations.find((v) => v.orderId === 'y')?.say).toEqual([
      {
        id: 'driveTooLongBreak',
        args: { time: '13:00', order: 'P3 WO-x', end: '12:00', min: 26, from: '12:00', to: '13:00', arrive: '13:26' },
      },
    ]);
  });

  it('names the rule and the reason for an engineer without the skill, the part, the shift or the promised time', () => {
    const skill = booked(order('skill', { requiredSkills: [{ skill: 'electrical', level: 2 }] }), 'a', '09:00');
    const part = booked(order('part', { requiredParts: [{ part: 'p-filter', qty: 9 }] }), 'a', '10:30');
    const late = booked(order('late'), 'a', '17:30');
    const window = booked(order('window', { window: { start: at('08:00'), end: at('09:00') } }), 'a', '14:00');
    const { violations, dropOf } = judge([skill, part, late, window]);
    const byOrder = (id: string) => violations.filter((v) => v.orderId === id).map((v) => [v.rule, v.reason]);
    expect(byOrder('skill')).toEqual([['skills', 'needs Electrical level 2, has none']]);
    expect(byOrder('part')).toEqual([['parts', 'needs 9 × Air filter F7, van carries 4']]);
    expect(byOrder('late').map(([rule]) => rule)).toContain('shift');
    expect(byOrder('window')).toEqual([['window', 'starts 14:00, outside 08:00–09:00']]);
    for (const o of [skill, part, late, window]) {
      // The drop that made each booking was judged by the same rules: refused, for the same rule.
      const drop = dropOf(o);
      expect(drop.feasible).toBe(false);
      const failed = drop.verdicts.filter((v) => v.hard && v.status === 'fail').map((v) => v.rule);
      for (const [rule] of byOrder(o.id)) expect(failed).toContain(rule);
    }
    expect(violations.every((v) => v.engineerId === 'a')).toBe(true);
  });

  it('says why a booking breaks the shift as the drop that made it was told: the shift end and the overtime allowed', () => {
    // Shift 08:00–17:00, 60 min overtime allowed: a job ending 18:30 ends past both; one ending 17:45 is in overtime,
    // but the drive home (3 km) brings the engineer back past 18:00.
    const ends = booked(order('ends', { durationMin: 90 }), 'a', '17:00');
    const home = booked(order('home', { durationMin: 45 }), 'b', '17:00');
    const b = engineer('b', { skills: [{ skill: 'hvac', level: 3 }] });
    const { violations, dropOf } = judge([ends, home], [hvac3, b]);
    const shiftOf = (id: string) => violations.find((v) => v.orderId === id && v.rule === 'shift');
    expect(shiftOf('ends')?.reason).toBe('ends 18:30, past the shift end 17:00 plus 60 min overtime allowed');
    expect(shiftOf('home')?.reason).toMatch(
      /^back at base 18:\d\d, past the shift end 17:00 plus 60 min overtime allowed$/,
    );
    for (const o of [ends, home]) {
      const drop = dropOf(o).verdicts.find((v) => v.rule === 'shift');
      expect(drop?.status).toBe('fail');
      expect(shiftOf(o.id)).toMatchObject({ reason: drop?.reason, say: drop?.say });
    }
    // Without overtime allowed the reason says the shift end alone.
    const none = bookingViolations(dayAt('07:00', [hvac3], [ends], { maxOvertimeMin: 0 }));
    expect(none.find((v) => v.rule === 'shift')?.reason).toBe('ends 18:30, past the shift end 17:00');
  });

  it('marks the booking that overlaps another, once per rule', () => {
    const first = booked(order('first', { durationMin: 120 }), 'a', '09:00');
    const second = booked(order('second'), 'a', '10:00');
    const { violations } = judge([first, second]);
    expect(violations).toMatchObject([
      {
        orderId: 'second',
        engineerId: 'a',
        rule: 'overlap',
        reason: expect.stringContaining('P3 WO-first ends 11:00') as string,
      },
    ]);
  });

  it('an engineer who does not work that day breaks the shift rule for every booking', () => {
    const off = engineer('off', { shifts: [] });
    const { violations } = judge([booked(order('x'), 'off', '09:00')], [hvac3, off]);
    expect(violations).toMatchObject([
      { orderId: 'x', engineerId: 'off', rule: 'shift', reason: 'has no shift this day' },
    ]);
  });
});
