// npm run bench:engine — the dispatch engine on realistic Shanghai days:
//   1. rankCandidates for 500 engineers with 20 bookings each (p50/p95 per order; target under 20 ms),
//   2. verdictFor per call (the board's drag hover),
//   2b. the console's candidate list for 1,000 engineers (ranking plus, when nobody fits, the smallest changes;
//       p95 per order; target under 100 ms),
//   3. autoDispatch of 100 engineers × 1,000 orders within a 10 s budget: a complete, rule-abiding proposal,
//   4. the first question to the engine's worker thread (as a console asks it) against the later ones: cold, and after
//      the warm-up a console runs at start (DispatchService.warm),
//   5. "another day" for an order nobody can take (the candidate list's offer when nobody fits today), as core
//      answers it: one question that looks at the next seven days in one pass, against asking for each day in turn
//      (the engine's day loaded for each); wall time of the request and the time core's thread is busy with it.
// Per-call times are CPU time of this process (the build machines are shared) with wall time alongside.
// ONLY=rank, ONLY=list, ONLY=auto, ONLY=first or ONLY=later runs one part.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WorkOrder } from '../../shared/domain/index.js';
import {
  autoDispatch,
  buildDispatchState,
  rankCandidates,
  toPlanMove,
  verdictFor,
  type DispatchState,
} from '../../shared/dispatch/index.js';
import { auditMoves } from '../../shared/dispatch/plan-audit.testing.js';
import { defaultDispatchPolicy } from '../../shared/dispatch/policy.js';
import { generateScenario, Random } from '../../shared/scenario/index.js';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { DispatchClient } from '../../electron/core/dispatch/engine-workers.js';
import { DispatchService, LATER_DAYS } from '../../electron/core/dispatch/service.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { seedFromScenario } from '../../electron/core/seed.testing.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';
import { addDays, epochAtLocal, localDate } from '../../shared/time/index.js';

const MIN = 60_000;
const policy = defaultDispatchPolicy();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** `size` engineers, each with 20 bookings spread over their shift, and the rest of the day's orders queued. */
function busyBoard(size = 500): { state: DispatchState; toRank: WorkOrder[] } {
  const city = generateScenario({ seed: 17, engineers: size, orders: size * 22 });
  const now = city.meta.dayStart + 6 * 60 * MIN;
  const rng = new Random(5);
  const orders = city.orders.map((o) => ({
    ...o,
    status: 'new' as const,
    booking: null,
    createdAt: Math.min(o.createdAt, now - MIN),
  }));
  let next = 0;
  const engineers = city.engineers.map((e) => ({ ...e, maxJobs: null, absences: [] }));
  for (const e of engineers) {
    const shift = e.shifts[0];
    if (!shift) continue;
    const slot = (shift.end - shift.start) / 21;
    for (let k = 0; k < 20; k++) {
      const o = orders[next++] as WorkOrder;
      const start = Math.ceil((shift.start + k * slot) / MIN) * MIN;
      const dur = Math.max(10, Math.floor(slot / MIN) - 12);
      Object.assign(o, {
        status: 'scheduled',
        durationMin: dur,
        window: null,
        booking: { engineerId: e.id, start, end: start + dur * MIN, pinned: rng.chance(0.1) },
      });
    }
  }
  const state = buildDispatchState({
    now,
    day: { start: city.meta.dayStart, end: city.meta.dayStart + 24 * 60 * MIN },
    timeZone: city.meta.timeZone,
    engineers,
    orders,
    policy,
    skills: city.skills,
    parts: city.parts,
  });
  return { state, toRank: state.queue.slice(0, 400) };
}

