import type { EpochMs, WorkOrder } from '../domain/index.js';
import { dayWithout, jobFor, sourceOf } from './candidates.js';
import type { CostDelta } from './cost.js';
import { addCosts, placementCost } from './cost.js';
import type { Verdict } from './rules.js';
import { fail, feasible, pass, setVerdict, staticVerdicts } from './rules.js';
import { say } from './reasons.js';
import { describeFixed, pastShiftEnd } from './slot-words.js';
import type { DispatchState, Stop } from './state.js';
import { toMin } from './state.js';
import type { Placement } from './placement.js';
import { dayCeiling, driveFrom, finishTime, legInto, outOfReach } from './placement.js';

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
  const words = state.words;
  if (!original) return out([fail('shift', say(words, 'notOnBoard', { id: engineerId }))], null);
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
      pass('pinned', say(words, fixed === 'pinned' ? 'staysPinned' : source ? 'notPinned' : 'notBooked')),
    );
  if (source && fixed && fixed !== 'pinned' && moves)
    setVerdict(verdicts, fail('horizon', describeFixed(state, source.stop, source.day)));
  else if (s < state.nowMin) setVerdict(verdicts, fail('horizon', say(words, 'alreadyPast', { time: words.clock(s) })));
  // A slot offered at the horizon's edge stays bookable for the policy's grace while the horizon moves on with the clock.
  else if (s < Math.max(0, state.notBefore - state.policy.horizonGraceMin))
    setVerdict(
      verdicts,
      fail(
        'horizon',
        say(words, 'insideHorizon', {
          time: words.clock(s),
          min: state.policy.frozenHorizonMin,
          from: words.clock(state.notBefore),
        }),
      ),
    );
  else if (s < state.notBefore)
    setVerdict(
      verdicts,
      pass(
        'horizon',
        say(words, 'atHorizonEdge', {
          time: words.clock(s),
          grace: state.policy.horizonGraceMin,
          from: words.clock(state.notBefore),
        }),
      ),
    );
  else setVerdict(verdicts, pass('horizon', say(words, 'startsAfter', { time: words.clock(state.notBefore) })));

  const w = order.window;
  if (!w) setVerdict(verdicts, pass('window', say(words, 'noWindow')));
  else {
    const ws = toMin(state, w.start);
    const we = toMin(state, w.end);
    const promised = { time: words.clock(s), from: words.clock(ws), to: words.clock(we) };
    setVerdict(
      verdicts,
      s < ws || s > we
        ? fail('window', say(words, 'promisedArrival', promised))
        : pass('window', say(words, 'insideWindow', promised)),
    );
  }

  const block = day.blocks.find((b) => b.start < e && b.end > s);
  if (block)
    setVerdict(
      verdicts,
      block.what === 'break'
        ? fail('breaks', say(words, 'runsIntoBreak', { from: words.clock(block.start), to: words.clock(block.end) }))
        : fail(
            'absence',
            say(words, 'runsIntoAbsence', {
              why: block.what,
              from: words.clock(block.start),
              to: words.clock(block.end),
            }),
          ),
    );
  else setVerdict(verdicts, pass('breaks', say(words, 'clearOfAllBreaks')));

  const shift = day.shift;
  if (shift) {
    if (s < shift.start)
      setVerdict(verdicts, fail('shift', say(words, 'beforeShiftStart', { time: words.clock(shift.start) })));
    else if (e > dayCeiling(state, day)) setVerdict(verdicts, fail('shift', pastShiftEnd(state, day, 'ends', e)));
  }

  const stops = day.stops;
  let g = 0;
  while (g < stops.length && (stops[g] as Stop).start < s) g++;
  const prev = stops[g - 1];
  const next = stops[g];
  const clash = [prev, next].find((x) => x && x.start < e && x.end > s);
  const fromLoc = prev ? prev.loc : day.origin.loc;
  const leg = legInto(state, day, prev, job.loc);
  const depart = Math.max(leg.free, state.nowMin);
  const travelIn = leg.minutes;
  const arrive = outOfReach(state, day.blocks, leg, s);
  let placement: Placement | null = null;
  if (clash)
    setVerdict(
      verdicts,
      fail(
        'overlap',
        say(words, 'overlapsOrder', {
          order: words.order(clash.order),
          from: words.clock(clash.start),
          to: words.clock(clash.end),
        }),
      ),
    );
  else if (arrive !== undefined)
    setVerdict(
      verdicts,
      fail(
        'overlap',
        prev
          ? say(words, 'driveFromOrderLate', {
              min: travelIn,
              order: words.order(prev.order),
              done: words.clock(prev.end),
              time: words.clock(arrive),
            })
          : say(words, day.origin.what === 'home base' ? 'driveFromBaseLate' : 'driveFromPositionLate', {
              min: travelIn,
              from: words.clock(depart),
              time: words.clock(arrive),
            }),
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
          say(words, 'reachNextLate', {
            min: travelOut,
            order: words.order(next.order),
            at: words.clock(next.start),
            time: words.clock(reach),
          }),
        ),
      );
    else if (!next && shift && reach > dayCeiling(state, day))
      setVerdict(verdicts, fail('shift', pastShiftEnd(state, day, 'back', reach)));
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
        pass(
          'overlap',
          next
            ? say(words, 'driveInOnTo', { min: travelIn, out: travelOut, order: words.order(next.order) })
            : say(words, 'driveIn', { min: travelIn }),
        ),
      );
    }
  }
  const ok = feasible(verdicts);
  const cost = ok && placement ? placementCost(state, day, order, placement) : null;
  return out(verdicts, cost && source ? addCosts(cost, source.removal) : cost);
}
