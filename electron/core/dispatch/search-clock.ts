// The clocks a search budget can count: wall-clock time, or the CPU time of the thread that searches (on Linux read
// from /proc/thread-self/schedstat, in nanoseconds; elsewhere the process's CPU time, which then counts every thread).
import { openSync, readSync } from 'node:fs';

// No zod here: the search threads load this file, and zod would add half a second to their start on a busy machine.
export const BUDGET_CLOCKS = ['wall', 'cpu'] as const;
export type BudgetClock = (typeof BUDGET_CLOCKS)[number];

function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

// Opened once per thread (each worker thread has its own copy of this module): the path names the opening thread.
let schedstat = -1;
const buffer = Buffer.alloc(96);

function threadCpuMs(): number {
  if (schedstat < 0) schedstat = openSync('/proc/thread-self/schedstat', 'r');
  const n = readSync(schedstat, buffer, 0, buffer.length, 0);
  const text = buffer.toString('latin1', 0, n);
  return Number(text.slice(0, text.indexOf(' '))) / 1e6;
}

let threadClockWorks: boolean | undefined;

/** Milliseconds of this thread's CPU time (an arbitrary origin: only differences count). */
export function cpuClock(): () => number {
  if (threadClockWorks === undefined) {
    try {
      threadClockWorks = Number.isFinite(threadCpuMs());
    } catch {
      threadClockWorks = false;
    }
  }
  return threadClockWorks ? threadCpuMs : processCpuMs;
}

/** The clock of a budget: Date.now for wall time, the thread's CPU time for cpu. */
export function budgetClock(kind: BudgetClock): () => number {
  return kind === 'wall' ? Date.now : cpuClock();
}

/** How the output names a budget clock: "wall-clock time" or "CPU time of each search thread". */
export function describeClock(kind: BudgetClock): string {
  return kind === 'wall' ? 'wall-clock time' : 'CPU time of each search thread';
}
