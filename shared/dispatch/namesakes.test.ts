import { describe, expect, it } from 'vitest';
import { generateScenario } from '../scenario/index.js';
import { autoDispatch } from './auto.js';
import { rankCandidates, type Candidate } from './candidates.js';
import { insertEmergency } from './emergency.js';
import { at, booked, dayAt, engineer, order, place } from './fixtures.testing.js';
import { planFromDays, proposalFrom } from './outcome.js';
import { defaultDispatchPolicy } from './policy.js';
import type { Reason } from './reasons.js';
import type { RuleId } from './rules.js';
import { buildDispatchState, withStops, type Stop } from './state.js';

// Two engineers called Li Wei: every reason that names one gives their id beside the name (`engineer`), so the
// console can tell them apart.
const li1 = engineer('li-1', { name: 'Li Wei', homeBase: place(0, 0) });
const li2 = engineer('li-2', { name: 'Li Wei', homeBase: place(0.5, 0) });
const wang = engineer('wang', { name: 'Wang Fang', homeBase: place(1, 0), skills: [] });

/** Every reason that names someone (`name`), nested ones included: its id, the name and the id given beside it. */
function named(say: readonly Reason[] | undefined): { id: string; name: unknown; engineer: unknown }[] {
  return (say ?? []).flatMap((r) => [
    ...('name' in r.args ? [{ id: r.id, name: r.args.name, engineer: r.args.engineer }] : []),
    ...Object.values(r.args).flatMap((v) => (Array.isArray(v) ? named(v) : [])),
  ]);
}

const verdictOf = (list: { candidates: Candidate[] }, engineerId: string, rule: RuleId) =>
  list.candidates.find((c) => c.engineerId === engineerId)?.verdicts.find((v) => v.rule === rule);

