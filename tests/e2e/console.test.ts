// The dispatcher's console end to end: Chromium drives the built renderer through the web host, whose core syncs with
// a live server. Everything is checked where it matters: in the server's database and in a second console's view.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { WorkOrder } from '../../shared/domain/index.js';
import { localParts } from '../../shared/time/index.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ENGINEER_ROW_HEIGHT, TEAM_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { AXIS_HEIGHT, NAMES_WIDTH } from '../../renderer/src/features/board/time-scale.js';
import {
  artifacts,
  conflicts,
  findOrder,
  linkState,
  pending,
  Stack,
  type ConsoleHost,
  type WatchedPage,
} from './stack.testing.js';

const HOUR = 3_600_000;

let stack: Stack;
let hostA: ConsoleHost;
let hostB: ConsoleHost;
let a: WatchedPage;
let b: WatchedPage;

beforeAll(async () => {
  stack = await Stack.start();
  // The queue as a centre has it by the evening, whatever the hour the suite runs: every order of the generated day
  // already called in, and none of the queued ones promised an appointment yet, so that the day the auto-dispatch test
  // plans (today, or the next working day once today's shifts have begun) has the queue to plan, not only the orders
  // whose appointment falls on it.
  const now = Date.now();
  await stack.editServer((db) => {
    const put = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, data FROM orders').all() as { id: string; data: string }[]) {
      const o = JSON.parse(row.data) as WorkOrder;
      const queued = o.status === 'new' && o.window !== null;
      if (o.createdAt <= now - HOUR && !queued) continue;
      const createdAt = Math.min(o.createdAt, now - HOUR);
      const updatedAt = Math.min(o.updatedAt, now - HOUR);
      put.run(JSON.stringify({ ...o, window: queued ? null : o.window, createdAt, updatedAt }), row.id);
    }
  });
  hostA = await stack.startConsole('dispatcher-1');
  hostB = await stack.startConsole('dispatcher-2');
  a = await stack.open(hostA);
  b = await stack.open(hostB);
  // Rows are counted from the top of the first team (see dragFromQueue): every engineer is shown, on shift or not.
  for (const page of [a.page, b.page]) await page.getByTestId('hide-off-shift').getByRole('switch').uncheck();
});

afterAll(async () => {
  await stack?.stop();
});

interface Dropped {
  code: string;
  engineerName: string;
  /** Whether the engine said the drop breaks a hard rule (and the console asked before booking it). */
  broke: boolean;
}

/**
 * Drags an order of the queue (the first, unless `options.code` names one) onto the board's `row`-th engineer row
 * (counting from the top of the first team), waits for the drop hint naming order and engineer and for the engine's
 * verdict, and drops. A drop that breaks a hard rule asks first: it is confirmed with Enter unless `options.ask` is
 * 'leave', which leaves the question open (and the queue narrowed to the order) for the caller. Returns what the hint
 * promised.
 */
