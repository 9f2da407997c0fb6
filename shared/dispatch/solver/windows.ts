// Time-window arithmetic for jobs and breaks with one or more sorted windows. Waiting is allowed, so arriving
// earlier is never worse: "earliest start after t" and "latest start before t" are all the checks need.
import type { CompiledModel } from './compile.js';

/** Earliest service start of `job` when arriving at `arrival`, or Infinity when every window has closed. */
export function earliestStart(cm: CompiledModel, job: number, arrival: number): number {
  const first = cm.twOffset[job]!;
  const last = cm.twOffset[job + 1]!;
  for (let w = first; w < last; w++) {
    if (arrival <= cm.twEnd[w]!) return arrival > cm.twStart[w]! ? arrival : cm.twStart[w]!;
  }
  return Infinity;
}

/** Latest service start of `job` not after `t`, or -Infinity when no window opens by then. */
export function latestStart(cm: CompiledModel, job: number, t: number): number {
  const first = cm.twOffset[job]!;
  for (let w = cm.twOffset[job + 1]! - 1; w >= first; w--) {
    if (t >= cm.twStart[w]!) return t < cm.twEnd[w]! ? t : cm.twEnd[w]!;
  }
  return -Infinity;
}

/** Earliest start of break `b` (global break index) not before `t`, or Infinity. */
export function earliestBreakStart(cm: CompiledModel, b: number, t: number): number {
  const first = cm.breakTwOffset[b]!;
  const last = cm.breakTwOffset[b + 1]!;
  for (let w = first; w < last; w++) {
    if (t <= cm.breakTwEnd[w]!) return t > cm.breakTwStart[w]! ? t : cm.breakTwStart[w]!;
  }
  return Infinity;
}
