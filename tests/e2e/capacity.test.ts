// The capacity view end to end, at 1366×768: every team's hours for the next two weeks as a heat map, kept live as
// bookings change on another console, and a cell opens that team's day on the board.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../shared/domain/index.js';
import { epochAtLocal, localDate } from '../../shared/time/index.js';
import { artifacts, clearBookings, findOrder, pending, Stack, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;
const TZ = 'Asia/Shanghai';

let stack: Stack;
let watching: WatchedPage;
let booking: WatchedPage;
/** Anyone may do it, due tomorrow: the second console books it today. */
let open: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  // The same day whatever the hour the suite runs: everyone on shift from an hour ago for twelve hours.
  const now = Date.now();
  await stack.editServer((db) => {
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    for (const r of db.prepare('SELECT id, data FROM engineers').all() as { id: string; data: string }[]) {
      const e = JSON.parse(r.data) as Record<string, unknown>;
      const shifts = [{ start: now - H, end: now + 12 * H, breaks: [] }];
      putEngineer.run(JSON.stringify({ ...e, shifts, absences: [], maxJobs: null }), r.id);
    }
    // Nobody has other jobs: a job earlier today, off the new shifts, would be the engineer's last of the day until the
    // booking, and a booking just past midnight on the shift that began this evening takes the drive back to base off
    // today's cell (see engineerCapacity), a cell the booking does not otherwise touch.
    const first = clearBookings(db, now)
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1))[0]!;
    open = {
      ...first,
      requiredSkills: [],
      requiredParts: [],
      window: null,
      excludedEngineerIds: [],
      preferredEngineerIds: [],
      priority: 'P3',
      createdAt: now - H,
      updatedAt: now - H,
      sla: { respondBy: now + 24 * H, resolveBy: now + 48 * H },
    };
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(JSON.stringify(open), open.id);
  });
  watching = await stack.open(await stack.startConsole('dispatcher-1'), { viewport: { width: 1366, height: 768 } });
  booking = await stack.open(await stack.startConsole('dispatcher-2'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('the capacity view', () => {
  it("shows every team's hours for two weeks and follows a booking made on another console", async () => {
    const { page } = watching;
    await page.getByTestId('open-more').click();
    await page.getByTestId('open-capacity').click();
    const view = page.getByTestId('capacity-view');
    await view.waitFor();
    const table = view.getByTestId('capacity-table');
    await table.waitFor();
    const teams = [...new Set(stack.serverEngineers().map((e) => e.team))];
    await expect.poll(() => table.locator('tbody tr').count()).toBe(teams.length);
    expect(await table.locator('thead th').count()).toBe(1 + 14);
    // Every cell's hours left, by cell: late in the evening the booking lands on tomorrow.
    const cells = view.locator('.capacity-cell');
    const leftBefore = new Map<string, number>();
    for (const c of await cells.all())
      leftBefore.set((await c.getAttribute('data-testid'))!, Number(await c.getAttribute('data-left')));
    expect(leftBefore.size).toBe(teams.length * 14);

    // The second console books the order on its best candidate.
    await findOrder(booking.page, open.code);
    await booking.page.getByTestId('open-candidates').click();
    const panel = booking.page.getByTestId('candidates');
    await expect.poll(() => panel.getByTestId('candidate-row').first().getAttribute('data-feasible')).toBe('true');
    await panel.getByTestId('candidate-book').first().click();
    // A booking that breaks a hard rule is asked about first (late in the evening a shift may end before the job).
    const question = booking.page.getByTestId('override-dialog');
    await expect.poll(async () => (await panel.count()) === 0 || (await question.count()) > 0).toBe(true);
    if (await question.count()) {
      await booking.page.screenshot({ path: join(artifacts, 'capacity-override.png') });
      await booking.page.keyboard.press('Enter');
    }
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => stack.serverOrder(open.id)?.booking?.engineerId ?? null).not.toBeNull();
    await expect.poll(() => pending(booking.page)).toBe(0);
    const booked = stack.serverOrder(open.id)!.booking!;
    const team = stack.serverEngineers().find((e) => e.id === booked.engineerId)!.team;
    const day = localDate(booked.start, TZ);

    // The first console's cell for that team and day loses the job's hours (and its drive); the other cells stay. Late
    // in the evening the job may run past midnight: its two days then share the loss, each the part that falls in it.
    const id = `capacity-${team}-${day}`;
    const touched = new Set([id, `capacity-${team}-${localDate(booked.end - 1, TZ)}`]);
    const cell = view.getByTestId(id);
    const lost = async () => {
      let hours = 0;
      for (const t of touched)
        hours += leftBefore.get(t)! - Number(await view.getByTestId(t).getAttribute('data-left'));
      return hours;
    };
    await expect.poll(lost).toBeGreaterThanOrEqual((booked.end - booked.start) / H - 0.1);
    for (const c of await cells.all()) {
      const other = (await c.getAttribute('data-testid'))!;
      if (!touched.has(other)) expect(Number(await c.getAttribute('data-left')), other).toBe(leftBefore.get(other));
    }

    const box = (await view.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(artifacts, 'capacity-1366.png') });

    // By keyboard: the cell opens that team's day on the board.
    await cell.focus();
    await page.keyboard.press('Enter');
    await view.waitFor({ state: 'detached' });
    expect(await page.getByTestId('team-filter').inputValue()).toBe(team);
    const dayStart = epochAtLocal(day, 0, TZ);
    expect(await page.locator('.view-date').textContent()).toBe(
      new Intl.DateTimeFormat('en', { timeZone: TZ, weekday: 'short', day: 'numeric', month: 'short' }).format(
        dayStart,
      ),
    );
    expect(watching.problems).toEqual([]);
    expect(booking.problems).toEqual([]);
  });

  it('reads in Chinese', async () => {
    const { page } = watching;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await page.getByTestId('open-more').click();
    await page.getByTestId('open-capacity').click();
    const view = page.getByTestId('capacity-view');
    await expect.poll(() => view.locator('h2').textContent()).toBe('未来 14 天班组产能');
    await expect.poll(() => view.locator('.capacity-cell').first().textContent()).toMatch(/小时$/);
    await page.screenshot({ path: join(artifacts, 'capacity-1366-zh.png') });
  });
});
