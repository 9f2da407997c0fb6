// npm run bench:map — the live map in Chromium with 2,000 engineers reporting every second and 20,000 open orders:
// main-thread milliseconds per batch of positions (our update and drawing the engineers), and the long tasks around
// them: their sum per second and the longest, against their targets.
// npm run bench:map -- --replay — on the same map, one engineer's day of 10,800 fixes replayed at 300×: frames per
// second and main-thread milliseconds of each frame's replay step (REPLAY_FIXES and REPLAY_SPEED change them).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.testing.js';
import { buildBenchPages, percentiles } from '../support/bench-page.testing.js';
import { serveStatic } from '../support/static-server.testing.js';
import { mainThreadTasks, sourceMapResolver, startTrace, type TaskReport } from '../support/trace-tasks.testing.js';

const ENGINEERS = Number(process.env.ENGINEERS ?? 2000);
const ORDERS = Number(process.env.ORDERS ?? 20000);
const SECONDS = Number(process.env.MAP_SECONDS ?? (process.argv.includes('--replay') ? 20 : 30));
const root = process.cwd();
const REPLAY = process.argv.includes('--replay');
const REPLAY_FIXES = Number(process.env.REPLAY_FIXES ?? 10_800);
const REPLAY_SPEED = Number(process.env.REPLAY_SPEED ?? 300);

const stats = (samples: number[]) => ({ ...percentiles(samples), batches: samples.length });

const artifacts = join(root, 'tests', 'artifacts');
mkdirSync(artifacts, { recursive: true });

interface ReplayRun {
  fixes: number;
  segments: number;
  frames: number[];
  elapsedMs: number;
  replayedMs: number;
  longTasks: number[];
  readout: string;
}

/** Plays the replay and prints what it cost. */
async function replay(page: Page, ready: { firstRenderMs: number; engineers: number; orders: number }) {
  const run = await page.evaluate(
    ([s, f, v]) =>
      (window as unknown as { bench: { replay(s: number, f: number, v: number): Promise<ReplayRun> } }).bench.replay(
        s!,
        f!,
        v!,
      ),
    [SECONDS, REPLAY_FIXES, REPLAY_SPEED],
  );
  await page.screenshot({ path: join(artifacts, 'bench-map-replay.png') });
  const seconds = run.elapsedMs / 1000;
  const result = {
    bench: 'map-replay',
    engineers: ready.engineers,
    orders: ready.orders,
    fixes: run.fixes,
    statusSegments: run.segments,
    speed: REPLAY_SPEED,
    playedPartRefresh: process.env.REPLAY_MARKER_ONLY ? 'held still' : 'every 100 ms',
    fps: Math.round((run.frames.length / seconds) * 10) / 10,
    replayedMinutes: Math.round(run.replayedMs / 60_000),
    frameMs: { ...percentiles(run.frames), frames: run.frames.length },
    longTasks: {
      count: run.longTasks.length,
      maxMs: Math.round(Math.max(0, ...run.longTasks)),
      busyMsPerSecond: Math.round(run.longTasks.reduce((a, b) => a + b, 0) / seconds),
    },
    targets: { fps: 30 },
  };
  console.log(
    `replay of ${run.fixes} fixes at ${REPLAY_SPEED}x with ${ready.engineers} engineers ${process.env.MAP_IDLE ? 'still' : 'live'}: ${result.fps} frames/s over ${Math.round(seconds)} s (${result.replayedMinutes} min of the day); replay step ${result.frameMs.p50} ms p50, ${result.frameMs.p95} ms p95, ${result.frameMs.max} ms max per frame; ${result.longTasks.count} long tasks (max ${result.longTasks.maxMs} ms, ${result.longTasks.busyMsPerSecond} ms of every second)`,
  );
  console.log(JSON.stringify(result));
}

