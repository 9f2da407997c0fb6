// One language at a time: switched to Chinese, the board, the queue, an order's details, its candidate list and the
// KPI dashboard read in Chinese throughout — the console's own words, the domain's labels (teams, skills, parts,
// tiers, statuses) and the engine's reasons, in text, titles and labels alike — at 1366×768. What is left in Latin
// letters is the centre's own data (engineer and customer names, addresses, what the customer reported), codes
// (WO-…, P1) and units.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../server/src/auth/users.js';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;

/** Latin words a Chinese screen may show: file formats and key names on the keyboard. */
const ALLOWED = new Set(['XLSX', 'Ctrl', 'Enter']);

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
let orderId = '';
let order: WorkOrder;
/** The centre's data, shown as it is in any language. */
let data: string[];

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  // Everyone on shift from an hour ago and an order due tomorrow that the customer does not want one engineer for:
  // the candidate list has engineers who fit, with every rule's reason, and one who does not.
  const now = Date.now();
  await stack.editServer((db) => {
    const put = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    const rows = db.prepare('SELECT id, data FROM engineers ORDER BY id').all() as { id: string; data: string }[];
    for (const row of rows) {
      const e = JSON.parse(row.data) as Engineer;
      const shifts = [{ start: now - H, end: now + 12 * H, breaks: [] }];
      put.run(JSON.stringify({ ...e, shifts, absences: [], maxJobs: null }), e.id);
    }
    const rowsOfOrders = db.prepare('SELECT id, data FROM orders ORDER BY id').all() as { id: string; data: string }[];
    const o = rowsOfOrders.map((r) => JSON.parse(r.data) as WorkOrder).find((x) => x.status === 'new')!;
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
async function englishIn(page: Page, testId?: string): Promise<string[]> {
  const root = testId ? page.getByTestId(testId) : page.locator('body');
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
    for (const [w] of text.matchAll(/[A-Za-z]{4,}/g)) if (!ALLOWED.has(w)) found.add(w);
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
});