describe("the engine's reasons name an engineer with their id beside the name", () => {
  it("in the candidate list: the customer's exclusion and preferred engineers", () => {
    const t = order('t', { excludedEngineerIds: ['li-2'], preferredEngineerIds: ['li-1', 'wang'] });
    const state = dayAt('07:00', [li1, li2, wang], [t]);
    const list = rankCandidates(t, state);
    expect(verdictOf(list, 'li-2', 'excluded')?.say).toEqual([
      { id: 'excluded', args: { name: 'Li Wei', engineer: 'li-2' } },
    ]);
    const preferred = verdictOf(list, 'li-2', 'preferred');
    // The English reads as it did; the data names each preferred engineer with their id.
    expect(preferred?.reason).toBe('the customer prefers Li Wei / Wang Fang');
    expect(preferred?.say).toEqual([
      {
        id: 'prefersOther',
        args: {
          names: [
            { id: 'namedEngineer', args: { name: 'Li Wei', engineer: 'li-1' } },
            { id: 'namedEngineer', args: { name: 'Wang Fang', engineer: 'wang' } },
          ],
        },
      },
    ]);
  });

  it('in the candidate list: a booking pinned to an engineer, or in progress with them', () => {
    const pinned = booked(order('p'), 'li-2', '10:00', { pinned: true });
    const working = booked(order('w'), 'li-1', '07:30', { status: 'on_site' });
    const state = dayAt('08:00', [li1, li2, wang], [pinned, working]);
    expect(verdictOf(rankCandidates(pinned, state), 'li-1', 'pinned')?.say).toEqual([
      { id: 'pinnedTo', args: { order: 'P3 WO-p', name: 'Li Wei', engineer: 'li-2', time: '10:00' } },
    ]);
    expect(named(verdictOf(rankCandidates(working, state), 'li-2', 'horizon')?.say)).toEqual([
      { id: 'inProgress', name: 'Li Wei', engineer: 'li-1' },
    ]);
  });

  it('in why no simple change helps: the only engineer able', () => {
    const full = dayAt(
      '07:00',
      [{ ...li1, skills: [] }, { ...li2, maxJobs: 1 }, wang],
      [booked(order('one'), 'li-2', '09:00'), order('t')],
    );
    const why = rankCandidates(full.orders.get('t')!, full).noChange;
    expect(why?.text).toBe('the only engineer with the skill, Li Wei, is full today');
    expect(named(why?.say)).toEqual([{ id: 'onlySkilledFull', name: 'Li Wei', engineer: 'li-2' }]);
  });

  it('in why a late booking is no sooner: an engineer who could start it sooner', () => {
    const p1 = order('p1', { priority: 'P1', sla: { respondBy: at('10:00'), resolveBy: at('14:00') } });
    const afternoon = { ...li2, shifts: [{ start: at('13:00'), end: at('18:00'), breaks: [] }] };
    const state = dayAt('07:00', [li1, afternoon], [p1]);
    const days = new Map(state.engineers.map((d) => [d.engineer.id, d]));
    // Booked by hand on li-2, who works the afternoon only, although li-1 is free all morning.
    const late: Stop = { order: p1, loc: state.siteLoc.get('p1')!, start: 14 * 60, end: 15 * 60, fixed: null };
    const after = new Map(days).set('li-2', withStops(days.get('li-2')!, [late]));
    const search = { seed: 0, iterations: 0, elapsedMs: 0, stoppedBy: 'complete' as const };
    const p = proposalFrom(
      state,
      'auto-dispatch',
      [...days.values()],
      [p1],
      planFromDays(after, []),
      state.engineers,
      [],
      search,
    );
    const said = named(p.moves.find((m) => m.orderId === 'p1')?.say);
    expect(said[0]).toEqual({ id: 'moveTo', name: 'Li Wei', engineer: 'li-2' });
    expect(said).toContainEqual({ id: 'lateSooner', name: 'Li Wei', engineer: 'li-1' });
  });

  it("in an emergency's options: who takes it and who the bumped work moves to", () => {
    const next = (id: string, hhmm: string) =>
      booked(
        order(id, { priority: 'P4', durationMin: 100, site: { ...place(0.5, 0.5), address: 'Next door' } }),
        'li-1',
        hhmm,
      );
    const far = { ...li2, homeBase: place(14, 0) };
    const emergency = order('e1', {
      code: 'WO-000412',
      priority: 'P1',
      site: { ...place(0.3, 0), address: 'Hospital' },
    });
    const state = dayAt('08:00', [{ ...li1, maxJobs: 2 }, far], [next('r1', '08:30'), next('r2', '13:30'), emergency]);
    const p = insertEmergency(emergency, state);
    expect(p.moves.find((m) => m.orderId === 'e1')?.to?.engineerId).toBe('li-1');
    expect(named(p.moves.find((m) => m.orderId === 'e1')?.say)).toEqual([
      { id: 'emergencyEarliestBumps', name: 'Li Wei', engineer: 'li-1' },
    ]);
    expect(named(p.moves.find((m) => m.orderId === 'r1')?.say)).toEqual([
      { id: 'bumpMoved', name: 'Li Wei', engineer: 'li-2' },
    ]);
  });

  it('on a realistic day: every reason that names an engineer of a proposal and its candidates gives their id', () => {
    const city = generateScenario({ seed: 5, engineers: 12, orders: 120 });
    const now = city.meta.dayStart + 9 * 3_600_000;
    const state = buildDispatchState({
      now,
      day: { start: city.meta.dayStart, end: city.meta.dayStart + 86_400_000 },
      timeZone: city.meta.timeZone,
      engineers: city.engineers,
      orders: city.orders.filter((o) => o.createdAt <= now),
      policy: defaultDispatchPolicy(),
    });
    const nameOf = new Map(city.engineers.map((e) => [e.id, e.name]));
    const p = autoDispatch({ rearrange: true }, 0, 1, state, { clock: () => 0 });
    const said = [
      ...p.moves.flatMap((m) => named(m.say)),
      ...p.unassigned.flatMap((u) => named(u.say)),
      ...p.notes.flatMap((n) => named(n.say)),
      ...[...state.orders.values()]
        .filter((o) => o.status === 'new')
        .slice(0, 20)
        .flatMap((o) => {
          const list = rankCandidates(o, state);
          return [
            ...list.candidates.flatMap((c) => c.verdicts.flatMap((v) => named(v.say))),
            ...named(list.noChange?.say),
          ];
        }),
    ];
    expect(said.length).toBeGreaterThan(10);
    for (const s of said) expect(nameOf.get(String(s.engineer)), `${s.id}: ${String(s.name)}`).toBe(s.name);
  });
});
