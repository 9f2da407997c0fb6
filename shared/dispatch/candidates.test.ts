import { describe, expect, it } from 'vitest';
import { rankCandidates } from './candidates.js';
import { verdictFor } from './verdict.js';
import { at, booked, dayAt, engineer, order, place } from './fixtures.testing.js';
import { clearStart, driveFrom } from './placement.js';

describe('rankCandidates', () => {
  it('ranks feasible engineers by cost, nearest first, and the infeasible after them', () => {
    const engineers = [
      engineer('far', { homeBase: place(15, 0) }),
      engineer('near', { homeBase: place(2.5, 0) }),
      engineer('mid', { homeBase: place(7, 0) }),
      engineer('unskilled', { homeBase: place(3, 0), skills: [] }),
    ];
    const state = dayAt('07:00', engineers, [order('t')]);
    const list = rankCandidates(state.orders.get('t') as never, state);
    expect(list.candidates.map((c) => c.engineerId)).toEqual(['near', 'mid', 'far', 'unskilled']);
    const costs = list.candidates.filter((c) => c.feasible).map((c) => c.cost?.total ?? NaN);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs);
    expect(list.candidates[0]?.summary).toMatch(/^08:\d\d, \d+ min drive, cost \+\d+$/);
    expect(list.candidates[3]?.summary).toBe('needs HVAC level 2, has none');
    expect(list.travelSource).toBe('straight line × 1.35 at 24 km/h');
  });

  it('gives each slot its drive in minutes and km, and the minutes to spare before the SLA', () => {
    const t = order('t', { sla: { respondBy: at('10:00'), resolveBy: at('+1 20:00') } });
    const state = dayAt('07:00', [engineer('a', { homeBase: place(0, 0) })], [t]);
    const [a] = rankCandidates(state.orders.get('t') as never, state).candidates;
    // 3 km east of base, × 1.35 detour: 4.05 km by road (shown to 0.1 km), 5 min parking + 11 min at 24 km/h.
    expect(a?.slot?.travelBeforeKm).toBeCloseTo(4.05, 1);
    expect(a?.slot?.travelBeforeMin).toBe(16);
    expect(a?.slot?.start).toBe(at('08:16'));
    expect(a?.slaSlackMin).toBe(104);
    const late = dayAt(
      '07:00',
      [engineer('a')],
      [{ ...t, sla: { respondBy: at('08:00'), resolveBy: at('+1 20:00') } }],
    );
    expect(rankCandidates(late.orders.get('t') as never, late).candidates[0]?.slaSlackMin).toBe(-16);
  });

  it('a busy engineer costs more than an idle one next door (load balance)', () => {
    const jobs = ['09:00', '10:30', '14:00'].map((t, i) =>
      booked(order(`b${i}`, { site: { ...place(3, 0), address: 'Same' } }), 'busy', t),
    );
    const state = dayAt('07:00', [engineer('busy'), engineer('idle')], [...jobs, order('t', { durationMin: 30 })]);
    const list = rankCandidates(state.orders.get('t') as never, state);
    const busy = list.candidates.find((c) => c.engineerId === 'busy');
    const idle = list.candidates.find((c) => c.engineerId === 'idle');
    expect(busy?.cost?.terms.balance).toBeGreaterThan(idle?.cost?.terms.balance ?? Infinity);
  });

  it('slots avoid the frozen horizon and start on the minute', () => {
    const state = dayAt('10:07', [engineer('a')], [order('t')]);
    const [first] = rankCandidates(state.orders.get('t') as never, state).candidates;
    expect(first?.slot?.start).toBeGreaterThanOrEqual(at('10:37'));
    expect((first?.slot?.start ?? 1) % 60_000).toBe(0);
  });

  it('prices a booked order as a move: its own engineer without it, others with its removal', () => {
    const o = booked(order('t'), 'a', '15:00');
    const state = dayAt('07:00', [engineer('a'), engineer('b', { homeBase: place(3, 0) })], [o]);
    const list = rankCandidates(state.orders.get('t') as never, state);
    const a = list.candidates.find((c) => c.engineerId === 'a');
    const b = list.candidates.find((c) => c.engineerId === 'b');
    // Moving it earlier on its own engineer costs nothing extra: same drives, same work.
    expect(a?.feasible).toBe(true);
    expect(a?.slot?.start).toBeLessThan(at('15:00'));
    expect(a?.cost?.total).toBeCloseTo(0, 6);
    expect(b?.cost?.terms.balance).toBeCloseTo(0, 6);
    expect(b?.cost?.travelMin).toBeLessThan(0);
  });

  it('agrees with verdictFor on the slot it proposes', () => {
    const jobs = [
      booked(order('x', { site: { ...place(1, 4), address: 'A' } }), 'a', '09:30'),
      booked(order('y'), 'b', '13:00'),
    ];
    const state = dayAt(
      '07:00',
      [engineer('a'), engineer('b', { homeBase: place(-3, 2) })],
      [...jobs, order('t', { durationMin: 50 })],
    );
    const t = state.orders.get('t') as never;
    for (const c of rankCandidates(t, state).candidates) {
      if (!c.slot) continue;
      const drop = verdictFor(t, c.engineerId, c.slot.start, state);
      expect(drop.feasible).toBe(true);
      expect(drop.cost?.total).toBeCloseTo(c.cost?.total ?? NaN, 6);
      // One minute earlier is never also allowed: the slot is the earliest in its gap.
      expect(verdictFor(t, c.engineerId, c.slot.start - 60_000, state).feasible).toBe(false);
    }
  });
});

describe('the day timeline', () => {
  const lunch = [{ start: 720, end: 780, what: 'break' }];
  it('a drive pauses for lunch', () => {
    expect(driveFrom(lunch, 710, 20)).toBe(790);
    expect(driveFrom(lunch, 690, 20)).toBe(710);
    expect(driveFrom(lunch, 730, 20)).toBe(800);
  });
  it('work starts clear of breaks', () => {
    expect(clearStart(lunch, 700, 30)).toBe(780);
    expect(clearStart(lunch, 660, 60)).toBe(660);
    expect(clearStart([...lunch, { start: 800, end: 900, what: 'Training' }], 700, 30)).toBe(900);
  });
});
