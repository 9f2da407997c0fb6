// When nobody can take an order as things stand: the smallest changes that would let someone take it, each one
// checked by placing the order again with the change made (the same slot search the candidate list uses).
import { PRIORITIES, type Priority, type WorkOrder } from '../domain/index.js';
import type { Candidate } from './candidates.js';
import { bestPlacement, dayWithout, jobFor, slotOf, sourceOf, type Slot } from './best-slot.js';
import { lateMinutes } from './cost.js';
import { dayCeiling, type JobToPlace } from './placement.js';
import type { RuleId } from './rules.js';
import { withStops, type DispatchState, type EngineerDay } from './state.js';

/** Parts moved from one van to another so an engineer has what the order needs. */
export interface PartTransfer {
  part: string;
  partName: string;
  qty: number;
  fromEngineerId: string;
  fromName: string;
  /** Straight-line kilometres between the two engineers' starting points. */
  km: number;
}

/** A change that would let an engineer take the order, with the slot it would then get. */
export type FitChange = {
  engineerId: string;
  name: string;
  slot: Slot;
  /** Minutes past the SLA the slot would start (0 when on time). */
  lateMin: number;
  /** The change in the dispatcher's words (English; the console words it from the fields). */
  summary: string;
} & (
  | { kind: 'partTransfer'; transfers: PartTransfer[] }
  | { kind: 'longerShift'; extraMin: number }
  | { kind: 'bump'; bumped: { orderId: string; code: string; priority: Priority; durationMin: number } }
);

/** How many engineers (nearest to the site first) each kind of change is tried on. */
export const ENGINEERS_TRIED = 40;
/** Longer shifts tried, in minutes past the shift end plus permitted overtime. */
const EXTENSIONS = [15, 30, 60, 90, 120, 180, 240];
/** The longest stretch of a shift tried. */
export const LONGEST_EXTENSION_MIN = EXTENSIONS[EXTENSIONS.length - 1] as number;

const rank = (p: Priority) => PRIORITIES.indexOf(p);

function hardFailures(c: Candidate): Set<RuleId> {
  const out = new Set<RuleId>();
  for (const v of c.verdicts) if (v.hard && v.status === 'fail') out.add(v.rule);
  return out;
}

const only = (failed: Set<RuleId>, allowed: readonly RuleId[]) =>
  failed.size > 0 && [...failed].every((r) => allowed.includes(r));

/**
 * The smallest change of each kind that makes the order fit someone: parts moved from another van (for an engineer
 * the parts alone rule out), a longer shift (for one whose day is too short), bumping one lower-priority, movable job
 * (for one whose day is full). Each is tried on the engineers nearest the site and kept only when the slot search
 * finds a slot with the change made. Smallest first: on time before late, then earliest start.
 */
export function smallestChanges(order: WorkOrder, state: DispatchState, candidates: readonly Candidate[]): FitChange[] {
  const job = jobFor(state, order);
  const { partsDays, timeDays } = changeTargets(order, state, candidates);
  const found: FitChange[] = [];
  const transfer = best(partsDays.map((day) => partTransfer(state, day, job)));
  if (transfer) found.push(transfer);
  const longer = best(
    timeDays.map((day) => longerShift(state, day, job)),
    (a, b) => a.kind === 'longerShift' && b.kind === 'longerShift' && a.extraMin - b.extraMin,
  );
  if (longer) found.push(longer);
  const bump = best(
    timeDays.map((day) => bumpOne(state, day, job)),
    (a, b) => a.kind === 'bump' && b.kind === 'bump' && rank(b.bumped.priority) - rank(a.bumped.priority),
  );
  if (bump) found.push(bump);
  return found.sort(smaller);
}

/**
 * The engineers each kind of change is tried on, nearest the site first (their days without the order): those only
 * the parts rule out (a part transfer), and those with a shift whose day is only too short or too full (a longer
 * shift, a bump).
 */
export function changeTargets(
  order: WorkOrder,
  state: DispatchState,
  candidates: readonly Candidate[],
): { partsDays: EngineerDay[]; timeDays: EngineerDay[] } {
  const job = jobFor(state, order);
  const source = sourceOf(state, order);
  const nearest = (ids: string[]) =>
    ids
      .map((id) => state.engineerById.get(id) as EngineerDay)
      .map((day) => ({ day, km: state.travel.km(day.origin.loc, job.loc) }))
      .sort((a, b) => a.km - b.km || (a.day.engineer.id < b.day.engineer.id ? -1 : 1))
      .slice(0, ENGINEERS_TRIED)
      .map((x) => dayWithout(x.day, source));
  const partsOnly: string[] = [];
  const timeOnly: string[] = [];
  for (const c of candidates) {
    const failed = hardFailures(c);
    if (only(failed, ['parts'])) partsOnly.push(c.engineerId);
    else if (only(failed, ['shift', 'overlap']) && state.engineerById.get(c.engineerId)?.shift)
      timeOnly.push(c.engineerId);
  }
  return { partsDays: nearest(partsOnly), timeDays: nearest(timeOnly) };
}

/** Whether a day holds a job that a bump could take off for the order: movable and of lower priority. */
export function hasBumpable(day: EngineerDay, order: WorkOrder): boolean {
  return day.stops.some((s) => s.fixed === null && rank(s.order.priority) > rank(order.priority));
}

