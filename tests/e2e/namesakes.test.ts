// Engineers who share a name, on a laptop screen (1366×768) in English and in Chinese: every engineer of the day has a
// namesake in their own team, so each is named at full length — name, team and short id — and the places that name
// them keep it whole and in bounds: the engineer card's heading, the daily sheet, the replay, the rule violations, the
// candidate list's reasons and a booking's notice.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINEER_ROW_HEIGHT, TEAM_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { AXIS_HEIGHT } from '../../renderer/src/features/board/time-scale.js';
import { teamLabel } from '../../renderer/src/i18n/domain-labels.js';
import { translate } from '../../renderer/src/i18n/messages.js';
import { engineerNames } from '../../renderer/src/i18n/names.js';
import type { WorkOrder } from '../../shared/domain/index.js';
import { addDays } from '../../shared/time/index.js';
import { artifacts, closeOverlays, findOrder, namesakeDay, Stack, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;
const FIX_MS = 10_000;
const LANGUAGES = ['en', 'zh-CN'] as const;

let stack: Stack;
let watched: WatchedPage;
/** An order in the queue, to book. */
let queued: WorkOrder;
/** An order in the queue whose customer asked not to send one engineer (`excludedId`). */
let excluding: WorkOrder;
let excludedId: string;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 20, orders: 40 });
  const now = Date.now();
  await stack.editServer((db) => {
    const { engineerIds, queue } = namesakeDay(db, now, 2);
    const crumb = db.prepare(
      'INSERT OR REPLACE INTO breadcrumbs (engineer_id, at, lat, lon, heading, speed) VALUES (?, ?, ?, ?, 90, 8)',
    );
    const start = Math.floor((now - 3 * H) / FIX_MS) * FIX_MS;
    // A trail of an hour for each, to replay.
    for (const id of engineerIds)
      for (let at = start; at <= start + H; at += 6 * FIX_MS) crumb.run(id, at, 31.2, 121.4 + (at - start) / H / 10);
    // The second order in the queue: its customer asked not to send the first engineer, who has namesakes.
    excludedId = engineerIds[0]!;
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(
      JSON.stringify({ ...queue[1]!, excludedEngineerIds: [excludedId] }),
      queue[1]!.id,
    );
  });
  const inQueue = stack
    .serverOrders()
    .filter((o) => o.status === 'new')
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  queued = inQueue[0]!;
  excluding = inQueue[1]!;
  const host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

// Each test starts on the console as it opens: nothing a failed one left open stands in the next one's way.
afterEach(async () => {
  await closeOverlays(watched.page);
});

/** The name the console shows an engineer by, from the server's data. */
const shownName = (id: string, locale: 'en' | 'zh-CN', underTeams = false) =>
  engineerNames(stack.serverEngineers(), locale, { underTeams }).get(id)!;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

async function box(where: Locator): Promise<Box> {
  return where.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
}

/** Whether an element's text is cut: wider than the room it has. */
const cut = (where: Locator) => where.evaluate((el) => el.scrollWidth > el.clientWidth + 1);

async function language(page: Page, code: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language').selectOption(code);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
}

/** Opens the card of the board's first engineer; returns their id. */
async function firstCard(page: Page): Promise<string> {
  const board = page.getByTestId('board');
  await board.evaluate((el) => (el.scrollTop = 0));
  const at = (await board.boundingBox())!;
  await page.mouse.click(at.x + 40, at.y + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2);
  const card = page.getByTestId('engineer-card');
  await card.waitFor();
  return (await card.getAttribute('data-engineer-id'))!;
}

