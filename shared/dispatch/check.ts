import type { RuleId } from './rules.js';
import { staticVerdicts } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';
import { blockDuring, dayCeiling, driveFrom } from './placement.js';

/** A hard rule a planned day breaks, for one order. */
export interface DayProblem {
  orderId: string;
  engineerId: string;
  rule: RuleId;
  reason: string;
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
  const add = (s: Stop, rule: RuleId, reason: string) =>
    problems.push({ orderId: s.order.id, engineerId: e.id, rule, reason: `${words.order(s.order)}: ${reason}` });
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
    for (const v of staticVerdicts(state, day, order, true))
      if (v.hard && v.status === 'fail') add(stop, v.rule, v.reason);
    if (stop.fixed === null && stop.start < state.notBefore - TOLERANCE)
      add(stop, 'horizon', `starts ${words.clock(stop.start)}, before ${words.clock(state.notBefore)}`);
    const w = order.window;
    if (w && (stop.start < toMin(state, w.start) - TOLERANCE || stop.start > toMin(state, w.end) + TOLERANCE))
      add(
        stop,
        'window',
        `starts ${words.clock(stop.start)}, outside ${words.clockAt(w.start)}–${words.clockAt(w.end)}`,
      );
    if (Math.abs(stop.end - stop.start - order.durationMin) > TOLERANCE && stop.fixed !== 'in progress')
      add(stop, 'overlap', `booked for ${stop.end - stop.start} min but takes ${order.durationMin}`);
    const block = blockDuring(day.blocks, stop.start + TOLERANCE, stop.end - TOLERANCE);
    if (block)
      add(
        stop,
        block.what === 'break' ? 'breaks' : 'absence',
        `runs into ${block.what} ${words.clock(block.start)}–${words.clock(block.end)}`,
      );
    if (day.shift && stop.start < day.shift.start - TOLERANCE)
      add(stop, 'shift', `starts ${words.clock(stop.start)}, before the shift begins`);
    if (stop.end > ceiling + TOLERANCE) add(stop, 'shift', `ends ${words.clock(stop.end)}, past the shift end`);
    if (prev) checkLegIn(stop, prev);
    else {
      const arrive = driveFrom(day.blocks, day.origin.time, state.travel.minutes(day.origin.loc, stop.loc));
      if (arrive > stop.start + TOLERANCE)
        add(stop, 'overlap', `cannot get there from ${day.origin.what} before ${words.clock(arrive)}`);
    }
  }

  const last = stops[stops.length - 1];
  if (anyChanged && last && state.policy.returnToBase) {
    const home = driveFrom(day.blocks, Math.max(last.end, state.nowMin), state.travel.minutes(last.loc, day.homeLoc));
    if (home > ceiling + TOLERANCE) add(last, 'shift', `back at base ${words.clock(home)}, past the shift end`);
  }
  return problems;

  function checkLegIn(stop: Stop, prev: Stop): void {
    const minutes = state.travel.minutes(prev.loc, stop.loc);
    const arrive = driveFrom(day.blocks, Math.max(prev.end, state.nowMin), minutes);
    if (arrive > stop.start + TOLERANCE)
      add(
        stop,
        'overlap',
        `starts ${words.clock(stop.start)} but ${words.order(prev.order)} ends ${words.clock(prev.end)} and the drive takes ${minutes} min`,
      );
  }
}