/** p50/p95 of rankCandidates over orders; `anyone` strips skills and parts so every engineer's day is searched. */
function timeRank(state: DispatchState, orders: WorkOrder[], anyone: boolean) {
  const list = anyone
    ? orders.map((o) => ({ ...o, requiredSkills: [], requiredParts: [], excludedEngineerIds: [] }))
    : orders;
  // The first call of the process, before any warm-up: what a cold engine costs.
  const f0 = performance.now();
  rankCandidates(list[list.length - 1]!, state);
  const firstMs = performance.now() - f0;
  for (const o of list.slice(0, 20)) rankCandidates(o, state); // warm-up
  const cpu: number[] = [];
  const wall: number[] = [];
  let timelines = 0;
  let feasible = 0;
  for (const o of list) {
    const c0 = cpuMs();
    const w0 = performance.now();
    const list = rankCandidates(o, state);
    wall.push(performance.now() - w0);
    cpu.push(cpuMs() - c0);
    timelines += list.candidates.filter((c) =>
      c.verdicts.some((v) => v.rule === 'overlap' && v.status !== 'skipped'),
    ).length;
    feasible += list.candidates.filter((c) => c.feasible).length;
  }
  return {
    orders: list.length,
    firstWallMs: round(firstMs),
    cpuP50Ms: round(pct(cpu, 0.5)),
    cpuP95Ms: round(pct(cpu, 0.95)),
    wallP50Ms: round(pct(wall, 0.5)),
    wallP95Ms: round(pct(wall, 0.95)),
    /** Engineers per order whose day was searched for a slot (the rest failed a rule that needs no timeline). */
    timelinesPerOrder: Math.round(timelines / list.length),
    feasiblePerOrder: Math.round(feasible / list.length),
  };
}

function benchRank() {
  const { state, toRank } = busyBoard();
  const bookings = state.engineers.reduce((n, d) => n + d.stops.length, 0);
  const real = timeRank(state, toRank, false);
  const anyone = timeRank(state, toRank, true);
  const r = { engineers: state.engineers.length, bookings, targetMs: 20, ...real, anyone };
  for (const [label, x] of [
    ["the day's orders", real],
    ['orders anyone may do', anyone],
  ] as const)
    console.log(
      `rankCandidates, ${label}: ${r.engineers} engineers, ${r.bookings} bookings; ${x.orders} orders: first call ${x.firstWallMs} ms wall, then p50 ${x.cpuP50Ms} ms, p95 ${x.cpuP95Ms} ms CPU ` +
        `(wall p50 ${x.wallP50Ms}, p95 ${x.wallP95Ms}); ${x.timelinesPerOrder} day timelines searched, ${x.feasiblePerOrder} feasible per order`,
    );

  const rng = new Random(9);
  const calls = 20_000;
  const cpu2: number[] = [];
  const c0 = cpuMs();
  const w0 = performance.now();
  for (let i = 0; i < calls; i++) {
    const o = rng.pick(toRank);
    const d = rng.pick(state.engineers as DispatchState['engineers'][number][]);
    const start = state.epoch + (7 * 60 + rng.int(0, 12 * 12) * 5) * MIN;
    const t = cpuMs();
    verdictFor(o, d.engineer.id, start, state);
    if (i % 50 === 0) cpu2.push(cpuMs() - t);
  }
  const v = {
    calls,
    meanUs: round(((performance.now() - w0) / calls) * 1000, 1),
    cpuMeanUs: round(((cpuMs() - c0) / calls) * 1000, 1),
  };
  console.log(`verdictFor: ${v.calls} calls, ${v.cpuMeanUs} µs CPU per call on average (wall ${v.meanUs} µs)`);
  return { rank: r, verdict: v };
}

/** The candidate list as the console asks for it, with 1,000 engineers: p95 per order against a 100 ms target. */
function benchCandidateList() {
  const { state, toRank } = busyBoard(1000);
  const orders = toRank.slice(0, 300);
  for (const o of orders.slice(0, 20)) rankCandidates(o, state); // warm-up
  const cpu: number[] = [];
  const wall: number[] = [];
  let nobody = 0;
  let changes = 0;
  for (const o of orders) {
    const c0 = cpuMs();
    const w0 = performance.now();
    const list = rankCandidates(o, state);
    wall.push(performance.now() - w0);
    cpu.push(cpuMs() - c0);
    if (!list.candidates.some((c) => c.feasible)) {
      nobody += 1;
      if (list.changes.length > 0) changes += 1;
    }
  }
  const r = {
    engineers: state.engineers.length,
    orders: orders.length,
    targetMs: 100,
    cpuP50Ms: round(pct(cpu, 0.5)),
    cpuP95Ms: round(pct(cpu, 0.95)),
    wallP50Ms: round(pct(wall, 0.5)),
    wallP95Ms: round(pct(wall, 0.95)),
    nobodyFits: nobody,
    withAChange: changes,
  };
  console.log(
    `candidate list, ${r.engineers} engineers: ${r.orders} orders: p50 ${r.cpuP50Ms} ms, p95 ${r.cpuP95Ms} ms CPU ` +
      `(wall p50 ${r.wallP50Ms}, p95 ${r.wallP95Ms}); nobody fits ${r.nobodyFits}, a smallest change found for ${r.withAChange} of them`,
  );
  return r;
}

