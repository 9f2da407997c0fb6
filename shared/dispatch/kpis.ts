import type { Priority, WorkOrder } from '../domain/index.js';
import { PRIORITIES } from '../domain/index.js';
import { balanceCost, lateMinutes, notPreferred, overtimeOf, slaDeadline } from './cost.js';
import type { DispatchState, EngineerDay } from './state.js';
import { driveFrom } from './placement.js';

/** The figures a supervisor judges a plan by. */
export interface PlanKpis {
  /** Minutes of driving: to the first job, between jobs, and home when the policy returns engineers to base. */
  travelMin: number;
  travelKm: number;
  /** Minutes planned jobs start past their SLA deadline, summed. */
  lateMin: number;
  /** Planned orders starting within the jeopardy margin of their SLA deadline or past it, plus queued orders whose deadline falls within the day. */
  slaAtRisk: number;
  overtimeMin: number;
  /** Orders booked in the plan. */
  assigned: number;
  /** Orders left in the queue, by priority. */
  unassigned: Record<Priority, number>;
}

/** One engineer's day in figures, and its cost under the policy. */
export interface DayFigures {
  travelMin: number;
  travelKm: number;
  lateMin: number;
  atRisk: number;
  overtimeMin: number;
  cost: number;
}

/** The driving, lateness, overtime and cost of one engineer's day as planned. */
export function dayFigures(state: DispatchState, day: EngineerDay): DayFigures {
  const w = state.policy.weights;
  const travel = state.travel;
  let travelMin = 0;
  let travelKm = 0;
  let lateMin = 0;
  let atRisk = 0;
  let lateCost = 0;
  let preference = 0;
  let loc = day.origin.loc;
  for (const stop of day.stops) {
    travelMin += travel.minutes(loc, stop.loc);
    travelKm += travel.km(loc, stop.loc);
    loc = stop.loc;
    const late = lateMinutes(state, stop.order, stop.start);
    lateMin += late;
    lateCost += late * w.latenessPerMin[stop.order.priority];
    if (stop.start > slaDeadline(state, stop.order) - state.jeopardyMin) atRisk++;
    if (notPreferred(stop.order, day.engineer.id)) preference += w.notPreferred;
  }
  let finish = day.origin.time;
  const last = day.stops[day.stops.length - 1];
  if (last) finish = last.end;
  if (state.policy.returnToBase) {
    const home = travel.minutes(loc, day.homeLoc);
    travelMin += home;
    travelKm += travel.km(loc, day.homeLoc);
    finish = driveFrom(day.blocks, Math.max(finish, state.nowMin), home);
  }
  const overtimeMin = overtimeOf(day, finish);
  const cost =
    travelMin * w.travelPerMin +
    lateCost +
    overtimeMin * w.overtimePerMin +
    balanceCost(state, day.workMin) +
    preference;
  return { travelMin, travelKm, lateMin, atRisk, overtimeMin, cost };
}

/** Whether a queued order's SLA deadline passes within the planning day. */
export function queuedAtRisk(state: DispatchState, order: WorkOrder): boolean {
  return slaDeadline(state, order) < state.dayEndMin;
}

/** The KPIs and cost of a plan: the given engineer days and the orders left in the queue. */
export function planKpis(
  state: DispatchState,
  days: Iterable<EngineerDay>,
  queue: Iterable<WorkOrder>,
): { kpis: PlanKpis; cost: number } {
  const kpis: PlanKpis = {
    travelMin: 0,
    travelKm: 0,
    lateMin: 0,
    slaAtRisk: 0,
    overtimeMin: 0,
    assigned: 0,
    unassigned: { P1: 0, P2: 0, P3: 0, P4: 0 },
  };
  let cost = 0;
  for (const day of days) {
    const f = dayFigures(state, day);
    kpis.travelMin += f.travelMin;
    kpis.travelKm += f.travelKm;
    kpis.lateMin += f.lateMin;
    kpis.slaAtRisk += f.atRisk;
    kpis.overtimeMin += f.overtimeMin;
    kpis.assigned += day.stops.length;
    cost += f.cost;
  }
  for (const order of queue) {
    kpis.unassigned[order.priority] += 1;
    if (queuedAtRisk(state, order)) kpis.slaAtRisk += 1;
    // An order that was booked before and is queued again also breaks the time its customer was given.
    cost += state.policy.weights.unassigned[order.priority] + (order.booking ? state.policy.weights.unbook : 0);
  }
  kpis.travelKm = Math.round(kpis.travelKm * 10) / 10;
  return { kpis, cost };
}

/** After minus before, figure by figure. */
export function kpiDelta(before: PlanKpis, after: PlanKpis): PlanKpis {
  const unassigned = { P1: 0, P2: 0, P3: 0, P4: 0 };
  for (const p of PRIORITIES) unassigned[p] = after.unassigned[p] - before.unassigned[p];
  return {
    travelMin: after.travelMin - before.travelMin,
    travelKm: Math.round((after.travelKm - before.travelKm) * 10) / 10,
    lateMin: after.lateMin - before.lateMin,
    slaAtRisk: after.slaAtRisk - before.slaAtRisk,
    overtimeMin: after.overtimeMin - before.overtimeMin,
    assigned: after.assigned - before.assigned,
    unassigned,
  };
}
