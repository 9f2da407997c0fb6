// Namesakes on a laptop screen (1366×768), in English and in Chinese: the bracket that tells an engineer from another of
// the same name ("(Minhang 1, #0012)", "（闵行1组，#0012）") reads as one. An order's booking (in its details and on
// its bar's card) and the candidate list break a line before the bracket, never inside it; the board's rows write it
// as every other place does (engineerNames) and, cutting a long name to fit, keep the short id.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamLabel } from '../../renderer/src/i18n/domain-labels.js';
import { engineerNames, shortId } from '../../renderer/src/i18n/names.js';
import type { WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, namesakeDay, selectedBar, Stack, type WatchedPage } from './stack.testing.js';

const LANGUAGES = ['en', 'zh-CN'] as const;

let stack: Stack;
let watched: WatchedPage;
/** An order booked for a namesake, to open. */
let booked: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 20, orders: 40 });
  const now = Date.now();
  await stack.editServer((db) => namesakeDay(db, now, 1));
  booked = stack
    .serverOrders()
    .filter((o) => o.booking && o.status === 'scheduled')
    .sort((a, b) => (a.code < b.code ? -1 : 1))[0]!;
  const host = await stack.startConsole('dispatcher-1');
  // Every text the board's canvas draws, to read the rows' labels as a dispatcher sees them.
  const init = () => {
    const drawn = new Set<string>();
    (window as unknown as { boardTexts: Set<string> }).boardTexts = drawn;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text, ...rest) {
      if (this.canvas.classList.contains('board-canvas')) drawn.add(text);
      return fillText.call(this, text, ...rest);
    };
  };
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 }, init });
});

afterAll(async () => {
  await stack?.stop();
});

async function language(page: Page, code: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('open-settings').click();
  await page.getByTestId('language').selectOption(code);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(code);
}

/** The bracket after an engineer's name, as names.ts writes it in each language. */
const bracket = (code: 'en' | 'zh-CN', inside: string) => (code === 'en' ? ` (${inside})` : `（${inside}）`);

/**
 * The lines `part` of an element's text is laid out on (their tops, rounded), and its right edge; the element's text may
 * be split among several nodes.
 */
async function linesOf(where: Locator, part: string): Promise<{ tops: number[]; right: number }> {
  return where.evaluate((el, part) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const from = nodes
      .map((n) => n.textContent)
      .join('')
      .indexOf(part);
    if (from < 0) throw new Error(`"${part}" is not in "${el.textContent}"`);
    /** The text node and offset at a position of the element's text. */
    const at = (i: number, end: boolean): [Text, number] => {
      let seen = 0;
      for (const n of nodes) {
        const length = n.textContent!.length;
        if (i < seen + length || (end && i === seen + length)) return [n, i - seen];
        seen += length;
      }
      throw new Error(`no position ${i}`);
    };
    const range = document.createRange();
    range.setStart(...at(from, false));
    range.setEnd(...at(from + part.length, true));
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    return {
      tops: [...new Set(rects.map((r) => Math.round(r.top)))],
      right: Math.max(...rects.map((r) => r.right)),
    };
  }, part);
}

const right = (where: Locator) => where.evaluate((el) => el.getBoundingClientRect().right);

