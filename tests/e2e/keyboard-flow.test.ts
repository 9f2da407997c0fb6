// The dispatcher's hands on the keyboard, end to end: arrow presses faster than the server's answers each move the
// booking one step; the focus comes back where it was after the candidate list and lands on the board after Find; E
// on an order in the queue says it has no engineer instead of opening the card of one chosen before; Enter books an
// order in the queue to its best candidate from its row, and after Find, or says nobody can take it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamLabel } from '../../renderer/src/i18n/domain-labels.js';
import { engineerNames } from '../../renderer/src/i18n/names.js';
import { WorkOrder, type Engineer } from '../../shared/domain/index.js';
import { epochAtLocal, localDate } from '../../shared/time/index.js';
import { linkState, pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const MIN = 60_000;
const H = 60 * MIN;
const STEP = 15 * MIN;
const TZ = 'Asia/Shanghai';

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
/** Booked at 09:00 or later, clear of the frozen horizon, to the board's first engineer, who works round the clock
 * today and tomorrow and has nothing else. */
let booked: WorkOrder;
/** In the queue, called in an hour ago. */
let queued: WorkOrder;
/** In the queue, anyone may do them, due tomorrow: booked with Enter from the row, and after Find. */
let byRow: WorkOrder;
let byFind: WorkOrder;
/** In the queue, needing a skill nobody has: Enter says nobody can take it. */
let nobody: WorkOrder;
const names = new Map<string, string>();

beforeAll(async () => {
  stack = await Stack.start({ engineers: 8, orders: 30 });
  const now = Date.now();
  const dayStart = epochAtLocal(localDate(now, TZ), 0, TZ);
  await stack.editServer((db) => {
    const engineers = (db.prepare('SELECT data FROM engineers').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as Engineer)
      .sort((a, b) => teamLabel(a.team, 'en').localeCompare(teamLabel(b.team, 'en')) || a.name.localeCompare(b.name));
    // As notices name them: a namesake with their team (and short id).
    for (const [id, name] of engineerNames(engineers, 'en')) names.set(id, name);
    const first = engineers[0]!;
    const shifts = [{ start: dayStart, end: dayStart + 48 * H, breaks: [] }];
    db.prepare('UPDATE engineers SET data = ? WHERE id = ?').run(
      JSON.stringify({ ...first, shifts, absences: [] }),
      first.id,
    );
    const orders = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const putOrder = db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?');
    // Nothing else on the first engineer's day: each step keeps every rule.
    for (const o of orders.filter((x) => x.booking?.engineerId === first.id)) {
      const { report: _report, ...rest } = o;
      putOrder.run(JSON.stringify({ ...rest, status: 'new', booking: null, firstTimeFix: null }), null, o.id);
    }
    const [a, b] = orders.filter((o) => o.status === 'new' && !o.booking);
    // Three more nobody has started, taken back to the queue if booked.
    const [c, d, f] = orders.filter((o) => o !== a && o !== b && ['new', 'scheduled'].includes(o.status));
    // Clear of the frozen horizon and of the drive from home base, whatever the hour the suite runs: 09:00 today, or
    // three hours from now, or (late in the day) 09:00 tomorrow.
    const earliest = Math.ceil((now + 3 * H) / STEP) * STEP;
    const start = earliest <= dayStart + 20 * H ? Math.max(dayStart + 9 * H, earliest) : dayStart + 33 * H;
    booked = {
      ...a!,
      status: 'scheduled',
      window: null,
      requiredSkills: [],
      requiredParts: [],
      preferredEngineerIds: [],
      excludedEngineerIds: [],
      createdAt: now - 2 * H,
      sla: { ...a!.sla, respondBy: now + 48 * H, resolveBy: now + 72 * H },
      booking: { engineerId: first.id, start, end: start + a!.durationMin * MIN, pinned: false },
    };
    queued = { ...b!, status: 'new', booking: null, createdAt: now - H };
    // The first engineer works round the clock: someone can always take these, well inside their SLA, whatever the
    // hour. The least urgent of the queue, so the one found is below the fold and its row is scrolled to.
    const easy = {
      status: 'new' as const,
      booking: null,
      window: null,
      requiredSkills: [],
      requiredParts: [],
      preferredEngineerIds: [],
      excludedEngineerIds: [],
      priority: 'P4' as const,
      createdAt: now - H,
      sla: { respondBy: now + 40 * H, resolveBy: now + 72 * H },
    };
    byRow = { ...c!, ...easy };
    byFind = { ...d!, ...easy };
    nobody = { ...f!, ...easy, requiredSkills: [{ skill: 'e2e-nobody', level: 1 }] };
    // Written as the server would keep them.
    for (const o of [booked, queued, byRow, byFind, nobody]) WorkOrder.parse(o);
    putOrder.run(JSON.stringify(booked), first.id, booked.id);
    for (const o of [queued, byRow, byFind, nobody]) putOrder.run(JSON.stringify(o), null, o.id);
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host);
});

afterAll(async () => {
  await stack?.stop();
});

/**
 * The queued order's row, found as a dispatcher finds it: by its code in the queue's search. The queue is virtualised
 * and most urgent first, so without the search the row may lie below the fold, as the generated orders' deadlines and
 * the hour have it.
 */
async function queueRow(page: WatchedPage['page']) {
  await page.getByRole('searchbox', { name: 'Search code, customer, address' }).fill(queued.code);
  return page.getByTestId('queue').getByRole('button', { name: new RegExp(`\\b${queued.code}\\b`) });
}

/** The order's code in the queue's search, then Tab from there to its row. */
async function tabToRow(page: WatchedPage['page'], order: WorkOrder): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search code, customer, address' });
  await search.fill(order.code);
  await page
    .getByTestId('queue')
    .getByRole('button', { name: new RegExp(`\\b${order.code}\\b`) })
    .waitFor();
  await search.focus();
  let tabs = 0;
  while (tabs < 8 && (await focusedRowCode(page)) !== order.code) tabs += (await page.keyboard.press('Tab'), 1);
  expect(await focusedRowCode(page)).toBe(order.code);
  // Past the four filters (team, skill, priority, SLA), as the README says.
  expect(tabs).toBe(5);
}
/** The code of the order whose queue row has the focus (its label reads "P4 WO-000123 Customer"), or null. */
const focusedRowCode = (page: WatchedPage['page']) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el?.closest('[data-testid="queue"]')) return null;
    return el.getAttribute('aria-label')?.split(' ')[1] ?? null;
  });
