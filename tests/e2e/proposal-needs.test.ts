// An auto-dispatch proposal on a laptop screen (1366×768): when a picked move needs another, the question that holds
// accepting back ("WO-2 needs the move of WO-1 too… Take both, or neither?") shows beside the buttons, in view however
// long the plan above it and wherever the panel is scrolled. Which moves need which is the engine's to say and depends
// on the day; here the console's answer to "what do the picked moves need" names one, so the panel has to ask.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localParts } from '../../shared/time/index.js';
import { artifacts, Stack, type ConsoleHost } from './stack.testing.js';

let stack: Stack;
let host: ConsoleHost;
let page: Page;
/** The move picked, and the one the console says it needs, once the plan is there. */
const needing = { picked: '', needs: '' };

beforeAll(async () => {
  stack = await Stack.start();
  host = await stack.startConsole('dispatcher-1');
  page = await stack.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
  page.setDefaultTimeout(60_000);
  // The console's link to its core, passed through both ways; the answer to "what do the picked moves need" for the
  // picked move alone names the other, and for the two together nothing more (whatever the engine would find on the
  // day: before 07:00 its plan can tie them to further moves).
  await page.routeWebSocket(/.*/, (ws) => {
    const core = ws.connectToServer();
    const alone = new Set<number>();
    const both = new Set<number>();
    ws.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { type?: string; id?: number; method?: string; args?: unknown };
      const ids = (frame.args as { orderIds?: string[] } | undefined)?.orderIds;
      if (frame.method === 'dispatch.needs' && ids?.length === 1 && ids[0] === needing.picked) alone.add(frame.id!);
      if (
        frame.method === 'dispatch.needs' &&
        ids?.length === 2 &&
        ids.includes(needing.picked) &&
        ids.includes(needing.needs)
      )
        both.add(frame.id!);
      core.send(m);
    });
    core.onMessage((m) => {
      const frame = JSON.parse(String(m)) as { type?: string; id?: number; ok?: boolean };
      if (frame.type === 'result' && frame.ok && alone.has(frame.id!))
        ws.send(JSON.stringify({ ...frame, value: { needs: [needing.needs], needing: [needing.picked] } } as object));
      else if (frame.type === 'result' && frame.ok && both.has(frame.id!))
        ws.send(JSON.stringify({ ...frame, value: { needs: [], needing: [] } } as object));
      else ws.send(m);
    });
  });
  await page.goto(host.url);
  await page.getByTestId('board').waitFor();
  await page.locator('[data-testid="link-state"][data-state="online"]').waitFor();
});

afterAll(async () => {
  await stack?.stop();
});

describe('an auto-dispatch proposal at 1366×768', () => {
  it('asks "take both, or neither?" in view beside the buttons, however far the panel is scrolled', async () => {
    // A day with its shifts ahead: today before they begin, the next day otherwise.
    if (localParts(Date.now(), 'Asia/Shanghai').hour >= 7) await page.getByRole('button', { name: 'Later' }).click();
    await page.getByTestId('open-auto-dispatch').click();
    const dialog = page.getByTestId('auto-dispatch');
    await dialog.getByRole('combobox').nth(1).selectOption('3');
    await dialog.getByTestId('run-dispatch').click();
    const rows = dialog.getByTestId('proposal').locator('ul.moves li');
    await rows.first().waitFor();
    // A plan longer than the panel, so that the question has somewhere to hide: how many moves the city's day gives
    // depends on the hour, and a shorter plan is made longer than the panel in a shorter window.
    const overflows = () => dialog.evaluate((el) => el.scrollHeight > el.clientHeight);
    if (!(await overflows())) await page.setViewportSize({ width: 1366, height: 460 });
    await expect.poll(overflows).toBe(true);
    const ids = await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-order-id') ?? ''));
    expect(ids.length).toBeGreaterThan(1);
    [needing.picked, needing.needs] = [ids[0]!, ids[1]!];
    for (const box of await rows.locator('input').all()) await box.uncheck();
    await rows.nth(0).locator('input').check();

    const question = dialog.getByTestId('proposal-needs');
    await expect.poll(() => question.textContent()).toMatch(/needs the move of WO-[\w-]+ too/);
    expect(await dialog.getByTestId('accept-selected').isDisabled()).toBe(true);
    for (const top of [0, 100_000]) {
      await dialog.evaluate((el, to) => (el.scrollTop = to), top);
      const [asked, panel] = [await question.boundingBox(), await dialog.boundingBox()];
      expect(
        asked && panel && asked.y >= panel.y && asked.y + asked.height <= panel.y + panel.height,
        `at ${top}`,
      ).toBe(true);
      // Its buttons too, above nothing that covers them.
      const both = dialog.getByTestId('take-both');
      const box = (await both.boundingBox())!;
      expect(
        await page.evaluate(
          ([x, y]) => document.elementFromPoint(x!, y!)?.getAttribute('data-testid') ?? null,
          [box.x + box.width / 2, box.y + box.height / 2],
        ),
      ).toBe('take-both');
    }
    await page.screenshot({ path: join(artifacts, 'proposal-needs-1366.png') });
    await dialog.getByTestId('take-both').click();
    await expect.poll(() => rows.nth(1).locator('input').isChecked()).toBe(true);
    await expect.poll(() => question.count()).toBe(0);
  });
});
