import { describe, expect, it } from 'vitest';
import { autoDispatch } from './auto.js';
import {
  at,
  booked,
  breachedP1,
  dayAt,
  engineer,
  nextDayAt1730,
  order,
  place,
  twoDayCrew,
} from './fixtures.testing.js';
import { planFromDays, proposalFrom } from './outcome.js';
import type { Proposal, ProposalMove } from './proposal.js';
import type { Reason } from './reasons.js';
import { withStops, type Stop } from './state.js';

/** A clock that never moves: every plan follows from seed and budget alone. */
const still = { clock: () => 0 };

/** The ids of a move's reasons, nested ones included. */
function reasonIds(say: readonly Reason[] | undefined): string[] {
  return (say ?? []).flatMap((r) => [
    r.id,
    ...Object.values(r.args).flatMap((v) => (Array.isArray(v) ? reasonIds(v) : [])),
  ]);
}

const LATE_REASONS = [
  'lateSooner',
  'lateBusy',
  'lateBusyDrive',
  'lateReach',
  'lateBreak',
  'lateAbsence',
  'lateWindow',
  'lateNotBefore',
  'lateShiftStarts',
];
const whyLate = (m: ProposalMove | undefined) => reasonIds(m?.say).filter((id) => LATE_REASONS.includes(id));

const moveOf = (p: Proposal, orderId: string) => p.moves.find((m) => m.orderId === orderId);

describe('why a move booked past its SLA deadline cannot be sooner', () => {
  const site = { ...place(1, 0), address: '8 Fuzhou Road' };
  const li = engineer('li', { name: 'Li Wei', homeBase: place(0, 0) });
  // Wang Fang is nearer but does electrical work only: not able to take an HVAC fault.
  const wang = engineer('wang', {
    name: 'Wang Fang',
    homeBase: place(1, 0.2),
    skills: [{ skill: 'electrical', level: 3 }],
  });

  it('names the booking that keeps the only able engineer busy, and until when', () => {
    // Li Wei is pinned on a two-hour P2 at the same site from 09:00: an hour of P1 work cannot go in before it.
    const x = booked(order('x', { priority: 'P2', durationMin: 120, site }), 'li', '09:00', { pinned: true });
    const p1 = order('p1', {
      priority: 'P1',
      site,
      sla: { respondBy: at('10:00'), resolveBy: at('14:00') },
    });
    const p = autoDispatch({}, 30, 1, dayAt('07:00', [li, wang], [x, p1]), still);
    const move = moveOf(p, 'p1');
    expect(move?.to).toMatchObject({ engineerId: 'li', start: at('11:00') });
    expect(move?.reason).toContain('starts 1 h after its SLA deadline');
    expect(move?.reason).toContain('no one able in scope is free sooner: Li Wei is busy with P2 WO-x until 11:00');
    expect(whyLate(move)).toEqual(['lateBusy']);
  });

  it('says the earliest anyone able can reach the site, and from where', () => {
    // Tomorrow planned this evening: the P1's SLA ran out this morning, and nobody is on shift before 08:00.
    const p = autoDispatch({}, 30, 1, nextDayAt1730(twoDayCrew(), [breachedP1()]), still);
    const move = moveOf(p, 'p1');
    expect(move?.to?.start).toBe(at('+1 08:15'));
    expect(move?.reason).toContain('its SLA was already missed at');
    expect(move?.reason).toContain(
      'the earliest anyone able in scope can be there is 08:15 (15 min drive from home base)',
    );
    expect(whyLate(move)).toEqual(['lateReach']);
  });

  it('gives an on-time move no such reason', () => {
    const p = autoDispatch({}, 30, 1, dayAt('07:00', [li, wang], [order('ok', { site })]), still);
    const move = moveOf(p, 'ok');
    expect(move?.to?.engineerId).toBe('li');
    expect(move?.reason).not.toMatch(/SLA|sooner|earliest/);
    expect(whyLate(move)).toEqual([]);
  });

  it("says when the order's own appointment starts after its SLA deadline", () => {
    const p1 = order('p1', {
      priority: 'P1',
      site,
      window: { start: at('14:00'), end: at('15:00') },
      sla: { respondBy: at('10:00'), resolveBy: at('16:00') },
    });
    const p = autoDispatch({}, 30, 1, dayAt('07:00', [li, wang], [p1]), still);
    const move = moveOf(p, 'p1');
    expect(move?.to?.start).toBe(at('14:00'));
    expect(move?.reason).toContain('it cannot start before its appointment 14:00–15:00');
    expect(whyLate(move)).toEqual(['lateWindow']);
  });

  it('says when the frozen horizon is what keeps a breached order from starting sooner', () => {
    // 10:30, half an hour frozen: new work starts 11:00 at the earliest, and Li Wei could be there before that.
    const p = autoDispatch({}, 30, 1, dayAt('10:30', [li, wang], [breachedP1()]), still);
    const move = moveOf(p, 'p1');
    expect(move?.to?.start).toBe(at('11:00'));
    expect(move?.reason).toContain('no new work can start before 11:00');
    expect(whyLate(move)).toEqual(['lateNotBefore']);
  });

  it('names an able engineer who could start it sooner without moving other work, when the plan does not', () => {
    // A plan made by hand that books the P1 in the afternoon although Li Wei is free all morning.
    const p1 = order('p1', { priority: 'P1', site, sla: { respondBy: at('10:00'), resolveBy: at('14:00') } });
    const state = dayAt('07:00', [li, wang], [p1]);
    const days = new Map(state.engineers.map((d) => [d.engineer.id, d]));
    const liDay = days.get('li')!;
    const late: Stop = { order: p1, loc: state.siteLoc.get('p1')!, start: 14 * 60, end: 15 * 60, fixed: null };
    const after = new Map(days).set('li', withStops(liDay, [late]));
    const p = proposalFrom(
      state,
      'auto-dispatch',
      [...days.values()],
      [p1],
      planFromDays(after, []),
      state.engineers,
      [],
      {
        seed: 0,
        iterations: 0,
        elapsedMs: 0,
        stoppedBy: 'complete',
      },
    );
    const move = moveOf(p, 'p1');
    expect(move?.to?.start).toBe(at('14:00'));
    expect(move?.reason).toMatch(/Li Wei could start it sooner, at 08:\d\d, without moving other work/);
    expect(whyLate(move)).toEqual(['lateSooner']);
  });
});
