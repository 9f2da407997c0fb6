// Cancelling an order from its details, end to end: an urgent order asks first, its SLA clocks then read as no
// longer applying (not "met"), and Ctrl+Z brings it back into the queue, on the server too.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, Stack, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let desk: WatchedPage;
/** A P1 waiting in the queue. */
let urgent: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  await stack.editServer((db) => {
    const row = db
      .prepare("SELECT data FROM orders WHERE json_extract(data, '$.status') = 'new' ORDER BY id")
      .get() as { data: string };
    urgent = { ...(JSON.parse(row.data) as WorkOrder), priority: 'P1' };
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(JSON.stringify(urgent), urgent.id);
  });
  desk = await stack.open(await stack.startConsole('dispatcher-1'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('cancelling an order', () => {
  it('asks first for a P1, reads its clocks as cancelled, and Ctrl+Z puts it back in the queue', async () => {
    const { page } = desk;
    const queueRow = page.getByTestId('queue').getByRole('button', { name: new RegExp(urgent.code) });
    await page.getByPlaceholder('Search code, customer, address').fill(urgent.code);
    await queueRow.waitFor();
    await findOrder(page, urgent.code);
    const details = page.getByTestId('order-details');

    // The question names what is at stake; Esc keeps the order, nothing is sent.
    await details.getByTestId('order-cancel').click();
    const dialog = page.getByTestId('cancel-dialog');
    await expect
      .poll(() => dialog.getByTestId('cancel-urgent').textContent())
      .toMatch(
        /^It is a P1 order: (the customer is promised (a response|it is resolved) by (.+ )?\d\d:\d\d \(.+ left\)|its (respond|resolve)-by (.+ )?\d\d:\d\d has passed \(.+ over\) and the customer is still waiting)\.$/,
      );
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(stack.serverOrder(urgent.id)?.status).toBe('new');

    // Asked again: the reason is typed and Enter cancels.
    await details.getByTestId('order-cancel').click();
    await page.keyboard.type('Customer fixed it themselves');
    await page.screenshot({ path: join(artifacts, 'cancel-ask.png') });
    await page.keyboard.press('Enter');
    await expect.poll(() => stack.serverOrder(urgent.id)?.status).toBe('cancelled');
    expect(stack.serverEvents(urgent.id).at(-1)).toMatchObject({
      kind: 'cancelled',
      data: { reason: 'Customer fixed it themselves' },
    });
    await expect.poll(() => queueRow.count()).toBe(0);
    // Nobody went: the clocks no longer apply; they were not met.
    for (const clock of ['sla-respond', 'sla-resolve'])
      await expect.poll(() => details.getByTestId(clock).textContent()).toMatch(/· cancelled · no longer applies$/);
    expect(await page.getByTestId('undo').getAttribute('title')).toBe(`Cancel ${urgent.code}`);

    await page.getByTestId('board').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => stack.serverOrder(urgent.id)?.status).toBe('new');
    await queueRow.waitFor();
    await expect.poll(() => details.getByTestId('sla-respond').textContent()).not.toMatch(/cancelled|met/);
    expect(await page.getByTestId('step-blocked').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'cancel-undone.png') });
    expect(desk.problems).toEqual([]);
  });
});
