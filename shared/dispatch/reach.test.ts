import { describe, expect, it } from 'vitest';
import type { Engineer, GeoPoint, WorkOrder } from '../domain/index.js';
import { autoDispatch } from './auto.js';
import { bestPlacement, earliestPlacement, jobFor } from './best-slot.js';
import { rankCandidates } from './candidates.js';
import { checkDay } from './check.js';
import { at, booked, DAY_END, DAY_START, engineer, order, place, TZ } from './fixtures.testing.js';
import { defaultDispatchPolicy, type DispatchPolicy } from './policy.js';
import { buildDispatchState, type DispatchState } from './state.js';
import { verdictFor } from './verdict.js';
import { bookingViolations } from './violations.js';

const MIN = 60_000;

/** The fixture day at an instant (to the millisecond), default policy unless changed. */
function stateAt(now: number, engineers: Engineer[], orders: WorkOrder[], policy: Partial<DispatchPolicy> = {}) {
  return buildDispatchState({
    now,
    day: { start: DAY_START, end: DAY_END },
    timeZone: TZ,
    engineers,
    orders,
    policy: { ...defaultDispatchPolicy(), ...policy },
  });
}

/** Engineer a, at work since 08:00 and standing at `where`, as the device reported a moment before `now`. */
function standingAt(where: GeoPoint, now: number, state: Engineer['state'] = 'available'): Engineer {
  return engineer('a', { state, lastPosition: { ...where, heading: 0, speed: 0, at: now - 5_000 } });
}

/** 15 km east of People's Square: 20.25 km by road at 24 km/h and 5 min parking, 56 min from the centre. */
const far = () => order('far', { durationMin: 30, site: { ...place(15, 0), address: '15 km east' } });
const DRIVE = 56;

/** The booking the engine's earliest slot for `o` on engineer a makes, and that start. */
function earliestBooking(state: DispatchState, o: WorkOrder): { booking: WorkOrder; start: number } {
  const day = state.engineerById.get('a')!;
  const p = earliestPlacement(state, day, jobFor(state, o));
  if (!p) throw new Error('no slot');
  const start = DAY_START + p.start * MIN;
  return {
    booking: {
      ...o,
      status: 'scheduled',
      booking: { engineerId: 'a', start, end: start + o.durationMin * MIN, pinned: false },
    },
    start,
  };
}

describe('a booking at the earliest start the engine found stays in reach while only the clock moves on', () => {
  // 10:00:20, the engineer idle in the centre: the engine's earliest start is 10:57 (the drive outlasts the frozen
  // horizon). Judged again up to the grace later, with the engineer still there, it is in reach; only when the clock
  // has run past the grace is it out of reach (the engineer, still there, would be more than that late).
  const t0 = at('10:00') + 20_000;

  for (const from of ['last reported position', 'home base'] as const) {
    it(`from the ${from}`, () => {
      const a = (now: number) =>
        from === 'home base' ? engineer('a', { state: 'available' }) : standingAt(place(0, 0), now);
      const o = far();
      const state = stateAt(t0, [a(t0)], [o]);
      const day = state.engineerById.get('a')!;
      const job = jobFor(state, o);
      const { booking, start } = earliestBooking(state, o);
      expect(start).toBe(at('10:57'));
      // The other ways the engine offers it agree: the cheapest slot of the day and the candidate list's.
      const best = bestPlacement(state, day, job);
      expect('placement' in best && DAY_START + best.placement.start * MIN).toBe(start);
      expect(rankCandidates(o, state).candidates[0]?.slot?.start).toBe(start);

      for (const later of [0, 1, 5, 9]) {
        const now = t0 + later * MIN;
        const judged = stateAt(now, [a(now)], [booking]);
        expect(bookingViolations(judged), `${later} min later`).toEqual([]);
        expect(checkDay(judged, judged.engineerById.get('a')!), `${later} min later`).toEqual([]);
        // The list's slot, booked a while after the list was ranked: the drop's check agrees.
        const drop = verdictFor(o, 'a', start, stateAt(now, [a(now)], [o]));
        expect(
          drop.verdicts.filter((v) => v.hard && v.status === 'fail'),
          `${later} min later`,
        ).toEqual([]);
      }

      const late = t0 + 20 * MIN;
      const judged = stateAt(late, [a(late)], [booking]);
      expect(bookingViolations(judged)).toEqual([
        {
          orderId: 'far',
          engineerId: 'a',
          rule: 'overlap',
          reason: `cannot get there from ${from} before 11:${from === 'home base' ? '17' : '16'}`,
          say: expect.anything() as unknown,
        },
      ]);
    });
  }

  it('from home base before the shift, and from the position reported at base once it has begun', () => {
    // Booked at 07:00 for the first start from base (08:00 + 56 min); at 08:03 the engineer, at work at base, has not
    // set off yet: the day now starts from the position and now, and the booking is still in reach.
    const o = far();
    const { booking, start } = earliestBooking(stateAt(at('07:00'), [engineer('a')], [o]), o);
    expect(start).toBe(at('08:56'));
    const now = at('08:03');
    expect(bookingViolations(stateAt(now, [standingAt(place(0, 0), now)], [booking]))).toEqual([]);
  });

  it('after a job that runs over: the next one booked at the earliest after it', () => {
    // On site at 09:00 for an hour, still there at 10:10; the engine's earliest start for the far job after it is the
    // drive from there, now. A few minutes on, still on site, it is in reach.
    const here = order('here', { site: { ...place(0, 0), address: 'centre' } });
    const onSite = booked(here, 'a', '09:00', { status: 'on_site' });
    const t = at('10:10') + 20_000;
    const o = far();
    const state = stateAt(t, [standingAt(place(0, 0), t, 'on_site')], [onSite, o]);
    const { booking, start } = earliestBooking(state, o);
    expect(start).toBe(at('11:07'));
    for (const later of [1, 5]) {
      const now = t + later * MIN;
      expect(bookingViolations(stateAt(now, [standingAt(place(0, 0), now, 'on_site')], [onSite, booking]))).toEqual([]);
    }
  });

  it('the auto-dispatch proposal, accepted, is in reach then and a few minutes later', () => {
    // The autopilot's frozen horizon (10 min) is shorter than the drive: the proposal starts the job at now + drive.
    const policy = { frozenHorizonMin: 10 };
    const t = at('10:00') + 20_000;
    const o = far();
    const proposal = autoDispatch({}, 30, 1, stateAt(t, [standingAt(place(0, 0), t)], [o], policy), {
      clock: () => 0,
    });
    const move = proposal.moves.find((m) => m.orderId === 'far');
    expect(move?.to?.start).toBe(at('10:57'));
    const b = { ...o, status: 'scheduled' as const, booking: { ...move!.to!, pinned: false } };
    for (const later of [0, 1, 5]) {
      const now = t + later * MIN;
      expect(bookingViolations(stateAt(now, [standingAt(place(0, 0), now)], [b], policy)), `${later}`).toEqual([]);
    }
  });

  it('on the way there: judged by when the engineer will arrive from where they are', () => {
    // Set off at once and driving straight there at the planned pace (24 km/h by road, 1.35 × the straight line):
    // the arrival from each reported position stays 10:57, whether the device has said "on the way" yet or not.
    const o = far();
    const { booking, start } = earliestBooking(stateAt(t0, [standingAt(place(0, 0), t0)], [o]), o);
    const kmPerMin = 24 / 1.35 / 60;
    for (const later of [1, 5, 20, 40, 50]) {
      const now = t0 + later * MIN;
      const driving = standingAt(place(later * kmPerMin, 0), now, 'en_route');
      for (const status of ['dispatched', 'en_route'] as const)
        expect(bookingViolations(stateAt(now, [driving], [{ ...booking, status }])), `${later} ${status}`).toEqual([]);
    }
    expect(start).toBe(at('10:57'));
    // Driving the other way instead, without having said it set off: out of reach once the arrival is past the grace.
    const now = t0 + 10 * MIN;
    const away = standingAt(place(-3, 0), now, 'en_route');
    expect(bookingViolations(stateAt(now, [away], [booking])).map((v) => v.rule)).toEqual(['overlap']);
  });
});