function benchAuto() {
  const city = generateScenario({ seed: 7, engineers: 100, orders: 1000 });
  const now = city.meta.dayStart + 7 * 60 * MIN;
  // The evening before: every order of the day is known at 07:00, most of yesterday's plan still stands.
  const orders = city.orders.map((o) => (o.createdAt > now ? { ...o, createdAt: now - MIN, updatedAt: now - MIN } : o));
  const input = {
    now,
    day: { start: city.meta.dayStart, end: city.meta.dayStart + 24 * 60 * MIN },
    engineers: city.engineers,
    orders,
    policy,
  };
  const state = buildDispatchState({ ...input, timeZone: city.meta.timeZone, skills: city.skills, parts: city.parts });
  const budgetMs = 10_000;
  const c0 = cpuMs();
  const w0 = performance.now();
  const p = autoDispatch({}, budgetMs, 1, state);
  const wallMs = Math.round(performance.now() - w0);
  const cpu = Math.round(cpuMs() - c0);
  const violations = auditMoves(
    input,
    p.moves.map((m) => toPlanMove(m)),
  );
  const left = p.unassigned.length;
  const why = new Map<string, number>();
  for (const u of p.unassigned) {
    const kind = u.reason.startsWith('no engineer in scope working this day can do it')
      ? 'nobody has the skills or parts'
      : u.reason.includes('could take it at')
        ? 'cheaper to leave for later'
        : u.reason.startsWith('all ')
          ? 'everyone who could is full'
          : u.reason.includes('appointment')
            ? 'appointment closed'
            : 'other';
    why.set(kind, (why.get(kind) ?? 0) + 1);
  }
  const count = (k: string) => p.moves.filter((m) => m.kind === k).length;
  console.log(
    `autoDispatch: 100 engineers, ${state.queue.length} queued + ${p.kpis.before.assigned} booked orders, budget ${budgetMs} ms: ` +
      `${wallMs} ms wall, ${cpu} ms CPU, ${p.search.iterations} iterations (${p.search.stoppedBy})`,
  );
  console.log(
    `  moves: ${count('assign')} assigned, ${count('move')} moved, ${count('unassign')} back to the queue; ${p.moves.filter((m) => m.dependsOn.length === 0).length} can be accepted on their own`,
  );
  console.log(`  left in the queue: ${left} — ${[...why].map(([k, n]) => `${n} ${k}`).join(', ')}`);
  console.log(`  e.g. ${p.moves[0]?.code}: ${p.moves[0]?.reason}`);
  console.log(`  e.g. ${p.unassigned[0]?.code}: ${p.unassigned[0]?.reason}`);
  const d = p.kpis.delta;
  console.log(
    `  KPI deltas: assigned +${d.assigned}, travel ${d.travelMin > 0 ? '+' : ''}${d.travelMin} min (${d.travelKm} km), SLA at risk ${d.slaAtRisk}, ` +
      `overtime ${d.overtimeMin > 0 ? '+' : ''}${d.overtimeMin} min, unassigned P1 ${d.unassigned.P1} P2 ${d.unassigned.P2} P3 ${d.unassigned.P3} P4 ${d.unassigned.P4}`,
  );
  console.log(
    `  plan cost ${Math.round(p.cost.before)} → ${Math.round(p.cost.after)}; rule violations found by the independent audit: ${violations.length}`,
  );
  for (const v of violations.slice(0, 5)) console.log(`  VIOLATION ${v}`);
  return {
    engineers: 100,
    orders: 1000,
    budgetMs,
    wallMs,
    cpuMs: cpu,
    iterations: p.search.iterations,
    stoppedBy: p.search.stoppedBy,
    assigned: count('assign'),
    moved: count('move'),
    unassigned: left,
    unassignedWhy: Object.fromEntries(why),
    kpiDelta: d,
    costBefore: Math.round(p.cost.before),
    costAfter: Math.round(p.cost.after),
    violations: violations.length,
  };
}

