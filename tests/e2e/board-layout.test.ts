// The board on a laptop screen (1366x768) in Chromium: it opens on now with room to work, hides engineers off shift
// on request, and its week axis stays legible.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINEER_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { NAMES_WIDTH } from '../../renderer/src/features/board/time-scale.js';
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
    const labels = async () =>
      JSON.parse((await board.getAttribute('data-axis-labels')) ?? '[]') as Array<[x: number, width: number]>;
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
});