describe('engineers of one name at 1366×768', () => {
  it("the engineer card's heading names them whole, with team and short id, beside its close button", async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      const id = await firstCard(page);
      const card = page.getByTestId('engineer-card');
      const heading = card.locator('h3');
      expect(await heading.textContent()).toBe(shownName(id, code));
      expect(shownName(id, code)).toMatch(/#\d+/);
      expect(await cut(heading)).toBe(false);
      expect((await box(heading)).right).toBeLessThanOrEqual((await box(page.getByTestId('engineer-card-close'))).left);
      const at = await box(card);
      expect(at.bottom).toBeLessThanOrEqual(768);
      expect(at.right).toBeLessThanOrEqual((await box(page.getByTestId('map'))).left + 0.5);
      await page.screenshot({ path: join(artifacts, `namesakes-card-${code}.png`) });
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it('the daily sheet names them beside their team, by short id', async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      const id = await firstCard(page);
      await page.keyboard.press('Escape');
      await page.getByTestId('open-more').click();
      await page.getByTestId('daily-sheet-open').click();
      const sheet = page.getByTestId('daily-sheet');
      const who = sheet.locator('header dd').first();
      const team = teamLabel(stack.serverEngineers().find((e) => e.id === id)!.team, code);
      expect(await who.textContent()).toBe(`${shownName(id, code, true)} · ${team}`);
      expect(await cut(who)).toBe(false);
      await page.screenshot({ path: join(artifacts, `namesakes-sheet-${code}.png`) });
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it("the replay's picker, summary and marker name them apart, and its folded row keeps in the map", async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      await page.getByTestId('replay-open').click();
      const replay = page.getByTestId('replay');
      await replay.waitFor();
      const picker = page.getByTestId('replay-engineer');
      const id = await picker.inputValue();
      const team = teamLabel(stack.serverEngineers().find((e) => e.id === id)!.team, code);
      expect(await picker.locator(`option[value="${id}"]`).textContent()).toBe(
        translate(code, 'replay.engineerOption', { name: shownName(id, code, true), team }),
      );
      // Yesterday and today, so the trail three hours back is inside whatever the hour (just after midnight too).
      const today = (await page.getByTestId('replay-from').getAttribute('data-value'))!;
      await page.getByTestId('replay-from').fill(addDays(today, -1));
      await page.getByTestId('replay-load').click();
      const summary = page.getByTestId('replay-setup-toggle');
      await summary.waitFor();
      expect(await summary.textContent()).toContain(
        translate(code, 'replay.summary', { name: shownName(id, code), days: '' }),
      );
      expect(await page.getByTestId('replay-head').getAttribute('aria-label')).toContain(shownName(id, code));
      const panel = await box(replay);
      const map = await box(page.getByTestId('map'));
      expect((await box(summary)).right).toBeLessThanOrEqual(panel.right + 0.5);
      expect((await box(page.getByTestId('replay-close'))).right).toBeLessThanOrEqual(panel.right + 0.5);
      expect(panel.left).toBeGreaterThanOrEqual(map.left - 0.5);
      expect(panel.right).toBeLessThanOrEqual(map.right + 0.5);
      await page.screenshot({ path: join(artifacts, `namesakes-replay-${code}.png`) });
      await page.getByTestId('replay-close').click();
      await replay.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it('the rule violations name the engineer of each booking apart, the list in the window', async () => {
    const { page } = watched;
    for (const code of LANGUAGES) {
      await language(page, code);
      const toggle = page.getByTestId('violations-toggle');
      await expect.poll(() => toggle.getAttribute('data-count')).not.toBe('0');
      await toggle.click();
      const panel = page.getByTestId('violations-panel');
      const rows = panel.locator('li[data-order-id]');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      for (const row of await rows.all()) {
        const engineerId = stack.serverOrder((await row.getAttribute('data-order-id'))!)!.booking!.engineerId;
        expect(await row.locator('.violation-head').textContent()).toContain(shownName(engineerId, code));
      }
      const at = await box(panel);
      expect(at.left).toBeGreaterThanOrEqual(0);
      expect(at.right).toBeLessThanOrEqual(1366);
      expect(at.bottom).toBeLessThanOrEqual(768);
      expect(await cut(panel)).toBe(false);
      await page.screenshot({ path: join(artifacts, `namesakes-violations-${code}.png`) });
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it("the candidate list's reasons name an engineer apart: the one the customer asked not to send", async () => {
    const { page } = watched;
    expect(stack.serverOrder(excluding.id)!.excludedEngineerIds).toEqual([excludedId]);
    for (const code of LANGUAGES) {
      await language(page, code);
      await findOrder(page, excluding.code);
      await page.getByTestId('open-candidates').click();
      const panel = page.getByTestId('candidates');
      await expect.poll(() => panel.getByTestId('candidate-row').count()).toBeGreaterThan(0);
      const all = panel.getByTestId('candidates-show-all');
      if (await all.count()) await all.click();
      const row = panel.locator(`[data-testid="candidate-row"][data-engineer-id="${excludedId}"]`);
      const name = shownName(excludedId, code);
      expect(name).toMatch(/#\d+/);
      expect(await row.locator('td.why').textContent()).toBe(translate(code, 'reason.excluded', { name }));
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, `namesakes-candidates-${code}.png`) });
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it('a booking from the candidate list names the engineer apart in its notice, kept inside the window', async () => {
    const { page } = watched;
    await language(page, 'en');
    await findOrder(page, queued.code);
    await page.getByTestId('open-candidates').click();
    const panel = page.getByTestId('candidates');
    const rows = panel.getByTestId('candidate-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const chosen = (await rows.first().getAttribute('data-engineer-id'))!;
    const name = shownName(chosen, 'en');
    await page.keyboard.press('Enter');
    // Booked at once, or asked first when the slot is late (then booked late anyway): the engineer is named apart.
    const notice = page.getByTestId('notice');
    const late = page.getByTestId('late-booking-lateness');
    const said = async () =>
      `${(await notice.count()) ? await notice.textContent() : ''}|${(await late.count()) ? await late.textContent() : ''}`;
    await expect.poll(said).toContain(name);
    if (await late.count()) {
      expect(await late.textContent()).toContain(name);
      await page.getByTestId('late-booking-book').click();
    }
    await expect.poll(async () => ((await notice.count()) ? await notice.textContent() : '')).toContain(name);
    const at = await box(notice);
    expect(at.left).toBeGreaterThanOrEqual(0);
    expect(at.right).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: join(artifacts, 'namesakes-notice-en.png') });
    // A long notice is cut at its end, but never before the engineer's name; its tooltip holds all of it.
    const nameRight = await notice.evaluate((el, name) => {
      const text = el.firstChild!;
      const range = document.createRange();
      const end = text.textContent!.indexOf(name) + name.length;
      range.setStart(text, 0);
      range.setEnd(text, end);
      return range.getBoundingClientRect().right;
    }, name);
    expect(nameRight).toBeLessThanOrEqual(at.right);
    expect(await notice.getAttribute('title')).toContain(await notice.textContent());
    expect(watched.problems).toEqual([]);
  });
});
