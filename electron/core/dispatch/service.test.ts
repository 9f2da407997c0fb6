import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bookingViolations, buildDispatchState, judgedOnDay } from '../../../shared/dispatch/index.js';
import { generateScenario } from '../../../shared/scenario/index.js';
import { PRINCIPALS } from '../../../shared/sync/mutation-world.testing.js';
import { ConsoleCore } from '../console-core.js';
import { claimsToken } from '../harness.testing.js';
import { seedFromScenario } from '../seed.testing.js';
import { addDays, epochAtLocal, localDate } from '../../../shared/time/index.js';
import { DispatchClient } from './engine-workers.js';
import { DispatchService, LATER_DAYS } from './service.js';
import type { Proposal } from '../../../shared/dispatch/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dispatch-service-'));
// A Wednesday, and the service's clock at 08:00 that morning: the engine plans a working day whatever day and hour
// the tests run (at a weekend only the engineers on call work, and late in the day nothing fits before shifts end).
const city = generateScenario({ seed: 31, engineers: 20, orders: 120, date: '2026-03-04' });
const now = () => city.meta.dayStart + 8 * 3_600_000;
let core: ConsoleCore;
let service: DispatchService;

beforeAll(() => {
  core = new ConsoleCore({ dataDir: dir, token: claimsToken(PRINCIPALS.dispatcher), transport: null });
  seedFromScenario(core, city);
  service = new DispatchService(core, () => city.meta.timeZone, { now });
});

