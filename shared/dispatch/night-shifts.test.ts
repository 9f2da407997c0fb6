import { describe, expect, it } from 'vitest';
import { shiftOfDay, type Engineer } from '../domain/index.js';
import { autoDispatch } from './auto.js';
import { rankCandidates } from './candidates.js';
import { checkDay } from './check.js';
import { at, booked, DAY_END, DAY_START, dayAt, engineer, order, TZ } from './fixtures.testing.js';
import { defaultDispatchPolicy } from './policy.js';
import { planningDays } from './slots.js';
import { buildDispatchState, judgedOnDay, toMin } from './state.js';
import { bookingViolations } from './violations.js';

const HOUR = 3_600_000;
const still = { clock: () => 0 };

/** 22:00 to 06:00 the next morning, every night from the evening before the fixture day to the one after it. */
function nightEngineer(id = 'night', overrides: Partial<Engineer> = {}): Engineer {
  return engineer(id, {
    shifts: [-1, 0, 1].map((d) => ({
      start: at('22:00') + d * 24 * HOUR,
      end: at('+1 06:00') + d * 24 * HOUR,
      breaks: [],
    })),
    ...overrides,
  });
}

const day = { start: DAY_START, end: DAY_END };

describe('the shift of a planning day', () => {
  it('is the one that starts that day, not last night’s that ends that morning', () => {
    const night = nightEngineer();
    expect(shiftOfDay(night.shifts, day, at('14:00'))?.start).toBe(at('22:00'));
    // Planned the evening before, too.
    expect(shiftOfDay(night.shifts, day, at('22:00') - 24 * HOUR)?.start).toBe(at('22:00'));
  });

  it('is the shift still running now while planning today, until it ends', () => {
    const night = nightEngineer();
    expect(shiftOfDay(night.shifts, day, at('03:00'))?.start).toBe(at('22:00') - 24 * HOUR);
    expect(shiftOfDay(night.shifts, day, at('06:00'))?.start).toBe(at('22:00'));
    // The list's order does not matter.
    expect(shiftOfDay([...night.shifts].reverse(), day, at('03:00'))?.start).toBe(at('22:00') - 24 * HOUR);
  });

  it('on a day no shift starts on, is the one that overlaps it most: a night crew’s last morning', () => {
    const once = engineer('once', { shifts: [{ start: at('22:00'), end: at('+1 06:00'), breaks: [] }] });
    const tomorrow = { start: DAY_END, end: DAY_END + 24 * HOUR };
    expect(shiftOfDay(once.shifts, tomorrow, at('14:00'))?.start).toBe(at('22:00'));
    // None when no shift touches the day.
    expect(shiftOfDay(once.shifts, { start: DAY_END + 24 * HOUR, end: DAY_END + 48 * HOUR }, at('14:00'))).toBe(
      undefined,
    );
  });

  it('is a shift of more than a day on every day it runs through', () => {
    // On call from 17:00 today to 06:00 the day after tomorrow.
    const long = [{ start: at('17:00'), end: at('+2 06:00'), breaks: [] }];
    const tomorrow = { start: DAY_END, end: DAY_END + 24 * HOUR };
    for (const now of ['16:00', '18:00', '+1 09:00']) expect(shiftOfDay(long, tomorrow, at(now))).toBe(long[0]);
    // A shift starting tomorrow is tomorrow's, however long the one running through it.
    const both = [...long, { start: at('+1 08:00'), end: at('+1 12:00'), breaks: [] }];
    expect(shiftOfDay(both, tomorrow, at('18:00'))).toBe(both[1]);
  });
});

