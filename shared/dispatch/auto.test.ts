import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Engineer, Priority, WorkOrder } from '../domain/index.js';
import { generateScenario } from '../scenario/index.js';
import { applyPlan } from '../sync/mutations/booking.js';
import { autoDispatch } from './auto.js';
import {
  at,
  booked,
  breachedP1,
  DAY_END,
  DAY_START,
  dayAt,
  engineer,
  nextDayAt1730,
  order,
  place,
  twoDayCrew,
  TZ,
} from './fixtures.testing.js';
import { auditMoves, frozenOrders, type AuditInput } from './plan-audit.testing.js';
import { defaultDispatchPolicy } from './policy.js';
import { acceptMoves, neededWith, toPlanMove, type Proposal } from './proposal.js';
import { ProposalSchema } from './schemas.js';
import type { EngineProgress } from './search-budget.js';
import { buildDispatchState, type DispatchState } from './state.js';

const policy = defaultDispatchPolicy();
/**
 * A clock that never moves. The budget fixes the iteration count; the wall clock only caps a run on a slow machine,
 * and a test must not depend on that: with this clock every plan follows from seed and budget alone.
 */
const still = { clock: () => 0 };

const arbEngineer = fc.record({
  x: fc.integer({ min: -8, max: 8 }),
  y: fc.integer({ min: -8, max: 8 }),
  shift: fc.constantFrom(['08:00', '17:00'], ['07:00', '15:30'], ['11:00', '20:00']),
  lunch: fc.boolean(),
  hvac: fc.integer({ min: 0, max: 5 }),
  electrical: fc.integer({ min: 0, max: 5 }),
  filters: fc.integer({ min: 0, max: 3 }),
  maxJobs: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  away: fc.constantFrom('none', 'none', 'none', 'morning', 'all'),
  /** Out already, reporting a position a little away from base. */
  out: fc.boolean(),
});

const arbOrder = fc.record({
  x: fc.integer({ min: -8, max: 8 }),
  y: fc.integer({ min: -8, max: 8 }),
  skill: fc.constantFrom('hvac', 'electrical'),
  level: fc.integer({ min: 1, max: 4 }),
  filters: fc.integer({ min: 0, max: 2 }),
  dur: fc.constantFrom(30, 45, 60, 90, 150),
  window: fc.constantFrom(null, null, ['08:00', '10:00'], ['10:00', '12:00'], ['13:00', '15:00'], ['15:00', '17:00']),
  priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
  slaHours: fc.integer({ min: -20, max: 30 }),
  booking: fc.option(
    fc.record({
      engineer: fc.nat(),
      hour: fc.integer({ min: 7, max: 18 }),
      quarter: fc.integer({ min: 0, max: 3 }),
      pinned: fc.boolean(),
      /** What the device reports for a booking whose start has passed. */
      field: fc.constantFrom<WorkOrder['status']>('scheduled', 'dispatched', 'en_route', 'on_site'),
    }),
    { nil: null },
  ),
  excludeFirst: fc.boolean(),
  preferSecond: fc.boolean(),
});

const arbDay = fc.record({
  engineers: fc.array(arbEngineer, { minLength: 1, maxLength: 5 }),
  orders: fc.array(arbOrder, { minLength: 1, maxLength: 18 }),
  now: fc.constantFrom('06:00', '08:45', '11:20', '14:05'),
});

type Day = typeof arbDay extends fc.Arbitrary<infer T> ? T : never;

function hhmm(h: number, q: number): string {
  return `${String(h).padStart(2, '0')}:${String(q * 15).padStart(2, '0')}`;
}