async function dragFromQueue(
  page: Page,
  row: number,
  options: { code?: string; ask?: 'leave' } = {},
): Promise<Dropped> {
  const queue = page.getByTestId('queue');
  const rows = queue.locator('.queue-row');
  const first = rows.first();
  const search = page.getByPlaceholder('Search code, customer, address');
  // The queue re-sorts as SLA clocks run and changes arrive, so "the first row" may be another order a moment later:
  // narrow it to this order, whose row then stays where it is while it is dragged. If the narrowed queue is empty (the
  // order left the queue in between, as seen once run just after midnight), the next first row is taken instead.
  let code = options.code ?? '';
  for (;;) {
    await first.waitFor();
    if (!options.code) code = /WO-\d+(?:-[0-9A-Za-z]+)?/.exec((await first.getAttribute('aria-label')) ?? '')![0];
    await search.fill(code);
    await expect.poll(() => rows.count()).toBeLessThanOrEqual(1);
    if ((await rows.count()) === 1 || options.code) break;
    await search.fill('');
  }
  const source = queue.getByRole('button', { name: new RegExp(`\\b${code}\\b`) });
  await expect.poll(() => rows.count()).toBe(1);
  const from = (await source.boundingBox())!;
  const board = (await page.getByTestId('board').boundingBox())!;
  await page.getByTestId('board').evaluate((el) => (el.scrollTop = 0));
  const to = {
    x: board.x + NAMES_WIDTH + 160,
    y: board.y + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT * (row + 0.5),
  };
  await page.mouse.move(from.x + 40, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x - 30, to.y, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  const hint = page.locator('.board-hint strong');
  await expect.poll(() => hint.textContent()).toContain(code);
  const title = (await hint.textContent())!;
  // The engine's verdict on this very drop: good or bad.
  await expect.poll(() => page.locator('.board-hint').getAttribute('class')).toMatch(/\b(good|bad)\b/);
  const broke = (await page.locator('.board-hint').getAttribute('class'))!.includes('bad');
  await page.mouse.up();
  const engineerName = new RegExp(`${code} for (.+) at `).exec(title)![1]!;
  if (broke && options.ask === 'leave') return { code, engineerName, broke };
  if (broke) {
    const dialog = page.getByTestId('override-dialog');
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
  }
  await search.fill('');
  return { code, engineerName, broke };
}

/**
 * Presses a key that moves the selected booking and waits until `done` or the console asks about a broken hard rule
 * (late in the day or at a weekend the next slot may fall outside a shift); a question is confirmed with Enter.
 */
async function keyMove(page: Page, key: string, done: () => boolean): Promise<void> {
  const dialog = page.getByTestId('override-dialog');
  await page.keyboard.press(key);
  await expect.poll(async () => done() || (await dialog.count()) > 0).toBe(true);
  if (await dialog.count()) {
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
  }
}

/** The screen-reader line of the board's `row`-th engineer row from the top (the board scrolled to the top). */
function rowLine(page: Page, row: number) {
  return page.getByRole('region', { name: 'Board' }).locator('ul.visually-hidden > li').nth(row);
}

describe('the console in Chromium, synced with a live server', () => {
  it('books an order dragged from the queue onto an engineer: the server holds it and a second console shows it', async () => {
    const dropped = await dragFromQueue(a.page, 1);
    // The server's own record.
    await expect
      .poll(() => stack.serverOrderByCode(dropped.code)?.booking?.engineerId ?? null)
      .toBe(stack.serverEngineerByName(dropped.engineerName).id);
    const order = stack.serverOrderByCode(dropped.code)!;
    expect(order.status).toBe('scheduled');
    expect(stack.serverEvents(order.id).filter((e) => e.kind === 'assigned')).toHaveLength(1);
    await expect.poll(() => pending(a.page)).toBe(0);
    // The other dispatcher sees it without doing anything but looking.
    await findOrder(b.page, dropped.code);
    await expect.poll(() => b.page.getByTestId('order-booking').textContent()).toContain(dropped.engineerName);
    await a.page.screenshot({ path: join(artifacts, 'board.png') });
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('keeps dispatching while the server is down and lands the three bookings exactly once when it is back', async () => {
    onTestFinished(async () => {
      // Whatever happens here, the tests after this one need the server.
      if (!stack.server) await stack.startServer();
    });
    await stack.killServer();
    await expect.poll(() => linkState(a.page)).toBe('offline');
    const dropped: Dropped[] = [];
    for (const row of [2, 3, 4]) dropped.push(await dragFromQueue(a.page, row));
    expect(new Set(dropped.map((d) => d.code)).size).toBe(3);
    await expect.poll(() => pending(a.page)).toBe(3);
    // The board shows the pending bookings at once; the details say so too.
    await findOrder(a.page, dropped[0]!.code);
    await expect.poll(() => a.page.getByTestId('order-booking').textContent()).toContain(dropped[0]!.engineerName);
    for (const d of dropped) expect(stack.serverOrderByCode(d.code)?.booking ?? null).toBeNull();

    await stack.startServer();
    await expect.poll(() => pending(a.page)).toBe(0);
    await expect.poll(() => linkState(a.page)).toBe('online');
    for (const d of dropped) {
      const order = stack.serverOrderByCode(d.code)!;
      expect(order.booking?.engineerId).toBe(stack.serverEngineerByName(d.engineerName).id);
      expect(stack.serverApplied('assignOrder', order.id)).toBe(1);
      expect(stack.serverEvents(order.id).filter((e) => e.kind === 'assigned')).toHaveLength(1);
    }
    // And the second console, which was cut off too, catches up.
    await findOrder(b.page, dropped[2]!.code);
    await expect.poll(() => b.page.getByTestId('order-booking').textContent()).toContain(dropped[2]!.engineerName);
  });

  it('shows a conflict when two dispatchers change the same order, says the change was refused, and clears it on discard', async () => {
    const { code } = await dragFromQueue(a.page, 5);
    const id = await expect
      .poll(() => stack.serverOrderByCode(code)?.booking?.engineerId ?? null)
      .not.toBeNull()
      .then(() => stack.serverOrderByCode(code)!.id);
    await findOrder(b.page, code);
    await expect.poll(() => b.page.getByTestId('order-booking').textContent()).not.toMatch(/^Not/);
    // B works offline; A pins the order, and A's change reaches the server first; B, still offline, unassigns it.
    onTestFinished(async () => {
      // Whatever happens here, the tests after this one need B online.
      if ((await linkState(b.page)) === 'paused') await b.page.getByTestId('work-offline').click();
    });
    await b.page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(b.page)).toBe('paused');
    await findOrder(a.page, code);
    await a.page.getByTestId('order-details').getByRole('button', { name: 'Pin' }).click();
    await expect.poll(() => stack.serverOrder(id)?.booking?.pinned ?? null).toBe(true);
    await b.page.getByTestId('order-details').getByRole('button', { name: 'Unassign' }).click();
    await expect.poll(() => pending(b.page)).toBe(1);
    const notice = b.page.getByTestId('notice');
    await expect.poll(() => notice.textContent()).toBe(`${code} is back in the queue`);

    // Back online: the server refuses the change, and a notice says so, why, and where to settle it (in place of the
    // confirmation if it is still shown; told as well once it has faded).
    await b.page.getByTestId('work-offline').click();
    await expect.poll(() => conflicts(b.page)).toBe(1);
    await expect.poll(() => notice.getAttribute('data-kind')).toBe('error');
    const refused = (await notice.textContent())!;
    expect(refused).toMatch(
      new RegExp(`^Refused by the server: Unassign ${code} — ${code} was changed by someone else`),
    );
    expect(refused).toMatch(/\. It was not applied; re-apply or discard it in Conflicts$/);
    // The panel takes the focus when it opens; Esc closes it and gives the focus back to the badge.
    const badge = b.page.getByTestId('conflicts-badge');
    const panel = b.page.getByTestId('conflicts-panel');
    const focusInPanel = () =>
      b.page.evaluate(() => !!document.activeElement?.closest('[data-testid="conflicts-panel"]'));
    await badge.click();
    await panel.waitFor();
    expect(await focusInPanel()).toBe(true);
    const conflict = panel.getByTestId('conflict');
    await expect.poll(() => conflict.textContent()).toContain(`${code} was changed by someone else`);
    // The card says what B asked for and what A did to the order since, who and when.
    expect(await conflict.getByTestId('conflict-mine').textContent()).toMatch(new RegExp(`^You: Unassign ${code}`));
    const pinnedBy = stack.serverEvents(id).findLast((e) => e.kind === 'pinned');
    expect(pinnedBy?.actor.name).toBeTruthy();
    await expect
      .poll(() => conflict.getByTestId('conflict-now').textContent())
      .toMatch(
        new RegExp(
          `^Now: ${code} booked on .+ at .*\\d{2}:\\d{2} — Pinned by ${pinnedBy!.actor.name} at .*\\d{2}:\\d{2}$`,
        ),
      );
    await b.page.screenshot({ path: join(artifacts, 'conflict-card.png') });
    await b.page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await badge.evaluate((el) => el === document.activeElement)).toBe(true);
    // The server kept A's version; B's view shows it while the conflict waits.
    expect(stack.serverOrder(id)?.booking).not.toBeNull();
    await badge.click();
    await conflict.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => conflicts(b.page)).toBe(0);
    // The button pressed went with the conflict; the panel kept the focus, so Esc still closes it.
    await expect.poll(() => panel.textContent()).toContain('No conflicts');
    expect(await focusInPanel()).toBe(true);
    await b.page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await badge.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => b.page.getByTestId('order-booking').textContent()).toContain('Pinned');
    expect(stack.serverApplied('unassignOrder', id)).toBe(0);
  });

  it('logs a call for a known customer: the order is in both queues and on the server with its SLA clocks', async () => {
    const known = stack.serverOrderByCode('WO-000001')!;
    await a.page.getByTestId('open-new-order').click();
    const form = a.page.getByTestId('new-order');
    await form.getByTestId('new-order-customer').fill(known.customer.name);
    await expect.poll(() => form.getByTestId('new-order-phone').inputValue()).toBe(known.customer.phone);
    const address = await form.getByTestId('new-order-address').inputValue();
    expect(address).not.toBe('');
    await form.getByTestId('new-order-priority').selectOption('P1');
    await form.getByTestId('new-order-summary').fill('Smoke from the main switchboard');
    await form.getByTestId('new-order-submit').click();
    await expect.poll(() => form.count()).toBe(0);
    const code = (await a.page.getByTestId('order-details').locator('h2').textContent())!;
    expect(code).toMatch(/^WO-\d{6}-/);
    await expect.poll(() => stack.serverOrderByCode(code)?.status ?? null).toBe('new');
    const order = stack.serverOrderByCode(code)!;
    expect(order).toMatchObject({ priority: 'P1', customer: known.customer, site: { address } });
    expect(order.sla.respondBy).toBeGreaterThan(order.createdAt);
    // The queue is virtual (only rows on screen exist): narrow it to the new order to see its row.
    await b.page.getByPlaceholder('Search code, customer, address').fill(code);
    await b.page
      .getByTestId('queue')
      .getByRole('button', { name: new RegExp(code) })
      .waitFor();
    await b.page.getByPlaceholder('Search code, customer, address').fill('');
  });

  it('undoes an unassignment with Ctrl+Z: the booking is back on the server as it was', async () => {
    const { code } = await dragFromQueue(a.page, 6);
    await expect.poll(() => stack.serverOrderByCode(code)?.booking ?? null).not.toBeNull();
    const before = stack.serverOrderByCode(code)!;
    await findOrder(a.page, code);
    await a.page.getByTestId('order-details').getByRole('button', { name: 'Unassign' }).click();
    await expect.poll(() => stack.serverOrder(before.id)?.booking ?? null).toBeNull();
    await a.page.getByTestId('board').focus();
    await a.page.keyboard.press('Control+z');
    await expect
      .poll(() => stack.serverOrder(before.id)?.booking ?? null)
      .toMatchObject({
        engineerId: before.booking!.engineerId,
        start: before.booking!.start,
        end: before.booking!.end,
      });
    // The booking's own events: the customer's notifications follow them on the trail whenever the notifier runs.
    const kinds = stack
      .serverEvents(before.id)
      .map((e) => e.kind)
      .filter((k) => k !== 'customer_notified');
    expect(kinds.slice(-2)).toEqual(['unassigned', 'assigned']);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('says how many orders the queue filters hide when they hide them all, and clears the filters in one click', async () => {
    const page = a.page;
    const queue = page.getByTestId('queue');
    const search = page.getByPlaceholder('Search code, customer, address');
    await expect.poll(() => queue.locator('.queue-row').count()).toBeGreaterThan(0);
    const waiting = Number(/^(\d+)/.exec((await page.locator('.queue-count').textContent()) ?? '')?.[1]);
    // A search that matches nothing: the empty list says the filters hide the tab's orders, and how many.
    await search.fill('no order is called this');
    const empty = page.getByTestId('queue-empty');
    await expect
      .poll(() => empty.locator('p').textContent())
      .toBe(`${waiting} orders are hidden by the filters`.replace(/^1 orders are/, '1 order is'));
    await page.screenshot({ path: join(artifacts, 'queue-filtered-empty.png') });
    await empty.getByTestId('queue-clear-filters').click();
    await expect.poll(() => search.inputValue()).toBe('');
    await expect.poll(() => queue.locator('.queue-row').count()).toBeGreaterThan(0);
    expect(await page.locator('.queue-count').textContent()).toMatch(new RegExp(`^${waiting} orders?`));
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('asks before booking against a hard rule: Esc leaves it in the queue, Enter books it with a mark and an audited override', async () => {
    const page = a.page;
    await page.getByTestId('board').evaluate((el) => (el.scrollTop = 0));
    const line = (await rowLine(page, 0).textContent())!;
    const engineer = stack.serverEngineerByName(line.split(', ')[0]!);
    const lacks = (o: WorkOrder) =>
      o.requiredSkills.some((need) => !engineer.skills.some((s) => s.skill === need.skill && s.level >= need.level));
    const order = stack.serverOrders().find((o) => o.status === 'new' && o.createdAt < Date.now() && lacks(o))!;
    expect(order).toBeDefined();
    const dialog = page.getByTestId('override-dialog');
    // Whether the focus is inside the question the moment it enters the page (a mutation observer runs before the
    // browser paints): an Enter or Esc pressed as it appears must answer it, not reach the board behind.
    await page.evaluate(() => {
      const seen: boolean[] = [];
      (window as unknown as { focusOnShow: boolean[] }).focusOnShow = seen;
      new MutationObserver(() => {
        const box = document.querySelector('[data-testid="override-dialog"]');
        if (box && seen.length === 0) seen.push(box.contains(document.activeElement));
        if (!box) seen.length = 0;
      }).observe(document.body, { childList: true, subtree: true });
    });

    // Esc: nothing is booked, and focus is back where it was.
    const first = await dragFromQueue(page, 0, { code: order.code, ask: 'leave' });
    expect(first).toMatchObject({ engineerName: engineer.name, broke: true });
    await dialog.waitFor();
    expect(await page.evaluate(() => (window as unknown as { focusOnShow: boolean[] }).focusOnShow)).toEqual([true]);
    expect(await dialog.locator('[data-rule="skills"]').textContent()).toMatch(/^Skills and levels: needs /);
    await expect.poll(() => dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(artifacts, 'override-dialog.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await pending(page)).toBe(0);
    await page.getByPlaceholder('Search code, customer, address').fill('');

    // Again, with a reason typed and Enter: booked, the override in the server's audit trail, the mark on the row.
    await dragFromQueue(page, 0, { code: order.code, ask: 'leave' });
    await dialog.waitFor();
    await page.keyboard.type('Customer only needs the unit switched off');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByPlaceholder('Search code, customer, address').fill('');
    await expect.poll(() => stack.serverOrder(order.id)?.booking?.engineerId ?? null).toBe(engineer.id);
    const assigned = stack.serverEvents(order.id).filter((e) => e.kind === 'assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]!.data.override).toMatchObject({
      broken: expect.arrayContaining([expect.objectContaining({ rule: 'skills' })]) as unknown,
      reason: 'Customer only needs the unit switched off',
    });
    await page.getByTestId('board').evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => rowLine(page, 0).textContent()).toMatch(/\d+ breaking a rule/);
    await findOrder(page, order.code);
    const details = page.getByTestId('order-details');
    await expect.poll(() => details.getByTestId('order-violations').textContent()).toContain('Skills and levels');
    await expect
      .poll(() => details.getByTestId('event-override').first().textContent())
      .toContain('Rule overridden: Skills and levels');

    // A key move that still breaks the rule asks too; Esc leaves the booking where it is, focus on the board.
    const booked = stack.serverOrder(order.id)!.booking!;
    await page.getByTestId('board').focus();
    await page.keyboard.press('ArrowRight');
    await dialog.waitFor();
    expect(await dialog.locator('[data-rule="skills"]').count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'violation-mark.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('board');
    expect(await pending(page)).toBe(0);
    expect(stack.serverOrder(order.id)!.booking).toEqual(booked);

    // The list of violations has it, with one-key fixes: U sends it back to the queue.
    await page.getByTestId('violations-toggle').click();
    const panel = page.getByTestId('violations-panel');
    const row = panel.locator(`[data-order-id="${order.id}"]`);
    await expect.poll(() => row.textContent()).toContain('Skills and levels');
    await page.screenshot({ path: join(artifacts, 'violations-list.png') });
    await row.click();
    await page.keyboard.press('u');
    await expect.poll(() => stack.serverOrder(order.id)?.booking ?? null).toBeNull();
    await expect.poll(() => row.count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('violations-toggle');
    await page.setViewportSize({ width: 1600, height: 900 });
    expect(a.problems).toEqual([]);
  });

  it('moves an order twice, undoes both moves with Ctrl+Z and redoes one with Ctrl+Shift+Z, each on the server', async () => {
    const { code } = await dragFromQueue(a.page, 7);
    await expect.poll(() => stack.serverOrderByCode(code)?.booking ?? null).not.toBeNull();
    const { id, booking } = stack.serverOrderByCode(code)!;
    const startOnServer = () => stack.serverOrder(id)?.booking?.start ?? null;
    const snap = 15 * 60_000;
    await findOrder(a.page, code);
    await a.page.getByTestId('board').focus();
    // Each step waits until the server has it, so each undo works on a version the server acknowledged.
    for (const n of [1, 2]) {
      await keyMove(a.page, 'ArrowRight', () => startOnServer() === booking!.start + n * snap);
      await expect.poll(startOnServer).toBe(booking!.start + n * snap);
      await expect.poll(() => pending(a.page)).toBe(0);
    }
    for (const n of [1, 0]) {
      await a.page.keyboard.press('Control+z');
      await expect.poll(startOnServer).toBe(booking!.start + n * snap);
      await expect.poll(() => pending(a.page)).toBe(0);
    }
    await a.page.keyboard.press('Control+Shift+z');
    await expect.poll(startOnServer).toBe(booking!.start + snap);
    expect(await a.page.getByTestId('notice').textContent()).toContain(code);
    expect(await a.page.getByTestId('step-blocked').count()).toBe(0);
    // The booking's own trail (the customer's notifications of it are on the trail too).
    const kinds = stack
      .serverEvents(id)
      .map((e) => e.kind)
      .filter((k) => k !== 'customer_notified');
    expect(kinds.slice(kinds.lastIndexOf('assigned'))).toEqual(['assigned', ...Array<string>(5).fill('moved')]);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it("keeps an undo that meets a colleague's change, names them, and undoes it anyway on request", async () => {
    const { code } = await dragFromQueue(a.page, 0);
    await expect.poll(() => stack.serverOrderByCode(code)?.booking ?? null).not.toBeNull();
    const { id } = stack.serverOrderByCode(code)!;
    await findOrder(b.page, code);
    await expect.poll(() => b.page.getByTestId('order-booking').textContent()).not.toMatch(/^Not/);
    await b.page.getByTestId('order-details').getByRole('button', { name: 'Pin' }).click();
    await expect.poll(() => stack.serverOrder(id)?.booking?.pinned ?? null).toBe(true);
    await findOrder(a.page, code);
    await expect.poll(() => a.page.getByTestId('order-booking').textContent()).toContain('Pinned');
    onTestFinished(() => a.page.setViewportSize({ width: 1600, height: 900 }));
    await a.page.setViewportSize({ width: 1366, height: 768 });
    await a.page.getByTestId('board').focus();
    await a.page.keyboard.press('Control+z');
    const panel = a.page.getByTestId('step-blocked');
    await expect.poll(() => panel.textContent()).toContain(`${code}: Pinned by 李娜 Li Na at `);
    expect(stack.serverOrder(id)?.booking?.pinned).toBe(true);
    await a.page.screenshot({ path: join(artifacts, 'undo-blocked.png') });
    await panel.getByTestId('step-force').click();
    await expect.poll(() => stack.serverOrder(id)?.booking ?? null).toBeNull();
    await expect.poll(() => panel.count()).toBe(0);
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('accepts exactly the picked moves of an auto-dispatch proposal, and asks before taking a move that needs another', async () => {
    const page = a.page;
    // Plan a working day with most of its shifts ahead, whatever the hour the suite runs: today before the shifts
    // begin (after midnight the next day holds little but appointments), else the next working day (at a weekend only
    // the engineers on call work). Once shifts have begun, today's first moves sit at the edge of the frozen horizon
    // and leave the plan within a minute, as the clock moves on while the test picks them.
    onTestFinished(async () => {
      await page.getByRole('button', { name: 'Today' }).click();
      await page.setViewportSize({ width: 1600, height: 900 });
    });
    await page.setViewportSize({ width: 1366, height: 768 });
    const weekend = async () => /^(Sat|Sun)/.test((await page.locator('.view-date').textContent()) ?? '');
    if (localParts(Date.now(), 'Asia/Shanghai').hour >= 7 || (await weekend()))
      do await page.getByRole('button', { name: 'Later' }).click();
      while (await weekend());
    await page.getByTestId('open-auto-dispatch').click();
    const dialog = page.getByTestId('auto-dispatch');
    await dialog.getByRole('combobox').nth(1).selectOption('3');
    await dialog.getByTestId('run-dispatch').click();
    const rows = dialog.getByTestId('proposal').locator('ul.moves li');
    await rows.first().waitFor();
    const texts = await rows.allTextContents();
    const codes = await rows.locator('strong').allTextContents();
    expect(texts.length).toBeGreaterThan(2);
    for (const box of await rows.locator('input').all()) await box.uncheck();
    const accept = dialog.getByTestId('accept-selected');
    const needsPanel = dialog.getByTestId('proposal-needs');
    /** Bookings the dispatcher made on the server for the order with this code. */
    const mine = (code: string) =>
      stack
        .serverEvents(stack.serverOrderByCode(code)!.id)
        .filter((e) => e.actor.id === 'dispatcher-1' && ['assigned', 'moved', 'unassigned'].includes(e.kind)).length;
    const before = new Map(codes.map((c) => [c, mine(c)]));

    // Only moves (and moves they need) that start well clear of the frozen horizon: one the clock reaches while the
    // test picks it no longer fits, whatever else is taken (engineers on call work at night too).
    const moves = await rows.evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.getAttribute('data-order-id') ?? '',
        start: Number(li.getAttribute('data-start') ?? 0),
        depends: (li.getAttribute('data-depends') ?? '').split(' ').filter(Boolean),
      })),
    );
    const startOf = new Map(moves.map((m) => [m.id, m.start]));
    // Each move says when it starts once, after its code: the engineer's name is not followed by the time again
    // ("WO-1 07:11 · Li Wei: 11 min drive…", not "WO-1 07:11 · Li Wei 07:11: 11 min drive…").
    for (const [i, m] of moves.entries()) {
      if (!m.start) continue;
      const p = localParts(m.start, 'Asia/Shanghai');
      const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
      expect(texts[i]).toContain(` ${time} · `);
      expect(texts[i]).not.toMatch(new RegExp(`· [^:·]* ${time}:`));
    }
    const clear = (id: string) => (startOf.get(id) ?? 0) >= Date.now() + 2 * HOUR;
    const needy = moves.findIndex((m) => m.depends.length > 0 && clear(m.id) && m.depends.every(clear));
    if (needy >= 0) {
      // A move that needs another: picking it alone names the other and offers both or neither.
      const box = rows.nth(needy).locator('input');
      await box.check();
      await expect
        .poll(() => needsPanel.textContent())
        .toMatch(/needs the moves? of WO-[\w-]+(, WO-[\w-]+)*( and \d+ more)? too/);
      expect(await accept.isDisabled()).toBe(true);
      await needsPanel.getByTestId('take-neither').click();
      await expect.poll(() => box.isChecked()).toBe(false);
      await box.check();
      await needsPanel.getByTestId('take-both').click();
    } else {
      // Two moves that need nothing else.
      for (const i of moves.flatMap((m, i) => (m.depends.length > 0 || !clear(m.id) ? [] : [i])).slice(0, 2))
        await rows.nth(i).locator('input').check();
    }
    await expect.poll(() => needsPanel.count()).toBe(0);
    await expect.poll(() => accept.isEnabled()).toBe(true);
    const picked = await rows.evaluateAll((lis) =>
      lis.filter((li) => li.querySelector('input')?.checked).map((li) => li.querySelector('strong')?.textContent ?? ''),
    );
    expect(picked.length).toBeGreaterThan(1);
    expect(picked.length).toBeLessThan(texts.length);
    expect(await accept.textContent()).toContain(`(${picked.length})`);
    await page.screenshot({ path: join(artifacts, 'auto-dispatch-picked.png') });
    await accept.click();
    await expect.poll(() => dialog.getByTestId('proposal').count()).toBe(0);
    await expect.poll(() => pending(page)).toBe(0);
    for (const [code, n] of before) expect([code, mine(code)]).toEqual([code, picked.includes(code) ? n + 1 : n]);
    await page.getByTestId('open-auto-dispatch').click();
    expect([...a.problems, ...b.problems]).toEqual([]);
  });

  it('opens the KPI dashboard with every figure and the daily chart, for the centre and for one team', async () => {
    await a.page.getByTestId('open-kpis').click();
    const dash = a.page.getByTestId('kpi-dashboard');
    await dash.getByTestId('kpi-slaAttainment').waitFor();
    for (const key of [
      'firstResponseMin',
      'resolutionMin',
      'onTimeArrival',
      'firstTimeFix',
      'utilisation',
      'overtimeMin',
    ])
      expect(await dash.getByTestId(`kpi-${key}`).count()).toBe(1);
    // Rostered time is known from the engineers' shifts, so utilisation rests on a real basis.
    await expect.poll(() => dash.getByTestId('kpi-utilisation').textContent()).toMatch(/rostered/);
    await expect.poll(() => dash.getByTestId('kpi-chart').locator('canvas').count()).toBe(1);
    const team = (await dash.getByTestId('kpi-team').locator('option').nth(1).getAttribute('value'))!;
    await dash.getByTestId('kpi-team').selectOption(team);
    await expect.poll(() => dash.getByTestId('kpi-utilisation').textContent()).toMatch(/rostered/);
    await a.page.screenshot({ path: join(artifacts, 'kpis.png') });
    await dash.getByRole('button', { name: 'Close' }).click();
    expect(a.problems).toEqual([]);
  });
});