describe('night shifts in the engine', () => {
  it('planning tomorrow leaves tonight’s jobs after midnight on tonight’s shift, where they are', () => {
    const night = nightEngineer();
    const jobs = [booked(order('a'), 'night', '+1 00:30'), booked(order('b'), 'night', '+1 02:22')];
    const input = { now: at('20:00'), timeZone: TZ, engineers: [night], orders: [...jobs, order('t')] };
    const tomorrow = buildDispatchState({ ...input, day: { start: DAY_END, end: DAY_END + 24 * HOUR } });
    // Tomorrow's night engineer works tomorrow night: tonight's jobs are not his day's, nor judged there.
    expect(tomorrow.engineerById.get('night')!.stops).toEqual([]);
    expect(bookingViolations(tomorrow)).toEqual([]);
    const proposal = autoDispatch({}, 30, 1, tomorrow, still);
    expect(proposal.moves.map((m) => m.orderId)).toEqual(['t']);
    expect(proposal.moves[0]?.to?.start).toBeGreaterThanOrEqual(at('+1 22:00'));
    // Tonight's plan holds them.
    const tonight = buildDispatchState({ ...input, day });
    expect(tonight.engineerById.get('night')!.stops.map((x) => x.order.id)).toEqual(['a', 'b']);
  });

  it('plans tomorrow on a shift of more than a day that began today', () => {
    const long = engineer('long', { shifts: [{ start: at('17:00'), end: at('+2 06:00'), breaks: [] }] });
    const tomorrow = buildDispatchState({
      now: at('18:00'),
      day: { start: DAY_END, end: DAY_END + 24 * HOUR },
      timeZone: TZ,
      engineers: [long],
      orders: [order('t')],
    });
    expect(tomorrow.engineerById.get('long')!.unavailable).toBeNull();
    const proposal = autoDispatch({}, 30, 1, tomorrow, still);
    expect(proposal.moves.map((m) => [m.orderId, m.to?.engineerId])).toEqual([['t', 'long']]);
    expect(proposal.moves[0]?.to?.start).toBeGreaterThanOrEqual(DAY_END);
  });

  it('a night engineer planned the day after his last night shift can take work on tonight’s shift', () => {
    const night = nightEngineer();
    const state = dayAt('14:00', [night], [order('t')]);
    const d = state.engineerById.get('night')!;
    expect(d.shift).toEqual({ start: toMin(state, at('22:00')), end: toMin(state, at('+1 06:00')) });
    expect(d.unavailable).toBeNull();
    const [c] = rankCandidates(state.orders.get('t')!, state).candidates;
    expect(c?.feasible).toBe(true);
    expect(c?.slot?.start).toBeGreaterThanOrEqual(at('22:00'));
    expect(c?.slot?.start).toBeLessThan(at('+1 06:00'));
    const proposal = autoDispatch({}, 30, 1, state, still);
    expect(proposal.moves.map((m) => [m.orderId, m.to?.engineerId])).toEqual([['t', 'night']]);
    expect(proposal.moves[0]?.to?.start).toBeGreaterThanOrEqual(at('22:00'));
  });

  it('at 03:00 a night engineer is on the shift he is working', () => {
    const night = nightEngineer();
    const state = dayAt('03:00', [night], [order('t')]);
    const d = state.engineerById.get('night')!;
    expect(d.shift).toEqual({ start: toMin(state, at('22:00') - 24 * HOUR), end: toMin(state, at('06:00')) });
    const [c] = rankCandidates(state.orders.get('t')!, state).candidates;
    expect(c?.feasible).toBe(true);
    expect(c?.slot?.start).toBeLessThan(at('06:00'));
  });

  it('a day-shift engineer keeps his day shift, whenever the day is planned', () => {
    for (const now of ['03:00', '07:00', '14:00']) {
      const state = dayAt(now, [engineer('day')], []);
      expect(state.engineerById.get('day')!.shift).toEqual({ start: 8 * 60, end: 17 * 60 });
    }
  });

  it('sees the jobs of tonight’s shift after midnight, and plans none on top of them', () => {
    const night = nightEngineer();
    const late = booked(order('late'), 'night', '23:30');
    const early = booked(order('early', { durationMin: 120 }), 'night', '+1 01:00');
    const state = dayAt('14:00', [night], [late, early, order('t', { durationMin: 90 })]);
    const d = state.engineerById.get('night')!;
    expect(d.stops.map((s) => s.order.id)).toEqual(['late', 'early']);
    expect(checkDay(state, d)).toEqual([]);
    // An hour and a half fits neither before 23:30 (16 min from base at 22:00) nor between 00:30 and 01:00: after
    // the job at 01:00, at the same site.
    const [c] = rankCandidates(state.orders.get('t')!, state).candidates;
    expect(c?.feasible).toBe(true);
    expect(c?.slot?.start).toBe(at('+1 03:00'));
    // The days' planning states hold them too (slot-finding builds them from each day's bookings only).
    const [built] = planningDays({ now: at('14:00'), timeZone: TZ, engineers: [night], orders: [late, early] }, [
      { start: DAY_START, end: DAY_END },
    ]);
    expect(built!.engineerById.get('night')!.stops.map((s) => s.order.id)).toEqual(['late', 'early']);
  });

  it('judges a job after midnight with the night shift it is on, not with the morning it falls in', () => {
    const night = nightEngineer();
    // Booked past tonight's shift end and overtime: a real problem, and tonight's.
    const early = booked(order('early', { durationMin: 120 }), 'night', '+1 05:30');
    const input = { now: at('14:00'), timeZone: TZ, engineers: [night], orders: [early] };
    const [tonight, tomorrow] = planningDays(input, [day, { start: DAY_END, end: DAY_END + 24 * HOUR }]);
    expect(bookingViolations(tonight!).filter((v) => judgedOnDay(tonight!, v.orderId))).toEqual([
      expect.objectContaining({ orderId: 'early', rule: 'shift' }),
    ]);
    // Tomorrow's plan of him is tomorrow night's: it neither holds nor judges it.
    expect(tomorrow!.engineerById.get('night')!.stops).toEqual([]);
    expect(judgedOnDay(tomorrow!, 'early')).toBe(false);
    expect(bookingViolations(tomorrow!)).toEqual([]);
  });

  it('built on from an earlier state, moves the day to the running shift once now reaches it', () => {
    const night = nightEngineer();
    const input = {
      day,
      timeZone: TZ,
      engineers: [night],
      orders: [],
      policy: defaultDispatchPolicy(),
    };
    const evening = buildDispatchState({ ...input, now: at('20:00') - 24 * HOUR });
    expect(evening.engineerById.get('night')!.shift?.start).toBe(toMin(evening, at('22:00')));
    const later = buildDispatchState({ ...input, now: at('03:00') }, evening);
    const fresh = buildDispatchState({ ...input, now: at('03:00') });
    expect(later.engineerById.get('night')!.shift).toEqual(fresh.engineerById.get('night')!.shift);
    expect(later.engineerById.get('night')!.shift?.end).toBe(toMin(later, at('06:00')));
  });
});
