// Days ahead on the board: a booking three days out is on that day's board once the dispatcher walks there with ›,
// on the week from today, and not on today's; Today comes back. The same whatever the hour the suite runs.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { addDays, epochAtLocal, localDate } from '../../shared/time/index.js';
import { artifacts, Stack, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;
const TZ = 'Asia/Shanghai';

let stack: Stack;
let watched: WatchedPage;
/** Booked 08:00–09:00 three days from today to `engineer`, who works 07:30–17:00 that day. */
let ahead: WorkOrder;
let engineer: Engineer;
let today: string;
let target: string;

const dayLabel = (date: string) =>
  new Intl.DateTimeFormat('en', { timeZone: TZ, weekday: 'short', day: 'numeric', month: 'short' }).format(
    epochAtLocal(date, 0, TZ),
  );

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  const now = Date.now();
  today = localDate(now, TZ);
  target = addDays(today, 3);
  const dayStart = epochAtLocal(target, 0, TZ);
  const dayEnd = epochAtLocal(addDays(target, 1), 0, TZ);
  await stack.editServer((db) => {
    const row = (db.prepare('SELECT id, data FROM engineers ORDER BY id').all() as { id: string; data: string }[])[0]!;
    const e = JSON.parse(row.data) as Engineer;
    // That day's shift replaced by 07:30–17:00, whatever the rota had (a weekend off, leave).
    const shifts = [
      ...e.shifts.filter((s) => s.end <= dayStart || s.start >= dayEnd),
      { start: epochAtLocal(target, 7 * 60 + 30, TZ), end: epochAtLocal(target, 17 * 60, TZ), breaks: [] },
    ].sort((a, b) => a.start - b.start);
    engineer = { ...e, shifts, absences: [] };
    db.prepare('UPDATE engineers SET data = ? WHERE id = ?').run(JSON.stringify(engineer), e.id);
    const first = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1))[0]!;
    const start = epochAtLocal(target, 8 * 60, TZ);
    ahead = {
      ...first,
      status: 'scheduled',
      priority: 'P4',
      requiredSkills: [],
      requiredParts: [],
      durationMin: 60,
      window: { start: epochAtLocal(target, 8 * 60, TZ), end: epochAtLocal(target, 10 * 60, TZ) },
      createdAt: now - H,
      updatedAt: now - H,
      sla: { respondBy: dayEnd, resolveBy: dayEnd + 24 * H },
      booking: { engineerId: e.id, start, end: start + H, pinned: false },
    };
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(JSON.stringify(ahead), ahead.id);
  });
  watched = await stack.open(await stack.startConsole('dispatcher-1'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('days ahead', () => {
  it('walks › to a booking three days out, sees it on the week, and comes back with Today', async () => {
    const { page } = watched;
    const board = page.getByTestId('board');
    const bars = async () => ((await board.getAttribute('data-bars')) ?? '').split(' ').filter(Boolean);
    const viewDate = page.locator('.view-date');
    await page.getByTestId('team-filter').selectOption(engineer.team);
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(today));
    // The board has drawn today's bars for the team: the booking three days out is not among them.
    await expect.poll(() => board.getAttribute('data-bars')).not.toBeNull();
    expect(await bars()).not.toContain(ahead.id);

    // Scrolled to today's evening first (10:00–24:00 on screen): walking on must not leave the next days there.
    await board.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    for (let d = 1; d <= 3; d++) {
      await page.getByRole('button', { name: 'Later', exact: true }).click();
      await expect.poll(() => viewDate.textContent()).toBe(dayLabel(addDays(today, d)));
    }
    // The day opens on its working day: the booking's bar is drawn without scrolling.
    await expect.poll(bars).toContain(ahead.id);
    await page.screenshot({ path: join(artifacts, 'days-ahead-day.png') });

    // Today, then the week from today: the booking is in it.
    await page.getByRole('button', { name: 'Today', exact: true }).click();
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(today));
    await expect.poll(bars).not.toContain(ahead.id);
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await expect.poll(bars).toContain(ahead.id);
    await page.screenshot({ path: join(artifacts, 'days-ahead-week.png') });
    // A week on, it is behind: ‹ brings it back.
    await page.getByRole('button', { name: 'Later', exact: true }).click();
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(addDays(today, 7)));
    await expect.poll(bars).not.toContain(ahead.id);
    await page.getByRole('button', { name: 'Earlier', exact: true }).click();
    await expect.poll(bars).toContain(ahead.id);
    expect(watched.problems).toEqual([]);
  });

  it('goes to a found order’s day once, then Today and › move the board though the order stays selected', async () => {
    const { page } = watched;
    const viewDate = page.locator('.view-date');
    await page.getByRole('button', { name: 'Day', exact: true }).click();
    await page.getByRole('button', { name: 'Today', exact: true }).click();
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(today));
    await page.getByTestId('find-order').fill(ahead.code);
    const result = page.getByTestId('find-results').getByRole('option').first();
    await result.waitFor();
    await result.click();
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(target));
    // Still selected: the board follows the dispatcher, not the order.
    await page.getByRole('button', { name: 'Today', exact: true }).click();
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(today));
    await page.getByRole('button', { name: 'Later', exact: true }).click();
    await expect.poll(() => viewDate.textContent()).toBe(dayLabel(addDays(today, 1)));
    expect(watched.problems).toEqual([]);
  });
});
