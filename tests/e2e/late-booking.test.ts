// Booking the best candidate when the best slot is late, and what the console says about it: a P1 already past its
// respond-by is not booked by Enter on the board without the dispatcher seeing how late; a refusal's notice goes once
// a later action succeeds; the SLA escalations sit in one list that never covers the map, and stay dismissed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
/** A P1 whose respond-by passed two hours ago: any slot today is late. */
let late: WorkOrder;
/** An order needing a skill nobody has: no engineer can take it. */
let nobody: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  // The same day whatever the hour the suite runs: everyone on shift from an hour ago for twelve hours.
  const now = Date.now();
  await stack.editServer((db) => {
    const engineers = db.prepare('SELECT id, data FROM engineers').all() as { id: string; data: string }[];
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    for (const row of engineers) {
      const e = JSON.parse(row.data) as Engineer;
      const shifts = [{ start: now - H, end: now + 12 * H, breaks: [] }];
      putEngineer.run(JSON.stringify({ ...e, shifts, absences: [] }), row.id);
    }
    const orders = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const putOrder = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
    late = {
      ...orders[0]!,
      priority: 'P1',
      requiredSkills: [],
      requiredParts: [],
      window: null,
      createdAt: now - 3 * H,
      updatedAt: now - 3 * H,
      sla: { respondBy: now - 2 * H, resolveBy: now + 3 * H },
    };
    nobody = { ...orders[1]!, requiredSkills: [{ skill: 'submarine-welding', level: 5 }], requiredParts: [] };
    for (const o of [late, nobody]) putOrder.run(JSON.stringify(o), o.id);
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('booking the best candidate when the best slot is late', () => {
  it('Enter on a P1 whose best slot is late warns with the lateness; Esc books nothing', async () => {
    const { page } = watched;
    await findOrder(page, late.code);
    await page.getByTestId('board').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('late-booking');
    await dialog.waitFor();
    // At least the two hours since respond-by, against that clock, in words.
    await expect
      .poll(() => page.getByTestId('late-booking-lateness').textContent())
      .toMatch(/\b\d+ h \d{2} min after its respond-by \((?:.+ )?\d{2}:\d{2}\)/);
    await page.screenshot({ path: join(artifacts, 'late-booking-1366.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await pending(page)).toBe(0);
    expect(stack.serverOrder(late.id)).toMatchObject({ status: 'new', booking: null });
    expect(await page.getByTestId('order-booking').textContent()).toBe('Not booked');
  });

  it("a refusal's notice goes when a later action succeeds; a late booking is made only knowingly, and marked", async () => {
    const { page } = watched;
    await findOrder(page, nobody.code);
    await page.getByTestId('assign-best').click();
    const notice = page.getByTestId('notice');
    await expect
      .poll(() => notice.textContent())
      .toBe(`No engineer can take ${nobody.code} within the rules, on its day or any of the next 7 days`);
    expect(await notice.getAttribute('data-kind')).toBe('error');

    await findOrder(page, late.code);
    await page.getByTestId('assign-best').click();
    await page.getByTestId('late-booking-book').click();
    await expect
      .poll(() => notice.textContent())
      .toMatch(new RegExp(`^${late.code} booked late: .+ after its respond-by`));
    expect(await notice.getAttribute('data-kind')).toBe('info');
    await expect.poll(() => pending(page)).toBe(0);
    expect(stack.serverOrder(late.id)?.status).toBe('scheduled');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toMatch(/Booked late knowingly/);
    expect(watched.problems).toEqual([]);
  });

  it('lists escalations behind a count in the header, never over the map, and dismissed they stay dismissed', async () => {
    const { page } = watched;
    const badge = page.getByTestId('sla-alerts-badge');
    await expect.poll(async () => Number(await badge.getAttribute('data-count'))).toBeGreaterThan(0);
    await badge.click();
    const list = page.getByTestId('sla-alerts');
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain(late.code);
    await page.screenshot({ path: join(artifacts, 'sla-alerts-1366.png') });
    const box = (await list.boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(map.x);

    await page.getByTestId('sla-dismiss-all').click();
    await expect.poll(() => badge.getAttribute('data-count')).toBe('0');
    // A new window of the same console does not bring them back.
    const again = await stack.open(host, { viewport: { width: 1366, height: 768 } });
    const badge2 = again.page.getByTestId('sla-alerts-badge');
    await badge2.waitFor();
    expect(await badge2.getAttribute('data-count')).toBe('0');
    await again.page.close();
  });
});
