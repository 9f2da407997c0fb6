import type { EpochMs, WorkOrder } from '../domain/index.js';
import { dayWithout, jobFor, sourceOf } from './candidates.js';
import type { CostDelta } from './cost.js';
import { addCosts, placementCost } from './cost.js';
import type { Verdict } from './rules.js';
import { fail, feasible, pass, setVerdict, staticVerdicts } from './rules.js';
import { describeFixed } from './slot-words.js';
import type { DispatchState, Stop } from './state.js';
import { toMin } from './state.js';
import type { Placement } from './placement.js';
import { dayCeiling, driveFrom, finishTime } from './placement.js';

/** The judgement of one proposed drop: every rule's verdict and, when it is allowed, the cost delta. */
export interface DropVerdict {
  orderId: string;
  engineerId: string;
  start: EpochMs;
  feasible: boolean;
  verdicts: Verdict[];
  cost: CostDelta | null;
}

/**
 * The verdicts and cost delta of dropping the order on an engineer at `start`, for the board's drag hover: cheap
 * enough for every pointer move (one engineer, a binary search through their day).
 */
export function verdictFor(order: WorkOrder, engineerId: string, start: EpochMs, state: DispatchState): DropVerdict {
  const original = state.engineerById.get(engineerId);
  const out = (verdicts: Verdict[], cost: CostDelta | null): DropVerdict => ({
    orderId: order.id,
    engineerId,
    start,
    feasible: feasible(verdicts),
    verdicts,
    cost,
  });
  if (!original) return out([fail('shift', `engineer ${engineerId} is not on this board`)], null);
  const words = state.words;
  const job = jobFor(state, order);
  const source = sourceOf(state, order);
  const verdicts = staticVerdicts(state, original, order, source?.day === original);
  const day = dayWithout(original, source);
  const s = toMin(state, start);
  const dur = order.durationMin;
  const e = s + dur;

  const fixed = source?.stop.fixed ?? null;
  const moves = source !== undefined && (source.day !== original || source.stop.start !== s);
  if (source && fixed === 'pinned' && moves)
    setVerdict(verdicts, fail('pinned', describeFixed(state, source.stop, source.day)));
  else
    setVerdict(
      verdicts,
      pass(
        'pinned',
        fixed === 'pinned' ? 'stays where it is pinned' : source ? 'its booking is not pinned' : 'not booked yet',
      ),
    );
  if (source && fixed && fixed !== 'pinned' && moves)
    setVerdict(verdicts, fail('horizon', describeFixed(state, source.stop, source.day)));
  else if (s < state.nowMin) setVerdict(verdicts, fail('horizon', `${words.clock(s)} is already past`));
  else if (s < state.notBefore)
    setVerdict(
      verdicts,
      fail(
        'horizon',
        `${words.clock(s)} is inside the ${state.policy.frozenHorizonMin}-minute frozen horizon; new work starts from ${words.clock(state.notBefore)}`,
      ),
    );
  else setVerdict(verdicts, pass('horizon', `starts after ${words.clock(state.notBefore)}`));

  const w = order.window;
  if (!w) setVerdict(verdicts, pass('window', 'no appointment promised'));
  else {
    const ws = toMin(state, w.start);
    const we = toMin(state, w.end);
    const promised = `${words.clock(ws)}–${words.clock(we)}`;
    setVerdict(
      verdicts,
      s < ws || s > we
        ? fail('window', `starts ${words.clock(s)}; the customer was promised arrival ${promised}`)
        : pass('window', `starts ${words.clock(s)}, inside ${promised}`),
    );
  }

  const block = day.blocks.find((b) => b.start < e && b.end > s);
  if (block)
    setVerdict(
      verdicts,
      fail(
        block.what === 'break' ? 'breaks' : 'absence',
        `runs into ${block.what} ${words.clock(block.start)}–${words.clock(block.end)}`,
      ),
    );
  else setVerdict(verdicts, pass('breaks', 'clear of breaks'));

  const shift = day.shift;
  if (shift) {
    if (s < shift.start)
      setVerdict(verdicts, fail('shift', `starts before the shift begins at ${words.clock(shift.start)}`));
    else if (e > dayCeiling(state, day))
      setVerdict(
        verdicts,
        fail('shift', `ends ${words.clock(e)}, past the shift end ${words.clock(shift.end)}${overtimeNote(state)}`),
      );
  }

  const stops = day.stops;
  let g = 0;
  while (g < stops.length && (stops[g] as Stop).start < s) g++;
  const prev = stops[g - 1];
  const next = stops[g];
  const clash = [prev, next].find((x) => x && x.start < e && x.end > s);
  const fromLoc = prev ? prev.loc : day.origin.loc;
  const depart = Math.max(prev ? prev.end : day.origin.time, state.nowMin);
  const travelIn = state.travel.minutes(fromLoc, job.loc);
  const arrive = driveFrom(day.blocks, depart, travelIn);
  let placement: Placement | null = null;
  if (clash)
    setVerdict(
      verdicts,
      fail('overlap', `overlaps ${words.order(clash.order)} ${words.clock(clash.start)}–${words.clock(clash.end)}`),
    );
  else if (arrive > s + 1e-9)
    setVerdict(
      verdicts,
      fail(
        'overlap',
        prev
          ? `needs ${travelIn} min to drive from ${words.order(prev.order)} (done ${words.clock(prev.end)}): arrives ${words.clock(arrive)}`
          : `needs ${travelIn} min to drive from ${day.origin.what} (from ${words.clock(depart)}): arrives ${words.clock(arrive)}`,
      ),
    );
  else {
    const finishBefore = finishTime(state, day, stops);
    const home = state.policy.returnToBase;
    const travelOut = next
      ? state.travel.minutes(job.loc, next.loc)
      : home
        ? state.travel.minutes(job.loc, day.homeLoc)
        : 0;
    const reach = driveFrom(day.blocks, e, travelOut);
    if (next && reach > next.start + 1e-9)
      setVerdict(
        verdicts,
        fail(
          'overlap',
          `needs ${travelOut} min to reach ${words.order(next.order)} at ${words.clock(next.start)}: arrives ${words.clock(reach)}`,
        ),
      );
    else if (!next && shift && reach > dayCeiling(state, day))
      setVerdict(
        verdicts,
        fail(
          'shift',
          `back at base ${words.clock(reach)}, past the shift end ${words.clock(shift.end)}${overtimeNote(state)}`,
        ),
      );
    else {
      const toLoc = next ? next.loc : home ? day.homeLoc : -1;
      placement = {
        start: s,
        end: e,
        prev: prev ?? null,
        next: next ?? null,
        travelIn,
        travelOut,
        travelSaved: toLoc < 0 ? 0 : state.travel.minutes(fromLoc, toLoc),
        finishBefore,
        finishAfter: next ? finishBefore : reach,
      };
      setVerdict(
        verdicts,
        pass('overlap', `${travelIn} min drive in${next ? `, ${travelOut} min on to ${words.order(next.order)}` : ''}`),
      );
    }
  }
  const ok = feasible(verdicts);
  const cost = ok && placement ? placementCost(state, day, order, placement) : null;
  return out(verdicts, cost && source ? addCosts(cost, source.removal) : cost);
}

function overtimeNote(state: DispatchState): string {
  const ot = state.policy.maxOvertimeMin;
  return ot > 0 ? ` plus ${ot} min overtime allowed` : '';
}
