// The live map's controls on a laptop screen (1366x768) in Chromium: zoom buttons that zoom (by mouse and by keyboard),
// a scale that follows the zoom, and a legend of the map's symbols, in English and in Chinese.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';
import { artifacts, Stack, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let console1: WatchedPage;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 60 });
  const host = await stack.startConsole('dispatcher-1');
  console1 = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

/** Metres per CSS pixel as the scale bar reads: its distance over its width. */
async function metresPerPixel(page: Page): Promise<number> {
  const scale = page.getByTestId('map').locator('.maplibregl-ctrl-scale');
  const { text, width } = await scale.evaluate((el) => ({
    text: el.textContent ?? '',
    width: (el as HTMLElement).getBoundingClientRect().width,
  }));
  const m = /^([\d.]+)\s*(km|m|公里|米)$/.exec(text.trim());
  if (!m || width <= 0) return NaN;
  return (Number(m[1]) * (m[2] === 'km' || m[2] === '公里' ? 1000 : 1)) / width;
}

const near = (value: number, expected: number) => Math.abs(value / expected - 1) < 0.1;

describe('the map controls', () => {
  it('zooms in and out with its buttons, by mouse and by keyboard, and the scale follows', async () => {
    const { page } = console1;
    const map = page.getByTestId('map');
    const zoomIn = map.getByRole('button', { name: 'Zoom in' });
    const zoomOut = map.getByRole('button', { name: 'Zoom out' });
    await zoomIn.waitFor();
    await expect.poll(() => metresPerPixel(page)).toBeGreaterThan(0);
    const start = await metresPerPixel(page);

    await zoomIn.click();
    // One zoom level in: each pixel covers half the ground.
    await expect.poll(async () => near(await metresPerPixel(page), start / 2)).toBe(true);

    await zoomOut.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => near(await metresPerPixel(page), start)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(async () => near(await metresPerPixel(page), start * 2)).toBe(true);
    await page.screenshot({ path: join(artifacts, 'map-controls-1366.png') });
    expect(console1.problems).toEqual([]);
  });

  it('shows a legend of what engineers, orders and groups look like, folded on a small map pane, opened by keyboard', async () => {
    const { page } = console1;
    const legend = page.getByTestId('map-legend');
    const toggle = legend.getByRole('button', { name: /Legend/ });
    // At 1366x768 the map pane is small: the legend starts folded, out of the map's way.
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await legend.textContent()).not.toContain('Engineers');
    await toggle.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const text = await legend.textContent();
    for (const words of ['Engineers', 'Available', 'No position for 5 min', 'P1', 'SLA breached', 'Grouped orders'])
      expect(text).toContain(words);
    // Open, it covers under a third of the map and leaves its centre clear, inside the map.
    const box = (await page.getByTestId('map').boundingBox())!;
    const legendBox = (await legend.boundingBox())!;
    expect((legendBox.width * legendBox.height) / (box.width * box.height)).toBeLessThan(1 / 3);
    expect(legendBox.x).toBeGreaterThan(box.x + box.width / 2);
    expect(legendBox.y + legendBox.height).toBeLessThanOrEqual(box.y + box.height);
    await page.screenshot({ path: join(artifacts, 'map-legend-1366.png') });
    // The rest of it scrolls into view by keyboard, under its title, which stays there to fold it.
    const last = legend.locator('dd').last();
    const lastBox = async () => (await last.boundingBox())!;
    expect((await lastBox()).y + (await lastBox()).height).toBeGreaterThan(legendBox.y + legendBox.height);
    await page.keyboard.press('End');
    await expect
      .poll(async () => (await lastBox()).y + (await lastBox()).height)
      .toBeLessThanOrEqual(legendBox.y + legendBox.height);
    const toggleBox = (await toggle.boundingBox())!;
    expect(toggleBox.y).toBeGreaterThanOrEqual(legendBox.y);
    await page.screenshot({ path: join(artifacts, 'map-legend-1366-end.png') });
    // Esc folds it and leaves the focus on its title; Enter opens and folds it again.
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await legend.textContent()).not.toContain('Engineers');
    await page.keyboard.press('Enter');
    expect(await legend.textContent()).toContain('Engineers');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await legend.textContent()).toContain('Engineers');
  });

  it('speaks Chinese: legend, zoom buttons and the scale', async () => {
    const { page } = console1;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    const map = page.getByTestId('map');
    const legend = page.getByTestId('map-legend');
    await expect.poll(() => legend.getByRole('button', { name: /图例/ }).count()).toBe(1);
    const text = await legend.textContent();
    for (const words of ['工程师', '空闲', '5 分钟无定位', '工单（按优先级）', 'SLA 已违约', '聚合的工单'])
      expect(text).toContain(words);
    await expect.poll(() => map.getByRole('button', { name: '放大', exact: true }).count()).toBe(1);
    expect(await map.getByRole('button', { name: '缩小', exact: true }).count()).toBe(1);
    await expect.poll(() => map.locator('.maplibregl-ctrl-scale').textContent()).toMatch(/^[\d.]+\s*(公里|米)$/);
    await page.screenshot({ path: join(artifacts, 'map-controls-1366-zh.png') });
    expect(console1.problems).toEqual([]);
  });

  it('selects an engineer clicked on the map', async () => {
    const { page } = console1;
    // One engineer's device reports where it is; the map fits to the fleet, so the engineer is at its centre.
    const tokens = JSON.parse(readFileSync(join(stack.dir, 'tokens.json'), 'utf8')) as Record<
      string,
      { role: string; engineerId: string | null; token: string }
    >;
    const device = Object.values(tokens).find((u) => u.role === 'device' && u.engineerId)!;
    const socket = io(`http://127.0.0.1:${stack.serverPort}`, {
      auth: {
        token: device.token,
        clientId: 'c-map-test',
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: SCHEMA_VERSION,
      },
      transports: ['websocket'],
      forceNew: true,
    });
    try {
      const accepted = await new Promise<unknown>((resolve) =>
        socket.emit('position', { lat: 31.23, lon: 121.47, heading: 90, speed: 5, at: Date.now() }, resolve),
      );
      expect(accepted).toMatchObject({ ok: true });
      const map = page.getByTestId('map');
      // The legend is open, on this small pane too: it leaves the middle of the map clear to click.
      const legendToggle = page.getByTestId('map-legend').getByRole('button');
      if ((await legendToggle.getAttribute('aria-expanded')) !== 'true') await legendToggle.press('Enter');
      await expect.poll(() => legendToggle.getAttribute('aria-expanded')).toBe('true');
      const canvas = map.locator('canvas.maplibregl-canvas');
      const box = (await canvas.boundingBox())!;
      // Clicks before the position has reached the map land on nothing and select nothing.
      await expect
        .poll(async () => {
          await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
          return map.getAttribute('data-selected-engineer');
        })
        .toBe(device.engineerId);
      await page.screenshot({ path: join(artifacts, 'map-engineer-selected-1366.png') });
    } finally {
      socket.close();
    }
    expect(console1.problems).toEqual([]);
  });
});
