// The main thread's tasks in a Chromium trace, by wall time and by thread (CPU) time, with what each was: the trace
// events under it and the JavaScript functions the sampling profiler caught in it. A long task on a loaded machine is
// partly time the thread waited for a core; its thread time (`tdur`) is the work it did.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import type { CDPSession, Page } from 'playwright-core';

/** The trace categories: top-level tasks with thread time, the timeline's events, and the V8 sampling profiler. */
export const TASK_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      functionName?: string;
      url?: string;
      type?: string;
      startTime?: number;
      cpuProfile?: {
        nodes?: Array<{
          id: number;
          parent?: number;
          callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
        }>;
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

export interface TaskReport {
  /** Wall milliseconds. */
  ms: number;
  /** Thread (CPU) milliseconds. */
  cpuMs: number;
  /** The trace events under the task with the most self time: "name 12.3 ms". */
  events: string[];
  /** The functions the profiler sampled most often in the task, by self time: "fn (file:line) 12 ms". */
  functions: string[];
}

/** Starts a trace of the page's renderer; the returned function ends it and gives back every event. */
export async function startTrace(page: Page): Promise<() => Promise<TraceEvent[]>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    for (const ev of e.value) events.push(ev as unknown as TraceEvent);
  });
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TASK_CATEGORIES, excludedCategories: ['*'] },
  });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    return events;
  };
}

const ms = (us: number) => Math.round(us / 100) / 10;

/** The page's main thread: the CrRendererMain thread with the most task time. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number } | null = null;
  let bestTime = -1;
  for (const m of mains) {
    const time = events
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X' && e.name === 'RunTask')
      .reduce((a, e) => a + (e.dur ?? 0), 0);
    if (time > bestTime) {
      best = { pid: m.pid, tid: m.tid };
      bestTime = time;
    }
  }
  return best;
}

/** A trace event's label: a function call names its function, an event dispatch its event type. */
function label(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d?.functionName) return `FunctionCall ${d.functionName}`;
  if (e.name === 'EventDispatch' && d?.type) return `EventDispatch ${d.type}`;
  return e.name;
}

/**
 * Names a function from where it is in a built file (through the build's source maps), or null to keep the profiler's
 * name: a minified build names functions `Cg`.
 */
export type NameResolver = (url: string, line: number, column: number) => string | null;

