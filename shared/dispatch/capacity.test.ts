import { describe, expect, it } from 'vitest';
import { teamCapacity } from './capacity.js';
import { at, booked, dayAt, engineer, order } from './fixtures.testing.js';

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

  it('a day without shifts has no capacity', () => {
    const state = dayAt('07:00', [engineer('off', { shifts: [] })], []);
    expect(teamCapacity(state, 15).get('team-a')).toMatchObject({ engineers: 0, availableMin: 0, bufferMin: 0 });
  });
});
