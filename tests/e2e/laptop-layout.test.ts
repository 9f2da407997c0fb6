// The console on a laptop screen (1366×768), in English and in Chinese, measured: an order's facts read whole above
// its actions, the map keeping its least height; the daily sheet's buttons sit under the header, not over it; the
// auto-dispatch proposal leaves the board in view; the open map legend stays clear of the replay's panel.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINEER_ROW_HEIGHT, TEAM_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { AXIS_HEIGHT } from '../../renderer/src/features/board/time-scale.js';
import type { WorkOrder } from '../../shared/domain/index.js';
import { artifacts, closeOverlays, findOrder, Stack, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let watched: WatchedPage;
let order: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 24, orders: 60 });
  order = stack
    .serverOrders()
    .filter((o) => o.status === 'new')
    .sort((a, b) => (a.code < b.code ? -1 : 1))[0]!;
  const host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

// Each test starts on the console as it opens: nothing a failed one left open stands in the next one's way.
afterEach(async () => {
  await closeOverlays(watched.page);
});

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

async function box(where: Locator): Promise<Box> {
  return where.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}

/** Whether two boxes share any area (touching edges, within half a pixel, do not count). */
function overlap(a: Box, b: Box): boolean {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

async function language(page: Page, code: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language').selectOption(code);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
}

const LANGUAGES = ['en', 'zh-CN'] as const;

describe('the console at 1366×768', () => {
  it('says the console is in sync while it is online with nothing waiting, and since when once it works offline', async () => {
    const { page } = watched;
    const label = page.getByTestId('status-bar').locator('[data-testid="last-sync"]');
    for (const [code, words] of [
      ['en', 'In sync'],
      ['zh-CN', '已同步'],
    ] as const) {
      await language(page, code);
      await page.locator('[data-testid="link-state"][data-state="online"]').waitFor();
      await expect.poll(() => label.textContent()).toBe(words);
    }
    await page.getByTestId('work-offline').click();
    await page.locator('[data-testid="link-state"][data-state="paused"]').waitFor();
    await expect.poll(() => label.textContent()).toMatch(/^上次同步 .*\d\d:\d\d（\d+分钟前）$/);
    await page.getByTestId('work-offline').click();
    await page.locator('[data-testid="link-state"][data-state="online"]').waitFor();
    await expect.poll(() => label.textContent()).toBe('已同步');
    expect(watched.problems).toEqual([]);
  });

  it("reads an order's facts whole above its actions, the rest of the details in reach, the map below", async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      await findOrder(page, order.code);
      const details = page.getByTestId('order-details');
      const facts = details.locator('dl').first();
      const bar = details.locator('.details-actions');
      await expect.poll(() => bar.locator('button').count()).toBeGreaterThan(2);
      const pane = await box(details);
      // Every fact, down to the resolve-by, is above the actions: none is hidden under them.
      await expect.poll(async () => (await box(facts)).bottom).toBeLessThanOrEqual((await box(bar)).top + 0.5);
      expect((await box(facts)).top).toBeGreaterThanOrEqual(pane.top);
      expect((await box(bar)).bottom).toBeLessThanOrEqual(pane.bottom + 0.5);
      // The map keeps its least height below the details.
      const map = await box(page.getByTestId('map'));
      expect(map.top).toBeGreaterThanOrEqual(pane.bottom - 0.5);
      expect(map.bottom - map.top).toBeGreaterThanOrEqual(238);
      await page.screenshot({ path: join(artifacts, `laptop-details-${code}.png`) });
      // What does not fit scrolls: scrolled to the end, the last of the details is inside the pane.
      const { scrolls, overflow } = await details.evaluate((el) => ({
        scrolls: el.scrollHeight > el.clientHeight,
        overflow: getComputedStyle(el).overflowY,
      }));
      if (scrolls) expect(['auto', 'scroll']).toContain(overflow);
      await details.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      const last = details.locator(':scope > *').last();
      await expect.poll(async () => (await box(last)).bottom).toBeLessThanOrEqual(pane.bottom + 0.5);
      await details.evaluate((el) => el.scrollTo(0, 0));
    }
    expect(watched.problems).toEqual([]);
  });

  it("puts the daily sheet's buttons under the header, the header shaded and out of reach; Esc closes it", async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      const board = page.getByTestId('board');
      await board.evaluate((el) => (el.scrollTop = 0));
      const at = (await board.boundingBox())!;
      await page.mouse.click(at.x + 40, at.y + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2);
      await page.getByTestId('engineer-card').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('engineer-card').waitFor({ state: 'detached' });
      await page.getByTestId('open-more').click();
      await page.getByTestId('daily-sheet-open').click();
      const sheet = page.getByTestId('daily-sheet');
      await sheet.locator('h1').waitFor();
      const header = await box(page.locator('.app-header'));
      const tools = sheet.locator('.sheet-tools');
      for (const button of await tools.getByRole('button').all())
        expect(overlap(await box(button), header), (await button.textContent()) ?? undefined).toBe(false);
      expect((await box(tools)).top).toBeGreaterThanOrEqual(header.bottom - 0.5);
      // The header's own buttons are under the shade while the sheet is open.
      const settings = await box(page.getByTestId('open-settings'));
      const hit = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.className ?? '',
        [(settings.left + settings.right) / 2, (settings.top + settings.bottom) / 2],
      );
      expect(hit).toBe('sheet-shield no-print');
      await page.screenshot({ path: join(artifacts, `laptop-sheet-${code}.png`) });
      // Esc closes it, as it does the console's other dialogs.
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it('keeps the board in view beside the auto-dispatch proposal', async () => {
    const { page } = watched;
    await language(page, 'zh-CN');
    await page.getByTestId('open-auto-dispatch').click();
    const dialog = page.getByTestId('auto-dispatch');
    await dialog.getByTestId('run-dispatch').click();
    await dialog.getByTestId('proposal').waitFor();
    const panel = await box(dialog);
    const board = await box(page.getByTestId('board'));
    expect(overlap(panel, board), JSON.stringify({ panel, board })).toBe(false);
    // Inside the window, above the status bar, its buttons to accept or discard in reach.
    const status = await box(page.getByTestId('status-bar'));
    expect(panel.bottom).toBeLessThanOrEqual(status.top + 0.5);
    expect(panel.right).toBeLessThanOrEqual(1366);
    const footer = await box(dialog.locator('.proposal-footer'));
    expect(footer.bottom).toBeLessThanOrEqual(panel.bottom + 0.5);
    await page.screenshot({ path: join(artifacts, 'laptop-auto-dispatch-zh.png') });
    await dialog.locator('header button').click();
    await dialog.waitFor({ state: 'detached' });
    expect(watched.problems).toEqual([]);
  });

  it('keeps the open map legend clear of the replay panel', async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      await findOrder(page, order.code);
      await page.getByTestId('replay-open').click();
      const replay = page.getByTestId('replay');
      await replay.waitFor();
      await page.getByTestId('replay-load').click();
      // Loaded: the panel grows by the player, or says there is nothing to play.
      await expect
        .poll(
          async () => (await page.getByTestId('replay-scrubber').count()) + (await replay.getByRole('status').count()),
        )
        .toBeGreaterThan(0);
      const legend = page.getByTestId('map-legend');
      const toggle = legend.locator('.map-legend-toggle');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(async () => overlap(await box(legend), await box(replay))).toBe(false);
      // Its title stays whole, to fold it again.
      expect((await box(legend)).bottom - (await box(legend)).top).toBeGreaterThanOrEqual(
        (await box(toggle)).bottom - (await box(toggle)).top,
      );
      await page.screenshot({ path: join(artifacts, `laptop-replay-legend-${code}.png`) });
      await toggle.click();
      await page.getByTestId('replay-close').click();
      await replay.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });
});
