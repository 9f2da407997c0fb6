import type { WorkOrder } from '../domain/index.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';
import type { Placement } from './placement.js';
import { driveFrom, finishTime } from './placement.js';

/** The soft objectives a change touches, in cost units. */
export interface CostTerms {
  travel: number;
  lateness: number;
  overtime: number;
  balance: number;
  preference: number;
}

/** What a change does to the plan's cost, with the figures behind it. */
export interface CostDelta {
  /** Change in plan cost (cost units; a minute of driving at default weights). Lower is better. */
  total: number;
  terms: CostTerms;
  /** Minutes of driving added (negative when saved). */
  travelMin: number;
  /** Minutes past its SLA deadline the order would start (negative when a move makes it less late). */
  lateMin: number;
  /** Minutes of overtime added. */
  overtimeMin: number;
}

/** The latest start that keeps an order's SLA: respond-by for arriving, resolve-by less its duration for finishing. */
export function slaDeadline(state: DispatchState, order: WorkOrder): number {
  return Math.min(toMin(state, order.sla.respondBy), toMin(state, order.sla.resolveBy) - order.durationMin);
}

/** Minutes an order starting at `start` misses its SLA by (0 when it keeps it). */
export function lateMinutes(state: DispatchState, order: WorkOrder, start: number): number {
  return Math.max(0, start - slaDeadline(state, order));
}

/** A full working day of booked work: the load-balance weight is the cost of one such day. */
export const FULL_DAY_MIN = 480;

/** The load-balance cost of a day with `workMin` minutes of work: quadratic, so spreading work is cheaper. */
export function balanceCost(state: DispatchState, workMin: number): number {
  const share = workMin / FULL_DAY_MIN;
  return state.policy.weights.loadBalance * share * share;
}

/** Minutes past the shift end at which a day finishing at `finish` ends. */
export function overtimeOf(day: EngineerDay, finish: number): number {
  return day.shift ? Math.max(0, finish - day.shift.end) : 0;
}

/** Whether the customer named preferred engineers and this is not one of them. */
export function notPreferred(order: WorkOrder, engineerId: string): boolean {
  return order.preferredEngineerIds.length > 0 && !order.preferredEngineerIds.includes(engineerId);
}

function delta(
  state: DispatchState,
  travelMin: number,
  lateMin: number,
  overtimeMin: number,
  balance: number,
  preference: number,
  order: WorkOrder,
): CostDelta {
  const w = state.policy.weights;
  const terms: CostTerms = {
    travel: travelMin * w.travelPerMin,
    lateness: lateMin * w.latenessPerMin[order.priority],
    overtime: overtimeMin * w.overtimePerMin,
    balance,
    preference,
  };
  const total = terms.travel + terms.lateness + terms.overtime + terms.balance + terms.preference;
  return { total, terms, travelMin, lateMin, overtimeMin };
}

/** The cost of adding an order to a day at a placement found by `fitInGap`. */
export function placementCost(state: DispatchState, day: EngineerDay, order: WorkOrder, p: Placement): CostDelta {
  const travelMin = p.travelIn + p.travelOut - p.travelSaved;
  const overtimeMin = overtimeOf(day, p.finishAfter) - overtimeOf(day, p.finishBefore);
  const balance = balanceCost(state, day.workMin + order.durationMin) - balanceCost(state, day.workMin);
  const preference = notPreferred(order, day.engineer.id) ? state.policy.weights.notPreferred : 0;
  return delta(state, travelMin, lateMinutes(state, order, p.start), overtimeMin, balance, preference, order);
}

/** The cost of taking the job at `at` out of a day (negative: what its removal saves); other jobs stay put. */
export function removalCost(state: DispatchState, day: EngineerDay, at: number): CostDelta {
  const stops = day.stops;
  const stop = stops[at] as Stop;
  const prev = stops[at - 1];
  const next = stops[at + 1];
  const travel = state.travel;
  const home = state.policy.returnToBase;
  const fromLoc = prev ? prev.loc : day.origin.loc;
  const toLoc = next ? next.loc : home ? day.homeLoc : -1;
  const inMin = travel.minutes(fromLoc, stop.loc);
  const outMin = toLoc < 0 ? 0 : travel.minutes(stop.loc, toLoc);
  const direct = toLoc < 0 ? 0 : travel.minutes(fromLoc, toLoc);
  const finishBefore = finishTime(state, day, stops);
  let finishAfter = finishBefore;
  if (!next) {
    const depart = Math.max(prev ? prev.end : day.origin.time, state.nowMin);
    finishAfter = prev || home ? driveFrom(day.blocks, depart, direct) : day.origin.time;
  }
  const order = stop.order;
  const overtimeMin = overtimeOf(day, finishAfter) - overtimeOf(day, finishBefore);
  const balance = balanceCost(state, day.workMin - order.durationMin) - balanceCost(state, day.workMin);
  const preference = notPreferred(order, day.engineer.id) ? -state.policy.weights.notPreferred : 0;
  return delta(
    state,
    direct - inMin - outMin,
    -lateMinutes(state, order, stop.start),
    overtimeMin,
    balance,
    preference,
    order,
  );
}

/** Two cost changes one after the other. */
export function addCosts(a: CostDelta, b: CostDelta): CostDelta {
  const terms: CostTerms = {
    travel: a.terms.travel + b.terms.travel,
    lateness: a.terms.lateness + b.terms.lateness,
    overtime: a.terms.overtime + b.terms.overtime,
    balance: a.terms.balance + b.terms.balance,
    preference: a.terms.preference + b.terms.preference,
  };
  return {
    total: a.total + b.total,
    terms,
    travelMin: a.travelMin + b.travelMin,
    lateMin: a.lateMin + b.lateMin,
    overtimeMin: a.overtimeMin + b.overtimeMin,
  };
}
