// Days are typed the console's way, not the browser's: in Chinese at 1366×768 (on a browser set to English) the KPI
// period, the slot finder's day and a logged call's day read 2026年12月7日, take days typed so (with or without the
// year, or as 2026/12/7), and mark what is not a day.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../shared/domain/index.js';
import { addDays, localDate } from '../../shared/time/index.js';
import { artifacts, findOrder, Stack, type WatchedPage } from './stack.testing.js';

const TZ = 'Asia/Shanghai';

let stack: Stack;
let watched: WatchedPage;
let open: WorkOrder;

/** A day as the Chinese console writes it. */
const zh = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

beforeAll(async () => {
  stack = await Stack.start({ engineers: 6, orders: 20 });
  // An open order the slot finder can search for, whatever the hour in Shanghai: no window, no skill, no part.
  await stack.editServer((db) => {
    const row = db
      .prepare("SELECT id, data FROM orders WHERE json_extract(data, '$.status') = 'new' ORDER BY id LIMIT 1")
      .get() as { id: string; data: string };
    open = {
      ...(JSON.parse(row.data) as WorkOrder),
      window: null,
      requiredSkills: [],
      requiredParts: [],
      excludedEngineerIds: [],
    };
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(JSON.stringify(open), open.id);
  });
  watched = await stack.open(await stack.startConsole('dispatcher-1'), { viewport: { width: 1366, height: 768 } });
  const { page } = watched;
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByRole('button', { name: '关闭', exact: true }).click();
  await page.getByRole('button', { name: '日', exact: true }).waitFor();
});

afterAll(async () => {
  await stack?.stop();
});

describe('days typed in Chinese', () => {
  it('the KPI period reads and takes days the Chinese way, and marks what is not a day', async () => {
    const { page } = watched;
    const today = localDate(Date.now(), TZ);
    await page.getByTestId('open-kpis').click();
    const dashboard = page.getByTestId('kpi-dashboard');
    await dashboard.getByRole('button', { name: '自定义', exact: true }).click();
    const from = dashboard.getByTestId('kpi-from');
    expect(await from.inputValue()).toBe(zh(addDays(today, -13)));
    expect(await dashboard.getByTestId('kpi-to').inputValue()).toBe(zh(today));
    expect(await from.getAttribute('lang')).toBe('zh-CN');

    await from.fill(zh(addDays(today, -2)));
    expect(await from.getAttribute('data-value')).toBe(addDays(today, -2));
    await dashboard.getByTestId('kpi-completed').waitFor();
    // Not a day: marked, saying how to write one, and the period stays as it was.
    await from.fill('上周三');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await from.getAttribute('title')).toBe(`请按“${zh(today)}”的格式输入日期`);
    expect(await from.getAttribute('data-value')).toBe(addDays(today, -2));
    await from.fill(addDays(today, -3).replaceAll('-', '/'));
    await from.press('Tab');
    expect(await from.inputValue()).toBe(zh(addDays(today, -3)));
    expect(await from.getAttribute('aria-invalid')).toBeNull();
    // ↑ and ↓ move a day.
    await from.focus();
    await page.keyboard.press('ArrowUp');
    expect(await from.inputValue()).toBe(zh(addDays(today, -2)));
    await page.screenshot({ path: join(artifacts, 'date-entry-kpi-1366-zh.png') });
    await dashboard.getByRole('button', { name: '关闭', exact: true }).click();
    await dashboard.waitFor({ state: 'detached' });
  });

  it("the slot finder's day and a logged call's day and times are typed the Chinese way", async () => {
    const { page } = watched;
    const today = localDate(Date.now(), TZ);
    const tomorrow = addDays(today, 1);
    await findOrder(page, open.code);
    await page.getByTestId('order-find-time').click();
    const finder = page.getByTestId('slot-finder');
    const day = finder.getByTestId('slot-other-day');
    expect(await day.inputValue()).toBe('');
    expect(await day.getAttribute('placeholder')).toBe(zh(today));
    // Month and day alone: this year's.
    const [, m, d] = tomorrow.split('-').map(Number);
    await day.fill(`${m}月${d}日`);
    expect(await day.getAttribute('data-value')).toBe(tomorrow);
    await expect
      .poll(() => finder.locator(`[data-testid="slot-day"][data-date="${tomorrow}"]`).getAttribute('aria-pressed'))
      .toBe('true');
    await page.keyboard.press('Escape');
    await finder.waitFor({ state: 'detached' });

    await page.getByTestId('open-new-order').click();
    const dialog = page.getByTestId('new-order');
    const windowDay = dialog.getByTestId('new-order-window-date');
    await windowDay.fill(`${tomorrow.replaceAll('-', '.')}`);
    await windowDay.press('Tab');
    expect(await windowDay.inputValue()).toBe(zh(tomorrow));
    expect(await windowDay.getAttribute('data-value')).toBe(tomorrow);
    // The window's times in the console's 24-hour clock, typed as a dispatcher types them, never 08:30 AM.
    const from = dialog.getByTestId('new-order-window-from');
    const to = dialog.getByTestId('new-order-window-to');
    expect(await from.getAttribute('type')).toBe('text');
    await from.fill('8点30');
    await from.press('Tab');
    await to.fill('１４３０');
    await to.press('ArrowUp');
    expect([await from.inputValue(), await to.inputValue()]).toEqual(['08:30', '14:45']);
    await from.fill('25:00');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await from.getAttribute('title')).toBe('请按 24 小时制输入时间，例如 09:30');
    await page.keyboard.press('Escape');
    expect(watched.problems).toEqual([]);
  });
});
