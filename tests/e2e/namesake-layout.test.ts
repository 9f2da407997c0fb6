// Namesakes on a laptop screen (1366×768), in English and in Chinese: the bracket that tells an engineer from another of
// the same name ("(Minhang 1, #0012)", "（闵行1组，#0012）") reads as one. An order's booking breaks its line before the
// bracket, never inside it; the board's rows write it as every other place does (engineerNames) and, cutting a long
// name to fit, keep the short id.
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamLabel } from '../../renderer/src/i18n/domain-labels.js';
import { engineerNames, shortId } from '../../renderer/src/i18n/names.js';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { artifacts, findOrder, Stack, type WatchedPage } from './stack.testing.js';

/** Two long names, each given to every other engineer: in a team of ten, five share each. */
const NAMES = ['Ouyang Zhiyuan', 'Sima Wenbo'];
const LANGUAGES = ['en', 'zh-CN'] as const;

let stack: Stack;
let watched: WatchedPage;
/** An order booked for a namesake, to open. */
let booked: WorkOrder;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 20, orders: 40 });
  await stack.editServer((db) => {
    const rows = db.prepare('SELECT id, data FROM engineers ORDER BY id').all() as { id: string; data: string }[];
    const put = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    for (const [i, row] of rows.entries()) {
      const e = JSON.parse(row.data) as Engineer;
      put.run(JSON.stringify({ ...e, name: NAMES[i % 2]! }), row.id);
    }
  });
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
 * The lines the part of an element's text from `from` on is laid out on (their tops, rounded), and the right edge of
 * that part: the element's text may be split among several nodes.
 */
async function linesFrom(where: Locator, from: number): Promise<{ tops: number[]; right: number }> {
  return where.evaluate((el, from) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    let started = false;
    let last: Text | null = null;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const length = node.textContent!.length;
      if (!started && seen + length > from) {
        range.setStart(node, from - seen);
        started = true;
      }
      seen += length;
      last = node;
    }
    range.setEnd(last!, last!.textContent!.length);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    return {
      tops: [...new Set(rects.map((r) => Math.round(r.top)))],
      right: Math.max(...rects.map((r) => r.right)),
    };
  }, from);
}

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
      expect((await linesFrom(button, 0)).tops.length).toBeGreaterThan(1);
      const at = await linesFrom(button, label.length - mark.trimStart().length);
      expect(at.tops).toHaveLength(1);
      const booking = await page.getByTestId('order-booking').evaluate((el) => el.getBoundingClientRect().right);
      expect(at.right).toBeLessThanOrEqual(booking + 0.5);
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
});