describe('what stays out of reach whatever the clock', () => {
  it('a job the plan never reached in time stays marked as the job before it ends', () => {
    // 09:00–10:00 3 km east, then 10:05 in the centre: the 16 min drive never fitted. Before, as and after the first job
    // was to end (the engineer still on site), the second is marked: the grace is for the clock, not for the plan.
    const first = booked(order('first', { site: { ...place(3, 0), address: '3 km east' } }), 'a', '09:00', {
      status: 'on_site',
    });
    const second = booked(order('second', { site: { ...place(0, 0), address: 'centre' } }), 'a', '10:05');
    for (const now of ['09:50', '10:00', '10:01', '10:03']) {
      const judged = stateAt(at(now), [engineer('a', { state: 'on_site' })], [first, second]);
      expect(
        bookingViolations(judged).map((v) => [v.orderId, v.rule]),
        now,
      ).toEqual([['second', 'overlap']]);
    }
  });

  it('a first job the engineer could not reach from base even leaving at the start of the shift', () => {
    // 3 km from base, 16 min: 08:10 is out of reach at 07:00 and stays so once the shift has begun (the engineer,
    // still at base at 08:01, would be only 7 min late: the plan was wrong, not the clock).
    const o = booked(order('early', { durationMin: 30 }), 'a', '08:10');
    expect(bookingViolations(stateAt(at('07:00'), [engineer('a')], [o])).map((v) => v.rule)).toEqual(['overlap']);
    const now = at('08:01');
    expect(bookingViolations(stateAt(now, [engineer('a', { state: 'available' })], [o])).map((v) => v.rule)).toEqual([
      'overlap',
    ]);
  });

  it('a drop past the grace: the engineer free now would be more than that late', () => {
    // From the centre at 10:00, 15 km east is 10:56 at the earliest; a drop at 10:50 is within the grace (6 min late), at
    // 10:45 it is not (11 min late), and the drop says when the engineer would arrive.
    const now = at('10:00');
    const o = far();
    const state = stateAt(now, [standingAt(place(0, 0), now)], [o]);
    const fails = (hhmm: string) =>
      verdictFor(o, 'a', at(hhmm), state)
        .verdicts.filter((v) => v.hard && v.status === 'fail')
        .map((v) => [v.rule, v.reason]);
    expect(fails('10:56')).toEqual([]);
    expect(fails('10:50')).toEqual([]);
    expect(fails('10:45')).toEqual([
      ['overlap', `needs ${DRIVE} min to drive from last reported position (from 10:00): arrives 10:56`],
    ]);
    // Without a grace the engineer's earliest arrival is the earliest start.
    const strict = stateAt(now, [standingAt(place(0, 0), now)], [o], { reachGraceMin: 0 });
    expect(verdictFor(o, 'a', at('10:55'), strict).feasible).toBe(false);
  });
});
