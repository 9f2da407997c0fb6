// The console in Chinese on a laptop screen (1366×768), measured: in the candidate list a button, a heading and a
// team's name each stay on one line; the order details keep their actions in view above the map however far the
// pane is scrolled; the open map legend stays inside the map, to under a third of it, its last line in reach.
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, Stack, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;

let stack: Stack;
let watched: WatchedPage;
/** Anyone may do it, but soon: the list has engineers to book, some late, with their teams, and a few excluded. */
let open: WorkOrder;
/** Needs a skill at a level nobody has: every row says why, at length. */
let stuck: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 24, orders: 60 });
  const now = Date.now();
  await stack.editServer((db) => {
    const engineers = (db.prepare('SELECT id, data FROM engineers').all() as { id: string; data: string }[]).map(
      (r) => JSON.parse(r.data) as Engineer,
    );
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    // Half of them start in a few hours: the list has engineers with time to spare and engineers who would be late,
    // whose rows say so at length, as on a busy day.
    // Nobody holds the first engineer's first skill at level 5 (the city's levels change with the day it is made for):
    // the stuck order below needs it.
    const scarce = engineers[0]!.skills[0]?.skill ?? 'electrical';
    for (const [i, e] of engineers.entries()) {
      const shifts = [{ start: i % 2 ? now + 2.5 * H : now - H, end: now + 12 * H, breaks: [] }];
      const skills = e.skills.map((s) => (s.skill === scarce ? { ...s, level: Math.min(s.level, 4) } : s));
      putEngineer.run(JSON.stringify({ ...e, skills, shifts, absences: [], maxJobs: null }), e.id);
    }
    const [first, second] = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    open = {
      ...first!,
      requiredSkills: [],
      requiredParts: [],
      window: null,
      durationMin: 90,
      excludedEngineerIds: engineers.slice(0, 3).map((e) => e.id),
      preferredEngineerIds: [],
      sla: { respondBy: now + 3 * H, resolveBy: now + 3.5 * H },
    };
    stuck = {
      ...second!,
      requiredSkills: [{ skill: scarce, level: 5 }],
      requiredParts: [],
      window: null,
      excludedEngineerIds: [],
      preferredEngineerIds: [],
      sla: { respondBy: now + 24 * H, resolveBy: now + 48 * H },
    };
    const put = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
    for (const o of [open, stuck]) put.run(JSON.stringify(o), o.id);
  });
  const host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
  const { page } = watched;
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByRole('button', { name: '关闭', exact: true }).click();
  await page.getByRole('button', { name: '日', exact: true }).waitFor();
});

afterAll(async () => {
  await stack?.stop();
});

/** How many lines each element's text takes: the distinct tops of its text's line boxes. */
async function lines(where: Locator): Promise<Array<{ text: string; lines: number }>> {
  return where.evaluateAll((els) =>
    els.map((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      return { text: (el as HTMLElement).innerText, lines: tops.size };
    }),
  );
}

type Box = { top: number; bottom: number; left: number; right: number };
const boxes = (where: Locator): Promise<Box[]> =>
  where.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    }),
  );

