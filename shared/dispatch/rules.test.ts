import { describe, expect, it } from 'vitest';
import { rankCandidates, type Candidate } from './candidates.js';
import { verdictFor } from './verdict.js';
import { at, booked, DAY_END, DAY_START, dayAt, engineer, order, place, TZ } from './fixtures.testing.js';
import { DispatchPolicy, defaultDispatchPolicy } from './policy.js';
import { buildDispatchState } from './state.js';
import type { RuleId } from './rules.js';

function verdict(c: Candidate | { verdicts: Candidate['verdicts'] }, rule: RuleId) {
  const v = c.verdicts.find((x) => x.rule === rule);
  if (!v) throw new Error(`no verdict for ${rule}`);
  return v;
}

function only(
  engineers: Parameters<typeof dayAt>[1],
  orders: Parameters<typeof dayAt>[2],
  target: string,
  now = '07:00',
) {
  const state = dayAt(now, engineers, orders);
  const o = state.orders.get(target);
  if (!o) throw new Error('no target');
  const list = rankCandidates(o, state);
  return { state, order: o, list, first: list.candidates[0] as Candidate };
}

describe('hard rules, each accepting and rejecting with its reason', () => {
  it('customer exclusion', () => {
    const { first } = only([engineer('a')], [order('t', { excludedEngineerIds: ['a'] })], 't');
    expect(first.feasible).toBe(false);
    expect(verdict(first, 'excluded')).toMatchObject({
      status: 'fail',
      reason: 'the customer asked not to send Engineer a',
    });
    const ok = only([engineer('a')], [order('t')], 't').first;
    expect(verdict(ok, 'excluded').status).toBe('pass');
  });

  it('skills and levels', () => {
    const low = engineer('low', { skills: [{ skill: 'hvac', level: 1 }] });
    const none = engineer('none', { skills: [{ skill: 'electrical', level: 5 }] });
    const good = engineer('good', { skills: [{ skill: 'hvac', level: 3 }] });
    const { list } = only([low, none, good], [order('t', { requiredSkills: [{ skill: 'hvac', level: 3 }] })], 't');
    const by = (id: string) => list.candidates.find((c) => c.engineerId === id) as Candidate;
    expect(verdict(by('low'), 'skills')).toMatchObject({ status: 'fail', reason: 'needs HVAC level 3, has 1' });
    expect(verdict(by('none'), 'skills')).toMatchObject({ status: 'fail', reason: 'needs HVAC level 3, has none' });
    expect(verdict(by('good'), 'skills')).toMatchObject({ status: 'pass', reason: 'HVAC 3 (needs 3)' });
    expect(by('good').feasible).toBe(true);
  });

  it('engineers in the same case share one read-only verdict, and each case keeps its own words', () => {
    const skilled = (id: string, level: number) => engineer(id, { skills: [{ skill: 'hvac', level }] });
    const engineers = [skilled('a', 3), skilled('b', 3), skilled('c', 4), skilled('d', 1), skilled('e', 1)];
    const { list } = only(engineers, [order('t', { requiredSkills: [{ skill: 'hvac', level: 3 }] })], 't');
    const by = (id: string) => verdict(list.candidates.find((c) => c.engineerId === id) as Candidate, 'skills');
    expect(by('a')).toBe(by('b'));
    expect(by('d')).toBe(by('e'));
    expect(Object.isFrozen(by('a'))).toBe(true);
    expect([by('a').reason, by('c').reason, by('d').reason]).toEqual([
      'HVAC 3 (needs 3)',
      'HVAC 4 (needs 3)',
      'needs HVAC level 3, has 1',
    ]);
    expect(by('c').say).toEqual([{ id: 'skillHeld', args: { skill: 'hvac', has: 4, level: 3 } }]);
    // Another order in the same state: a case met before reads as it did, a new one with its own words.
    const state = dayAt('07:00', engineers, [order('u', { requiredSkills: [{ skill: 'hvac', level: 4 }] })]);
    const again = rankCandidates(state.orders.get('u')!, state);
    const byU = (id: string) => verdict(again.candidates.find((c) => c.engineerId === id) as Candidate, 'skills');
    expect([byU('a').reason, byU('c').reason, byU('d').reason]).toEqual([
      'needs HVAC level 4, has 3',
      'HVAC 4 (needs 4)',
      'needs HVAC level 4, has 1',
    ]);
  });

  it('an appointment already over is the reason, not a lack of room inside it', () => {
    const passed = order('t', { window: { start: at('08:00'), end: at('12:00') }, durationMin: 295 });
    const { first } = only([engineer('a'), engineer('b')], [passed], 't', '13:30');
    expect(first.feasible).toBe(false);
    expect(verdict(first, 'window')).toMatchObject({
      status: 'fail',
      reason: 'the appointment 08:00–12:00 closes before new work can start (14:00)',
    });
    expect(verdict(first, 'overlap').status).toBe('skipped');
  });

  it('parts on the van, consumed across the day', () => {
    const small = engineer('small', { vanStock: { 'p-filter': 1 } });
    const busy = engineer('busy', { vanStock: { 'p-filter': 3 } });
    const earlier = booked(order('e1', { requiredParts: [{ part: 'p-filter', qty: 2 }] }), 'busy', '09:00');
    const target = order('t', { requiredParts: [{ part: 'p-filter', qty: 2 }] });
    const { list } = only([small, busy], [earlier, target], 't');
    const by = (id: string) => list.candidates.find((c) => c.engineerId === id) as Candidate;
    expect(verdict(by('small'), 'parts').reason).toBe('needs 2 × Air filter F7, van carries 1');
    expect(verdict(by('busy'), 'parts').reason).toBe(
      "needs 2 × Air filter F7, van has 1 left after the day's other jobs",
    );
    const enough = only([engineer('a', { vanStock: { 'p-filter': 4 } })], [earlier, target], 't').first;
    expect(verdict(enough, 'parts').status).toBe('pass');
  });

  it('shift: none that day, or already over', () => {
    const off = engineer('off', { shifts: [] });
    const { first } = only([off], [order('t')], 't');
    expect(verdict(first, 'shift')).toMatchObject({ status: 'fail', reason: 'has no shift this day' });
    const late = only([engineer('a')], [order('t')], 't', '18:30').first;
    expect(verdict(late, 'shift')).toMatchObject({ status: 'fail', reason: 'shift ended at 17:00' });
    const ok = only([engineer('a')], [order('t')], 't').first;
    expect(verdict(ok, 'shift')).toMatchObject({ status: 'pass', reason: 'works 08:00–17:00' });
  });

  it('absences: away all shift rules out, a partial absence is planned around', () => {
    const away = engineer('away', { absences: [{ start: at('00:00'), end: at('23:59'), reason: 'Annual leave' }] });
    expect(verdict(only([away], [order('t')], 't').first, 'absence')).toMatchObject({
      status: 'fail',
      reason: 'is away all shift (Annual leave)',
    });
    const training = engineer('tr', {
      absences: [{ start: at('08:00'), end: at('10:00'), reason: 'Training course' }],
    });
    const { first } = only([training], [order('t')], 't');
    expect(first.feasible).toBe(true);
    expect(first.slot?.start).toBeGreaterThanOrEqual(at('10:00'));
    expect(verdict(first, 'absence').reason).toContain('08:00–10:00 (Training course)');
  });

  it('most jobs a day', () => {
    const a = engineer('a', { maxJobs: 1 });
    const { first } = only([a], [booked(order('b1'), 'a', '09:00'), order('t')], 't');
    expect(verdict(first, 'maxJobs')).toMatchObject({
      status: 'fail',
      reason: 'already has 1 job, their limit for a day',
    });
    const b = engineer('b', { maxJobs: 2 });
    const ok = only([b], [booked(order('b1'), 'b', '09:00'), order('t')], 't').first;
    expect(verdict(ok, 'maxJobs')).toMatchObject({ status: 'pass', reason: '1 of 2 jobs booked' });
  });

  it('appointment window: starts inside it, or says why it cannot', () => {
    const win = { start: at('14:00'), end: at('15:00') };
    const { first } = only([engineer('a')], [order('t', { window: win })], 't');
    expect(first.feasible).toBe(true);
    expect(first.slot?.start).toBe(at('14:00'));
    expect(verdict(first, 'window').reason).toBe('starts 14:00, inside 14:00–15:00');
    const closed = only([engineer('a')], [order('t', { window: win })], 't', '14:45').first;
    expect(verdict(closed, 'window')).toMatchObject({
      status: 'fail',
      reason: 'the appointment 14:00–15:00 closes before new work can start (15:15)',
    });
    const drop = verdictFor(
      order('t', { window: win }),
      'a',
      at('16:00'),
      dayAt('07:00', [engineer('a')], [order('t', { window: win })]),
    );
    expect(verdict(drop, 'window')).toMatchObject({
      status: 'fail',
      reason: 'starts 16:00; the customer was promised arrival 14:00–15:00',
    });
  });

  it('frozen horizon: nothing starts within it, frozen bookings do not move', () => {
    const state = dayAt('09:00', [engineer('a')], [order('t'), booked(order('soon'), 'a', '09:20')]);
    const drop = verdictFor(state.orders.get('t') as never, 'a', at('09:15'), state);
    expect(verdict(drop, 'horizon')).toMatchObject({
      status: 'fail',
      reason: '09:15 is inside the 30-minute frozen horizon; new work starts from 09:30',
    });
    const moveSoon = verdictFor(state.orders.get('soon') as never, 'a', at('14:00'), state);
    expect(verdict(moveSoon, 'horizon')).toMatchObject({
      status: 'fail',
      reason: 'P3 WO-soon starts 09:20, inside the 30-minute frozen horizon',
    });
    const later = verdictFor(state.orders.get('t') as never, 'a', at('14:00'), state);
    expect(verdict(later, 'horizon').status).toBe('pass');
  });

  it("frozen horizon: a slot offered at its edge is still bookable a few minutes later, not once they're past", () => {
    // At 09:00 the list offers 09:30, the horizon's edge; the dispatcher books it at 09:04, then at 09:06.
    const at0900 = dayAt('09:00', [engineer('a')], [order('t')]);
    const offered = rankCandidates(at0900.orders.get('t') as never, at0900).candidates[0]!.slot!.start;
    expect(offered).toBe(at('09:30'));
    const bookedAt = (hhmm: string) => {
      const state = dayAt(hhmm, [engineer('a')], [order('t')]);
      return verdict(verdictFor(state.orders.get('t') as never, 'a', offered, state), 'horizon');
    };
    expect(bookedAt('09:04')).toMatchObject({
      status: 'pass',
      reason: 'starts 09:30, within 5 min of the frozen horizon (09:34): offered at its edge a moment ago',
    });
    expect(bookedAt('09:06')).toMatchObject({
      status: 'fail',
      reason: '09:30 is inside the 30-minute frozen horizon; new work starts from 09:36',
    });
  });

  it("frozen horizon: the grace at its edge is the policy's, validated with it", () => {
    // The slot offered at 09:00 (09:30), booked at 09:08: past the default 5 minutes, within a centre's 10.
    const bookedAt = (hhmm: string, horizonGraceMin: number) => {
      const state = dayAt(hhmm, [engineer('a')], [order('t')], { horizonGraceMin });
      return verdict(verdictFor(state.orders.get('t') as never, 'a', at('09:30'), state), 'horizon');
    };
    expect(defaultDispatchPolicy().horizonGraceMin).toBe(5);
    expect(bookedAt('09:08', 5).status).toBe('fail');
    expect(bookedAt('09:08', 10)).toMatchObject({
      status: 'pass',
      reason: 'starts 09:30, within 10 min of the frozen horizon (09:38): offered at its edge a moment ago',
    });
    // No grace: a minute after the offer it is inside the horizon.
    expect(bookedAt('09:01', 0)).toMatchObject({ status: 'fail', reason: expect.stringContaining('frozen horizon') });
    // The policy's schema takes whole minutes up to an hour, and nothing else.
    const withGrace = (horizonGraceMin: unknown) =>
      DispatchPolicy.safeParse({ ...defaultDispatchPolicy(), horizonGraceMin }).success;
    expect([withGrace(0), withGrace(10), withGrace(60)]).toEqual([true, true, true]);
    expect([withGrace(-1), withGrace(2.5), withGrace(61), withGrace('5'), withGrace(undefined)]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('frozen horizon: a booking it holds says why — past and not started, or before the day being planned', () => {
    const missed = dayAt('09:00', [engineer('a')], [booked(order('missed'), 'a', '08:30')]);
    expect(
      verdict(verdictFor(missed.orders.get('missed') as never, 'a', at('14:00'), missed), 'horizon'),
    ).toMatchObject({
      status: 'fail',
      reason: 'P3 WO-missed was to start 08:30, already past; it has not started',
    });
    // Planned the evening before, on a night shift: its 23:00 job is that evening's, 4 hours away.
    const H = 3_600_000;
    const night = engineer('a', { shifts: [{ start: DAY_START - 6 * H, end: DAY_START + 7 * H, breaks: [] }] });
    const eve = {
      ...booked(order('eve'), 'a', '08:00'),
      booking: { engineerId: 'a', start: DAY_START - H, end: DAY_START, pinned: false },
    };
    const evening = buildDispatchState({
      now: DAY_START - 4 * H,
      day: { start: DAY_START, end: DAY_END },
      timeZone: TZ,
      engineers: [night],
      orders: [eve],
      policy: defaultDispatchPolicy(),
    });
    expect(verdict(verdictFor(evening.orders.get('eve') as never, 'a', at('03:00'), evening), 'horizon')).toMatchObject(
      {
        status: 'fail',
        reason: 'P3 WO-eve starts Sun 23:00, before the day being planned',
      },
    );
  });

  it('breaks: a drop may not run into lunch, and the ranking plans around it', () => {
    const state = dayAt('07:00', [engineer('a')], [order('t', { durationMin: 90 }), booked(order('x'), 'a', '08:30')]);
    const t = state.orders.get('t') as never;
    const drop = verdictFor(t, 'a', at('11:00'), state);
    expect(verdict(drop, 'breaks')).toMatchObject({ status: 'fail', reason: 'runs into break 12:00–13:00' });
    const { candidates } = rankCandidates(t, state);
    const slot = candidates[0]?.slot;
    expect(slot && (slot.end <= at('12:00') || slot.start >= at('13:00'))).toBe(true);
  });

  it('no overlaps, travel included', () => {
    const x = booked(order('x', { site: { ...place(0, 5), address: 'North' } }), 'a', '10:00');
    const state = dayAt('07:00', [engineer('a')], [order('t', { durationMin: 30 }), x]);
    const t = state.orders.get('t') as never;
    expect(verdict(verdictFor(t, 'a', at('10:30'), state), 'overlap')).toMatchObject({
      status: 'fail',
      reason: 'overlaps P3 WO-x 10:00–11:00',
    });
    const drive = state.travel.minutes(state.siteLoc.get('x') as number, state.siteLoc.get('t') as number);
    const tooSoon = verdictFor(t, 'a', at('11:00'), state);
    expect(verdict(tooSoon, 'overlap').status).toBe('fail');
    expect(verdict(tooSoon, 'overlap').reason).toBe(
      `needs ${drive} min to drive from P3 WO-x (done 11:00): arrives ${clock(at('11:00') + drive * 60_000)}`,
    );
    const justRight = verdictFor(t, 'a', at('11:00') + drive * 60_000, state);
    expect(justRight.feasible).toBe(true);
    expect(justRight.cost?.total).toBeGreaterThan(0);
  });

  it('a full day says there is no gap', () => {
    const jobs = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'].map((t, i) =>
      booked(order(`b${i}`, { durationMin: 55, site: { ...place(0, 0), address: 'Same' } }), 'a', t),
    );
    const { first } = only([engineer('a')], [...jobs, order('t', { durationMin: 45 })], 't');
    expect(first.feasible).toBe(false);
    expect(verdict(first, 'overlap')).toMatchObject({
      status: 'fail',
      reason: 'no 45 min gap (travel included) between bookings before 17:00',
    });
  });

  it('pinned bookings stay put', () => {
    const pinned = booked(order('p'), 'a', '10:00', { pinned: true });
    const state = dayAt('07:00', [engineer('a'), engineer('b')], [pinned]);
    const p = state.orders.get('p') as never;
    const list = rankCandidates(p, state);
    for (const c of list.candidates) {
      expect(c.feasible).toBe(false);
      expect(verdict(c, 'pinned').reason).toBe('P3 WO-p is pinned to Engineer a at 10:00; unpin it to move it');
    }
    expect(verdict(verdictFor(p, 'b', at('14:00'), state), 'pinned').status).toBe('fail');
    expect(verdict(verdictFor(p, 'a', at('10:00'), state), 'pinned')).toMatchObject({
      status: 'pass',
      reason: 'stays where it is pinned',
    });
  });

  it('preferred engineer is soft: it costs but never rules out', () => {
    const state = dayAt(
      '07:00',
      [engineer('a'), engineer('b', { homeBase: place(6, 0) })],
      [order('t', { preferredEngineerIds: ['b'] })],
    );
    const list = rankCandidates(state.orders.get('t') as never, state);
    const a = list.candidates.find((c) => c.engineerId === 'a') as Candidate;
    expect(a.feasible).toBe(true);
    expect(verdict(a, 'preferred')).toMatchObject({
      status: 'fail',
      hard: false,
      reason: 'the customer prefers Engineer b',
    });
    expect(a.cost?.terms.preference).toBe(state.policy.weights.notPreferred);
    expect(verdict(list.candidates.find((c) => c.engineerId === 'b') as Candidate, 'preferred').status).toBe('pass');
  });
});

function clock(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
}
