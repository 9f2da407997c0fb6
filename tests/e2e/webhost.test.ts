// The web host as a browser sees it: the console loads under a strict CSP, the token never stays in the address bar,
// settings reach every tab and survive a reload, and a page without the right token gets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Stack, type ConsoleHost } from './stack.js';

let stack: Stack;
let host: ConsoleHost;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 60 });
  host = await stack.startConsole('dispatcher-1');
});

afterAll(async () => {
  await stack?.stop();
});

describe('the console in Chromium through the web host', () => {
  it('loads under the CSP with no console errors, and the token leaves the address bar', async () => {
    const { page, problems } = await stack.open(host);
    expect(page.url()).not.toContain('token');
    const csp = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    expect(csp).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(await page.locator('.brand').textContent()).toBe('Dispatch Console');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches the language in one tab: every tab follows, and it survives a reload', async () => {
    const a = await stack.open(host);
    const b = await stack.open(host);
    const brand = (p: typeof a.page) => p.locator('.brand').textContent();
    await a.page.getByTestId('open-settings').click();
    await a.page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => brand(a.page)).toBe('调度台');
    await expect.poll(() => brand(b.page)).toBe('调度台');
    await b.page.reload();
    await expect.poll(() => brand(b.page)).toBe('调度台');
    await a.page.getByTestId('language').selectOption('en');
    await expect.poll(() => brand(b.page)).toBe('Dispatch Console');
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.close();
    await b.page.close();
  });

  it('enforces the CSP: an injected inline script does not run', async () => {
    const { page, problems } = await stack.open(host);
    // An inline script that is allowed runs as it is inserted; one the policy blocks raises a violation event.
    const outcome = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; directive: string }>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (e) =>
              resolve({
                ran: (window as unknown as { injected?: boolean }).injected === true,
                directive: e.effectiveDirective,
              }),
            { once: true },
          );
          const script = document.createElement('script');
          script.textContent = 'window.injected = true';
          document.body.append(script);
          // An allowed inline script has run by now, and no violation will come.
          if ((window as unknown as { injected?: boolean }).injected === true) resolve({ ran: true, directive: '' });
        }),
    );
    expect(outcome).toEqual({ ran: false, directive: expect.stringMatching(/^script-src/) });
    await expect.poll(() => problems.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });

  it('gives a page with a wrong token no access, and says so', async () => {
    const page = await stack.browser.newPage();
    await page.goto(host.url.replace(/#token=.*/, '#token=not-the-token'));
    await expect.poll(() => page.getByTestId('boot-problem').textContent()).toMatch(/token|reach|denied|unauthori/i);
    expect(await page.getByTestId('board').count()).toBe(0);
    await page.close();
  });
});
