import { z } from 'zod';
import { PRIORITIES, type WorkOrder } from '../domain/index.js';
import { FULL_DAY_MIN, slaDeadline } from './cost.js';
import type { BreakSpec, JobSpec, ObjectiveMode, RoutePlan, VehicleSpec, VrpModel } from './solver/index.js';
import type { Block, DispatchState, EngineerDay, FixedReason, Stop } from './state.js';
import { toMin } from './state.js';
import { ceilMinute, dayCeiling, driveFrom } from './placement.js';
import { engineerArgs, say, type SaidReason } from './reasons.js';
import { unavailable } from './rules.js';

/** Which part of the plan the engine may change. */
export interface DispatchScope {
  /** Engineers of these teams (all teams when absent). */
  teams?: readonly string[];
  /** Only these engineers (intersected with `teams`). */
  engineerIds?: readonly string[];
  /** Only these queued orders are planned in (the whole queue when absent; none for an empty list). */
  orderIds?: readonly string[];
  /** Whether unpinned bookings outside the frozen horizon may move (default true). */
  rearrange?: boolean;
  /** Whether booked orders must stay booked (re-sequencing a day): default false, they may go back to the queue. */
  keepBooked?: boolean;
}

/**
 * How the engine weighs leaving orders in the queue (see the solver's ObjectiveMode): 'priority-first', the console's
 * default, never leaves a higher-priority order queued to serve lower-priority work or to save travel; 'weighted'
 * sums the policy's weights, so enough P4s (or travel) may outweigh a P1.
 */
export const ObjectiveModeSchema = z.enum(['priority-first', 'weighted']) satisfies z.ZodType<ObjectiveMode>;
export const DEFAULT_OBJECTIVE: ObjectiveMode = 'priority-first';

/** The solver's priority of each order priority: P1 the highest. */
const SOLVER_PRIORITY = Object.fromEntries(PRIORITIES.map((p, i) => [p, PRIORITIES.length - 1 - i]));

/** What each solver job stands for. */
export interface ModelJob {
  order: WorkOrder;
  /** The booking it had before, or null for a queued order. */
  from: { day: EngineerDay; stop: Stop } | null;
  /** Why it must stay where it is; null when it may move. */
  fixed: FixedReason | null;
}

/** A planning day in the solver's terms, with the way back to the domain. */
export interface DispatchModel {
  model: VrpModel;
  /** The engineer day behind each vehicle. */
  vehicles: EngineerDay[];
  jobs: ModelJob[];
  /** The current plan, as the search's starting point. */
  initial: RoutePlan[];
  /** Bookings of engineers in scope left exactly as they are, outside the search (under way, or fixed). */
  kept: Map<string, Stop[]>;
  /** What the dispatcher should know about the plan, as data and in English. */
  notes: SaidReason[];
}

/** Far above any cost of keeping a booking, so re-sequencing never sends one back to the queue to save cost. */
const KEEP = 1e9;
/** Capacity of a part a van never runs out of (the solver takes finite capacities only). */
const UNLIMITED = 1e9;

/** The engineers the engine may plan for in a scope. */
export function engineersInScope(state: DispatchState, scope: DispatchScope): EngineerDay[] {
  const teams = scope.teams ? new Set(scope.teams) : null;
  const ids = scope.engineerIds ? new Set(scope.engineerIds) : null;
  return state.engineers.filter((d) => (!teams || teams.has(d.engineer.team)) && (!ids || ids.has(d.engineer.id)));
}

/** Whether the engineer could ever do the order: not excluded, skilled enough, the parts on the van at all. */
export function mayEverTake(day: EngineerDay, order: WorkOrder): boolean {
  if (order.excludedEngineerIds.includes(day.engineer.id)) return false;
  for (const s of order.requiredSkills) if ((day.skills.get(s.skill) ?? 0) < s.level) return false;
  for (const p of order.requiredParts) if ((day.engineer.vanStock[p.part] ?? 0) < p.qty) return false;
  return true;
}