afterAll(async () => {
  await service.dispose();
  core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('dispatch service in core', () => {
  it('ranks candidates for an open order from the cache', async () => {
    const open = city.orders.find((o) => o.status === 'new')!;
    const list = await service.rankCandidates(open.id);
    expect(list.orderId).toBe(open.id);
    expect(list.candidates.length).toBe(20);
  });

  it('judges a drop on the board', async () => {
    const open = city.orders.find((o) => o.status === 'new')!;
    const e = city.engineers[0]!;
    const v = await service.verdictFor(open.id, e.id, now() + 3_600_000);
    expect(typeof v.feasible).toBe('boolean');
    expect(v.verdicts.length).toBeGreaterThan(0);
  });

  it('lists the bookings that break a hard rule as the cache holds them, and follows the cache as it changes', () => {
    const day = { from: city.meta.dayStart, to: city.meta.dayStart + 86_400_000 };
    const before = new Set(service.violations(day.from, day.to).map((v) => v.orderId));
    const open = city.orders.find((o) => o.status === 'new' && o.requiredSkills.length > 0 && !before.has(o.id))!;
    const need = open.requiredSkills[0]!;
    const unable = city.engineers.find(
      (e) => e.shifts.length > 0 && !e.skills.some((s) => s.skill === need.skill && s.level >= need.level),
    )!;
    const start = now() + 2 * 3_600_000;
    core.mutate('assignOrder', {
      orderId: open.id,
      base: { version: open.version, rev: open.rev },
      engineerId: unable.id,
      start,
      override: { broken: [{ rule: 'skills', reason: 'lacks the skill' }] },
    });
    const listed = service.violations(day.from, day.to);
    // The same as the engine's judgement of the whole cache's days (the service builds them from their bookings only):
    // each booking judged on the planning day it is work of, yesterday's for a night shift's morning.
    const whole = (start: number) =>
      buildDispatchState({
        now: now(),
        day: { start, end: start + 86_400_000 },
        timeZone: city.meta.timeZone,
        engineers: [...core.state.engineers.values()],
        orders: [...core.state.orders.values()],
      });
    const startsToday = (id: string) => {
      const start = core.order(id)?.booking?.start ?? -1;
      return start >= day.from && start < day.to;
    };
    const judged = [whole(day.from - 86_400_000), whole(day.from)].flatMap((state) =>
      bookingViolations(state).filter((v) => startsToday(v.orderId) && judgedOnDay(state, v.orderId)),
    );
    expect(listed).toEqual(judged);
    // A night engineer's morning job on last night's shift is judged with last night (where it breaks a rule), not
    // with today, whose plan of him is tonight's.
    const lastNight = whole(day.from - 86_400_000);
    const ofLastNight = bookingViolations(lastNight).filter((v) => startsToday(v.orderId));
    expect(ofLastNight.length).toBeGreaterThan(0);
    const today = whole(day.from);
    for (const v of ofLastNight)
      expect(today.engineerById.get(v.engineerId)?.stops.map((x) => x.order.id)).not.toContain(v.orderId);
    const found = listed.filter((v) => v.orderId === open.id);
    expect(found).toContainEqual(
      expect.objectContaining({ engineerId: unable.id, rule: 'skills', reason: expect.stringMatching(/^needs /) }),
    );
    // Only bookings starting inside the period asked about.
    expect(service.violations(start + 60_000, day.to).some((v) => v.orderId === open.id)).toBe(false);
    const booked = core.order(open.id)!;
    core.mutate('unassignOrder', { orderId: open.id, base: { version: booked.version, rev: booked.rev } });
    expect(service.violations(day.from, day.to).some((v) => v.orderId === open.id)).toBe(false);
  });

  it('finds appointment windows for an open order and for a call being logged, on the cache', () => {
    const open = city.orders.find((o) => o.status === 'new' && o.requiredSkills.length > 0)!;
    const forOrder = service.findSlots({ orderId: open.id });
    expect(forOrder.windowMin).toBe(120);
    expect(forOrder.slots.length).toBeGreaterThan(0);
    expect(forOrder.slots.length).toBeLessThanOrEqual(5);
    for (const s of forOrder.slots) {
      expect(core.state.engineers.get(s.engineerId)).toBeDefined();
      expect(s.start).toBeGreaterThanOrEqual(now());
    }
    const { id: _id, code: _code, sla: _sla, status: _s, booking: _b, firstTimeFix: _f, ...fields } = open;
    const draft = {
      ...fields,
      id: 'draft-1',
      code: 'WO-DRAFT-1',
      requiredSkills: [{ skill: 'no-such-skill', level: 1 }],
    };
    const nobody = service.findSlots({ draft: { ...draft, parentOrderId: null } }, { halves: ['afternoon'] });
    expect(nobody.slots).toEqual([]);
    expect(nobody.reason).toEqual({ code: 'no_skills', skills: [{ skill: 'no-such-skill', level: 1 }] });
    expect(() => service.findSlots({ orderId: 'no-such-order' })).toThrow(/no order no-such-order/);
  });

  it("counts each team's capacity per day and follows the cache as bookings change", () => {
    const days = service.capacity(city.meta.dayStart, 14);
    const teams = new Set(city.engineers.map((e) => e.team));
    expect(days.length).toBe(14 * teams.size);
    const open =
      city.orders.find((o) => o.status === 'new' && o.requiredSkills.length === 0 && o.requiredParts.length === 0) ??
      city.orders.find((o) => o.status === 'new')!;
    const slot = service.findSlots({ orderId: open.id }).slots[0]!;
    const cell = (list: typeof days) =>
      list.find(
        (d) => d.team === slot.team && d.dayStart <= slot.plannedStart && slot.plannedStart < d.dayStart + 86_400_000,
      )!;
    const before = cell(days);
    const current = core.order(open.id)!;
    core.mutate('assignOrder', {
      orderId: open.id,
      base: { version: current.version, rev: current.rev },
      engineerId: slot.engineerId,
      start: slot.plannedStart,
    });
    const after = cell(service.capacity(city.meta.dayStart, 14));
    expect(after.workMin).toBe(before.workMin + open.durationMin);
    expect(after.remainingMin).toBeLessThan(before.remainingMin);
  });

  it('runs auto-dispatch with progress and applies the accepted part as one plan mutation', async () => {
    const progress: number[] = [];
    service.on('progress', (p) => progress.push(p.progress.fraction));
    const done = new Promise<{ runId: number; proposal: unknown; error: string | null }>((resolve) =>
      service.on('proposal', resolve),
    );
    const { runId } = await service.autoDispatch({ scope: {}, budgetMs: 1_500, seed: 3 });
    const result = await done;
    expect(result.error).toBeNull();
    expect(result.runId).toBe(runId);
    expect(progress.length).toBeGreaterThan(0);
    const proposal = result.proposal as Proposal;
    expect(proposal.moves.length).toBeGreaterThan(1);
    const before = core.status().pending;
    // A move that needs another (it frees the slot) is refused alone, naming the other; nothing is stored.
    const needy = proposal.moves.find((m) => service.needs(runId, [m.orderId]).needs.length > 0);
    expect(needy).toBeDefined();
    const { needs } = service.needs(runId, [needy!.orderId]);
    const code = proposal.moves.find((m) => m.orderId === needs[0])!.code;
    expect(() => service.accept(runId, [needy!.orderId], 'Auto-dispatch')).toThrow(new RegExp(`need ${code}`));
    expect(core.status().pending).toBe(before);
    // Two picked moves that need nothing else: exactly those two orders change.
    const alone = proposal.moves.filter((m) => m.dependsOn.length === 0).map((m) => m.orderId);
    const pair = alone
      .flatMap((a, i) => alone.slice(i + 1).map((b) => [a, b]))
      .find((p) => service.needs(runId, p).needs.length === 0);
    expect(pair).toBeDefined();
    const changed = new Set<string>();
    const off = core.on('changes', (c) => c.orders.forEach((o) => changed.add(o.id)));
    const { mutationId, moves } = service.accept(runId, pair!, 'Auto-dispatch');
    off();
    expect(moves).toBe(2);
    expect(new Set(changed)).toEqual(new Set(pair));
    const sent = core.cache.outboxEntry(mutationId)!.args as { moves: Array<{ orderId: string }> };
    expect(sent.moves.map((m) => m.orderId).sort()).toEqual([...pair!].sort());
    // The engine planned it and the dispatcher accepted it: the trail says so, not that they moved it by hand.
    expect(sent).toMatchObject({ proposal: 'auto-dispatch' });
    for (const id of pair!)
      expect(core.cache.eventsForOrder(id).at(-1)).toMatchObject({
        kind: expect.stringMatching(/^(assigned|moved|unassigned)$/),
        data: { proposal: 'auto-dispatch' },
      });
    expect(core.status().pending).toBe(before + 1);
    expect(core.history().undoLabel).toEqual({ key: 'applyNamedPlan', values: { plan: 'Auto-dispatch', n: 2 } });
    expect(() => service.accept(runId, null, 'again')).toThrow(/there is no proposal/);
  }, 30_000);

  it("proposes an emergency insertion held like auto-dispatch's: accepted by run id as one plan", async () => {
    const open = city.orders.find((o) => o.status === 'new' && o.priority === 'P1')!;
    const { runId, proposal } = await service.emergency(open.id);
    expect(proposal.kind).toBe('emergency');
    const own = proposal.moves.find((m) => m.orderId === open.id);
    expect(own?.to).not.toBeNull();
    const before = core.status().pending;
    const { moves, mutationId } = service.accept(runId, null, 'Emergency');
    expect(moves).toBe(proposal.moves.length);
    expect(core.cache.outboxEntry(mutationId)!.args).toMatchObject({ proposal: 'emergency' });
    expect(core.status().pending).toBe(before + 1);
    expect(core.order(open.id)?.booking?.start).toBe(own!.to!.start);
    expect(() => service.accept(runId, null, 'again')).toThrow(/there is no proposal/);
  }, 30_000);

  it('answers from the cache as it stood when asked, even while changes keep arriving during every load', async () => {
    // A busy centre: the sync client brings changes all the time. Each load of the engine's day takes a while, and
    // another change lands during it; the question must not wait for a quiet moment that never comes.
    const open = city.orders.find((o) => o.status === 'new')!;
    let loads = 0;
    const engine = {
      load: async () => {
        loads += 1;
        if (loads < 100) core.mutate('addNote', { orderId: open.id, text: `call ${loads}` });
        await new Promise((r) => setImmediate(r));
        return { engineers: 0, queue: 0 };
      },
      rankCandidates: (orderId: string) => Promise.resolve({ orderId, candidates: [] }),
      dispose: () => Promise.resolve(),
    };
    const busy = new DispatchService(core, () => city.meta.timeZone, {
      engine: engine as unknown as DispatchClient,
      now,
    });
    try {
      await expect(busy.rankCandidates(open.id)).resolves.toMatchObject({ orderId: open.id });
      expect(loads).toBe(1);
      // A change made after the answer makes the next question load again, once.
      core.mutate('addNote', { orderId: open.id, text: 'customer called back' });
      await busy.rankCandidates(open.id);
      expect(loads).toBe(2);
    } finally {
      await busy.dispose();
    }
  });

  it('finds the first later day someone can take an order in one engine question, as ranking day by day does, and keeps today loaded', async () => {
    const tz = city.meta.timeZone;
    const today = localDate(now(), tz);
    const dayStart = (n: number) => epochAtLocal(addDays(today, n), 0, tz);
    // An order anyone may do, promised for Friday morning (two days on): nobody can take it before that day.
    const open = city.orders.map((o) => core.order(o.id)!).find((o) => o.status === 'new' && !o.booking)!;
    core.mutate('updateOrder', {
      orderId: open.id,
      base: { version: open.version, rev: open.rev },
      patch: {
        requiredSkills: [],
        requiredParts: [],
        excludedEngineerIds: [],
        preferredEngineerIds: [],
        window: { start: dayStart(2) + 10 * 3_600_000, end: dayStart(2) + 12 * 3_600_000 },
      },
    });
    // Nobody has this skill: nobody on any day.
    const unskilled = city.orders.map((o) => core.order(o.id)!).find((o) => o.status === 'new' && o.id !== open.id)!;
    core.mutate('updateOrder', {
      orderId: unskilled.id,
      base: { version: unskilled.version, rev: unskilled.rev },
      patch: { requiredSkills: [{ skill: 'no-such-skill', level: 1 }] },
    });
    const engine = new DispatchClient({ osrmUrl: null });
    const asked = new DispatchService(core, () => tz, { engine, now });
    try {
      await asked.rankCandidates(open.id);
      const load = vi.spyOn(engine, 'load');
      const rank = vi.spyOn(engine, 'rankCandidates');
      const later = await asked.laterDay(open.id);
      // One question, and the engine's day is not loaded again, neither for it nor for the next question about today.
      expect(load).not.toHaveBeenCalled();
      expect(rank).not.toHaveBeenCalled();
      await asked.rankCandidates(open.id);
      expect(load).not.toHaveBeenCalled();
      expect(later?.dayStart).toBe(dayStart(2));
      expect(later!.candidate.slot!.start).toBeGreaterThanOrEqual(dayStart(2) + 10 * 3_600_000);
      // What ranking each day in turn finds: the earliest start of the first day anyone can take it.
      let expected: { day: number; start: number } | null = null;
      for (let n = 1; n <= LATER_DAYS && !expected; n++) {
        const starts = (await asked.rankCandidates(open.id, dayStart(n))).candidates
          .filter((c) => c.feasible && c.slot)
          .map((c) => c.slot!.start);
        if (starts.length > 0) expected = { day: dayStart(n), start: Math.min(...starts) };
      }
      expect(expected).toEqual({ day: later!.dayStart, start: later!.candidate.slot!.start });
      await expect(asked.laterDay(unskilled.id)).resolves.toBeNull();
    } finally {
      await asked.dispose();
    }
  });

  it("ranks an order promised for another day on that day's shifts, and says which day it ranked", async () => {
    const tz = city.meta.timeZone;
    const tomorrow = epochAtLocal(addDays(localDate(now(), tz), 1), 0, tz);
    const window = { start: tomorrow + 10 * 3_600_000, end: tomorrow + 12 * 3_600_000 };
    const open = city.orders.map((o) => core.order(o.id)!).findLast((o) => o.status === 'new' && !o.booking)!;
    core.mutate('updateOrder', {
      orderId: open.id,
      base: { version: open.version, rev: open.rev },
      patch: { requiredSkills: [], requiredParts: [], excludedEngineerIds: [], preferredEngineerIds: [], window },
    });
    const list = await service.rankCandidates(open.id);
    expect(list.dayStart).toBe(tomorrow);
    const fit = list.candidates.filter((c) => c.feasible);
    expect(fit.length).toBeGreaterThan(0);
    for (const c of fit) expect(c.slot!.start).toBeGreaterThanOrEqual(window.start);
    // The same as asking for tomorrow by name: its shifts, not today's, judge tomorrow's appointment.
    expect(await service.rankCandidates(open.id, tomorrow)).toEqual(list);
    // Asked for today, it ranks today and says so.
    expect((await service.rankCandidates(open.id, now())).dayStart).toBe(city.meta.dayStart);
  });

  it('judges a drop after midnight on a night shift with the evening the shift starts on', async () => {
    const tz = city.meta.timeZone;
    const tomorrow = epochAtLocal(addDays(localDate(now(), tz), 1), 0, tz);
    // Someone on tonight's night shift, and an hour at 01:00 tomorrow on it.
    const night = [...core.state.engineers.values()].find((e) =>
      e.shifts.some((s) => s.start >= now() && s.start < tomorrow && s.end > tomorrow + 3 * 3_600_000),
    )!;
    expect(night).toBeDefined();
    const open = city.orders.map((o) => core.order(o.id)!).find((o) => o.status === 'new' && !o.booking)!;
    const v = await service.verdictFor(open.id, night.id, tomorrow + 3_600_000);
    const shift = v.verdicts.find((x) => x.rule === 'shift')!;
    expect(shift.status).toBe('pass');
    expect(v.verdicts.find((x) => x.rule === 'breaks')?.status).not.toBe('fail');
  });

  it('warms up at start: the day is loaded and the engine asked once before the first question, which then loads nothing', async () => {
    const calls: string[] = [];
    const engine = {
      load: async () => (calls.push('load'), { engineers: 0, queue: 0 }),
      rankCandidates: (orderId: string) => (
        calls.push(`rank ${orderId}`),
        Promise.resolve({ orderId, candidates: [] })
      ),
      verdictFor: () => (calls.push('verdict'), Promise.resolve({ feasible: true, verdicts: [] })),
      dispose: () => Promise.resolve(),
    };
    const fresh = new DispatchService(core, () => city.meta.timeZone, {
      engine: engine as unknown as DispatchClient,
      now,
    });
    try {
      await expect(fresh.warm()).resolves.toBe(true);
      expect(calls[0]).toBe('load');
      expect(calls.filter((c) => c.startsWith('rank'))).toHaveLength(1);
      expect(calls).toContain('verdict');
      const open = city.orders.find((o) => o.status === 'new')!;
      calls.length = 0;
      await fresh.rankCandidates(open.id);
      expect(calls).toEqual([`rank ${open.id}`]);
    } finally {
      await fresh.dispose();
    }
  });

  it('warms up once the first sync brings an open order, and stops waiting when disposed', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'dispatch-empty-'));
    const empty = new ConsoleCore({
      dataDir: emptyDir,
      token: claimsToken(PRINCIPALS.dispatcher),
      transport: null,
    });
    const ranked: string[] = [];
    const engine = {
      load: async () => ({ engineers: 0, queue: 0 }),
      rankCandidates: (orderId: string) => (ranked.push(orderId), Promise.resolve({ orderId, candidates: [] })),
      verdictFor: () => Promise.resolve({ feasible: true, verdicts: [] }),
      dispose: () => Promise.resolve(),
    };
    const waiting = new DispatchService(empty, () => city.meta.timeZone, {
      engine: engine as unknown as DispatchClient,
      now,
    });
    const abandoned = new DispatchService(empty, () => city.meta.timeZone, {
      engine: engine as unknown as DispatchClient,
      now,
    });
    try {
      const warmed = waiting.warm();
      const never = abandoned.warm();
      await abandoned.dispose();
      await expect(never).resolves.toBe(false);
      expect(ranked).toEqual([]);
      // The first sync: the orders arrive, and the view announces a change.
      seedFromScenario(empty, city);
      empty.mutate('addNote', { orderId: city.orders[0]!.id, text: 'first call of the day' });
      await expect(warmed).resolves.toBe(true);
      expect(ranked).toHaveLength(1);
    } finally {
      await waiting.dispose();
      empty.close();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });
});