describe('the console in Chinese at 1366×768', () => {
  it('keeps the candidate list’s buttons, headings and team names on one line', async () => {
    const { page } = watched;
    await findOrder(page, open.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    await panel.waitFor();
    const book = panel.getByTestId('candidate-book');
    await expect.poll(() => book.count()).toBeGreaterThan(1);
    // With the engineers who cannot take it, and why.
    await panel.getByTestId('candidates-show-all').click();
    await expect.poll(() => panel.locator('td.why').count()).toBeGreaterThan(0);
    expect(await panel.locator('th').first().textContent()).toBe('工程师');
    const oneLine = async () => {
      const teams = panel.locator('[data-testid=candidate-row] td:first-child .muted');
      for (const where of [book, panel.locator('th'), teams]) {
        const measured = await lines(where);
        expect(measured.length).toBeGreaterThan(0);
        for (const m of measured) expect(m, m.text).toMatchObject({ lines: m.text.trim() ? 1 : 0 });
      }
    };
    await page.screenshot({ path: join(artifacts, 'layout-zh-candidates.png') });
    await oneLine();
    // The book button is one line high: no taller than the row's other one-line buttons' height would allow.
    const heights = await book.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    const lineHeight = await book
      .first()
      .evaluate(
        (el) => parseFloat(getComputedStyle(el).fontSize) * 1.6 + 2 * parseFloat(getComputedStyle(el).paddingTop),
      );
    for (const h of heights) expect(h).toBeLessThanOrEqual(lineHeight + 2);
    await panel.locator('.candidates-head button').click();
    await panel.waitFor({ state: 'detached' });

    // Nobody has the skill: every row gives its reason, and the team names still stay whole.
    await findOrder(page, stuck.code);
    await page.getByTestId('open-candidates').click();
    await panel.waitFor();
    await panel.getByTestId('candidates-show-all').click();
    await expect.poll(() => panel.locator('td.why').count()).toBeGreaterThan(0);
    expect(await book.count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'layout-zh-candidates-nobody.png') });
    const teams = await lines(panel.locator('[data-testid=candidate-row] td:first-child .muted'));
    for (const m of teams) expect(m, m.text).toMatchObject({ lines: 1 });
    for (const m of await lines(panel.locator('th'))) expect(m, m.text).toMatchObject({ lines: m.text.trim() ? 1 : 0 });
    await panel.locator('.candidates-head button').click();
    await panel.waitFor({ state: 'detached' });
    expect(watched.problems).toEqual([]);
  });

  it('keeps the order’s actions in view above the map, however far the details are scrolled', async () => {
    const { page } = watched;
    await findOrder(page, open.code);
    const details = page.getByTestId('order-details');
    const actions = details.locator('.details-actions button');
    await expect.poll(() => actions.count()).toBeGreaterThan(2);
    const map = (await page.getByTestId('map').boundingBox())!;
    const inView = async () => {
      const [pane] = await boxes(details);
      const all = await boxes(actions);
      return all.every(
        (b) => b.top >= pane!.top - 0.5 && b.bottom <= pane!.bottom + 0.5 && b.bottom <= map.y + 0.5 && b.bottom <= 768,
      );
    };
    // The details are longer than the pane at this size: it scrolls.
    expect(await details.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await inView()).toBe(true);
    // Held at the foot of the pane, the actions reach its bottom edge: no strip of the details shows under them (a
    // half-cut line of the respond-by or a rule's reason below the buttons). Where the pane has room for the order's
    // facts and its actions, the actions are in their place, every fact above them.
    const [pane] = await boxes(details);
    const [bar] = await boxes(details.locator('.details-actions'));
    const [facts] = await boxes(details.locator('dl').first());
    expect(pane!.bottom - bar!.bottom < 1 || facts!.bottom <= bar!.top + 0.5).toBe(true);
    await page.screenshot({ path: join(artifacts, 'layout-zh-details-top.png') });
    await details.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => details.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await inView()).toBe(true);
    await page.screenshot({ path: join(artifacts, 'layout-zh-details-end.png') });
    expect(watched.problems).toEqual([]);
  });

  it('keeps the open map legend inside the map, to under a third of it, its last line in reach', async () => {
    const { page } = watched;
    const legend = page.getByTestId('map-legend');
    const toggle = legend.getByRole('button', { name: /图例/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const map = (await page.getByTestId('map').boundingBox())!;
    const [box] = await boxes(legend);
    expect(box!.bottom).toBeLessThanOrEqual(map.y + map.height);
    expect(box!.right).toBeLessThanOrEqual(map.x + map.width);
    expect(((box!.right - box!.left) * (box!.bottom - box!.top)) / (map.width * map.height)).toBeLessThan(1 / 3);
    await page.screenshot({ path: join(artifacts, 'layout-zh-legend.png') });
    // Nothing is cut off inside it: scrolled to its end, its last line is within its own box.
    await legend.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = legend.locator('dd').last();
    await expect.poll(async () => (await boxes(last))[0]!.bottom).toBeLessThanOrEqual(box!.bottom);
    await page.screenshot({ path: join(artifacts, 'layout-zh-legend-end.png') });
    expect(watched.problems).toEqual([]);
  });
});
