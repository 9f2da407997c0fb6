import { say, type Reason, type SaidReason } from './reasons.js';
import type { RuleId } from './rules.js';
import { staticVerdicts } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';
import { blockDuring, dayCeiling, driveFrom, legInto, outOfReach } from './placement.js';
import { pastShiftEnd } from './slot-words.js';

/** A hard rule a planned day breaks, for one order. */
export interface DayProblem {
  orderId: string;
  engineerId: string;
  rule: RuleId;
  /** In English, led by the order ("P3 WO-1: …"). */
  reason: string;
  /** The reason as data, for the console to word in its language (without the order). */
  say?: Reason[] | undefined;
}

const TOLERANCE = 1e-6;

/**
 * The hard-rule problems of an engineer's day that involve the given orders (every order when omitted): what the
 * engine checks before it hands a proposal over, and what tells which moves of a proposal depend on each other.
 * Bookings nobody touched are not blamed for how they already were.
 */
export function checkDay(state: DispatchState, day: EngineerDay, changed?: ReadonlySet<string>): DayProblem[] {
  const problems: DayProblem[] = [];
  const words = state.words;
  const e = day.engineer;
  const stops = day.stops;
  const isChanged = (s: Stop | undefined) => s !== undefined && (!changed || changed.has(s.order.id));
  const add = (s: Stop, rule: RuleId, reason: SaidReason | { reason: string; say?: Reason[] | undefined }) =>
    problems.push({
      orderId: s.order.id,
      engineerId: e.id,
      rule,
      reason: `${words.order(s.order)}: ${'text' in reason ? reason.text : reason.reason}`,
      say: reason.say,
    });
  const ceiling = dayCeiling(state, day);
  let anyChanged = false;

  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i] as Stop;
    const prev = stops[i - 1];
    if (!isChanged(stop)) {
      // An untouched job is still checked for the drive in from a changed job before it.
      if (isChanged(prev)) checkLegIn(stop, prev as Stop);
      continue;
    }
    anyChanged = true;
    const order = stop.order;
    for (const v of staticVerdicts(state, day, order, true)) if (v.hard && v.status === 'fail') add(stop, v.rule, v);
    if (stop.fixed === null && stop.start < state.notBefore - TOLERANCE)
      add(
        stop,
        'horizon',
        say(words, 'startsBeforeHorizon', { time: words.clock(stop.start), from: words.clock(state.notBefore) }),
      );
    const w = order.window;
    if (w && (stop.start < toMin(state, w.start) - TOLERANCE || stop.start > toMin(state, w.end) + TOLERANCE))
      add(
        stop,
        'window',
        say(words, 'outsideWindow', {
          time: words.clock(stop.start),
          from: words.clockAt(w.start),
          to: words.clockAt(w.end),
        }),
      );
    if (Math.abs(stop.end - stop.start - order.durationMin) > TOLERANCE && stop.fixed !== 'in progress')
      add(stop, 'overlap', say(words, 'wrongLength', { min: stop.end - stop.start, needs: order.durationMin }));
    const block = blockDuring(day.blocks, stop.start + TOLERANCE, stop.end - TOLERANCE);
    if (block)
      add(
        stop,
        block.what === 'break' ? 'breaks' : 'absence',
        block.what === 'break'
          ? say(words, 'runsIntoBreak', { from: words.clock(block.start), to: words.clock(block.end) })
          : say(words, 'runsIntoAbsence', {
              why: block.what,
              from: words.clock(block.start),
              to: words.clock(block.end),
            }),
      );
    if (day.shift && stop.start < day.shift.start - TOLERANCE)
      add(stop, 'shift', say(words, 'beforeShiftBegins', { time: words.clock(stop.start) }));
    if (stop.end > ceiling + TOLERANCE) add(stop, 'shift', pastShiftEnd(state, day, 'ends', stop.end));
    if (prev) checkLegIn(stop, prev);
    // Work under way is reached already (on site) or being reached (on the way): setting off from where the engineer
    // is now to start it in the past is no rule it breaks, and lateness is the SLA's to tell.
    else if (stop.fixed !== 'in progress') {
      const arrive = outOfReach(state, day.blocks, legInto(state, day, null, stop.loc), stop.start);
      if (arrive !== undefined)
        add(
          stop,
          'overlap',
          day.origin.what === 'home base'
            ? say(words, 'unreachableFromBase', { time: words.clock(arrive) })
            : say(words, 'unreachableFromPosition', { time: words.clock(arrive) }),
        );
    }
  }

  const last = stops[stops.length - 1];
  if (anyChanged && last && state.policy.returnToBase) {
    const home = driveFrom(day.blocks, Math.max(last.end, state.nowMin), state.travel.minutes(last.loc, day.homeLoc));
    if (home > ceiling + TOLERANCE) add(last, 'shift', pastShiftEnd(state, day, 'back', home));
  }
  return problems;

  function checkLegIn(stop: Stop, prev: Stop): void {
    const leg = legInto(state, day, prev, stop.loc);
    const arrive = outOfReach(state, day.blocks, leg, stop.start);
    if (arrive === undefined) return;
    const args = {
      time: words.clock(stop.start),
      order: words.order(prev.order),
      end: words.clock(prev.end),
      min: leg.minutes,
    };
    // A break or absence the drive waits out is named, with the arrival it makes: without it the end and the drive
    // alone can add up to before the start ("ends 12:37 and the drive takes 12 min" for a 13:30 start).
    const setOff = Math.max(leg.free, state.nowMin);
    const block =
      setOff + leg.minutes < arrive - TOLERANCE
        ? day.blocks.find((b) => b.end > setOff + TOLERANCE && b.start < arrive - TOLERANCE)
        : undefined;
    const around = block && { from: words.clock(block.start), to: words.clock(block.end), arrive: words.clock(arrive) };
    add(
      stop,
      'overlap',
      !block || !around
        ? say(words, 'driveTooLong', args)
        : block.what === 'break'
          ? say(words, 'driveTooLongBreak', { ...args, ...around })
          : say(words, 'driveTooLongAbsence', { ...args, ...around, why: block.what }),
    );
  }
}