describe('namesakes read apart at 1366×768', () => {
  it("an order's booking keeps the engineer's bracket on one line, in the details' column", async () => {
    const { page } = watched;
    const engineer = stack.serverEngineers().find((e) => e.id === booked.booking!.engineerId)!;
    for (const code of LANGUAGES) {
      await language(page, code);
      await findOrder(page, booked.code);
      const button = page.getByTestId('order-engineer');
      const label = engineerNames(stack.serverEngineers(), code).get(engineer.id)!;
      const mark = bracket(
        code,
        `${teamLabel(engineer.team, code)}${code === 'en' ? ', ' : '，'}#${shortId(engineer.id)}`,
      );
      expect(label).toBe(`${engineer.name}${mark}`);
      await expect.poll(() => button.textContent()).toBe(label);
      await page.screenshot({ path: join(artifacts, `namesake-booking-${code}.png`) });
      // At this width the name and its bracket do not fit on one line: the line breaks before the bracket.
      expect((await linesOf(button, label)).tops.length).toBeGreaterThan(1);
      const at = await linesOf(button, mark.trimStart());
      expect(at.tops).toHaveLength(1);
      expect(at.right).toBeLessThanOrEqual((await right(page.getByTestId('order-booking'))) + 0.5);
    }
    expect(watched.problems).toEqual([]);
  });

  it("the board's rows name a namesake by the short id in brackets, and cut a long name before it", async () => {
    const { page } = watched;
    const engineers = stack.serverEngineers();
    const engineer = engineers.find((e) => e.id === booked.booking!.engineerId)!;
    const rows = page.locator('.board ul.visually-hidden li');
    for (const code of LANGUAGES) {
      await page.evaluate(() => (window as unknown as { boardTexts: Set<string> }).boardTexts.clear());
      await language(page, code);
      const mark = bracket(code, `#${shortId(engineer.id)}`);
      const label = engineerNames(engineers, code, { underTeams: true }).get(engineer.id)!;
      // The same words as engineerNames gives everywhere else, the team going without saying under its heading.
      expect(label).toBe(`${engineer.name}${mark}`);
      await expect.poll(async () => (await rows.allTextContents()).some((t) => t.startsWith(label))).toBe(true);
      // Drawn: the name does not fit before the utilisation bar; it is cut, and the short id is kept whole after it.
      const drawn = await page.evaluate(() => [...(window as unknown as { boardTexts: Set<string> }).boardTexts]);
      const row = drawn.filter((t) => t.endsWith(mark) && !t.startsWith(engineer.name));
      expect(row).toHaveLength(1);
      const cut = row[0]!.slice(0, -mark.length);
      expect(cut).toMatch(/…$/);
      expect(engineer.name.startsWith(cut.slice(0, -1))).toBe(true);
      await page.screenshot({ path: join(artifacts, `namesake-rows-${code}.png`) });
    }
    expect(watched.problems).toEqual([]);
  });

  it("a bar's card keeps the engineer's bracket of its booking on one line, in the card", async () => {
    const { page } = watched;
    const engineer = stack.serverEngineers().find((e) => e.id === booked.booking!.engineerId)!;
    for (const code of LANGUAGES) {
      await language(page, code);
      await findOrder(page, booked.code);
      const bar = await selectedBar(page);
      await page.mouse.move(bar.centre.x, bar.centre.y, { steps: 3 });
      const booking = page.getByTestId('bar-card-booking');
      const label = engineerNames(stack.serverEngineers(), code).get(engineer.id)!;
      await expect.poll(() => booking.textContent()).toContain(label);
      await page.screenshot({ path: join(artifacts, `namesake-bar-card-${code}.png`) });
      const at = await linesOf(booking, label.slice(engineer.name.length).trimStart());
      expect(at.tops).toHaveLength(1);
      expect(at.right).toBeLessThanOrEqual((await right(booking)) + 0.5);
      await page.mouse.move(5, 5);
      await page.getByTestId('bar-card').waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it("the candidate list keeps each engineer's bracket on one line, in its column", async () => {
    const { page } = watched;
    const engineers = stack.serverEngineers();
    const queued = stack
      .serverOrders()
      .filter((o) => o.status === 'new')
      .sort((a, b) => (a.code < b.code ? -1 : 1))[0]!;
    for (const code of LANGUAGES) {
      await language(page, code);
      await findOrder(page, queued.code);
      await page.getByTestId('open-candidates').click();
      const rows = page.getByTestId('candidate-row');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifacts, `namesake-candidates-${code}.png`) });
      for (const row of await rows.all()) {
        const id = (await row.getAttribute('data-engineer-id'))!;
        const engineer = engineers.find((e) => e.id === id)!;
        const label = engineerNames(engineers, code).get(id)!;
        const name = row.locator('td').first().locator('strong');
        expect(await name.textContent()).toBe(label);
        const at = await linesOf(name, label.slice(engineer.name.length).trimStart());
        expect(at.tops).toHaveLength(1);
        expect(at.right).toBeLessThanOrEqual((await right(row.locator('td').first())) + 0.5);
      }
      await page.keyboard.press('Escape');
      await page.getByTestId('candidates').waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });
});
