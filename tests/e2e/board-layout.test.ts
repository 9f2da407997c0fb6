// The board on a laptop screen (1366x768) in Chromium: it opens on now with room to work, hides engineers off shift
// on request, and its week axis stays legible; the week shows all seven days without scrolling, there and at 1920 px.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINEER_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { NAMES_WIDTH } from '../../renderer/src/features/board/time-scale.js';
import type { Page } from 'playwright-core';
import { artifacts, Stack, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let console1: WatchedPage;

beforeAll(async () => {
  // Sixty engineers, as in the demo, so some of them have the day off.
  stack = await Stack.start({ engineers: 60, orders: 200 });
  const host = await stack.startConsole('dispatcher-1');
  console1 = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

/** The board's axis labels as it painted them: x and width in the board's pixels, 1 for a day start, the text. */
type AxisLabels = Array<[x: number, width: number, day: 0 | 1, text: string]>;

/**
 * Checks that the week on the board shows its seven days whole: the timeline needs no sideways scrolling, and the
 * seventh day's label is painted inside the board's visible box, right of the names.
 */
async function weekFits(page: Page): Promise<string[]> {
  const board = page.getByTestId('board');
  const days = async () =>
    (JSON.parse((await board.getAttribute('data-axis-labels')) ?? '[]') as AxisLabels).filter((l) => l[2] === 1);
  await expect.poll(async () => (await days()).length).toBe(7);
  const { clientWidth, scrollWidth } = await board.evaluate((el) => ({
    clientWidth: el.clientWidth,
    scrollWidth: el.scrollWidth,
  }));
  expect(scrollWidth, 'the week scrolls sideways').toBeLessThanOrEqual(clientWidth);
  const box = (await board.boundingBox())!;
  const [x, width] = (await days())[6]!;
  expect(x).toBeGreaterThanOrEqual(NAMES_WIDTH);
  expect(box.x + x + width, 'the seventh day is cut off').toBeLessThanOrEqual(box.x + clientWidth);
  // Each day has its own column: the seventh starts six sevenths of the way across the timeline.
  expect(Math.abs(x - 4 - (NAMES_WIDTH + ((clientWidth - NAMES_WIDTH) * 6) / 7))).toBeLessThanOrEqual(1);
  return (await days()).map((l) => l[3]);
}

describe('the board at 1366x768', () => {
  it('opens on now with at least half the window, hides engineers off shift on request, and keeps week labels apart', async () => {
    const { page } = console1;
    const board = page.getByTestId('board');
    const box = (await board.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(683);

    // The now line is painted within the visible timeline, right of the names.
    await expect.poll(() => board.getAttribute('data-now-x')).toMatch(/^\d+$/);
    const nowX = Number(await board.getAttribute('data-now-x'));
    expect(nowX).toBeGreaterThanOrEqual(NAMES_WIDTH);
    expect(nowX).toBeLessThanOrEqual(box.width);

    // The switch is on in the day view and says how many it hides; off shows them all, on hides them again.
    const toggle = page.getByTestId('hide-off-shift');
    const input = toggle.getByRole('switch');
    expect(await input.isChecked()).toBe(true);
    await expect.poll(() => toggle.textContent()).toMatch(/\(\d+ hidden\)/);
    const hidden = Number(/\((\d+) hidden\)/.exec((await toggle.textContent())!)![1]);
    expect(hidden).toBeGreaterThan(0);
    const spacer = page.locator('.board-spacer');
    const height = async () => (await spacer.boundingBox())!.height;
    const shortHeight = await height();
    await input.uncheck();
    await expect.poll(() => toggle.textContent()).toBe('Hide off shift');
    await expect.poll(height).toBeGreaterThanOrEqual(shortHeight + hidden * ENGINEER_ROW_HEIGHT);
    await page.screenshot({ path: join(artifacts, 'board-1366-all.png') });
    await input.check();
    await expect.poll(() => toggle.textContent()).toBe(`Hide off shift (${hidden} hidden)`);
    await expect.poll(height).toBe(shortHeight);
    await page.screenshot({ path: join(artifacts, 'board-1366.png') });

    // The week: a label for each day, none over another.
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    const labels = async () => JSON.parse((await board.getAttribute('data-axis-labels')) ?? '[]') as AxisLabels;
    await expect.poll(async () => (await labels()).length).toBeGreaterThanOrEqual(7);
    const week = await labels();
    for (let i = 0; i < week.length; i++)
      for (let j = i + 1; j < week.length; j++) {
        const [ax, aw] = week[i]!;
        const [bx, bw] = week[j]!;
        expect(ax + aw <= bx || bx + bw <= ax, `labels ${i} and ${j} overlap: ${JSON.stringify(week)}`).toBe(true);
      }
    await page.screenshot({ path: join(artifacts, 'board-1366-week.png') });

    // In Chinese the week's labels are longer and still kept apart; the switch speaks Chinese too.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: '日', exact: true }).count()).toBe(1);
    const zhWeek = await labels();
    for (let i = 1; i < zhWeek.length; i++)
      expect(zhWeek[i]![0]).toBeGreaterThanOrEqual(zhWeek[i - 1]![0] + zhWeek[i - 1]![1]);
    await page.screenshot({ path: join(artifacts, 'board-1366-week-zh.png') });
    await page.getByRole('button', { name: '日', exact: true }).click();
    // Back in the day view, the board is on now again.
    await expect.poll(() => board.getAttribute('data-now-x')).toMatch(/^\d+$/);
    await expect.poll(() => toggle.textContent()).toBe(`隐藏不在班（已隐藏 ${hidden} 人）`);
    await page.screenshot({ path: join(artifacts, 'board-1366-zh.png') });
    expect(console1.problems).toEqual([]);
  }, 240_000);

  it('shows the whole week, all seven days inside the board, in English and Chinese, and at 1920 px', async () => {
    const { page } = console1;
    const language = async (code: 'en' | 'zh-CN') => {
      await page.getByTestId('open-settings').click();
      await page.getByTestId('language').selectOption(code);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
    };
    await language('en');
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    const english = await weekFits(page);
    expect(new Set(english).size).toBe(7);
    await page.screenshot({ path: join(artifacts, 'board-1366-week-whole.png') });

    await language('zh-CN');
    await expect
      .poll(() => page.getByRole('button', { name: '周', exact: true }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(await weekFits(page)).not.toEqual(english);
    await page.screenshot({ path: join(artifacts, 'board-1366-week-whole-zh.png') });

    // A wider window gives each day more room, and the week still ends at the board's right edge.
    await language('en');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => (await page.getByTestId('board').boundingBox())!.width).toBeGreaterThan(1000);
    await weekFits(page);
    await page.screenshot({ path: join(artifacts, 'board-1920-week.png') });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    expect(console1.problems).toEqual([]);
  }, 240_000);
});