function smaller(a: FitChange, b: FitChange): number {
  return a.lateMin - b.lateMin || a.slot.start - b.slot.start || (a.engineerId < b.engineerId ? -1 : 1);
}

/** The smallest of the changes found: by `first` when it decides, then on time before late, then earliest. */
function best(
  changes: (FitChange | null)[],
  first: (a: FitChange, b: FitChange) => number | false = () => 0,
): FitChange | null {
  let out: FitChange | null = null;
  for (const c of changes) {
    if (!c) continue;
    if (!out || (first(c, out) || smaller(c, out)) < 0) out = c;
  }
  return out;
}

function change(
  state: DispatchState,
  day: EngineerDay,
  job: JobToPlace,
  slotDay: EngineerDay,
  what: Pick<FitChange, 'summary'> &
    (
      | { kind: 'partTransfer'; transfers: PartTransfer[] }
      | { kind: 'longerShift'; extraMin: number }
      | {
          kind: 'bump';
          bumped: { orderId: string; code: string; priority: Priority; durationMin: number };
        }
    ),
): FitChange | null {
  const found = bestPlacement(state, slotDay, job);
  if ('misses' in found) return null;
  const p = found.placement;
  return {
    ...what,
    engineerId: day.engineer.id,
    name: day.engineer.name,
    slot: slotOf(state, slotDay, job, p),
    lateMin: Math.round(lateMinutes(state, job.order, p.start)),
  };
}

/** The parts the engineer lacks, each from the nearest other van with that many to spare after its own jobs. */
function partTransfer(state: DispatchState, day: EngineerDay, job: JobToPlace): FitChange | null {
  const transfers: PartTransfer[] = [];
  for (const need of job.order.requiredParts) {
    const missing = need.qty - (day.partsLeft.get(need.part) ?? 0);
    if (missing <= 0) continue;
    let from: { other: EngineerDay; km: number } | null = null;
    for (const other of state.engineers) {
      if (other.engineer.id === day.engineer.id || (other.partsLeft.get(need.part) ?? 0) < missing) continue;
      const km = state.travel.km(other.origin.loc, day.origin.loc);
      if (!from || km < from.km) from = { other, km };
    }
    if (!from) return null;
    transfers.push({
      part: need.part,
      partName: state.words.part(need.part),
      qty: missing,
      fromEngineerId: from.other.engineer.id,
      fromName: from.other.engineer.name,
      km: Math.round(from.km * 10) / 10,
    });
  }
  if (transfers.length === 0) return null;
  const summary = transfers.map((t) => `${t.qty} × ${t.partName} from ${t.fromName}'s van`).join(', ');
  return change(state, day, job, day, {
    kind: 'partTransfer',
    transfers,
    summary: `move ${summary} to ${day.engineer.name}`,
  });
}

/** The shortest extension of the engineer's shift (among a few steps) that makes room for the order. */
function longerShift(state: DispatchState, day: EngineerDay, job: JobToPlace): FitChange | null {
  const shift = day.shift;
  if (!shift) return null;
  const ceiling = dayCeiling(state, day);
  for (const extra of EXTENSIONS) {
    const longer: EngineerDay = { ...day, shift: { start: shift.start, end: shift.end + extra } };
    const found = bestPlacement(state, longer, job);
    if ('misses' in found) continue;
    // The minutes actually needed past today's end (shift plus permitted overtime), not the step that was tried.
    const needed = Math.max(1, Math.ceil(Math.max(found.placement.end, found.placement.finishAfter) - ceiling));
    const exact: EngineerDay = { ...day, shift: { start: shift.start, end: shift.end + needed } };
    const [slotDay, extraMin] = 'misses' in bestPlacement(state, exact, job) ? [longer, extra] : [exact, needed];
    return change(state, day, job, slotDay, {
      kind: 'longerShift',
      extraMin,
      summary: `${day.engineer.name} works ${state.words.duration(extraMin)} longer`,
    });
  }
  return null;
}

/** Taking one movable job of lower priority off the engineer's day (back to the queue): the least urgent that works. */
function bumpOne(state: DispatchState, day: EngineerDay, job: JobToPlace): FitChange | null {
  const mine = rank(job.order.priority);
  let out: FitChange | null = null;
  for (const stop of day.stops) {
    const o = stop.order;
    if (stop.fixed !== null || rank(o.priority) <= mine) continue;
    if (out?.kind === 'bump' && rank(o.priority) < rank(out.bumped.priority)) continue;
    const lighter = withStops(
      day,
      day.stops.filter((s) => s !== stop),
    );
    const c = change(state, day, job, lighter, {
      kind: 'bump',
      bumped: { orderId: o.id, code: o.code, priority: o.priority, durationMin: o.durationMin },
      summary: `take ${state.words.order(o)} off ${day.engineer.name}'s day`,
    });
    if (!c || c.kind !== 'bump') continue;
    if (
      !out ||
      out.kind !== 'bump' ||
      rank(o.priority) > rank(out.bumped.priority) ||
      (rank(o.priority) === rank(out.bumped.priority) && smaller(c, out) < 0)
    )
      out = c;
  }
  return out;
}
