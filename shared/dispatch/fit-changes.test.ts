import { describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../domain/index.js';
import { rankCandidates } from './candidates.js';
import { at, booked, dayAt, engineer, order, place } from './fixtures.testing.js';

const rankIn = (state: ReturnType<typeof dayAt>, id: string) =>
  rankCandidates(state.orders.get(id) as WorkOrder, state);

/** The engineer's shift today, `extraMin` minutes longer. */
const longer = (e: Engineer, extraMin: number): Engineer => ({
  ...e,
  shifts: e.shifts.map((s) => ({ ...s, end: s.end + extraMin * 60_000 })),
});

describe('the smallest change that lets someone take an order nobody can take', () => {
  it('says nothing when someone already fits', () => {
    const state = dayAt('07:00', [engineer('a')], [order('t')]);
    const list = rankIn(state, 't');
    expect(list.candidates[0]?.feasible).toBe(true);
    expect(list.changes).toEqual([]);
  });

  it('moves parts from the nearest van with enough to spare to an engineer only the parts rule out', () => {
    const engineers = [
      engineer('a', { vanStock: {} }),
      // Not qualified, but carries filters: the nearer of the two vans with spares.
      engineer('near', { skills: [], homeBase: place(1, 0), vanStock: { 'p-filter': 3 } }),
      engineer('far', { skills: [], homeBase: place(9, 0), vanStock: { 'p-filter': 5 } }),
      // Carries one, needed by its own job: nothing to spare.
      engineer('spent', { skills: [], homeBase: place(0.5, 0), vanStock: { 'p-filter': 2 } }),
    ];
    const own = booked(
      order('own', { requiredParts: [{ part: 'p-filter', qty: 2 }], requiredSkills: [] }),
      'spent',
      '09:00',
    );
    const state = dayAt('07:00', engineers, [own, order('t', { requiredParts: [{ part: 'p-filter', qty: 2 }] })]);
    const list = rankIn(state, 't');
    expect(list.candidates.some((c) => c.feasible)).toBe(false);
    const [change] = list.changes;
    expect(change?.kind).toBe('partTransfer');
    expect(change?.engineerId).toBe('a');
    if (change?.kind !== 'partTransfer') throw new Error('expected a part transfer');
    expect(change.transfers).toEqual([
      expect.objectContaining({ part: 'p-filter', partName: 'Air filter F7', qty: 2, fromEngineerId: 'near' }),
    ]);
    expect(change.summary).toBe("move 2 × Air filter F7 from Engineer near's van to Engineer a");
    // Callers that only want the best engineer (the autopilot) skip the search.
    expect(rankCandidates(state.orders.get('t') as WorkOrder, state, { smallestChanges: false }).changes).toEqual([]);
    // With the parts on a's van, a fits at exactly that slot.
    const after = dayAt(
      '07:00',
      [{ ...engineers[0]!, vanStock: { 'p-filter': 2 } }],
      [order('t2', { requiredParts: [{ part: 'p-filter', qty: 2 }] })],
    );
    expect(rankIn(after, 't2').candidates[0]?.slot?.start).toBe(change.slot.start);
  });

  it('offers no transfer when no other van has the parts to spare', () => {
    const state = dayAt(
      '07:00',
      [engineer('a', { vanStock: {} }), engineer('b', { skills: [], vanStock: { 'p-filter': 1 } })],
      [order('t', { requiredParts: [{ part: 'p-filter', qty: 2 }] })],
    );
    const list = rankIn(state, 't');
    expect(list.changes).toEqual([]);
    expect(list.noChange?.text).toBe(
      'the only engineer with the skill, Engineer a, cannot take it: needs 2 × Air filter F7, van carries 0; ' +
        'no other van has the parts to spare',
    );
  });

  it('asks for the fewest extra minutes of shift, and that many are exactly enough', () => {
    const a = engineer('a');
    const b = engineer('b', { homeBase: place(6, 0) });
    const t = order('t', { durationMin: 180 });
    const state = dayAt('15:00', [a, b], [t]);
    const list = rankIn(state, 't');
    expect(list.candidates.some((c) => c.feasible)).toBe(false);
    const change = list.changes.find((c) => c.kind === 'longerShift');
    if (change?.kind !== 'longerShift') throw new Error('expected a longer shift');
    // a lives nearer the site than b, so needs less.
    expect(change.engineerId).toBe('a');
    expect(change.summary).toBe(`Engineer a works ${change.extraMin} min longer`);
    const fits = (extra: number) =>
      rankIn(dayAt('15:00', [longer(a, extra)], [t]), 't').candidates.find((c) => c.engineerId === 'a');
    expect(fits(change.extraMin)?.feasible).toBe(true);
    expect(fits(change.extraMin)?.slot?.start).toBe(change.slot.start);
    expect(fits(change.extraMin - 1)?.feasible).toBe(false);
  });

  it('bumps the least urgent movable job of a full day, never a pinned one or one as urgent', () => {
    const site = (k: number) => ({ site: { ...place(3, 0), address: `${k} Same Road` } });
    const day = [
      booked(order('p3', { priority: 'P3', durationMin: 120, ...site(1) }), 'a', '08:30'),
      booked(order('p4-pinned', { priority: 'P4', durationMin: 120, ...site(2) }), 'a', '10:00', { pinned: true }),
      booked(order('p4', { priority: 'P4', durationMin: 120, ...site(3) }), 'a', '13:00'),
      booked(order('p1-other', { priority: 'P1', durationMin: 150, ...site(4) }), 'a', '15:00'),
    ];
    const urgent = order('t', { priority: 'P1', durationMin: 90, ...site(5) });
    const state = dayAt('07:00', [engineer('a')], [...day, urgent]);
    const list = rankIn(state, 't');
    expect(list.candidates[0]?.feasible).toBe(false);
    const change = list.changes.find((c) => c.kind === 'bump');
    if (change?.kind !== 'bump') throw new Error('expected a bump');
    expect(change.bumped).toEqual({ orderId: 'p4', code: 'WO-p4', priority: 'P4', durationMin: 120 });
    expect(change.summary).toBe("take P4 WO-p4 off Engineer a's day");
    // Without that job, the engine puts the order where the change said.
    const without = dayAt('07:00', [engineer('a')], [...day.filter((o) => o.id !== 'p4'), urgent]);
    expect(rankIn(without, 't').candidates[0]?.slot?.start).toBe(change.slot.start);
  });

  it('says nothing it cannot back: no skill, no shift and no lower-priority work means no change', () => {
    const state = dayAt(
      '07:00',
      [engineer('a', { skills: [] }), engineer('b', { shifts: [] })],
      [order('t', { priority: 'P4' })],
    );
    expect(rankIn(state, 't').changes).toEqual([]);
  });
});

describe('why no simple change lets anyone take an order', () => {
  it('names the skill level nobody has, and nothing else', () => {
    const state = dayAt(
      '07:00',
      [engineer('a'), engineer('b')],
      [order('t', { requiredSkills: [{ skill: 'hvac', level: 5 }] })],
    );
    const list = rankIn(state, 't');
    expect(list.changes).toEqual([]);
    expect(list.noChange?.text).toBe('nobody has HVAC at level 5 or above');
    expect(list.noChange?.say).toEqual([{ id: 'nobodyHasSkill', args: { skill: 'hvac', level: 5 } }]);
  });

  it('names the only engineer with the skill when their day is full, and no parts for an order needing none', () => {
    const day = [booked(order('one', { requiredSkills: [] }), 'a', '09:00'), booked(order('two'), 'a', '14:00')];
    const state = dayAt(
      '07:00',
      [engineer('a', { maxJobs: 2 }), engineer('b', { skills: [] })],
      [...day, order('t', { requiredParts: [] })],
    );
    const list = rankIn(state, 't');
    expect(list.candidates.some((c) => c.feasible)).toBe(false);
    expect(list.changes).toEqual([]);
    expect(list.noChange?.text).toBe('the only engineer with the skill, Engineer a, is full today');
  });

  it('names the appointment window when the only engineer with the skill has no room inside it', () => {
    const day = [booked(order('mid', { priority: 'P2', durationMin: 240 }), 'a', '13:00')];
    const state = dayAt(
      '07:00',
      [engineer('a'), engineer('b', { skills: [] })],
      [...day, order('t', { priority: 'P2', window: { start: at('13:00'), end: at('16:00') } })],
    );
    const list = rankIn(state, 't');
    expect(list.changes).toEqual([]);
    expect(list.noChange?.text).toMatch(
      /^the only engineer with the skill, Engineer a, cannot take it: .*within the appointment 13:00–16:00/,
    );
    expect(list.noChange?.text).not.toMatch(/parts|full today/);
  });

  it('says which changes were tried on a full day, and why they did not help', () => {
    const day = [
      booked(order('am', { priority: 'P2', durationMin: 240 }), 'a', '08:00'),
      booked(order('pm', { priority: 'P2', durationMin: 240 }), 'a', '13:00'),
    ];
    const state = dayAt(
      '07:00',
      [engineer('a'), engineer('b', { skills: [] })],
      [...day, order('t', { durationMin: 300, requiredParts: [] })],
    );
    const list = rankIn(state, 't');
    expect(list.changes).toEqual([]);
    expect(list.noChange?.text).toBe(
      'the only engineer with the skill, Engineer a, is full today; no shift can stretch far enough, even 4 h longer; ' +
        'no lower-priority job that could be moved is booked in the way',
    );
  });

  it('says nothing when a change was found or someone fits', () => {
    expect(rankIn(dayAt('07:00', [engineer('a')], [order('t')]), 't').noChange).toBeNull();
  });
});