const rendererDir = buildBenchPages(root);
const server = await serveStatic(rendererDir);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(
    `${server.url}/bench/map.html?engineers=${ENGINEERS}&orders=${ORDERS}${process.env.MAP_IDLE ? '&idle=1' : ''}${process.env.MAP_ORDER_EVERY ? `&orderEvery=${Number(process.env.MAP_ORDER_EVERY)}` : ''}${process.env.REPLAY_MARKER_ONLY ? '&markerOnly=1' : ''}`,
  );
  type Bench = {
    ready: Promise<{ firstRenderMs: number; engineers: number; orders: number }>;
    settle(): Promise<void>;
    run(seconds: number, settled: boolean): Promise<{ updates: number[]; longTasks: number[] }>;
  };
  const ready = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.ready);
  if (REPLAY) {
    await replay(page, ready);
  } else {
    await page.evaluate(() => (window as unknown as { bench: Bench }).bench.settle());
    // The run is traced (MAP_TRACE=0 leaves it untraced): each main-thread task's wall and thread time and what was in it.
    const endTrace = process.env.MAP_TRACE === '0' ? null : await startTrace(page);
    const run = await page.evaluate((s) => (window as unknown as { bench: Bench }).bench.run(s, true), SECONDS);
    const traced = endTrace ? mainThreadTasks(await endTrace(), sourceMapResolver(rendererDir)) : null;
    await page.screenshot({ path: join(artifacts, 'bench-map.png') });
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
    const result = {
      bench: 'map',
      engineers: ready.engineers,
      orders: ready.orders,
      firstRenderMs: Math.round(ready.firstRenderMs),
      positionBatchMs: stats(run.updates),
      // The map's own work after each batch (worker tiles arriving, buckets, placement, drawing) shows as long tasks when
      // it runs over 50 ms; their sum per second is the main thread the map takes beyond our update.
      longTasks: {
        count: run.longTasks.length,
        maxMs: Math.round(Math.max(0, ...run.longTasks)),
        busyMsPerSecond: Math.round(run.longTasks.reduce((a, b) => a + b, 0) / SECONDS),
      },
      targets: { p95BatchMs: 8, busyMsPerSecond: 200, maxLongTaskMs: 100 },
    };
    const verdict = (value: number, target: number) =>
      `${value} ms (target ≤ ${target} ms: ${value <= target ? 'met' : 'NOT met'})`;
    console.log(`first render ${result.firstRenderMs} ms after the data arrived`);
    console.log(
      `${ENGINEERS} engineers at 1 Hz for ${SECONDS} s: ${result.positionBatchMs.p50} ms p50, ${result.positionBatchMs.p95} ms p95 per batch; ${result.longTasks.count} long tasks (max ${result.longTasks.maxMs} ms, ${result.longTasks.busyMsPerSecond} ms of every second)`,
    );
    console.log(`main thread busy in long tasks: ${verdict(result.longTasks.busyMsPerSecond, 200)} of every second`);
    console.log(`longest task: ${verdict(result.longTasks.maxMs, 100)}`);
    if (traced) {
      const byWall = [...traced.tasks].sort((a, b) => b.ms - a.ms);
      const byCpu = [...traced.tasks].sort((a, b) => b.cpuMs - a.cpuMs);
      const over = (limit: number, pick: (t: TaskReport) => number) =>
        traced.tasks.filter((t) => pick(t) > limit).length;
      const describe = (t: TaskReport | undefined) =>
        t
          ? `${t.ms} ms wall, ${t.cpuMs} ms thread time\n    events: ${t.events.join(', ') || '-'}\n    functions: ${t.functions.join(', ') || '-'}`
          : 'none';
      console.log(
        `traced ${traced.tasks.length} main-thread tasks over ${Math.round(traced.traceSpanMs / 1000)} s: ${over(50, (t) => t.ms)} over 50 ms wall, ${over(50, (t) => t.cpuMs)} over 50 ms thread time, ${over(100, (t) => t.cpuMs)} over 100 ms thread time`,
      );
      console.log(`longest task by wall time: ${describe(byWall[0])}`);
      for (const t of byWall.slice(1, 3)) console.log(`next by wall time: ${describe(t)}`);
      console.log(`longest task by thread time: ${describe(byCpu[0])}`);
      for (const t of byCpu.slice(1, 5)) console.log(`next by thread time: ${describe(t)}`);
      Object.assign(result, {
        traced: {
          tasks: traced.tasks.length,
          longestWallMs: byWall[0]?.ms ?? 0,
          longestThreadMs: byCpu[0]?.cpuMs ?? 0,
          over100ThreadMs: over(100, (t) => t.cpuMs),
        },
      });
      console.log(`longest task in thread time: ${verdict(byCpu[0]?.cpuMs ?? 0, 100)}`);
    }
    console.log(JSON.stringify(result));
  }
} finally {
  await browser.close();
  await server.close();
}
