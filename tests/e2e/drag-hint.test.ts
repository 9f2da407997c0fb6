// The rule check shown while a bar is dragged, at the board's right edge on a laptop screen (1366×768): it stays
// inside the board at its own width, beside the pointer, and reads as lines of text in English and in Chinese.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { formatDay } from '../../renderer/src/i18n/format.js';
import {
  artifacts,
  bookHour,
  clearBookings,
  findOrder,
  hourWithinDay,
  selectedBar,
  Stack,
  type WatchedPage,
} from './stack.testing.js';

const H = 3_600_000;

let stack: Stack;
let watched: WatchedPage;
/** The one booking, two hours from now (or at midnight, within one day), of an engineer on shift for a day and a half. */
let bar: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 6, orders: 20 });
  const now = Date.now();
  const at = hourWithinDay(now + 2 * H);
  await stack.editServer((db) => {
    const engineers = db.prepare('SELECT id, data FROM engineers ORDER BY id').all() as { id: string; data: string }[];
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    for (const row of engineers) {
      const e = JSON.parse(row.data) as Engineer;
      putEngineer.run(JSON.stringify({ ...e, shifts: [{ start: now - H, end: now + 36 * H, breaks: [] }] }), e.id);
    }
    // What was booked goes back to the queue, and what was under way or done is done before the shifts began.
    const orders = clearBookings(db, now);
    const o = orders.find((x) => x.status === 'new')!;
    bar = bookHour(db, o, engineers[0]!.id, at, now);
  });
  const host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

/** Switches the console's language in its settings. */
async function setLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language').selectOption(language);
  await page.getByRole('button', { name: language === 'en' ? 'Close' : '关闭', exact: true }).click();
}

describe('the rule check of a dragged bar', () => {
  it('stays inside the board beside the pointer at its right edge, in lines of text, in both languages', async () => {
    const { page } = watched;
    const board = page.getByTestId('board');
    for (const language of ['en', 'zh-CN'] as const) {
      await setLanguage(page, language);
      // Selected, the bar is brought on screen and the board says where it drew it.
      await findOrder(page, bar.code);
      const { centre: from } = await selectedBar(page);
      const box = (await board.boundingBox())!;
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      try {
        // Along its row to just inside the board's right edge (clear of the scroll bar).
        await page.mouse.move(box.x + box.width - 30, from.y, { steps: 8 });
        const hint = page.locator('.board-hint');
        // The engine's verdict is in: the hint shows the rules' lines, not "checking".
        await expect.poll(() => hint.getAttribute('class')).toMatch(/\b(good|bad)\b/);
        await page.screenshot({ path: join(artifacts, `drag-hint-edge-1366-${language}.png`) });
        const shown = (await hint.boundingBox())!;
        expect(shown.x).toBeGreaterThanOrEqual(box.x);
        expect(shown.x + shown.width).toBeLessThanOrEqual(box.x + box.width);
        expect(shown.y).toBeGreaterThanOrEqual(box.y);
        expect(shown.y + shown.height).toBeLessThanOrEqual(box.y + box.height);
        expect(shown.width).toBeGreaterThanOrEqual(240);
        // Each of its lines takes at most two lines of text (squeezed by the edge, they took a word each).
        const lines = await hint.evaluate((el) =>
          [...el.children].map((line) => {
            const range = document.createRange();
            range.selectNodeContents(line);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            return { text: line.textContent ?? '', lines: tops.size };
          }),
        );
        expect(lines.length).toBeGreaterThanOrEqual(2);
        for (const line of lines) expect(line.lines, line.text).toBeLessThanOrEqual(2);
      } finally {
        // The drag is called off: nothing moves.
        await page.keyboard.press('Escape');
        await page.mouse.up();
      }
      await expect.poll(() => page.locator('.board-hint').count()).toBe(0);
    }
    expect(stack.serverOrders().find((o) => o.id === bar.id)?.booking).toEqual(bar.booking);
    expect(watched.problems).toEqual([]);
  }, 240_000);

  it('names the day of the drop in the week, where the time alone does not say which day', async () => {
    const { page } = watched;
    await setLanguage(page, 'en');
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    try {
      await findOrder(page, bar.code);
      const { centre: from } = await selectedBar(page);
      // The week's days share the board's width: one day's column along is the same time the next day.
      const days = JSON.parse((await page.getByTestId('board').getAttribute('data-axis-labels')) ?? '[]') as [
        number,
        ...unknown[],
      ][];
      const dayWidth = days[1]![0] - days[0]![0];
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      try {
        await page.mouse.move(from.x + dayWidth, from.y, { steps: 8 });
        const title = page.locator('.board-hint > :first-child');
        await expect.poll(() => page.locator('.board-hint').getAttribute('class')).toMatch(/\b(good|bad)\b/);
        await page.screenshot({ path: join(artifacts, 'drag-hint-week-1366.png') });
        // "Drop to book WO-… for Li Wei at Tue, Dec 8 14:00": the next day's, give or take the snap.
        const next = bar.booking!.start + 24 * H;
        const said = [next - H / 2, next, next + H / 2].map((t) => formatDay(t, 'en', 'Asia/Shanghai'));
        await expect
          .poll(async () => {
            const text = (await title.textContent()) ?? '';
            return said.some((d) => new RegExp(` at ${d} \\d\\d:\\d\\d$`).test(text)) ? 'with its day' : text;
          })
          .toBe('with its day');
      } finally {
        await page.keyboard.press('Escape');
        await page.mouse.up();
      }
    } finally {
      await page.getByRole('button', { name: 'Day', exact: true }).click();
    }
    expect(stack.serverOrders().find((o) => o.id === bar.id)?.booking).toEqual(bar.booking);
    expect(watched.problems).toEqual([]);
  }, 240_000);
});
