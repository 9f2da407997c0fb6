import type { Verdict } from './rules.js';
import { fail, pass, skipped } from './rules.js';
import type { DispatchState, EngineerDay, Stop } from './state.js';
import { toMin } from './state.js';
import type { GapMiss, JobToPlace, Placement } from './placement.js';
import { dayCeiling, dayFloor } from './placement.js';

/** Why a booking may not move, in the dispatcher's words. */
export function describeFixed(state: DispatchState, stop: Stop, day: EngineerDay): string {
  const words = state.words;
  const at = `${day.engineer.name} at ${words.clock(stop.start)}`;
  switch (stop.fixed) {
    case 'pinned':
      return `${words.order(stop.order)} is pinned to ${at}; unpin it to move it`;
    case 'in progress':
      return `${words.order(stop.order)} is in progress with ${day.engineer.name}`;
    default:
      return `${words.order(stop.order)} starts ${words.clock(stop.start)}, inside the ${state.policy.frozenHorizonMin}-minute frozen horizon`;
  }
}

/** The verdicts of the time rules for a slot that was found. */
export function slotVerdicts(state: DispatchState, day: EngineerDay, job: JobToPlace, p: Placement): Verdict[] {
  const words = state.words;
  const w = job.order.window;
  const breaks = day.blocks.filter((b) => b.what === 'break');
  const where = [
    p.prev ? `after ${words.order(p.prev.order)}` : `from ${day.origin.what}`,
    p.next ? `before ${words.order(p.next.order)} at ${words.clock(p.next.start)}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    pass('horizon', `starts after ${words.clock(state.notBefore)}`),
    w
      ? pass('window', `starts ${words.clock(p.start)}, inside ${words.clockAt(w.start)}–${words.clockAt(w.end)}`)
      : pass('window', 'no appointment promised'),
    pass(
      'breaks',
      breaks.length === 0
        ? 'no breaks'
        : `clear of ${breaks.map((b) => `${words.clock(b.start)}–${words.clock(b.end)}`).join(', ')}`,
    ),
    pass('overlap', `fits ${words.clock(p.start)}–${words.clock(p.end)} ${where} (${p.travelIn} min drive)`),
  ];
}

/**
 * The time rules' verdicts when no gap of the day works: the rule that binds (bookings in the way, the appointment
 * window closing first, or not enough shift left) fails with the reason, the others are marked not decisive.
 */
export function timeFailure(state: DispatchState, day: EngineerDay, job: JobToPlace, misses: GapMiss[]): Verdict[] {
  const words = state.words;
  const order = job.order;
  const dur = words.duration(order.durationMin);
  const w = order.window;
  const promised = w ? `${words.clockAt(w.start)}–${words.clockAt(w.end)}` : '';
  const shiftEnd = day.shift ? words.clock(day.shift.end) : '';
  const overlap = misses.find((m) => m.rule === 'overlap');
  const windowMiss = misses.find((m) => m.rule === 'window');
  const floor = dayFloor(state, day, job);
  const horizon = pass('horizon', `new work starts from ${words.clock(state.notBefore)}`);
  const breaks = pass('breaks', 'breaks are kept free');

  if (overlap || misses.length === 0) {
    const within = w ? `within the appointment ${promised}` : `before ${shiftEnd}`;
    const reason =
      day.stops.length === 0
        ? `no ${dur} stretch free ${within}`
        : `no ${dur} gap (travel included) between bookings ${within}`;
    return [
      horizon,
      w ? pass('window', `looked only inside ${promised}`) : pass('window', 'no appointment promised'),
      breaks,
      fail('overlap', reason),
    ];
  }
  if (windowMiss && w) {
    const wEnd = toMin(state, w.end);
    const reason =
      floor > wEnd
        ? `the appointment ${promised} closes before new work can start (${words.clock(floor)})`
        : `cannot arrive by the end of the appointment ${promised} (${words.clock(windowMiss.earliest)} at the earliest)`;
    return [horizon, fail('window', reason), breaks, skipped('overlap', 'window')];
  }
  const ceiling = dayCeiling(state, day);
  const finish = misses.find((m) => m.rule === 'shift');
  const by = finish && finish.rule === 'shift' ? words.clock(finish.finish) : '';
  const allowed = state.policy.maxOvertimeMin > 0 ? ` (${words.clock(ceiling)} with overtime)` : '';
  return [
    horizon,
    w ? pass('window', `looked only inside ${promised}`) : pass('window', 'no appointment promised'),
    breaks,
    fail('shift', `not enough shift left for ${dur} of work: would finish ${by}, shift ends ${shiftEnd}${allowed}`),
  ];
}