const bookedTo = (order: WorkOrder) => () => stack.serverOrder(order.id)?.booking?.engineerId ?? null;

const startOnServer = () => stack.serverOrder(booked.id)?.booking?.start ?? null;
const focusedTestId = (page: WatchedPage['page']) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('the console by keyboard', () => {
  it('Find then Enter puts the focus on the board, and three quick → presses move the bar three steps', async () => {
    const { page } = watched;
    await page.keyboard.press('Control+k');
    await page.getByTestId('find-order').fill(booked.code);
    await page.getByTestId('find-results').getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('order-details').locator('h2').textContent()).toBe(booked.code);
    expect(await focusedTestId(page)).toBe('board');
    // Three presses without waiting for anything in between.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(startOnServer).toBe(booked.booking!.start + 3 * STEP);
    await expect.poll(() => pending(page)).toBe(0);
    const moves = stack.serverEvents(booked.id).filter((e) => e.kind === 'moved');
    expect(moves).toHaveLength(3);
    expect(await page.getByTestId('override-dialog').count()).toBe(0);
    // The link settles once the last push is answered: the pending count can reach 0 a moment before it reads online.
    await expect.poll(() => linkState(page)).toBe('online');
    // Its candidate list marks the engineer it is booked to; Esc gives the focus back to the board.
    await page.keyboard.press('c');
    const current = page.locator('[data-testid="candidate-row"]:has([data-testid="candidate-current"])');
    await current.waitFor();
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute('data-engineer-id')).toBe(booked.booking!.engineerId);
    await page.keyboard.press('Escape');
    await page.getByTestId('candidates').waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('board');
  });

  it('gives the focus back to the queue row after the candidate list closes with Esc', async () => {
    const { page } = watched;
    const row = await queueRow(page);
    await row.click();
    await expect.poll(() => page.getByTestId('order-details').locator('h2').textContent()).toBe(queued.code);
    const rowLabel = await row.getAttribute('aria-label');
    await page.keyboard.press('c');
    await page.getByTestId('candidates').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('candidates').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(rowLabel);
  });

  it('E on an order in the queue says it has no engineer, though an engineer was selected before', async () => {
    const { page } = watched;
    const card = page.getByTestId('engineer-card');
    // The booked order's engineer, through E.
    await page.keyboard.press('Control+k');
    await page.getByTestId('find-order').fill(booked.code);
    await page.getByTestId('find-results').getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('e');
    await card.waitFor();
    expect(await card.getAttribute('data-engineer-id')).toBe(booked.booking!.engineerId);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    // Now the order in the queue.
    const row = await queueRow(page);
    await row.click();
    await expect.poll(() => page.getByTestId('order-details').locator('h2').textContent()).toBe(queued.code);
    await page.keyboard.press('e');
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`${queued.code} is not booked`);
    expect(await card.count()).toBe(0);
    expect(watched.problems).toEqual([]);
  });

  it("Enter on the selected order's queue row books it to the best candidate, the first of its candidate list", async () => {
    const { page } = watched;
    await tabToRow(page, byRow);
    // The first Enter selects it, as before.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('order-details').locator('h2').textContent()).toBe(byRow.code);
    // The engineer the list puts first.
    await page.keyboard.press('c');
    const best = page.getByTestId('candidates').getByTestId('candidate-row').first();
    await best.waitFor();
    expect(await best.getAttribute('data-feasible')).toBe('true');
    const bestId = (await best.getAttribute('data-engineer-id'))!;
    await page.keyboard.press('Escape');
    await page.getByTestId('candidates').waitFor({ state: 'detached' });
    expect(await focusedRowCode(page)).toBe(byRow.code);
    expect(stack.serverOrder(byRow.id)?.booking).toBeNull();
    await page.keyboard.press('Enter');
    await expect.poll(bookedTo(byRow)).toBe(bestId);
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toContain(`${byRow.code} booked: ${names.get(bestId)} at `);
    // The row left the queue (the search shows nothing else): the focus went to the board, not to the page.
    await expect.poll(() => focusedTestId(page)).toBe('board');
  });

  it('Find on an order in the queue puts the focus on its row, and Enter there books it to the best candidate', async () => {
    const { page } = watched;
    await page.getByRole('searchbox', { name: 'Search code, customer, address' }).fill('');
    await page.keyboard.press('Control+k');
    await page.getByTestId('find-order').fill(byFind.code);
    await page.getByTestId('find-results').getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('order-details').locator('h2').textContent()).toBe(byFind.code);
    await expect.poll(() => focusedRowCode(page)).toBe(byFind.code);
    await page.keyboard.press('Enter');
    await expect.poll(bookedTo(byFind)).not.toBeNull();
    const name = names.get(bookedTo(byFind)()!)!;
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain(`${byFind.code} booked: ${name} at `);
    // Its row left the queue: the focus is on the row now in its place, not on the page.
    const next = await focusedRowCode(page);
    expect(next).not.toBeNull();
    expect(next).not.toBe(byFind.code);
  });

  it('Enter after Find on an order nobody can take says so, and books nothing', async () => {
    const { page } = watched;
    await page.keyboard.press('Control+k');
    await page.getByTestId('find-order').fill(nobody.code);
    await page.getByTestId('find-results').getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedRowCode(page)).toBe(nobody.code);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toContain(`No engineer can take ${nobody.code} within the rules, on its day or any of the next 7 days`);
    expect(stack.serverOrder(nobody.id)?.booking).toBeNull();
    expect(await focusedRowCode(page)).toBe(nobody.code);
    expect(watched.problems).toEqual([]);
  });
});

describe("the map's trail note", () => {
  it('says in words of its own that the trail needs the link, clear of the scale and credit, and goes when it is back', async () => {
    const { page } = watched;
    await stack.killServer();
    await expect.poll(() => linkState(page)).not.toBe('online');
    // The booked order selects its engineer: the map draws their plan and asks the server for the trail.
    await page.keyboard.press('Control+k');
    await page.getByTestId('find-order').fill(booked.code);
    await page.getByTestId('find-results').getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    const note = page.locator('.map-note');
    await expect
      .poll(() => note.textContent())
      .toBe("Today's trail is kept on the server: it is drawn again once the link is back");
    const box = (await note.boundingBox())!;
    for (const selector of ['.maplibregl-ctrl-scale', '.maplibregl-ctrl-attrib']) {
      const other = (await page.locator(selector).boundingBox())!;
      const overlaps =
        box.x < other.x + other.width &&
        other.x < box.x + box.width &&
        box.y < other.y + other.height &&
        other.y < box.y + box.height;
      expect(overlaps, selector).toBe(false);
    }
    await stack.startServer();
    await expect.poll(() => linkState(page)).toBe('online');
    // Fetched again: the note goes.
    await expect.poll(() => note.count()).toBe(0);
  });
});
