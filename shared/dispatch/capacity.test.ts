import { describe, expect, it } from 'vitest';
import { teamCapacity } from './capacity.js';
import { at, booked, DAY_END, dayAt, engineer, order, TZ } from './fixtures.testing.js';
import { defaultDispatchPolicy } from './policy.js';
import { buildDispatchState } from './state.js';

describe('teamCapacity', () => {
  it('counts shift time less breaks and absences, booked work and its driving, what remains and the buffer', () => {
    const away = engineer('away', {
      absences: [{ start: at('14:00'), end: at('15:00'), reason: 'Doctor' }],
    });
    const onLeave = engineer('leave', {
      absences: [{ start: at('00:00'), end: at('23:59'), reason: 'Annual leave' }],
    });
    const other = engineer('other', { team: 'team-b' });
    const jobs = [booked(order('j1'), 'away', '09:00'), booked(order('j2'), 'away', '10:30')];
    const state = dayAt('07:00', [away, onLeave, other], jobs);
    const teams = teamCapacity(state, 15);
    const a = teams.get('team-a');
    // 08:00–17:00 less the lunch break and the hour at the doctor's; the colleague on leave adds nothing.
    expect(a).toMatchObject({ engineers: 1, availableMin: 420, workMin: 120, bufferMin: 63 });
    // Base → site (16 min), the second job at the same site (no drive), and back to base (16 min).
    expect(a?.travelMin).toBe(32);
    expect(a?.remainingMin).toBe(420 - 120 - 32);
    expect(teams.get('team-b')).toMatchObject({ engineers: 1, availableMin: 480, workMin: 0, travelMin: 0 });
    expect(teams.get('team-b')?.remainingMin).toBe(480);
    expect(teams.get('team-b')?.bufferMin).toBe(72);
  });

  it('counts a night shift and a job past midnight on each day for the part in it, never twice', () => {
    // 20:00 to 06:00 the next morning, and a two-hour job from 23:00.
    const night = engineer('night', { shifts: [{ start: at('20:00'), end: at('+1 06:00'), breaks: [] }] });
    const job = booked(order('late', { durationMin: 120 }), 'night', '23:00');
    const first = teamCapacity(dayAt('19:00', [night], [job]), 0).get('team-a')!;
    const second = teamCapacity(
      buildDispatchState({
        now: at('19:00'),
        day: { start: DAY_END, end: DAY_END + 24 * 3_600_000 },
        timeZone: TZ,
        engineers: [night],
        orders: [job],
        policy: defaultDispatchPolicy(),
      }),
      0,
    ).get('team-a')!;
    expect(first).toMatchObject({ engineers: 1, availableMin: 240, workMin: 60 });
    expect(second).toMatchObject({ engineers: 1, availableMin: 360, workMin: 60 });
    // The drive there on the evening it starts, the drive back to base on the morning it ends: once each.
    expect(first.travelMin).toBe(16);
    expect(second.travelMin).toBe(16);
    expect(first.availableMin + second.availableMin).toBe(600);
  });

  it('a day without shifts has no capacity', () => {
    const state = dayAt('07:00', [engineer('off', { shifts: [] })], []);
    expect(teamCapacity(state, 15).get('team-a')).toMatchObject({ engineers: 0, availableMin: 0, bufferMin: 0 });
  });
});
