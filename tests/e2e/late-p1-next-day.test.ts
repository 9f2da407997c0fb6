// A P1 nobody can take today: "Assign to best" shows the earliest slot on the next working day and how late it is,
// and books it late only knowingly; a booking made late by anyone (here: already on the server when the console
// starts) carries a late mark on its bar, its card and its details.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
/** A P1 due on site in 90 minutes, two hours' work, while nobody has two hours of shift left today. */
let urgent: WorkOrder;
/** An order the server already holds booked to arrive 90 minutes after its respond-by. */
let bookedLate: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  const now = Date.now();
  await stack.editServer((db) => {
    const engineers = (db.prepare('SELECT id, data FROM engineers').all() as { id: string; data: string }[]).sort(
      (a, b) => (a.id < b.id ? -1 : 1),
    );
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    // Everyone off shift until at least tomorrow; one engineer still on for the last hour of today's shift.
    engineers.forEach((row, i) => {
      const e = JSON.parse(row.data) as Engineer;
      const tomorrow = { start: now + 26 * H, end: now + 36 * H, breaks: [] };
      const shifts = i === 0 ? [{ start: now - 2 * H, end: now + H, breaks: [] }, tomorrow] : [tomorrow];
      putEngineer.run(JSON.stringify({ ...e, shifts, absences: [] }), row.id);
    });
    const orders = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const putOrder = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
    urgent = {
      ...orders[0]!,
      priority: 'P1',
      requiredSkills: [],
      requiredParts: [],
      window: null,
      durationMin: 120,
      createdAt: now - H,
      updatedAt: now - H,
      sla: { respondBy: now + 1.5 * H, resolveBy: now + 6 * H },
    };
    const start = now + 0.5 * H;
    const base = orders[1]!;
    bookedLate = {
      ...base,
      priority: 'P2',
      status: 'scheduled',
      requiredSkills: [],
      requiredParts: [],
      window: null,
      createdAt: now - 3 * H,
      updatedAt: now - 3 * H,
      sla: { respondBy: now - H, resolveBy: now + 6 * H },
      booking: { engineerId: engineers[0]!.id, start, end: start + base.durationMin * 60_000, pinned: false },
    };
    for (const o of [urgent, bookedLate]) putOrder.run(JSON.stringify(o), o.id);
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('a P1 nobody can take today', () => {
  it('"Assign to best" shows the earliest slot on the next day and how late it is; booked late only knowingly', async () => {
    const { page } = watched;
    await findOrder(page, urgent.code);
    await page.getByTestId('assign-best').click();
    const dialog = page.getByTestId('late-booking');
    await dialog.waitFor();
    await expect
      .poll(() => page.getByTestId('late-booking-lateness').textContent())
      .toMatch(
        /^Nobody can take it today\. The earliest is .+ at .+, \d{2}:\d{2}: .+ after its respond-by \((?:.+ )?\d{2}:\d{2}\)/,
      );
    await page.screenshot({ path: join(artifacts, 'late-p1-next-day.png') });
    expect(stack.serverOrder(urgent.id)).toMatchObject({ status: 'new', booking: null });

    await page.getByTestId('late-booking-book').click();
    await dialog.waitFor({ state: 'detached' });
    // The booking, then the note in its trail saying it was booked late knowingly; both reach the server.
    await expect.poll(() => page.getByTestId('timeline').textContent()).toMatch(/Booked late knowingly/);
    await expect.poll(() => pending(page)).toBe(0);
    expect(stack.serverOrder(urgent.id)?.status).toBe('scheduled');
    const booking = stack.serverOrder(urgent.id)?.booking;
    expect(booking?.start).toBeGreaterThan(urgent.sla.respondBy + 20 * H);
    // It arrives after respond-by and finishes after resolve-by: the late line names both.
    await expect
      .poll(() => page.getByTestId('order-late').textContent())
      .toMatch(/^◷ booked to arrive .+ after respond-by \(.+\) and to finish .+ after resolve-by \(.+\)$/);
    // A booking that will miss its deadline is at risk now, though its clock still has over an hour left.
    await page.getByRole('tab', { name: 'At risk' }).click();
    await expect.poll(() => page.getByTestId('queue').textContent()).toContain(urgent.code);
    await page.getByRole('tab', { name: 'Unassigned' }).click();
    expect(watched.problems).toEqual([]);
  });
});

describe('a booking made late elsewhere', () => {
  it('carries the late mark on its bar, its card and its details', async () => {
    const { page } = watched;
    await findOrder(page, bookedLate.code);
    await expect
      .poll(() => page.getByTestId('order-late').textContent())
      .toBe('◷ booked to arrive 1 h 30 min after respond-by' + (await dueText(page)));
    const board = page.getByTestId('board');
    await expect
      .poll(async () => (await board.getAttribute('data-late-bars'))?.split(' ') ?? [])
      .toContain(bookedLate.id);
    await page.screenshot({ path: join(artifacts, 'late-mark.png') });
  });
});

/** The " (respond-by)" tail of the late line, as the details show the respond-by clock. */
async function dueText(page: WatchedPage['page']): Promise<string> {
  const respond = (await page.getByTestId('sla-respond').textContent()) ?? '';
  return ` (${respond.split(' · ')[0]})`;
}