/** Samples of the main thread's profile: [time µs, function label][]. */
function samples(events: TraceEvent[], pid: number, tid: number, resolve?: NameResolver): Array<[number, string]> {
  const profiles = events.filter((e) => e.name === 'Profile' && e.pid === pid);
  const chosen = profiles.find((p) => p.tid === tid) ?? profiles[0];
  if (!chosen) return [];
  const names = new Map<number, string>();
  const out: Array<[number, string]> = [];
  let t = chosen.args?.data?.startTime ?? chosen.ts;
  for (const c of events) {
    if (c.name !== 'ProfileChunk' || c.pid !== pid || c.id !== chosen.id) continue;
    const prof = c.args?.data?.cpuProfile;
    for (const n of prof?.nodes ?? []) {
      const f = n.callFrame;
      const file = f.url ? f.url.slice(f.url.lastIndexOf('/') + 1) : '';
      const resolved = f.url && resolve ? resolve(f.url, f.lineNumber, f.columnNumber ?? 0) : null;
      names.set(n.id, resolved ?? `${f.functionName || '(anonymous)'}${file ? ` (${file}:${f.lineNumber + 1})` : ''}`);
    }
    const deltas = c.args?.data?.timeDeltas ?? [];
    (prof?.samples ?? []).forEach((node, i) => {
      t += deltas[i] ?? 0;
      out.push([t, names.get(node) ?? `node ${node}`]);
    });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The main thread's top-level tasks in the trace, each with its wall and thread time and what was in it. */
export function mainThreadTasks(
  events: TraceEvent[],
  resolve?: NameResolver,
): { tasks: TaskReport[]; traceSpanMs: number } {
  const main = mainThread(events);
  if (!main) return { tasks: [], traceSpanMs: 0 };
  const own = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tops: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of own) {
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    if (e.ts < end) continue;
    tops.push(e);
    end = e.ts + (e.dur ?? 0);
  }
  // The task that starts the profiler is the trace's own work, not the page's.
  const profilerStart = own.filter((e) => e.name === 'CpuProfiler::StartProfiling');
  const pageTasks = tops.filter(
    (t) => !profilerStart.some((p) => p.ts >= t.ts && p.ts + (p.dur ?? 0) <= t.ts + (t.dur ?? 0)),
  );
  const sampled = samples(events, main.pid, main.tid, resolve);
  const first = own[0]?.ts ?? 0;
  const last = own.reduce((a, e) => Math.max(a, e.ts + (e.dur ?? 0)), first);
  const tasks = pageTasks.map((top) => {
    const from = top.ts;
    const to = top.ts + (top.dur ?? 0);
    // Self time of each event under the task: its duration less its children's.
    const inside = own.filter((e) => e !== top && e.ts >= from && e.ts + (e.dur ?? 0) <= to);
    const self = new Map<string, number>();
    const stack: TraceEvent[] = [];
    for (const e of inside) {
      while (stack.length && e.ts >= stack[stack.length - 1]!.ts + (stack[stack.length - 1]!.dur ?? 0)) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) self.set(label(parent), (self.get(label(parent)) ?? 0) - (e.dur ?? 0));
      self.set(label(e), (self.get(label(e)) ?? 0) + (e.dur ?? 0));
      stack.push(e);
    }
    const events = [...self.entries()]
      .filter(([, us]) => us > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([name, us]) => `${name} ${ms(us)} ms`);
    const count = new Map<string, number>();
    let lo = 0;
    let hi = sampled.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sampled[mid]![0] < from) lo = mid + 1;
      else hi = mid;
    }
    const times: Array<[number, string]> = [];
    for (let i = lo; i < sampled.length && sampled[i]![0] <= to; i++) times.push(sampled[i]!);
    // A sample stands for the time to the next one.
    times.forEach(([t, name], i) => {
      const next = times[i + 1]?.[0] ?? to;
      count.set(name, (count.get(name) ?? 0) + (next - t));
    });
    const functions = [...count.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([name, us]) => `${name} ${ms(us)} ms`);
    return { ms: ms(top.dur ?? 0), cpuMs: ms(top.tdur ?? top.dur ?? 0), events, functions };
  });
  return { tasks, traceSpanMs: ms(last - first) };
}

/**
 * Names functions of a build through its source maps (`<file>.map` beside each file under `dir`), and through the map
 * of a bundled library's own minified file when it ships one (maplibre-gl.js.map): "name (source:line)".
 */
export function sourceMapResolver(dir: string): NameResolver {
  const maps = new Map<string, TraceMap | null>();
  const load = (path: string) => {
    if (!maps.has(path)) {
      try {
        maps.set(path, new TraceMap(readFileSync(`${path}.map`, 'utf8'), `${path}.map`));
      } catch {
        maps.set(path, null);
      }
    }
    return maps.get(path) ?? null;
  };
  const lookUp = (path: string, line: number, column: number, depth: number): string | null => {
    const map = load(path);
    if (!map) return null;
    const at = originalPositionFor(map, { line: line + 1, column });
    if (!at.source || at.line === null) return null;
    const source = at.source.startsWith('file://') ? fileURLToPath(at.source) : at.source;
    const deeper =
      depth < 2 ? lookUp(resolvePath(dirname(`${path}.map`), source), at.line - 1, at.column ?? 0, depth + 1) : null;
    if (deeper) return deeper;
    const short = source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
    return `${at.name ?? '(anonymous)'} (${short}:${at.line})`;
  };
  return (url, line, column) => {
    const file = url.split('?')[0]!.replace(/^.*?\/\/[^/]+\//, '');
    return lookUp(join(dir, file), line, column, 0);
  };
}
