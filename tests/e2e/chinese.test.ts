// One language at a time: switched to Chinese, the board, the queue, an order's details, its candidate list, an
// import's rejected rows and the KPI dashboard read in Chinese throughout — the console's own words, the domain's
// labels (teams, skills, parts, tiers, statuses), the engine's reasons (a candidate's rules, the rule check while a
// bar is dragged, an auto-dispatch proposal's moves and notes) and the schemas' rules, in text, titles and labels alike — at
// 1366×768. What is left in Latin letters is the centre's own data (engineer and customer names, addresses, what the
// customer reported), codes (WO-…, P1) and units.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { demoUsers } from '../../server/src/auth/users.js';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { localParts } from '../../shared/time/index.js';
import { ENGINEER_ROW_HEIGHT, TEAM_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { AXIS_HEIGHT } from '../../renderer/src/features/board/time-scale.js';
import { ZH_PARTS } from '../../renderer/src/i18n/domain-labels.js';
import {
  artifacts,
  bookHour,
  clearBookings,
  findOrder,
  hourWithinDay,
  selectedBar,
  Stack,
  type ConsoleHost,
  type WatchedPage,
} from './stack.testing.js';

const H = 3_600_000;
const ZONE = 'Asia/Shanghai';

/**
 * Latin words a Chinese screen may show: file formats, key names on the keyboard, and the satisfaction score's
 * acronym, quoted beside its Chinese name (客户满意度 (CSAT)) as Chinese dashboards do.
 */
const ALLOWED = new Set(['XLSX', 'Ctrl', 'Enter', 'CSAT']);

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
let orderId = '';
let order: WorkOrder;
/** Booked to the first engineer at the time every engineer has a booking. */
let bar: WorkOrder;
/** The centre's data, shown as it is in any language. */
let data: string[];

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  // Everyone in one team and on shift from an hour ago for a day and a half (the rest of today and all of tomorrow,
  // whatever the hour), and an order due tomorrow that the customer does not want one engineer for: the candidate
  // list has engineers who fit, with every rule's reason, and one who does not. Nothing booked but one hour-long job
  // for each engineer at the same time two hours from now: a bar dragged onto the next row overlaps the one there.
  const now = Date.now();
  const at = hourWithinDay(now + 2 * H, ZONE);
  await stack.editServer((db) => {
    const put = db.prepare('UPDATE engineers SET data = ?, team = ? WHERE id = ?');
    const rows = db.prepare('SELECT id, data FROM engineers ORDER BY id').all() as { id: string; data: string }[];
    const team = (JSON.parse(rows[0]!.data) as Engineer).team;
    for (const row of rows) {
      const e = JSON.parse(row.data) as Engineer;
      const shifts = [{ start: now - H, end: now + 36 * H, breaks: [] }];
      put.run(JSON.stringify({ ...e, team, shifts, absences: [], maxJobs: null }), team, e.id);
    }
    // What was booked goes back to the queue, and what was under way or done is done before the shifts began.
    const all = clearBookings(db, now);
    const o = all.find((x) => x.status === 'new')!;
    const needs: WorkOrder = {
      ...o,
      requiredSkills: [],
      requiredParts: [],
      window: null,
      excludedEngineerIds: [rows[1]!.id],
      preferredEngineerIds: [],
      sla: { respondBy: now + 24 * H, resolveBy: now + 48 * H },
    };
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(JSON.stringify(needs), o.id);
    orderId = o.id;
    // Those needing no part: the queue keeps the ones that need one, for the order details below.
    const toBook = all
      .filter((x) => x.status === 'new' && x.id !== o.id)
      .sort((p, q) => p.requiredParts.length - q.requiredParts.length)
      .slice(0, rows.length);
    toBook.forEach((x, i) => {
      const booked = bookHour(db, x, rows[i]!.id, at, now);
      if (i === 0) bar = booked;
    });
    // And one that stays in the queue needs a part.
    const left = all.filter((x) => x.status === 'new' && x.id !== o.id && !toBook.includes(x));
    if (!left.some((x) => x.requiredParts.length > 0)) {
      const part = all.flatMap((x) => x.requiredParts)[0] ?? {
        part: Object.keys(JSON.parse(rows[0]!.data).vanStock)[0]!,
        qty: 1,
      };
      db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(
        JSON.stringify({ ...left[0]!, requiredParts: [part] }),
        left[0]!.id,
      );
    }
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
  const orders = stack.serverOrders();
  order = orders.find((o) => o.id === orderId)!;
  data = [
    ...orders.flatMap((o) => [o.summary, o.customer.name, o.site.address]),
    ...stack.serverEngineers().map((e) => e.name),
    // The people of the demo centre (the accounts that are not people are named in the console's words).
    ...demoUsers([])
      .map((u) => u.name)
      .filter((name) => /\p{Script=Han}/u.test(name)),
  ].sort((a, b) => b.length - a.length);
});

afterAll(async () => {
  await stack?.stop();
});

/**
 * Latin words of four letters or more in an element's (or the whole page's) text, titles, labels, placeholders and
 * select options, the centre's data aside. The map's own lettering (basemap attribution) is not the console's.
 */
async function englishIn(page: Page, where?: string | Locator): Promise<string[]> {
  const root = typeof where === 'string' ? page.getByTestId(where) : (where ?? page.locator('body'));
  const texts = await root.evaluate((root) => {
    let text = (root as HTMLElement).innerText;
    for (const map of root.querySelectorAll<HTMLElement>('.maplibregl-map')) text = text.replace(map.innerText, ' ');
    const out = [text];
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (el.closest('.maplibregl-map')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
      if (el instanceof HTMLSelectElement) for (const o of el.options) out.push(o.text);
    }
    return out;
  });
  const found = new Set<string>();
  for (let text of texts) {
    for (const d of data) text = text.split(d).join(' ');
    // Words, and the short units a figure carries (min, km), which are 分钟 and 公里 in Chinese.
    for (const [w] of text.matchAll(/[A-Za-z]{4,}|\b(?:min|km)\b/g)) if (!ALLOWED.has(w)) found.add(w);
  }
  return [...found].sort();
}

describe('the console in Chinese', () => {
  it('shows the board and the queue with no English left', async () => {
    const { page } = watched;
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('queue').locator('.queue-row').count()).toBeGreaterThan(0);
    // The whole screen: toolbar, board (its rows are painted; their words are in the list read to screen readers),
    // queue with its filters, status bar.
    expect(await englishIn(page)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-board-1366.png') });
  });

  it("shows an order's details — skills, parts, tier, status — in Chinese", async () => {
    const { page } = watched;
    // The first order of the queue that needs a part (most need a skill too).
    const rows = page.getByTestId('queue').locator('.queue-row');
    await rows.first().waitFor();
    const details = page.getByTestId('order-details');
    let shown: WorkOrder | null = null;
    for (let i = 0; i < (await rows.count()) && !shown?.requiredParts.length; i++) {
      const code = /WO-\d+(?:-[0-9A-Za-z]+)?/.exec((await rows.nth(i).getAttribute('aria-label')) ?? '')![0];
      await rows.nth(i).click();
      await expect.poll(() => details.locator('h2').textContent()).toBe(code);
      shown = stack.serverOrderByCode(code);
    }
    expect(await englishIn(page, 'order-details')).toEqual([]);
    expect(shown?.requiredParts.length).toBeGreaterThan(0);
    for (const s of shown!.requiredSkills) expect(await details.textContent()).not.toContain(`${s.skill} ≥`);
    for (const p of shown!.requiredParts) expect(await details.textContent()).not.toContain(p.part);
    await page.screenshot({ path: join(artifacts, 'chinese-order-1366.png') });
  });

  it('ranks the candidates with every rule and reason in Chinese', async () => {
    const { page } = watched;
    await page.keyboard.press('Escape');
    await findOrder(page, order.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    await panel.waitFor();
    await page.screenshot({ path: join(artifacts, 'chinese-candidates-1366.png') });
    await expect.poll(() => panel.getByTestId('candidate-row').count()).toBeGreaterThan(0);
    const showAll = panel.getByTestId('candidates-show-all');
    if (await showAll.isVisible()) await showAll.click();
    await expect.poll(() => panel.getByTestId('candidate-row').count()).toBe(12);
    expect(await englishIn(page, 'candidates')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-candidates-1366.png') });
    await panel.getByRole('button', { name: '关闭', exact: true }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it("shows the rule check of a bar dragged onto another engineer's booking, and the question, in Chinese", async () => {
    const { page } = watched;
    await page.keyboard.press('Escape');
    // Selected, the bar is brought on screen (its day, its row) and the board says where it drew it.
    await findOrder(page, bar.code);
    const { box, centre: from } = await selectedBar(page);
    // One team: the row above is another engineer's unless this is the first row, then the row below is.
    const firstRow = box[1]! < AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2;
    const to = { x: from.x, y: from.y + (firstRow ? 1 : -1) * ENGINEER_ROW_HEIGHT };
    const dialog = page.getByTestId('override-dialog');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    // Whatever this test finds, the next ones start with the drag over and no question open: a drop left mid-way is
    // made, and the question it brings (it breaks a hard rule) declined.
    let dropped = false;
    onTestFinished(async () => {
      if (dropped) return;
      await page.mouse.up();
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });
    await page.mouse.move(from.x, (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    const hint = page.locator('.board-hint');
    await expect.poll(() => hint.getAttribute('class')).toMatch(/\bbad\b/);
    // The engine's reason: the booking it overlaps, with its times.
    // A time on another day than the board's carries its weekday (a bar from 23:00 ends 周二 00:00).
    await expect
      .poll(() => hint.textContent())
      .toMatch(/与 P\d WO-[\w-]+ (?:周[一二三四五六日] )?\d\d:\d\d–(?:周[一二三四五六日] )?\d\d:\d\d 重叠/);
    expect(await englishIn(page, hint)).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-drag-1366.png') });
    await page.mouse.up();
    dropped = true;
    // It breaks a hard rule: the console asks first, in Chinese too; declined, nothing moves.
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/重叠/);
    expect(await englishIn(page, 'override-dialog')).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(stack.serverOrder(bar.id)?.booking?.engineerId).toBe(bar.booking!.engineerId);
  });

  it("shows an auto-dispatch proposal's moves and their reasons in Chinese", async () => {
    const { page } = watched;
    // A day with at least twelve hours of everyone's shift ahead: today in the morning, else tomorrow.
    await page.getByRole('button', { name: '今天', exact: true }).click();
    if (localParts(Date.now(), ZONE).hour >= 12) await page.getByRole('button', { name: '向后', exact: true }).click();
    await page.getByTestId('open-auto-dispatch').click();
    const dialog = page.getByTestId('auto-dispatch');
    await dialog.getByRole('combobox').nth(1).selectOption('3');
    expect(await dialog.getByRole('combobox').nth(1).locator('option').allTextContents()).toEqual([
      '3 秒',
      '10 秒',
      '30 秒',
    ]);
    await dialog.getByTestId('run-dispatch').click();
    const rows = dialog.getByTestId('proposal').locator('ul.moves li');
    await rows.first().waitFor();
    // Its notes too: where the travel times come from, in Chinese like the rest.
    expect(await dialog.getByTestId('proposal-notes').locator('li').first().textContent()).toMatch(/^行车时间：/);
    expect(await englishIn(page, 'auto-dispatch')).toEqual([]);
    // The deltas read as words ("少 1 单未派"), not as signed figures ("未派 -1").
    const deltas = dialog.getByTestId('proposal-deltas').locator('li');
    expect(await deltas.count()).toBe(4);
    for (const text of await deltas.allTextContents()) expect(text).not.toMatch(/[+\-−]\s*\d/);
    expect(await dialog.getByTestId('proposal-deltas').textContent()).toMatch(/未派/);
    await page.screenshot({ path: join(artifacts, 'chinese-auto-dispatch-1366.png') });
    // Its notes come last, above accepting: scrolled to the end, they show.
    await dialog.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.screenshot({ path: join(artifacts, 'chinese-auto-dispatch-notes-1366.png') });
    // In a window shorter than the plan, with what it leaves in the queue opened too, accepting stays in view.
    const left = dialog.getByTestId('proposal-left');
    if ((await left.count()) > 0) await left.locator('summary').click();
    await page.setViewportSize({ width: 1366, height: 460 });
    try {
      await expect.poll(() => dialog.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
      await dialog.evaluate((el) => (el.scrollTop = 0));
      const accept = (await dialog.getByTestId('accept-all').boundingBox())!;
      const panel = (await dialog.boundingBox())!;
      expect(accept.y + accept.height).toBeLessThanOrEqual(panel.y + panel.height);
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
    // Discarding keeps the keyboard in the panel: Esc then closes it.
    await dialog.getByRole('button', { name: '放弃方案', exact: true }).click();
    await dialog.getByTestId('proposal').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="auto-dispatch"]') !== null)).toBe(
      true,
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('says so, with each order’s reason, when the plan for a day nobody works changes nothing', async () => {
    const { page } = watched;
    // Every shift ends within a day and a half: three days on, nobody works.
    await page.getByRole('button', { name: '今天', exact: true }).click();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '向后', exact: true }).click();
    await page.getByTestId('open-auto-dispatch').click();
    const dialog = page.getByTestId('auto-dispatch');
    await dialog.getByRole('combobox').nth(1).selectOption('3');
    await dialog.getByTestId('run-dispatch').click();
    const empty = dialog.getByTestId('proposal-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toMatch(/^方案没有任何改动：\d+ 个工单仍在待派队列中，原因见下。$/);
    // Nothing to accept; what stays in the queue is listed, open, each with why.
    expect(await dialog.getByTestId('accept-all').count()).toBe(0);
    expect(await dialog.getByTestId('accept-selected').count()).toBe(0);
    const left = dialog.getByTestId('proposal-left');
    expect(await left.getAttribute('open')).not.toBeNull();
    const rows = left.locator('li');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents())
      expect(text).toMatch(/^WO-\d+ P\d · 范围内当天没有可安排的工程师$/);
    expect(await englishIn(page, 'auto-dispatch')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-auto-dispatch-nothing-1366.png') });
    await dialog.getByRole('button', { name: '放弃方案', exact: true }).click();
    await dialog.getByTestId('proposal').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '今天', exact: true }).click();
  });

  it("words an import's rejected rows in Chinese: the rules of the order schema as well as the console's checks", async () => {
    const { page } = watched;
    const csv = [
      '工单号,客户,客户等级,电话,地址,纬度,经度,类型,优先级,描述,时长',
      'ZH-001,静安商场,gold,请来电,南京西路1601号,31.2240,121.4470,repair,P3,滤网更换,45',
      'ZH-002,徐汇诊所,silver,021 5555 0102,天钥桥路8号,95,121.4370,repair,P2,冷机故障,90',
      'ZH-003,虹口仓库,bronze,021 5555 0104,大连路1号,31.2600,121.5000,inspection,加急,防火门,30',
    ].join('\r\n');
    await page.getByTestId('open-more').click();
    await page.getByTestId('import-open').click();
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: '报修.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const errors = page.getByTestId('import-errors').locator('li');
    await expect.poll(() => errors.count()).toBe(3);
    const texts = await errors.allTextContents();
    // The phone's pattern and the latitude's range are the order schema's rules; the priority is the console's check.
    expect(texts[0]).toMatch(/ZH-001.*电话 — 电话号码只能包含数字/);
    expect(texts[1]).toMatch(/ZH-002.*纬度 — 不得大于 90/);
    expect(texts[2]).toMatch(/ZH-003.*优先级 — “加急”不是优先级/);
    expect(await englishIn(page, 'import-errors')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-import-1366.png') });
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-errors').waitFor({ state: 'detached' });
    for (const code of ['ZH-001', 'ZH-002', 'ZH-003']) expect(stack.serverOrderByCode(code)).toBeNull();
  });

  it('shows the KPI dashboard in Chinese', async () => {
    const { page } = watched;
    const kpis = page.getByTestId('open-kpis');
    if (!(await kpis.isVisible())) await page.getByTestId('open-more').click();
    await kpis.click();
    const dashboard = page.getByTestId('kpi-dashboard');
    await dashboard.waitFor();
    await page.getByTestId('kpi-completed').waitFor();
    expect(await englishIn(page, 'kpi-dashboard')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-kpis-1366.png') });
    expect(watched.problems).toEqual([]);
  });

  it('logs a call in Chinese: the parts to pick are named, not their ids', async () => {
    const { page } = watched;
    await page.keyboard.press('Escape');
    await page.getByTestId('open-new-order').click();
    const dialog = page.getByTestId('new-order');
    await dialog.waitFor();
    const options = await dialog.getByTestId('new-order-part').locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(1);
    // Each part by its Chinese name (the shipped catalogue's parts only, here): none by its id (p-hvac-filter).
    for (const name of options.slice(1)) expect(Object.values(ZH_PARTS)).toContain(name);
    expect(await englishIn(page, 'new-order')).toEqual([]);
    await page.screenshot({ path: join(artifacts, 'chinese-new-order-1366.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(watched.problems).toEqual([]);
  });
});
