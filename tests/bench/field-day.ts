// The overloaded field-service day of the engine benches (bench:priority, bench:fs): the project's scenario
// generator builds a city of `engineers` and `orders`; every order is known and queued at `from` (whatever was booked
// is planned again), so the whole day's work competes for the rest of the day and cannot all be done. Also the
// figures both benches print about a solved day: what is left per priority class, and P1/P2 orders left while an
// engineer who could take them serves a P4.
import { PRIORITIES, type Priority } from '../../shared/domain/index.js';
import type { DispatchModel } from '../../shared/dispatch/model.js';
import { defaultDispatchPolicy } from '../../shared/dispatch/policy.js';
import { evaluateRoute, type CompiledModel, type SolveResult } from '../../shared/dispatch/solver/index.js';
import { buildDispatchState, type DispatchState } from '../../shared/dispatch/state.js';
import { generateScenario } from '../../shared/scenario/index.js';

const MIN = 60_000;

/** Size and start of an overloaded day. */
export interface FieldDayOptions {
  readonly engineers: number;
  readonly orders: number;
  /** Local time ("HH:MM") at which planning starts: the later, the more overloaded. */
  readonly from: string;
  /** Seed of the scenario generator (7 in both benches). */
  readonly scenarioSeed?: number;
}

/** The dispatch state of an overloaded day, planned from `from`. */
export function overloadedFieldDay(o: FieldDayOptions): DispatchState {
  const [fromH, fromM] = o.from.split(':').map(Number) as [number, number];
  if (!Number.isInteger(fromH) || !Number.isInteger(fromM)) throw new Error(`from: HH:MM expected, got ${o.from}`);
  const city = generateScenario({ seed: o.scenarioSeed ?? 7, engineers: o.engineers, orders: o.orders });
  const now = city.meta.dayStart + (fromH * 60 + fromM) * MIN;
  const orders = city.orders.map((order) => ({
    ...order,
    status: 'new' as const,
    booking: null,
    createdAt: Math.min(order.createdAt, now - MIN),
    updatedAt: Math.min(order.updatedAt, now - MIN),
  }));
  return buildDispatchState({
    now,
    day: { start: city.meta.dayStart, end: city.meta.dayStart + 24 * 60 * MIN },
    engineers: city.engineers,
    orders,
    policy: defaultDispatchPolicy(),
    timeZone: city.meta.timeZone,
    skills: city.skills,
    parts: city.parts,
  });
}

/** Queued orders per priority class, e.g. "P1 12, P2 80, …". */
export function queueByPriority(state: DispatchState): string {
  return PRIORITIES.map((p) => `${p} ${state.queue.filter((o) => o.priority === p).length}`).join(', ');
}

/** Process CPU time in milliseconds. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Per priority class: the orders left in the queue and the sum of their unassigned penalties. */
export type LeftByPriority = Record<Priority, { count: number; penalty: number }>;

/** What a plan leaves in the queue, per priority class (fixed jobs are not the queue's). */
export function leftByPriority(
  cm: CompiledModel,
  dm: DispatchModel,
  unassigned: SolveResult['unassigned'],
): LeftByPriority {
  const left = Object.fromEntries(PRIORITIES.map((p) => [p, { count: 0, penalty: 0 }])) as LeftByPriority;
  for (const u of unassigned) {
    const job = dm.jobs[u.job]!;
    if (job.fixed) continue;
    left[job.order.priority].count += 1;
    left[job.order.priority].penalty += cm.penalty[u.job]!;
  }
  return left;
}

/** P1/P2 jobs left out while a vehicle serving a P4 could serve them in its place (at any position). */
export function swappableForP4(
  cm: CompiledModel,
  dm: DispatchModel,
  result: Pick<SolveResult, 'routes' | 'unassigned'>,
): number {
  let count = 0;
  for (const u of result.unassigned) {
    const p = dm.jobs[u.job]!.order.priority;
    if (p !== 'P1' && p !== 'P2') continue;
    const found = result.routes.some((r) =>
      r.jobs.some((w, k) => {
        if (dm.jobs[w]!.order.priority !== 'P4' || dm.jobs[w]!.fixed || !cm.compat[u.job * cm.nVehicles + r.vehicle])
          return false;
        const rest = r.jobs.filter((_, q) => q !== k);
        for (let at = 0; at <= rest.length; at++) {
          if (evaluateRoute(cm, r.vehicle, [...rest.slice(0, at), u.job, ...rest.slice(at)]).feasible) return true;
        }
        return false;
      }),
    );
    if (found) count++;
  }
  return count;
}