describe('dispatch service in core, half an hour before midnight', () => {
  it('judges a booking from the candidate list on the day the list was ranked on, past midnight too', async () => {
    const H = 3_600_000;
    const small = generateScenario({ seed: 31, engineers: 1, orders: 4, date: '2026-03-04' });
    // 23:57: the earliest anyone can start (now and the frozen half hour) is after midnight.
    const late = small.meta.dayStart + 23 * H + 57 * 60_000;
    const engineer = {
      ...small.engineers[0]!,
      // On from an hour ago for twelve hours, and on no shift tomorrow: tomorrow is planned with this shift too.
      shifts: [{ start: late - H, end: late + 12 * H, breaks: [] }],
      absences: [],
      maxJobs: null,
      state: 'off' as const,
      lastPosition: null,
    };
    const base = engineer.homeBase;
    const near = { lat: base.lat + 0.2, lon: base.lon };
    const [earlier, open, ...rest] = small.orders;
    const easy = {
      requiredSkills: [],
      requiredParts: [],
      window: null,
      excludedEngineerIds: [],
      preferredEngineerIds: [],
      durationMin: 60,
      sla: { respondBy: late + 24 * H, resolveBy: late + 48 * H },
    };
    // Booked this afternoon, off the shift: today's plan leaves the engineer there; tomorrow's starts at home base,
    // more than 20 km away.
    const afternoon = small.meta.dayStart + 14 * H;
    const city = {
      ...small,
      engineers: [engineer],
      orders: [
        {
          ...earlier!,
          ...easy,
          site: { ...earlier!.site, ...near },
          status: 'scheduled' as const,
          booking: { engineerId: engineer.id, start: afternoon, end: afternoon + H, pinned: false },
        },
        { ...open!, ...easy, site: { ...open!.site, ...near }, status: 'new' as const, booking: null },
        ...rest.map((o) => ({ ...o, status: 'cancelled' as const, booking: null })),
      ],
    };
    const lateDir = mkdtempSync(join(tmpdir(), 'dispatch-service-late-'));
    const lateCore = new ConsoleCore({
      dataDir: lateDir,
      token: claimsToken(PRINCIPALS.dispatcher),
      transport: null,
    });
    const lateService = new DispatchService(lateCore, () => city.meta.timeZone, { now: () => late });
    try {
      seedFromScenario(lateCore, city);
      const list = await lateService.rankCandidates(open!.id);
      expect(list.dayStart).toBe(small.meta.dayStart);
      const slot = list.candidates.find((c) => c.engineerId === engineer.id)?.slot;
      expect(slot?.start).toBeGreaterThanOrEqual(small.meta.dayStart + 24 * H);
      // Booking it (Enter in the panel) checks it on the list's day: the same answer the list gave.
      const v = await lateService.verdictFor(open!.id, engineer.id, slot!.start, list.dayStart);
      expect(v.verdicts.filter((x) => x.hard && x.status === 'fail')).toEqual([]);
      expect(v.feasible).toBe(true);
      // A drop there on the board is judged with the evening the shift starts on, today, as well: tomorrow, on which
      // no shift of the engineer starts, is planned with this shift too, but today is the day being planned.
      const drop = await lateService.verdictFor(open!.id, engineer.id, slot!.start);
      expect(drop.verdicts.filter((x) => x.hard && x.status === 'fail')).toEqual([]);
    } finally {
      await lateService.dispose();
      lateCore.close();
      rmSync(lateDir, { recursive: true, force: true });
    }
  });
});
