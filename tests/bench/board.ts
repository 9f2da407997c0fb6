// npm run bench:board — the board with 1,000 engineers and 20,000 bookings in Chromium: first paint and work per frame.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../support/chromium.testing.js';
import { buildBenchPages, percentiles } from '../support/bench-page.testing.js';
import { serveStatic } from '../support/static-server.testing.js';

const ENGINEERS = Number(process.env.ENGINEERS ?? 1000);
const ORDERS = Number(process.env.ORDERS ?? 20000);
const root = process.cwd();

const stats = (samples: number[]) => ({ ...percentiles(samples), frames: samples.length });

const rendererDir = buildBenchPages(root);
const server = await serveStatic(rendererDir);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/bench/board.html?engineers=${ENGINEERS}&orders=${ORDERS}`);
  type Bench = {
    ready: Promise<{ firstPaintMs: number; generateMs: number; engineers: number; orders: number }>;
    scroll(n: number): Promise<number[]>;
    drag(n: number): Promise<number[]>;
  };
  const ready = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.ready);
  const scroll = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.scroll(150));
  const artifacts = join(root, 'tests', 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'bench-board-scrolled.png') });
  const drag = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.drag(80));
  await page.screenshot({ path: join(artifacts, 'bench-board-drag.png') });
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  const result = {
    bench: 'board',
    engineers: ready.engineers,
    bookings: ready.orders,
    firstPaintMs: Math.round(ready.firstPaintMs),
    scrollFrameMs: stats(scroll),
    dragFrameMs: stats(drag),
    targets: { firstPaintMs: 1000, p95FrameMs: 16 },
  };
  console.log(
    `first paint ${result.firstPaintMs} ms after the data arrived (generating the day took ${Math.round(ready.generateMs)} ms)`,
  );
  console.log(
    `scroll: ${result.scrollFrameMs.p50} ms p50, ${result.scrollFrameMs.p95} ms p95 per frame; drag: ${result.dragFrameMs.p50} ms p50, ${result.dragFrameMs.p95} ms p95`,
  );
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.close();
}