/**
 * The first "best candidate" a console asks its engine worker against the later ones, on a busy day: with a fresh
 * worker (the day loaded and the engine compiled on that first question), and after the warm-up a console does at
 * start (load, one ranking, one verdict). Wall times: this is what the dispatcher waits.
 */
async function benchFirstCall() {
  const city = generateScenario({ seed: 17, engineers: 300, orders: 4_000 });
  const now = city.meta.dayStart + 9 * 60 * MIN;
  const day = {
    now,
    day: { start: city.meta.dayStart, end: city.meta.dayStart + 24 * 60 * MIN },
    timeZone: city.meta.timeZone,
    engineers: city.engineers,
    orders: city.orders.map((o) => (o.createdAt > now ? { ...o, createdAt: now - MIN, updatedAt: now - MIN } : o)),
  };
  const open = day.orders.filter((o) => o.status === 'new').slice(0, 21);
  const asked = async (client: DispatchClient, orders: WorkOrder[]) => {
    const times: number[] = [];
    for (const o of orders) {
      const t = performance.now();
      await client.rankCandidates(o.id, o);
      times.push(performance.now() - t);
    }
    return times;
  };
  /** `cold`: a fresh worker, the day loaded on the question; `loaded`: the day loaded before it, nothing asked yet. */
  const measure = async (mode: 'cold' | 'loaded' | 'warmed') => {
    const started = performance.now();
    const client = new DispatchClient({ osrmUrl: null });
    try {
      if (mode !== 'cold') await client.load(day);
      if (mode === 'warmed') {
        // What DispatchService.warm does at start, on another order than the dispatcher's first.
        await client.rankCandidates(open[20]!.id, open[20]);
        await client.verdictFor(open[20]!.id, day.engineers[0]!.id, now, open[20]);
      }
      const readyMs = performance.now() - started;
      const t = performance.now();
      if (mode === 'cold') await client.load(day);
      await asked(client, open.slice(0, 1));
      const firstMs = performance.now() - t;
      const later = await asked(client, open.slice(1, 20));
      return {
        readyMs: round(readyMs, 0),
        firstMs: round(firstMs, 1),
        laterP50Ms: round(pct(later, 0.5), 1),
        laterMaxMs: round(Math.max(...later), 1),
      };
    } finally {
      await client.dispose();
    }
  };
  const cold = await measure('cold');
  const loaded = await measure('loaded');
  const warmed = await measure('warmed');
  console.log(
    `first best candidate (${day.engineers.length} engineers, ${day.orders.length} orders, worker thread), first call then later p50/max:`,
  );
  for (const [label, x] of [
    ['fresh worker, day loaded on the question', cold],
    [`day loaded before (${loaded.readyMs} ms), nothing asked yet`, loaded],
    [`warmed at start (${warmed.readyMs} ms, before any question)`, warmed],
  ] as const)
    console.log(`  ${label}: ${x.firstMs} ms, then ${x.laterP50Ms} / ${x.laterMaxMs} ms`);
  return { engineers: day.engineers.length, orders: day.orders.length, cold, loaded, warmed };
}

/**
 * "Another day" for orders nobody can take on any of the next seven days (the most work: every day looked at), on a
 * console's cache with the engine in its worker threads: one question (DispatchService.laterDay) against a question
 * per day (the engine's day loaded for each, as the console asked before). Each followed by the next question about
 * today, which the day-by-day way finds loaded with another day. Wall time of the whole, and the time core's thread
 * was busy in it (event-loop active time: building the days' input and sending it, reading the answers).
 */
