// npm run bench:map — the live map in Chromium with 2,000 engineers reporting every second and 20,000 open orders:
// main-thread milliseconds per batch of positions (our update and the map's copy of the data to its worker).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.testing.js';
import { buildBenchPages, percentiles } from '../support/bench-page.testing.js';
import { serveStatic } from '../support/static-server.testing.js';

const ENGINEERS = Number(process.env.ENGINEERS ?? 2000);
const ORDERS = Number(process.env.ORDERS ?? 20000);
const SECONDS = Number(process.env.MAP_SECONDS ?? 30);
const root = process.cwd();

const stats = (samples: number[]) => ({ ...percentiles(samples), batches: samples.length });

const rendererDir = buildBenchPages(root);
const server = await serveStatic(rendererDir);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(
    `${server.url}/bench/map.html?engineers=${ENGINEERS}&orders=${ORDERS}${process.env.MAP_IDLE ? '&idle=1' : ''}`,
  );
  type Bench = {
    ready: Promise<{ firstRenderMs: number; engineers: number; orders: number }>;
    run(seconds: number): Promise<{ updates: number[]; longTasks: number[] }>;
  };
  const ready = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.ready);
  const run = await page.evaluate((s) => (window as unknown as { bench: Bench }).bench.run(s), SECONDS);
  const artifacts = join(root, 'tests', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
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
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