/** Domain data for a generated day. */
function materialise(d: Day): AuditInput {
  const engineers: Engineer[] = d.engineers.map((e, i) =>
    engineer(`e${i}`, {
      homeBase: place(e.x, e.y),
      skills: [
        ...(e.hvac > 0 ? [{ skill: 'hvac', level: e.hvac }] : []),
        ...(e.electrical > 0 ? [{ skill: 'electrical', level: e.electrical }] : []),
      ],
      shifts: [
        {
          start: at(e.shift[0] as string),
          end: at(e.shift[1] as string),
          breaks: e.lunch ? [{ start: at('12:30'), end: at('13:15') }] : [],
        },
      ],
      absences:
        e.away === 'all'
          ? [{ start: at('00:00'), end: at('23:59'), reason: 'Sick leave' }]
          : e.away === 'morning'
            ? [{ start: at('09:00'), end: at('10:30'), reason: 'Training course' }]
            : [],
      vanStock: { 'p-filter': e.filters },
      maxJobs: e.maxJobs,
      state: e.out ? 'available' : 'off',
      lastPosition: e.out ? { ...place(e.x + 1, e.y - 1), heading: 90, speed: 0, at: at(d.now) - 5 * 60_000 } : null,
    }),
  );
  const orders: WorkOrder[] = d.orders.map((o, i) => {
    const base = order(`o${i}`, {
      site: { ...place(o.x, o.y), address: `${i} Huaihai Road` },
      requiredSkills: [{ skill: o.skill, level: o.level }],
      requiredParts: o.filters > 0 ? [{ part: 'p-filter', qty: o.filters }] : [],
      durationMin: o.dur,
      window: o.window ? { start: at(o.window[0] as string), end: at(o.window[1] as string) } : null,
      priority: o.priority,
      sla: { respondBy: at('12:00') + o.slaHours * 3_600_000, resolveBy: at('12:00') + (o.slaHours + 4) * 3_600_000 },
      excludedEngineerIds: o.excludeFirst ? ['e0'] : [],
      preferredEngineerIds: o.preferSecond && engineers.length > 1 ? ['e1'] : [],
    });
    if (!o.booking) return base;
    const e = engineers[o.booking.engineer % engineers.length] as Engineer;
    const start = hhmm(o.booking.hour, o.booking.quarter);
    const status = at(start) < at(d.now) ? o.booking.field : 'scheduled';
    return booked(base, e.id, start, { pinned: o.booking.pinned, status });
  });
  return { now: at(d.now), day: { start: DAY_START, end: DAY_END }, engineers, orders, policy };
}

function stateOf(input: AuditInput): DispatchState {
  return buildDispatchState({ ...input, timeZone: TZ });
}

function planOf(p: Proposal) {
  return p.moves.map((m) => toPlanMove(m));
}

