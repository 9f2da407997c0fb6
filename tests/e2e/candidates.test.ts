// The candidate list and the bar card end to end, at 1366×768: the list ranks every engineer for the focused order
// with each rule, the drive, the SLA slack and the cost in minutes, and books the chosen one with Enter; when nobody
// fits it names the smallest change and books anyway only through the rule question; hovering a bar shows its card.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { addDays, epochAtLocal, localDate } from '../../shared/time/index.js';
import { artifacts, findOrder, pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
/** Anyone may do it, due tomorrow: several engineers fit, none late. */
let open: WorkOrder;
/** Needs a part only one van carries, and the customer has excluded that engineer: nobody fits as things stand. */
let stuck: WorkOrder;
/** The engineer whose van carries the part. */
let carrier: Engineer;
/** Promised for a morning two days ahead, when only `rostered` works: ranked on that day, where `rostered` fits. */
let later: WorkOrder;
/** Needs a skill only `rostered` holds, who is off until two days ahead: nobody today, someone on that day. */
let notToday: WorkOrder;
/** The one engineer on shift two days ahead, off today, and the only one with the skill `e2e-rare`. */
let rostered: Engineer;
/** 10:00 on that day, the city's time. */
let laterStart: number;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  // The same day whatever the hour the suite runs: everyone on shift from an hour ago for twelve hours.
  const now = Date.now();
  const tz = 'Asia/Shanghai';
  const dayAfter = epochAtLocal(addDays(localDate(now, tz), 2), 0, tz);
  laterStart = dayAfter + 10 * H;
  await stack.editServer((db) => {
    const engineers = (db.prepare('SELECT id, data FROM engineers').all() as { id: string; data: string }[])
      .map((r) => JSON.parse(r.data) as Engineer)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    for (const [i, e] of engineers.entries()) {
      const shifts =
        i === 1
          ? [{ start: dayAfter + 8 * H, end: dayAfter + 18 * H, breaks: [] }]
          : [{ start: now - H, end: now + 12 * H, breaks: [] }];
      const vanStock: Record<string, number> = i === 0 ? { 'p-e2e-valve': 3 } : {};
      const skills = i === 1 ? [...e.skills, { skill: 'e2e-rare', level: 1 }] : e.skills;
      const changed: Engineer = { ...e, shifts, skills, absences: [], vanStock, maxJobs: null };
      if (i === 0) carrier = changed;
      if (i === 1) rostered = changed;
      putEngineer.run(JSON.stringify(changed), e.id);
    }
    // Orders nobody has started: just after midnight few calls have come in, so booked ones are taken back too.
    const orders = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .filter((o) => ['new', 'scheduled', 'dispatched'].includes(o.status))
      .sort((a, b) => Number(b.status === 'new') - Number(a.status === 'new') || (a.code < b.code ? -1 : 1));
    const putOrder = db.prepare('UPDATE orders SET data = ?, engineer_id = NULL WHERE id = ?');
    const easy = {
      status: 'new' as const,
      booking: null,
      requiredSkills: [],
      requiredParts: [],
      window: null,
      excludedEngineerIds: [],
      preferredEngineerIds: [],
      priority: 'P3' as const,
      createdAt: now - H,
      updatedAt: now - H,
      sla: { respondBy: now + 24 * H, resolveBy: now + 48 * H },
    };
    open = { ...orders[0]!, ...easy };
    stuck = {
      ...orders[1]!,
      ...easy,
      requiredParts: [{ part: 'p-e2e-valve', qty: 1 }],
      excludedEngineerIds: [carrier.id],
    };
    later = {
      ...orders[2]!,
      ...easy,
      window: { start: laterStart, end: laterStart + 2 * H },
      sla: { respondBy: laterStart + 2 * H, resolveBy: laterStart + 6 * H },
    };
    notToday = {
      ...orders[3]!,
      ...easy,
      requiredSkills: [{ skill: 'e2e-rare', level: 1 }],
      sla: { respondBy: dayAfter + 20 * H, resolveBy: dayAfter + 30 * H },
    };
    for (const o of [open, stuck, later, notToday]) putOrder.run(JSON.stringify(o), o.id);
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the candidate list', () => {
  it('ranks every engineer with rules, drive, SLA slack and cost in minutes, and Enter books the chosen one', async () => {
    const { page } = watched;
    await findOrder(page, open.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId('candidates-count').textContent()).toMatch(/^\d+ of 12 engineers/);
    const rows = panel.getByTestId('candidate-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    const first = rows.first();
    expect(await first.getAttribute('data-feasible')).toBe('true');
    const text = (await first.textContent()) ?? '';
    expect(text).toMatch(/\d{2}:\d{2}/);
    expect(text).toMatch(/\d+ min · \d+(\.\d)? km/);
    expect(text).toMatch(/to spare/);
    expect(text).toMatch(/min driving|no extra driving/);
    expect(text).not.toMatch(/cost [+-]?\d/i);
    const cells = first.locator('.rule-cell');
    expect(await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-rule')))).toEqual([
      'skills',
      'parts',
      'shift',
      'overlap',
      'window',
      'sla',
    ]);
    expect(new Set(await cells.evaluateAll((els) => els.map((el) => el.getAttribute('data-status'))))).toEqual(
      new Set(['pass']),
    );

    // It fits the laptop screen and stays legible.
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(artifacts, 'candidates-1366.png') });

    // The second engineer, chosen by key and booked by Enter.
    await page.keyboard.press('ArrowDown');
    const chosen = await rows.nth(1).getAttribute('data-engineer-id');
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });
    // The panel closes before the booking is recorded: wait for the server to hold it, then for nothing left to send.
    await expect.poll(() => stack.serverOrder(open.id)?.booking?.engineerId ?? null).toBe(chosen);
    await expect.poll(() => pending(page)).toBe(0);
    expect(stack.serverOrder(open.id)).toMatchObject({ status: 'scheduled', booking: { engineerId: chosen } });
    expect(watched.problems).toEqual([]);
  });

  it('hovering a bar shows its card: code, customer, site, window, SLA clocks, status; the board has a legend', async () => {
    const { page } = watched;
    const board = page.getByTestId('board');
    // The booked order is still selected: the board brought its bar on screen and says where it drew it.
    await expect.poll(() => board.getAttribute('data-selected-bar')).toMatch(/^\[/);
    const [x, y, w, h] = JSON.parse((await board.getAttribute('data-selected-bar'))!) as number[];
    const at = (await board.boundingBox())!;
    // Into the part of the bar on screen: late in the evening a long job starts near the day's end, where the board
    // cannot scroll further, and runs on past the board's right edge.
    const shown = Math.min(x! + w!, at.width) - x!;
    await page.mouse.move(at.x + x! + Math.min(shown / 2, 20), at.y + y! + h! / 2, { steps: 3 });
    const card = page.getByTestId('bar-card');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    for (const part of [open.code, open.customer.name, open.site.address, 'Respond by', 'Resolve by', 'Scheduled'])
      expect(text).toContain(part);
    expect(text).toMatch(/left/);
    const legend = page.getByTestId('board-legend');
    expect(await legend.getAttribute('data-palette')).toBe('status');
    expect(await legend.textContent()).toMatch(/Scheduled.*SLA at risk.*SLA breached.*Breaks a rule/);
    await page.screenshot({ path: join(artifacts, 'bar-card-1366.png') });
    await page.mouse.move(at.x + 5, at.y + 5);
    await card.waitFor({ state: 'detached' });
  });

  it('when nobody fits, names the smallest change and books it only through the rule question', async () => {
    const { page } = watched;
    await findOrder(page, stuck.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    const changes = panel.getByTestId('candidates-changes');
    await changes.waitFor();
    expect(await changes.textContent()).toContain('Nobody can take it as things stand.');
    const transfer = changes.locator('li[data-kind="partTransfer"]');
    await expect
      .poll(() => transfer.textContent())
      .toMatch(
        new RegExp(
          `^Move 1 × p-e2e-valve from ${carrier.name} \\(\\d+(\\.\\d)? km away\\) to .+ can start \\d{2}:\\d{2}`,
        ),
      );
    await page.screenshot({ path: join(artifacts, 'candidates-nobody-1366.png') });
    // Booking anyway breaks the parts rule: the console asks first, and Esc books nothing.
    await panel.getByTestId('candidates-change-partTransfer').click();
    const ask = page.getByTestId('override-dialog');
    await ask.waitFor();
    expect(await ask.textContent()).toMatch(/Parts on the van/);
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(stack.serverOrder(stuck.id)).toMatchObject({ status: 'new', booking: null });
    expect(watched.problems).toEqual([]);
  });

  it('ranks an order promised for another day on that day, says so, and books it there', async () => {
    const { page } = watched;
    await page.keyboard.press('Escape');
    await findOrder(page, later.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    await expect.poll(() => panel.getByTestId('candidates-count').textContent()).toBe('1 of 12 engineers can take it');
    const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'Asia/Shanghai' }).format(laterStart);
    expect(await panel.getByTestId('candidates-day').textContent()).toMatch(
      new RegExp(`^For \\D*\\b${day}\\b.*, the day it is booked or promised for$`),
    );
    const first = panel.getByTestId('candidate-row').first();
    expect(await first.textContent()).toContain(rostered.name);
    expect(await first.textContent()).toContain('10:00');
    await page.keyboard.press('Enter');
    await expect.poll(() => stack.serverOrder(later.id)?.booking?.engineerId ?? null).toBe(rostered.id);
    expect(stack.serverOrder(later.id)?.booking?.start).toBe(laterStart);
    // It was found before it had a booking: once booked, the board goes to its day and draws its bar.
    await expect.poll(() => page.getByTestId('board').getAttribute('data-selected-bar')).toMatch(/^\[/);
    expect(watched.problems).toEqual([]);
  });

  it('when nobody fits today, offers the earliest slot of a later day and books it', async () => {
    const { page } = watched;
    await page.keyboard.press('Escape');
    await findOrder(page, notToday.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    expect(await panel.getByTestId('candidates-day').count()).toBe(0);
    const offer = panel.getByTestId('candidates-later-day');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(new RegExp(`^Another day: ${rostered.name} can start `));
    await panel.getByTestId('candidates-book-later-day').click();
    await expect.poll(() => stack.serverOrder(notToday.id)?.booking?.engineerId ?? null).toBe(rostered.id);
    const start = stack.serverOrder(notToday.id)!.booking!.start;
    expect(start).toBeGreaterThanOrEqual(laterStart - 2 * H);
    expect(start).toBeLessThan(laterStart + 8 * H);
    expect(watched.problems).toEqual([]);
  });

  it('says so when nobody can take it on the next days either', async () => {
    const { page } = watched;
    await findOrder(page, stuck.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    await expect
      .poll(() => panel.getByTestId('candidates-later-day').textContent())
      .toBe('Nobody can take it on any of the next 7 days either.');
    expect(watched.problems).toEqual([]);
  });

  it('speaks Chinese when the console does, and still fits the screen', async () => {
    const { page } = watched;
    await page.keyboard.press('Escape');
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await findOrder(page, stuck.code);
    await page.getByTestId('board').focus();
    // C opens the list for the focused order from anywhere outside a text field.
    await page.keyboard.press('c');
    const panel = page.getByTestId('candidates');
    await panel.waitFor();
    await expect
      .poll(() => panel.getByTestId('candidates-changes').textContent())
      .toContain('按现状没有人能接这个工单');
    expect(await panel.getByTestId('candidates-count').textContent()).toBe('12 名工程师中有 0 名可以接单');
    // Enter on Show all shows them (it is not taken as Book), and the panel keeps the keyboard afterwards.
    await panel.getByTestId('candidates-show-all').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('candidate-row').count()).toBe(12);
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="candidates"]') !== null)).toBe(
      true,
    );
    expect(await panel.locator('.rule-cell').first().textContent()).toMatch(/技能/);
    const box = (await panel.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(artifacts, 'candidates-zh-1366.png') });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(watched.problems).toEqual([]);
  });
});
