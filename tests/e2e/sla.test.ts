// SLA escalation end to end: a P1 logged while the console works offline breaches its respond target, and the
// escalation still fires — a desktop notification, the event in the order's trail, the order flagged in the queue —
// and reaches the server exactly once when the console is back online.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflicts, linkState, pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let host: ConsoleHost;
let sup: WatchedPage;

/** Records desktop notifications instead of showing them (the page's Notification API, permission granted). */
function recordNotifications(): void {
  const shown: Array<{ title: string; body: string; tag: string }> = [];
  class Recorder {
    static permission = 'granted';
    static requestPermission = () => Promise.resolve('granted');
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body?: string; tag?: string } = {}) {
      shown.push({ title, body: options.body ?? '', tag: options.tag ?? '' });
    }
    close() {}
  }
  Object.assign(window, { Notification: Recorder, shownNotifications: shown });
}

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  host = await stack.startConsole('supervisor');
  sup = await stack.open(host, { init: recordNotifications });
});

afterAll(async () => {
  await stack?.stop();
});

describe('SLA escalation', () => {
  it('fires for a P1 that breaches while the console is offline, and lands on the server once', async () => {
    const { page } = sup;
    // The supervisor tightens P1 respond targets to one minute, reaching the policy from the keyboard: Enter opens
    // the header's More menu on its first item, Enter again chooses it.
    await page.getByTestId('open-more').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'open-sla-policy');
    await page.keyboard.press('Enter');
    const editor = page.getByTestId('sla-policy');
    // Targets read as hours and minutes ("4:00", "72:00"), not raw minutes; the policy still stores minutes.
    const shown = await editor
      .locator('[data-testid^="sla-cell-"]')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
    expect(shown.length).toBe(33);
    for (const value of shown) expect(value).toMatch(/^\d+:[0-5]\d$/);
    for (const tier of ['platinum', 'gold', 'silver', 'bronze'])
      await editor.getByTestId(`sla-cell-P1.${tier}.respondMin`).fill('0:01');
    await editor.getByTestId('sla-policy-save').click();
    await expect.poll(() => pending(page)).toBe(0);

    // Offline from here on: a call comes in and is logged as P1.
    await page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(page)).toBe('paused');
    const known = stack.serverOrderByCode('WO-000001')!;
    await page.getByTestId('open-new-order').click();
    const form = page.getByTestId('new-order');
    await form.getByTestId('new-order-customer').fill(known.customer.name);
    await form.getByTestId('new-order-priority').selectOption('P1');
    await form.getByTestId('new-order-summary').fill('Gas smell in the plant room');
    await form.getByTestId('new-order-submit').click();
    const code = (await page.getByTestId('order-details').locator('h2').textContent())!;
    expect(code).toMatch(/^WO-\d{6}-/);

    // A minute later, still offline, the escalation fires.
    const shownFor = () =>
      page.evaluate(
        (c) =>
          (
            window as unknown as { shownNotifications: Array<{ title: string; body: string }> }
          ).shownNotifications.filter((n) => `${n.title} ${n.body}`.includes(c)).length,
        code,
      );
    await expect.poll(shownFor, { timeout: 100_000, interval: 1_000 }).toBe(1);
    expect(await linkState(page)).toBe('paused');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toMatch(/escalat/i);
    // Flagged in the queue too: the order's row is marked breached (narrowed to it: the queue draws only rows on screen).
    await page.getByPlaceholder('Search code, customer, address').fill(code);
    await page
      .getByTestId('queue')
      .getByRole('button', { name: new RegExp(code) })
      .waitFor();
    expect(
      await page
        .getByTestId('queue')
        .getByRole('button', { name: new RegExp(code) })
        .getAttribute('class'),
    ).toMatch(/sla-breached/);
    expect(stack.serverOrderByCode(code)).toBeNull();

    // Back online: the order and its escalation reach the server, once.
    const backOnlineAt = Date.now();
    await page.getByTestId('work-offline').click();
    await expect.poll(() => pending(page)).toBe(0);
    expect(await conflicts(page)).toBe(0);
    const order = stack.serverOrderByCode(code)!;
    const escalations = stack.serverEvents(order.id).filter((e) => e.kind === 'escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ id: `sla:${order.id}:escalated:respond` });
    // The breach was detected while offline, before the console came back.
    expect(escalations[0]!.at).toBeLessThan(backOnlineAt);
    expect(await shownFor()).toBe(1);
  });
});
