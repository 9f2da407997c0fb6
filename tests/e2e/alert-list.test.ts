// The SLA alert list is the user's, kept on the server: a supervisor working at two consoles dismisses escalations at
// one and the other drops them too (and a tab opened later never shows them), while a dispatcher still has them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WorkOrder } from '../../shared/domain/index.js';
import { Stack, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let desk: WatchedPage;
let laptop: WatchedPage;
let dispatcher: WatchedPage;

const badge = async (page: Page) => Number(await page.getByTestId('sla-alerts-badge').getAttribute('data-count'));
const listed = async (page: Page) => {
  const list = page.getByTestId('sla-alerts');
  if ((await list.count()) === 0) await page.getByTestId('sla-alerts-badge').click();
  return list.locator('.sla-alert').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order')!).sort());
};

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 60 });
  // Four orders past their respond-by whatever the hour (after midnight the generated day has none yet).
  const now = Date.now();
  await stack.editServer((db) => {
    const put = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
    const queued = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const o of queued.slice(0, 4)) {
      const sla = { respondBy: now - 30 * 60_000, resolveBy: now + 4 * 3_600_000 };
      put.run(JSON.stringify({ ...o, createdAt: now - 2 * 3_600_000, updatedAt: now - 2 * 3_600_000, sla }), o.id);
    }
  });
  desk = await stack.open(await stack.startConsole('supervisor'));
  laptop = await stack.open(await stack.startConsole('supervisor', 'laptop'));
  dispatcher = await stack.open(await stack.startConsole('dispatcher-1'));
});

afterAll(async () => {
  await stack?.stop();
});

describe('the SLA alert list', () => {
  it("drops what the user dismissed at another console of theirs, even in a tab opened later; another user's list keeps it", async () => {
    // Orders past their respond-by: the consoles escalate them as they open.
    await expect.poll(() => badge(desk.page)).toBeGreaterThan(2);
    // Every console lists the escalations on record, whichever console raised them.
    const all = await listed(desk.page);
    await expect.poll(() => listed(laptop.page)).toEqual(all);
    await expect.poll(() => listed(dispatcher.page)).toEqual(all);

    // One order's alerts dismissed at the desk: gone from the laptop too.
    const [first, ...rest] = all;
    await desk.page.locator(`.sla-alert[data-order="${first}"]`).getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => listed(desk.page)).toEqual(rest);
    await expect.poll(() => listed(laptop.page)).toEqual(rest);

    // All of them: the laptop's count goes to nothing, and a new tab at the laptop shows nothing either.
    await desk.page.getByTestId('sla-dismiss-all').click();
    await expect.poll(() => badge(desk.page)).toBe(0);
    await expect.poll(() => badge(laptop.page)).toBe(0);
    await laptop.page.reload();
    await laptop.page.getByTestId('board').waitFor();
    await expect.poll(() => badge(laptop.page)).toBe(0);
    expect(await listed(laptop.page)).toEqual([]);

    // The dispatcher has not seen them: all still listed.
    expect(await listed(dispatcher.page)).toEqual(all);
    // On the server: one dismissal per alert, by the supervisor.
    const acks = stack
      .serverOrders()
      .flatMap((o) => stack.serverEvents(o.id))
      .filter((e) => e.kind === 'alert_acknowledged');
    expect(acks.length).toBeGreaterThanOrEqual(all.length);
    expect(new Set(acks.map((e) => e.actor.id))).toEqual(new Set(['supervisor']));
    expect([...desk.problems, ...laptop.problems, ...dispatcher.problems]).toEqual([]);
  });
});
