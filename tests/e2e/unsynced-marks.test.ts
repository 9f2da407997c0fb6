// What the server has not acknowledged looks so: work done offline is marked on the board, in the queue and in the
// details until it syncs, and a change the server refused stays marked until it is settled in the conflicts panel.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkOrder } from '../../shared/domain/index.js';
import { artifacts, conflicts, findOrder, linkState, pending, Stack, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let a: WatchedPage;
let b: WatchedPage;
let x: WorkOrder;
let y: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  [x, y] = await bookTwoOrders();
  a = await stack.open(await stack.startConsole('dispatcher-1'));
  b = await stack.open(await stack.startConsole('dispatcher-2'));
  // Every engineer's row on the board (twelve fit on the screen), on shift or not.
  await b.page.getByTestId('hide-off-shift').getByRole('switch').uncheck();
});

afterAll(async () => {
  await stack?.stop();
});

/** The board's screen-reader line of an engineer's row. */
const rowOf = (page: Page, engineerName: string) =>
  page.getByRole('region', { name: 'Board' }).locator('ul.visually-hidden > li', { hasText: engineerName });

/** The queue's row of an order, narrowed to it by the search box. */
async function queueRow(page: Page, code: string) {
  await page.getByPlaceholder('Search code, customer, address').fill(code);
  const row = page.getByTestId('queue').getByRole('button', { name: new RegExp(`\\b${code}\\b`) });
  await row.waitFor();
  return row;
}

const details = (page: Page) => page.getByTestId('order-details');

/**
 * Books two waiting orders on two engineers from now on, in the server's database before any console syncs (the city as
 * generated books little, and that hours ago by the evening).
 */
async function bookTwoOrders(): Promise<[WorkOrder, WorkOrder]> {
  const start = Math.floor(Date.now() / 300_000) * 300_000;
  const orders = stack.serverOrders();
  const waiting = orders.filter((o) => o.status === 'new' && !o.booking);
  // Two engineers with nothing under way or done, whose other bookings go back to the queue: each row then holds one
  // booking whatever the hour (after midnight the generated day's bookings all lie ahead).
  const busy = new Set(
    orders
      .filter((o) => o.booking && !['scheduled', 'dispatched'].includes(o.status))
      .map((o) => o.booking!.engineerId),
  );
  const engineers = stack.serverEngineers().filter((e) => !busy.has(e.id));
  const freed = orders
    .filter((o) => o.booking && engineers.slice(0, 2).some((e) => e.id === o.booking!.engineerId))
    .map((o) => ({ ...o, status: 'new' as const, booking: null }));
  const booked = waiting.slice(0, 2).map((o, i) => ({
    ...o,
    status: 'scheduled' as const,
    booking: { engineerId: engineers[i]!.id, start, end: start + o.durationMin * 60_000, pinned: false },
  }));
  if (booked.length < 2 || engineers.length < 2)
    throw new Error('the city has fewer than two waiting orders or free engineers');
  await stack.editServer((db) => {
    for (const o of freed)
      db.prepare('UPDATE orders SET data = ?, engineer_id = NULL WHERE id = ?').run(JSON.stringify(o), o.id);
    for (const o of booked)
      db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?').run(
        JSON.stringify(o),
        o.booking.engineerId,
        o.id,
      );
  });
  return [booked[0]!, booked[1]!];
}

describe('marks of unacknowledged and refused changes', () => {
  it('marks offline work on bars, queue rows and details until the server has it, and a refused change until it is settled', async () => {
    const nameOf = (o: WorkOrder) => stack.serverEngineers().find((e) => e.id === o.booking!.engineerId)!.name;
    const [xName, yName] = [nameOf(x), nameOf(y)];

    // B has the day (synced, bars settled), then works offline: pins X (a bar) and unassigns Y (back to the queue).
    await findOrder(b.page, x.code);
    await expect.poll(() => rowOf(b.page, xName).textContent()).toMatch(/\b1 bookings?\b/);
    expect(await rowOf(b.page, xName).textContent()).not.toContain('not yet on the server');
    await b.page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(b.page)).toBe('paused');
    await details(b.page).getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => details(b.page).locator('.chip.pending').count()).toBe(1);
    // On a laptop screen the mark goes beside or below the code, and the code stays whole on one line (not WO- over
    // 000077), as does the mark.
    await b.page.setViewportSize({ width: 1366, height: 768 });
    try {
      const lines = (selector: string) =>
        details(b.page)
          .locator(selector)
          .evaluate((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          });
      await expect.poll(() => lines('header h2')).toBe(1);
      expect(await lines('.chip.pending')).toBe(1);
      await b.page.screenshot({ path: join(artifacts, 'unsynced-details-1366.png') });
    } finally {
      await b.page.setViewportSize({ width: 1600, height: 900 });
    }
    await expect.poll(() => rowOf(b.page, xName).textContent()).toContain('1 not yet on the server');
    await findOrder(b.page, y.code);
    await details(b.page).getByRole('button', { name: 'Unassign' }).click();
    await expect.poll(() => pending(b.page)).toBe(2);
    expect(await (await queueRow(b.page, y.code)).getAttribute('class')).toMatch(/\bpending\b/);
    await expect.poll(() => details(b.page).locator('.chip.pending').count()).toBe(1);

    // Meanwhile A, online, unassigns X and pins Y: both of B's changes will be refused.
    await findOrder(a.page, x.code);
    await details(a.page).getByRole('button', { name: 'Unassign' }).click();
    await findOrder(a.page, y.code);
    await details(a.page).getByRole('button', { name: 'Pin', exact: true }).click();
    await expect.poll(() => stack.serverOrder(y.id)?.booking?.pinned ?? null).toBe(true);
    await expect.poll(() => stack.serverOrder(x.id)?.booking ?? null).toBeNull();

    // B back online: nothing pending, two conflicts, and both orders marked as refused where they now are: X in the
    // queue (A unassigned it), Y on the board (A pinned it).
    await b.page.getByTestId('work-offline').click();
    await expect.poll(() => conflicts(b.page)).toBe(2);
    await expect.poll(() => pending(b.page)).toBe(0);
    await expect.poll(async () => (await queueRow(b.page, x.code)).getAttribute('class')).toMatch(/\brefused\b/);
    expect(await (await queueRow(b.page, x.code)).getAttribute('class')).not.toMatch(/\bpending\b/);
    await expect.poll(() => rowOf(b.page, yName).textContent()).toContain('1 with a refused change');
    expect(await rowOf(b.page, yName).textContent()).not.toContain('not yet on the server');
    await findOrder(b.page, y.code);
    await expect.poll(() => details(b.page).getByTestId('order-refused').count()).toBe(1);
    expect(await details(b.page).locator('.chip.pending').count()).toBe(0);

    // Settled in the conflicts panel: the marks go.
    await b.page.getByTestId('conflicts-badge').click();
    const panel = b.page.getByTestId('conflicts-panel');
    for (const left of [1, 0]) {
      await panel.getByTestId('conflict').first().getByRole('button', { name: 'Discard' }).click();
      await expect.poll(() => conflicts(b.page)).toBe(left);
    }
    await expect.poll(() => details(b.page).getByTestId('order-refused').count()).toBe(0);
    await expect.poll(() => rowOf(b.page, yName).textContent()).not.toContain('refused');
    expect(await (await queueRow(b.page, x.code)).getAttribute('class')).not.toMatch(/\brefused\b/);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });
});