async function benchLaterDay() {
  const date = '2026-03-04';
  const city = generateScenario({ seed: 17, engineers: 300, orders: 4_000, date });
  const tz = city.meta.timeZone;
  const now = () => city.meta.dayStart + 9 * 60 * MIN;
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-later-'));
  const core = new ConsoleCore({ dataDir: dir, token: claimsToken(PRINCIPALS.dispatcher), transport: null });
  seedFromScenario(core, city);
  // Orders that need a skill nobody has: nobody on any day.
  const stuck = city.orders.filter((o) => o.status === 'new').slice(0, 12);
  for (const o of stuck)
    core.mutate('updateOrder', {
      orderId: o.id,
      base: { version: o.version, rev: o.rev },
      patch: { requiredSkills: [{ skill: 'no-such-skill', level: 1 }] },
    });
  const service = new DispatchService(core, () => tz, { now });
  const today = localDate(now(), tz);
  const days = Array.from({ length: LATER_DAYS }, (_, k) => epochAtLocal(addDays(today, k + 1), 0, tz));
  const ways = {
    dayByDay: async (orderId: string) => {
      for (const dayStart of days) await service.rankCandidates(orderId, dayStart);
    },
    onePass: async (orderId: string) => {
      await service.laterDay(orderId);
    },
  };
  const results: Record<string, { wallP50Ms: number; wallMaxMs: number; coreP50Ms: number; coreMaxMs: number }> = {};
  try {
    await service.warm();
    for (const [label, ask] of Object.entries(ways)) {
      await ask(stuck[0]!.id); // warm-up
      await service.rankCandidates(stuck[0]!.id);
      const wall: number[] = [];
      const busy: number[] = [];
      for (const o of stuck.slice(1)) {
        const e0 = performance.eventLoopUtilization();
        const w0 = performance.now();
        await ask(o.id);
        await service.rankCandidates(o.id);
        wall.push(performance.now() - w0);
        busy.push(performance.eventLoopUtilization(e0).active);
      }
      results[label] = {
        wallP50Ms: round(pct(wall, 0.5), 1),
        wallMaxMs: round(Math.max(...wall), 1),
        coreP50Ms: round(pct(busy, 0.5), 1),
        coreMaxMs: round(Math.max(...busy), 1),
      };
    }
  } finally {
    await service.dispose();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const before = results.dayByDay!;
  const after = results.onePass!;
  const r = {
    engineers: city.engineers.length,
    orders: city.orders.length,
    days: LATER_DAYS,
    dayByDay: before,
    onePass: after,
    wallRatio: round(before.wallP50Ms / after.wallP50Ms, 1),
    coreRatio: round(before.coreP50Ms / after.coreP50Ms, 1),
  };
  console.log(
    `another day, nobody on any of the next ${r.days} days (${r.engineers} engineers, ${r.orders} orders, worker thread), then the next question about today, p50 / max over ${stuck.length - 1} orders:`,
  );
  for (const [label, x] of [
    ['a question per day, the day loaded for each', before],
    ['one question, the days in one pass', after],
  ] as const)
    console.log(
      `  ${label}: ${x.wallP50Ms} / ${x.wallMaxMs} ms wall, core's thread busy ${x.coreP50Ms} / ${x.coreMaxMs} ms`,
    );
  console.log(`  one pass is ${r.wallRatio}× faster in wall time, ${r.coreRatio}× less of core's thread`);
  return r;
}

// ONLY=rank, ONLY=list, ONLY=auto, ONLY=first or ONLY=later runs one part (while tuning); the summary then covers it.
const only = process.env.ONLY;
const ranked = only && only !== 'rank' ? null : benchRank();
const candidateList = only && only !== 'list' ? null : benchCandidateList();
const auto = only && only !== 'auto' ? null : benchAuto();
const first = only && only !== 'first' ? null : await benchFirstCall();
const later = only && only !== 'later' ? null : await benchLaterDay();
const ok =
  (!ranked || (ranked.rank.cpuP95Ms < ranked.rank.targetMs && ranked.rank.anyone.cpuP95Ms < ranked.rank.targetMs)) &&
  (!candidateList || candidateList.cpuP95Ms < candidateList.targetMs) &&
  (!auto || (auto.violations === 0 && auto.wallMs <= auto.budgetMs)) &&
  // Warmed, the first answer comes about as fast as the later ones (within 5× their slowest, or 50 ms).
  (!first || first.warmed.firstMs <= Math.max(50, 5 * first.warmed.laterMaxMs)) &&
  // One pass answers faster than a question per day.
  (!later || later.wallRatio > 1);
console.log(
  JSON.stringify({
    bench: 'engine',
    rank: ranked?.rank,
    verdict: ranked?.verdict,
    candidateList,
    auto,
    first,
    later,
    ok,
  }),
);
if (!ok) process.exit(1);