/** Whether a day can take one more job needing these parts, by its job limit and what is left on the van. */
export function hasRoom(day: EngineerDay, order: WorkOrder): boolean {
  if (day.engineer.maxJobs !== null && day.stops.length >= day.engineer.maxJobs) return false;
  return order.requiredParts.every((p) => (day.partsLeft.get(p.part) ?? 0) >= p.qty);
}

/** Whether the fixed bookings of a day, on their own, leave time to drive between them and get home. */
function fixedChainFits(
  state: DispatchState,
  day: EngineerDay,
  fixed: readonly Stop[],
  from: { loc: number; time: number },
): boolean {
  let loc = from.loc;
  let t = from.time;
  for (const s of fixed) {
    if (driveFrom(day.blocks, t, state.travel.minutes(loc, s.loc)) > s.start + 1e-9) return false;
    if (day.blocks.some((b) => b.start < s.end && b.end > s.start)) return false;
    [loc, t] = [s.loc, s.end];
  }
  const home = state.policy.returnToBase ? state.travel.minutes(loc, day.homeLoc) : 0;
  return driveFrom(day.blocks, t, home) <= dayCeiling(state, day) + 1e-9;
}

/** Breaks and absences after the vehicle starts, as fixed breaks (overlaps merged; one under way is cut short). */
function fixedBreaks(blocks: readonly Block[], after: number): BreakSpec[] {
  const merged: Array<[number, number]> = [];
  for (const b of blocks) {
    if (b.end <= after) continue;
    const span: [number, number] = [Math.max(b.start, after), b.end];
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged.map(([s, e]) => ({ timeWindows: [[s, s]], service: e - s }));
}

/**
 * Maps a planning day onto the solver's model: one vehicle per engineer in scope who works that day, starting where
 * and when they are next free; breaks and absences as fixed breaks; parts as capacity (van stock is consumed across
 * the day); skills, exclusions and whole-van stock as compatibility; pinned and frozen bookings pinned at their time;
 * movable bookings and queued orders as jobs with their appointment window, not before the frozen horizon, and a soft
 * SLA deadline. Times are engine minutes.
 */
export function buildModel(
  state: DispatchState,
  scope: DispatchScope,
  objective: ObjectiveMode = DEFAULT_OBJECTIVE,
): DispatchModel {
  const notes: SaidReason[] = [];
  const policy = state.policy;
  const w = policy.weights;
  const words = state.words;
  const rearrange = scope.rearrange ?? true;
  const days = engineersInScope(state, scope);

  const locIndex = new Map<number, number>();
  const locs: number[] = [];
  const loc = (stateLoc: number): number => {
    let i = locIndex.get(stateLoc);
    if (i === undefined) {
      i = locs.length;
      locs.push(stateLoc);
      locIndex.set(stateLoc, i);
    }
    return i;
  };

  // Each engineer in scope either becomes a vehicle, or keeps their day as it is (nothing new goes to them).
  const jobs: ModelJob[] = [];
  const kept = new Map<string, Stop[]>();
  const starts = new Map<EngineerDay, { loc: number; time: number }>();
  const vehicles: EngineerDay[] = [];
  const pending: Array<{ day: EngineerDay; stop: Stop; fixed: FixedReason | null }> = [];
  for (const day of days) {
    const begun = day.stops.filter((s) => s.fixed === 'in progress' || s.start <= state.nowMin);
    // New work follows the last of these on the timeline (a booking left behind the clock may come after the job
    // under way), so the drive is counted from its site, as the final check and the board count it; the engineer is
    // free once every one of them has ended. Whole minutes keep every planned start on the minute.
    const last = begun[begun.length - 1];
    const freeAt = begun.reduce((t, s) => Math.max(t, s.end), -Infinity);
    const time = ceilMinute(Math.max(freeAt, day.origin.time));
    const from = { loc: last ? last.loc : day.origin.loc, time };
    starts.set(day, from);
    const rest = day.stops.filter((s) => !begun.includes(s));
    // A booking the dispatcher made against a rule on purpose stays where they put it, as a pinned one does; the
    // dispatcher may still move it by hand (it is fixed here only, not in the day's own stops).
    const overridden = rest.filter((s) => s.order.booking?.overridden === true && !s.fixed);
    for (const s of overridden)
      notes.push(
        say(words, 'overrideKept', {
          order: words.order(s.order),
          ...engineerArgs(day.engineer),
          time: words.clock(s.start),
        }),
      );
    const fixed = rest.filter((s) => s.fixed || !rearrange || overridden.includes(s));
    const working = day.shift !== null && day.unavailable === null;
    if (working && !fixedChainFits(state, day, fixed, from)) {
      notes.push(say(words, 'fixedChainTight', engineerArgs(day.engineer)));
      kept.set(day.engineer.id, [...day.stops]);
      continue;
    }
    if (!working)
      for (const s of fixed)
        notes.push(
          say(words, 'staysWithUnavailable', {
            order: words.order(s.order),
            ...engineerArgs(day.engineer),
            why: unavailable(state, day),
          }),
        );
    const stay = working ? begun : [...begun, ...fixed];
    if (stay.length > 0) kept.set(day.engineer.id, stay);
    if (working) vehicles.push(day);
    for (const stop of rest)
      if (!stay.includes(stop))
        pending.push({ day, stop, fixed: fixed.includes(stop) ? (stop.fixed ?? 'pinned') : null });
  }
  const vehicleOf = new Map(vehicles.map((d, v) => [d, v]));
  for (const p of pending) jobs.push({ order: p.stop.order, from: { day: p.day, stop: p.stop }, fixed: p.fixed });
  const wanted = scope.orderIds ? new Set(scope.orderIds) : null;
  for (const order of state.queue) if (!wanted || wanted.has(order.id)) jobs.push({ order, from: null, fixed: null });

  // What the van still holds once the bookings kept out of the search have used their parts.
  function stockLeft(day: EngineerDay, part: string): number {
    let left = day.engineer.vanStock[part] ?? 0;
    for (const s of kept.get(day.engineer.id) ?? [])
      for (const n of s.order.requiredParts) if (n.part === part) left -= n.qty;
    return Math.max(0, left);
  }

  // Parts become capacity dimensions, only those some van could run out of: where everything a vehicle could take
  // needs no more of a part than its van holds, that part never limits it.
  const allowed = jobs.map((j) =>
    j.fixed && j.from
      ? [vehicleOf.get(j.from.day) as number]
      : vehicles.flatMap((day, v) => (mayEverTake(day, j.order) ? [v] : [])),
  );
  const demand = vehicles.map(() => new Map<string, number>());
  jobs.forEach((j, i) => {
    for (const v of allowed[i] as number[]) {
      const m = demand[v] as Map<string, number>;
      for (const need of j.order.requiredParts) m.set(need.part, (m.get(need.part) ?? 0) + need.qty);
    }
  });
  const partDim = new Map<string, number>();
  vehicles.forEach((day, v) => {
    for (const [part, need] of demand[v] as Map<string, number>)
      if (need > stockLeft(day, part) && !partDim.has(part)) partDim.set(part, partDim.size);
  });
  const dims = partDim.size;

  const vehicleSpecs: VehicleSpec[] = vehicles.map((day, v) => {
    const shift = day.shift as { start: number; end: number };
    const from = starts.get(day) as { loc: number; time: number };
    const capacity = new Array<number>(dims).fill(UNLIMITED);
    for (const [part, d] of partDim) {
      const stock = stockLeft(day, part);
      if (((demand[v] as Map<string, number>).get(part) ?? 0) > stock) capacity[d] = stock;
    }
    const maxJobs = day.engineer.maxJobs;
    const keptCount = kept.get(day.engineer.id)?.length ?? 0;
    return {
      start: loc(from.loc),
      ...(policy.returnToBase ? { end: loc(day.homeLoc) } : {}),
      timeWindow: [from.time, Math.max(from.time, shift.end)],
      maxOvertime: policy.maxOvertimeMin,
      breaks: fixedBreaks(day.blocks, from.time),
      capacity,
      ...(maxJobs === null ? {} : { maxTasks: Math.max(0, maxJobs - keptCount) }),
    };
  });

  const jobSpecs: JobSpec[] = jobs.map((j, i) => {
    const o = j.order;
    const delivery = new Array<number>(dims).fill(0);
    for (const need of o.requiredParts) {
      const d = partDim.get(need.part);
      if (d !== undefined) delivery[d]! += need.qty;
    }
    const deadline = { at: slaDeadline(state, o) + o.durationMin, costPerUnit: w.latenessPerMin[o.priority] };
    const site = loc(state.siteLoc.get(o.id) ?? state.locations.index(o.site));
    const base = { location: site, service: o.durationMin, delivery, deadline, priority: SOLVER_PRIORITY[o.priority] };
    if (j.fixed && j.from)
      return {
        ...base,
        pinned: { vehicle: vehicleOf.get(j.from.day) as number, start: j.from.stop.start },
        unassignedCost: 0,
      };
    const win = o.window;
    const open = Math.max(state.notBefore, win ? ceilMinute(toMin(state, win.start)) : -Infinity);
    const close = win ? Math.floor(toMin(state, win.end) + 1e-9) : Infinity;
    const penalty = j.from ? (scope.keepBooked ? KEEP : w.unassigned[o.priority] + w.unbook) : w.unassigned[o.priority];
    const preferred = o.preferredEngineerIds;
    const preference =
      preferred.length > 0
        ? { preferredVehicles: vehicles.flatMap((d, v) => (preferred.includes(d.engineer.id) ? [v] : [])) }
        : {};
    if (close < open) return { ...base, timeWindows: [[open, open]], allowedVehicles: [], unassignedCost: penalty };
    return {
      ...base,
      ...preference,
      timeWindows: [[open, close]],
      allowedVehicles: allowed[i] as number[],
      unassignedCost: penalty,
    };
  });

  // Fixed jobs whose van already cannot cover them raise the capacity, so the plan stays solvable.
  const fixedNeed = vehicles.map(() => new Array<number>(dims).fill(0));
  jobs.forEach((j, i) => {
    if (!j.fixed || !j.from) return;
    const need = fixedNeed[vehicleOf.get(j.from.day) as number] as number[];
    (jobSpecs[i]?.delivery ?? []).forEach((q, d) => (need[d]! += q));
  });
  vehicleSpecs.forEach((spec, v) => {
    const cap = spec.capacity as number[];
    (fixedNeed[v] as number[]).forEach((q, d) => {
      if (q <= (cap[d] ?? UNLIMITED)) return;
      cap[d] = q;
      notes.push(say(words, 'vanTooSmall', engineerArgs(vehicles[v]?.engineer ?? { id: '', name: '' })));
    });
  });

  const initial: RoutePlan[] = vehicles.map((day, v) => ({
    vehicle: v,
    jobs: jobs.flatMap((j, i) => (j.from?.day === day ? [i] : [])),
  }));
  return {
    model: {
      matrix: state.travel.matrix(locs),
      vehicles: vehicleSpecs,
      jobs: jobSpecs,
      objective: {
        mode: objective,
        duration: w.travelPerMin,
        distance: 0,
        lateness: 1,
        overtime: w.overtimePerMin,
        loadBalance: w.loadBalance / (FULL_DAY_MIN * FULL_DAY_MIN),
        notPreferred: w.notPreferred,
      },
    },
    vehicles,
    jobs,
    initial,
    kept,
    notes: distinctNotes(notes),
  };
}

/** Notes said once each, in the order first said. */
export function distinctNotes(notes: readonly SaidReason[]): SaidReason[] {
  const seen = new Set<string>();
  return notes.filter((n) => !seen.has(n.text) && (seen.add(n.text), true));
}