describe('autoDispatch', () => {
  it('never breaks a hard rule and never moves pinned, frozen or under-way work (generated days)', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: 1, max: 1000 }), (d, seed) => {
        const input = materialise(d);
        const proposal = autoDispatch({}, 40, seed, stateOf(input), still);
        expect(auditMoves(input, planOf(proposal))).toEqual([]);
        const fixed = frozenOrders(input);
        expect(proposal.moves.filter((m) => fixed.has(m.orderId))).toEqual([]);
        expect(proposal.notes.filter((n) => n.text.startsWith('withdrawn'))).toEqual([]);
      }),
      { numRuns: 60 },
    );
    // Sixty small searches whose iteration counts follow from the budget: about a second in all on a quiet machine.
    // The timeout only catches a hang, with room for a machine many times slower or busier.
  }, 60_000);

  it('accepting part of a proposal with the moves it needs is valid, and takes exactly those moves', () => {
    fc.assert(
      fc.property(arbDay, fc.array(fc.nat(), { maxLength: 6 }), (d, picks) => {
        const input = materialise(d);
        const state = stateOf(input);
        const proposal = autoDispatch({}, 30, 7, state, still);
        if (proposal.moves.length === 0) return;
        const chosen = picks.map(
          (k) => (proposal.moves[k % proposal.moves.length] as Proposal['moves'][number]).orderId,
        );
        const taken = new Set([...chosen, ...neededWith(state, proposal, chosen).needs]);
        const accepted = acceptMoves(state, proposal, taken);
        expect(accepted.problems).toEqual([]);
        expect(accepted.needs).toEqual([]);
        expect(auditMoves(input, accepted.moves)).toEqual([]);
        expect(new Set(accepted.moves.map((m) => m.orderId))).toEqual(taken);
      }),
      { numRuns: 40 },
    );
    // Forty small searches, about half a second on a quiet machine; the timeout only catches a hang.
  }, 60_000);

  it('plans a realistic city day within the rules, explaining every move and every order left over', () => {
    const city = generateScenario({ seed: 11, engineers: 30, orders: 260 });
    const now = city.meta.dayStart + 9 * 3_600_000;
    const input: AuditInput = {
      now,
      day: { start: city.meta.dayStart, end: city.meta.dayStart + 86_400_000 },
      engineers: city.engineers,
      orders: city.orders.filter((o) => o.createdAt <= now),
      policy,
    };
    const state = buildDispatchState({
      ...input,
      timeZone: city.meta.timeZone,
      skills: city.skills,
      parts: city.parts,
    });
    const proposal = autoDispatch({}, 400, 3, state, still);
    expect(auditMoves(input, planOf(proposal))).toEqual([]);
    expect(proposal.moves.length).toBeGreaterThan(20);
    // What the dispatcher accepts goes to the server as one applyPlan mutation, in its own argument schema.
    expect(applyPlan.args.safeParse({ moves: planOf(proposal), label: 'auto-dispatch' }).success).toBe(true);
    expect(proposal.kpis.after.assigned).toBeGreaterThan(proposal.kpis.before.assigned);
    expect(proposal.cost.after).toBeLessThan(proposal.cost.before);
    for (const m of proposal.moves) expect(m.reason.length).toBeGreaterThan(10);
    for (const u of proposal.unassigned) expect(u.reason.length).toBeGreaterThan(10);
    const queuedBefore = Object.values(proposal.kpis.before.unassigned).reduce((a, b) => a + b, 0);
    const queuedAfter = Object.values(proposal.kpis.after.unassigned).reduce((a, b) => a + b, 0);
    expect(queuedAfter).toBe(proposal.unassigned.length);
    expect(queuedAfter).toBeLessThan(queuedBefore);
    // A city day of 30 engineers: under half a second on a quiet machine; the timeout only catches a hang.
  }, 60_000);

  it('says an order nobody working the day can do is left for that: not that nobody can ever do it', () => {
    // The only electrician is off today; the engineer at work has no electrical skill.
    const off = engineer('sparky', { skills: [{ skill: 'electrical', level: 3 }], shifts: [] });
    const wired = order('wired', { requiredSkills: [{ skill: 'electrical', level: 2 }] });
    const proposal = autoDispatch({}, 30, 1, dayAt('07:00', [engineer('a'), off], [wired]), still);
    expect(proposal.unassigned.map((u) => u.reason)).toEqual([
      expect.stringMatching(/^no engineer in scope working this day can do it \(/),
    ]);
  });

  it('counts the open orders whose appointment is on another day, which it neither plans nor leaves', () => {
    const tomorrow = order('tomorrow', { window: { start: at('+1 09:00'), end: at('+1 11:00') } });
    const proposal = autoDispatch({}, 30, 1, dayAt('07:00', [engineer('a')], [order('today'), tomorrow]), still);
    expect(proposal.moves.map((m) => m.orderId)).toEqual(['today']);
    expect(proposal.unassigned).toEqual([]);
    expect(proposal.otherDays).toBe(1);
    expect(ProposalSchema.parse(proposal).otherDays).toBe(1);
  });

  it('gives the same proposal for the same seed and budget', () => {
    const city = generateScenario({ seed: 5, engineers: 12, orders: 90 });
    const now = city.meta.dayStart + 8 * 3_600_000;
    const make = () =>
      buildDispatchState({
        now,
        day: { start: city.meta.dayStart, end: city.meta.dayStart + 86_400_000 },
        timeZone: city.meta.timeZone,
        engineers: city.engineers,
        orders: city.orders.filter((o) => o.createdAt <= now),
      });
    const strip = (p: Proposal) => ({ ...p, search: { ...p.search, elapsedMs: 0 } });
    // A budget that buys some hundreds of ruin-and-recreate iterations: enough for two searches to part ways if
    // anything but seed and budget steered them, and about half a second for both on a quiet machine.
    const a = autoDispatch({}, 150, 42, make(), still);
    const b = autoDispatch({}, 150, 42, make(), still);
    expect(a.search.iterations).toBeGreaterThan(200);
    expect(strip(b)).toEqual(strip(a));
    // The timeout only catches a hang, with room for a machine many times slower or busier.
  }, 60_000);

  it('reports progress and stops when cancelled, still with a valid plan', () => {
    const city = generateScenario({ seed: 9, engineers: 15, orders: 120 });
    const now = city.meta.dayStart + 7 * 3_600_000;
    const input: AuditInput = {
      now,
      day: { start: city.meta.dayStart, end: city.meta.dayStart + 86_400_000 },
      engineers: city.engineers,
      orders: city.orders.filter((o) => o.createdAt <= now),
      policy,
    };
    const progressOf = (objective: 'priority-first' | 'weighted') => {
      const seen: EngineProgress[] = [];
      const run = autoDispatch(
        {},
        300,
        1,
        stateOf(input),
        { clock: () => 0, onProgress: (p) => seen.push(p) },
        objective,
      );
      expect(seen[0]).toEqual({ phase: 'construction', bestCost: null, fraction: 0, iterations: 0 });
      expect(seen.length).toBeGreaterThan(10);
      expect(seen[seen.length - 1]?.fraction).toBe(1);
      expect(seen[seen.length - 1]?.iterations).toBe(run.search.iterations);
      for (let i = 2; i < seen.length; i++)
        expect(seen[i]?.fraction).toBeGreaterThanOrEqual(seen[i - 1]?.fraction ?? 0);
      expect(run.search.stoppedBy).toBe('budget');
      return { run, costs: seen.slice(1).map((p) => p.bestCost ?? Infinity) };
    };
    // The weighted objective's best cost only falls. A better plan by priorities may cost more in all (a P1 served
    // sooner for more driving, a P2 served in place of four P3s), so the default objective's may rise.
    const weighted = progressOf('weighted').costs;
    weighted.forEach((c, i) => expect(c).toBeLessThanOrEqual(weighted[i - 1] ?? Infinity));
    const full = progressOf('priority-first').run;

    let polls = 0;
    const cancelled = autoDispatch({}, 300, 1, stateOf(input), { clock: () => 0, shouldStop: () => ++polls > 3 });
    expect(cancelled.search.stoppedBy).toBe('cancelled');
    expect(cancelled.search.iterations).toBeLessThan(full.search.iterations);
    expect(auditMoves(input, planOf(cancelled))).toEqual([]);
    // Two searches of a 15-engineer day: about half a second on a quiet machine; the timeout only catches a hang.
  }, 60_000);

  it('keeps to its scope: other teams and orders not asked for stay as they are', () => {
    const a = engineer('a', { team: 'north' });
    const b = engineer('b', { team: 'south' });
    const state = dayAt('07:00', [a, b], [order('x'), order('y'), booked(order('z'), 'b', '09:00')]);
    const p = autoDispatch({ teams: ['north'], orderIds: ['x'] }, 20, 1, state, still);
    expect(p.moves.map((m) => [m.orderId, m.to?.engineerId])).toEqual([['x', 'a']]);
  });

  it('by default leaves no P1 queued to serve P4s, where the weighted objective would', () => {
    // 14:35 to 17:00 left, no overtime: the two-hour P1 or both one-hour P4s, and two P4s outweigh a P1 in the sum.
    const weights = { ...policy.weights, unassigned: { P1: 5_000, P2: 4_600, P3: 4_300, P4: 4_000 } };
    const day = () =>
      dayAt(
        '14:05',
        [engineer('e')],
        [
          order('urgent', { priority: 'P1', durationMin: 120 }),
          order('a', { priority: 'P4', durationMin: 60 }),
          order('b', { priority: 'P4', durationMin: 60 }),
        ],
        { weights, maxOvertimeMin: 0 },
      );
    const served = (p: Proposal) => p.moves.map((m) => m.orderId).sort();
    expect(served(autoDispatch({}, 40, 1, day(), still, 'weighted'))).toEqual(['a', 'b']);
    const byDefault = autoDispatch({}, 40, 1, day(), still);
    expect(served(byDefault)).toEqual(['urgent']);
    expect(served(autoDispatch({}, 40, 1, day(), still, 'priority-first'))).toEqual(['urgent']);
  });

  it('plans a P1 already past its SLA at the earliest start anyone can give it, ahead of P4s, in either objective', () => {
    // Tomorrow planned this evening: two engineers, a P1 whose SLA ran out this morning and more P4s than fit. Later
    // in the day the P1 would make room for one more P4 — which must not buy hours of lateness on a P1.
    const crew = twoDayCrew();
    const p1 = breachedP1();
    const p4s = Array.from({ length: 20 }, (_, i) =>
      order(`p4-${i}`, {
        priority: 'P4',
        durationMin: 90,
        sla: { respondBy: at('+3 10:00'), resolveBy: at('+5 10:00') },
        site: { ...place((i % 4) * 2 - 3, Math.floor(i / 4) * 2 - 2), address: `${i} Yan'an Road` },
      }),
    );
    const tomorrow = () => nextDayAt1730(crew, [p1, ...p4s]);
    for (const objective of ['priority-first', 'weighted'] as const) {
      const p = autoDispatch({}, 100, 1, tomorrow(), still, objective);
      const move = p.moves.find((m) => m.orderId === 'p1');
      expect(move?.to, objective).toBeTruthy();
      // From base at 08:00: 15 minutes' drive for a, 20 for b.
      expect(move!.to!.start, objective).toBe(at('+1 08:15'));
      expect(p.unassigned.filter((u) => u.priority === 'P4').length, objective).toBeGreaterThan(0);
    }
  });

  it('gives the customer their preferred engineer when the detour costs less than the preference is worth', () => {
    const near = engineer('near', { homeBase: place(2, 0) });
    const liked = engineer('liked', { name: 'Zhou Min', homeBase: place(6, 0) });
    const wish = order('w', { site: { ...place(3, 0), address: 'Fuxing Road' }, preferredEngineerIds: ['liked'] });
    const p = autoDispatch({}, 30, 1, dayAt('07:00', [near, liked], [wish]), still);
    expect(p.moves[0]?.to?.engineerId).toBe('liked');
    expect(p.moves[0]?.reason).toContain("the customer's preferred engineer");
    // Without the wish, the nearer engineer goes.
    const q = autoDispatch({}, 30, 1, dayAt('07:00', [near, liked], [{ ...wish, preferredEngineerIds: [] }]), still);
    expect(q.moves[0]?.to?.engineerId).toBe('near');
  });

  it('plans new work after a booking left behind the clock, from where the timeline puts the engineer', () => {
    // On site since 07:00 at one job; an 08:00 booking never started and stays where it is (inside the frozen
    // horizon). The timeline shows the new job after the 08:00 one, so the drive must be counted from that site.
    const e = engineer('e', { skills: [{ skill: 'electrical', level: 1 }] });
    const onSite = booked(order('a', { site: { ...place(0, 1), address: '1 Huaihai Road' } }), 'e', '07:00', {
      status: 'on_site',
    });
    const stale = booked(order('b', { site: { ...place(0, 0), address: '2 Huaihai Road' } }), 'e', '08:00');
    const fresh = order('c', {
      site: { ...place(-5, 6), address: '3 Huaihai Road' },
      requiredSkills: [{ skill: 'electrical', level: 1 }],
    });
    const input: AuditInput = {
      now: at('14:05'),
      day: { start: DAY_START, end: DAY_END },
      engineers: [e],
      orders: [onSite, stale, fresh],
      policy,
    };
    const p = autoDispatch({}, 40, 1, stateOf(input), still);
    expect(p.notes.filter((n) => n.text.startsWith('withdrawn'))).toEqual([]);
    expect(p.moves.map((m) => m.orderId)).toEqual(['c']);
    expect(auditMoves(input, planOf(p))).toEqual([]);
  });

  it('sends the work of an engineer off sick to colleagues, saying so', () => {
    const sick = engineer('sick', {
      name: 'Wang Fang',
      absences: [{ start: at('00:00'), end: at('23:59'), reason: 'Sick leave' }],
    });
    const state = dayAt('07:00', [sick, engineer('b', { name: 'Li Wei' })], [booked(order('x'), 'sick', '10:00')]);
    const p = autoDispatch({}, 20, 1, state, still);
    expect(p.moves).toHaveLength(1);
    expect(p.moves[0]).toMatchObject({ kind: 'move', to: { engineerId: 'b' } });
    expect(p.moves[0]?.reason).toContain('Wang Fang is away all shift (Sick leave)');
  });

  it('leaves a booking made against a rule on purpose where the dispatcher put it, and says it kept it', () => {
    // Wang Fang lacks the skill for 'x' (a hard rule); the dispatcher booked it there anyway after being asked. Li Wei
    // has the skill and a free day: without the override the plan would move it to him.
    const unskilled = engineer('w', { name: 'Wang Fang', skills: [{ skill: 'electrical', level: 3 }] });
    const skilled = engineer('l', { name: 'Li Wei' });
    const x = booked(order('x'), 'w', '10:00');
    const overridden = { ...x, booking: { ...x.booking!, overridden: true as const } };
    const moved = autoDispatch({}, 20, 1, dayAt('07:00', [unskilled, skilled], [x]), still);
    expect(moved.moves.map((m) => m.orderId)).toEqual(['x']);

    const kept = autoDispatch({}, 20, 1, dayAt('07:00', [unskilled, skilled], [overridden]), still);
    expect(kept.moves).toEqual([]);
    expect(kept.notes.map((n) => n.text)).toContain(
      'P3 WO-x stays with Wang Fang at 10:00: it was booked there against a rule on purpose',
    );
    expect(kept.notes.flatMap((n) => n.say)).toContainEqual({
      id: 'overrideKept',
      // The engineer's id beside the name: the console names a namesake apart by it.
      args: { order: 'P3 WO-x', name: 'Wang Fang', engineer: 'w', time: '10:00' },
    });
  });

  it('says which order a move makes room for when its booking ran into the next one, not itself', () => {
    // 'a' booked 08:00 runs to 10:20 on the far side of town; 'b' is pinned at 08:45. The move of 'a' must name 'b' as
    // the order its booking kept from starting, not read as if 'a' itself had started too early after 'a'.
    const e = engineer('e', { name: 'Li Wei', homeBase: place(0, 0) });
    const a = booked(
      order('a', { durationMin: 140, site: { ...place(0, 0), address: '1 Huaihai Road' } }),
      'e',
      '08:00',
    );
    const b = booked(order('b', { site: { ...place(0, 6), address: '2 Huaihai Road' } }), 'e', '08:45', {
      pinned: true,
    });
    const p = autoDispatch({}, 30, 1, dayAt('07:00', [e], [a, b]), still);
    const move = p.moves.find((m) => m.orderId === 'a');
    expect(move?.reason).toMatch(/its booked 08:00 does not work for P3 WO-b \(starts 08:45 but P3 WO-a ends 10:20/);
  });

  it('names no other move as needed when none makes the chosen one fit, once the day has moved on', () => {
    const e = engineer('e', { homeBase: place(0, 0) });
    const orders = [
      order('a', { site: { ...place(1, 0), address: '1 Huaihai Road' } }),
      order('b', { site: { ...place(2, 0), address: '2 Huaihai Road' } }),
    ];
    const proposal = autoDispatch({}, 30, 1, dayAt('07:00', [e], orders), still);
    expect(proposal.moves.map((m) => m.orderId).sort()).toEqual(['a', 'b']);
    // Made at 07:00 for the morning; at 11:00 both slots have gone by, and taking 'b' as well changes nothing.
    const later = dayAt('11:00', [e], orders);
    expect(neededWith(later, proposal, ['a'])).toEqual({ needs: [], needing: [] });
    const accepted = acceptMoves(later, proposal, ['a']);
    expect(accepted.needs).toEqual([]);
    expect(new Set(accepted.problems.map((p) => p.orderId))).toEqual(new Set(['a']));
    // While the day holds, the moves stand on their own.
    expect(neededWith(dayAt('07:00', [e], orders), proposal, ['a'])).toEqual({ needs: [], needing: [] });
  });
});
