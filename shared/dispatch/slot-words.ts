import type { Verdict } from './rules.js';
import { fail, pass, skipped } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';
import type { GapMiss, JobToPlace, Placement } from './placement.js';
import { dayCeiling, dayFloor } from './placement.js';
import { engineerArgs, say, type SaidReason } from './reasons.js';

/** Why a booking may not move, in the dispatcher's words. */
export function describeFixed(state: DispatchState, stop: Stop, day: EngineerDay): SaidReason {
  const words = state.words;
  const order = words.order(stop.order);
  switch (stop.fixed) {
    case 'pinned':
      return say(words, 'pinnedTo', { order, ...engineerArgs(day.engineer), time: words.clock(stop.start) });
    case 'in progress':
      return say(words, 'inProgress', { order, ...engineerArgs(day.engineer) });
    default: {
      // Frozen: it starts before new work may (now plus the horizon, and not before the day begins).
      const time = words.clock(stop.start);
      if (stop.start < state.nowMin) return say(words, 'startPassed', { order, time });
      if (stop.start < 0 && state.nowMin + state.policy.frozenHorizonMin <= stop.start)
        return say(words, 'beforeDay', { order, time });
      return say(words, 'inHorizon', { order, time, min: state.policy.frozenHorizonMin });
    }
  }
}

/**
 * Why work that ends (`ends`) or brings the engineer back at base (`back`) at `time` breaks the shift rule: past the
 * shift end, plus the overtime allowed when there is some. The one wording of a drop's verdict and a planned day's
 * check, so the board's question, the order's marks and a proposal's notes give the same reason.
 */
export function pastShiftEnd(state: DispatchState, day: EngineerDay, what: 'ends' | 'back', time: number): SaidReason {
  const words = state.words;
  // No shift that day: nothing to name but the time (the shift rule has said already that there is none).
  if (!day.shift) return say(words, what === 'ends' ? 'pastShiftEnd' : 'backAtBaseLate', { time: words.clock(time) });
  const min = Math.max(0, state.policy.maxOvertimeMin);
  const id =
    what === 'ends'
      ? min > 0
        ? 'endsPastShiftOvertime'
        : 'endsPastShift'
      : min > 0
        ? 'backAtBasePastOvertime'
        : 'backAtBasePast';
  return say(words, id, { time: words.clock(time), end: words.clock(day.shift.end), min });
}

/** The verdicts of the time rules for a slot that was found. */
export function slotVerdicts(state: DispatchState, day: EngineerDay, job: JobToPlace, p: Placement): Verdict[] {
  const words = state.words;
  const w = job.order.window;
  const breaks = day.blocks.filter((b) => b.what === 'break');
  const span = { from: words.clock(p.start), to: words.clock(p.end), min: p.travelIn };
  const before = p.next ? { next: words.order(p.next.order), time: words.clock(p.next.start) } : null;
  const fromBase = day.origin.what === 'home base';
  const fits = p.prev
    ? say(words, before ? 'fitsAfterBefore' : 'fitsAfter', { ...span, order: words.order(p.prev.order), ...before })
    : fromBase
      ? say(words, before ? 'fitsFromBaseBefore' : 'fitsFromBase', { ...span, ...before })
      : say(words, before ? 'fitsFromPositionBefore' : 'fitsFromPosition', { ...span, ...before });
  return [
    pass('horizon', say(words, 'startsAfter', { time: words.clock(state.notBefore) })),
    w
      ? pass(
          'window',
          say(words, 'insideWindow', {
            time: words.clock(p.start),
            from: words.clockAt(w.start),
            to: words.clockAt(w.end),
          }),
        )
      : pass('window', say(words, 'noWindow')),
    pass(
      'breaks',
      breaks.length === 0
        ? say(words, 'noBreaks')
        : say(words, 'clearOfBreaks', {
            times: breaks.map((b) => `${words.clock(b.start)}–${words.clock(b.end)}`).join(', '),
          }),
    ),
    pass('overlap', fits),
  ];
}

/**
 * The time rules' verdicts when no gap of the day works: the rule that binds (bookings in the way, the appointment
 * window closing first, or not enough shift left) fails with the reason, the others are marked not decisive.
 */
export function timeFailure(state: DispatchState, day: EngineerDay, job: JobToPlace, misses: GapMiss[]): Verdict[] {
  const words = state.words;
  const order = job.order;
  const duration = order.durationMin;
  const w = order.window;
  const promised = w ? { from: words.clockAt(w.start), to: words.clockAt(w.end) } : null;
  const shiftEnd = day.shift ? words.clock(day.shift.end) : '';
  const overlap = misses.find((m) => m.rule === 'overlap');
  const windowMiss = misses.find((m) => m.rule === 'window');
  const floor = dayFloor(state, day, job);
  const horizon = pass('horizon', say(words, 'newWorkFrom', { time: words.clock(state.notBefore) }));
  const breaks = pass('breaks', say(words, 'breaksKept'));
  const looked = promised
    ? pass('window', say(words, 'lookedInside', promised))
    : pass('window', say(words, 'noWindow'));

  if (w && promised && toMin(state, w.end) <= floor) {
    // The appointment is over before this engineer could start anything: that, not a lack of room inside it, is why.
    const reason = say(words, 'windowClosesFirst', { ...promised, time: words.clock(floor) });
    return [horizon, fail('window', reason), breaks, skipped('overlap', 'window')];
  }
  if (overlap || misses.length === 0) {
    const free = day.stops.length === 0;
    const reason = promised
      ? say(words, free ? 'noStretchInWindow' : 'noGapInWindow', { duration, ...promised })
      : say(words, free ? 'noStretchInShift' : 'noGapInShift', { duration, time: shiftEnd });
    return [horizon, looked, breaks, fail('overlap', reason)];
  }
  if (windowMiss && w && promised) {
    const wEnd = toMin(state, w.end);
    const reason =
      floor > wEnd
        ? say(words, 'windowClosesFirst', { ...promised, time: words.clock(floor) })
        : say(words, 'windowUnreachable', { ...promised, time: words.clock(windowMiss.earliest) });
    return [horizon, fail('window', reason), breaks, skipped('overlap', 'window')];
  }
  const ceiling = dayCeiling(state, day);
  const finish = misses.find((m) => m.rule === 'shift');
  const by = finish && finish.rule === 'shift' ? words.clock(finish.finish) : '';
  const short =
    state.policy.maxOvertimeMin > 0
      ? say(words, 'shiftTooShortOvertime', { duration, finish: by, time: shiftEnd, latest: words.clock(ceiling) })
      : say(words, 'shiftTooShort', { duration, finish: by, time: shiftEnd });
  return [horizon, looked, breaks, fail('shift', short)];
}
