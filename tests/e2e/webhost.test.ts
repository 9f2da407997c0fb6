import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const root = join(import.meta.dirname, '..', '..');

let dataDir: string;
let host: ChildProcess;
let url: string;
let browser: Browser;

/** Starts the web host as `npm start` does and reads the address it prints. */
async function startHost(): Promise<string> {
  host = spawn(process.execPath, ['dist/webhost/main.mjs', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, DISPATCH_SERVER_URL: '', DISPATCH_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web host printed no address: ${out}`)), 20_000);
    host.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /console at (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve(m[1]!);
    });
    host.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
    host.on('exit', (code) => reject(new Error(`the web host exited (${code}): ${out}`)));
  });
}

/** A page with every console error, page error and failed request recorded. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  return { page, problems };
}

beforeAll(async () => {
  await ensureBuilt(['renderer', 'webhost']);
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-webhost-'));
  url = await startHost();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (host && host.exitCode === null) {
    const exited = new Promise((r) => host.once('exit', r));
    host.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the console in Chromium through the web host', () => {
  it('loads under the CSP with no console errors, and a call round-trips', async () => {
    const { page, problems } = await openPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId('app-info').textContent(), { timeout: 15_000 }).toMatch(/ · web · /);
    await expect.poll(() => page.getByTestId('link').textContent()).toBe('link: open');
    // The token left the address bar at once; the page keeps it for reloads only.
    expect(page.url()).not.toContain('token');
    const csp = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    );
    expect(csp).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('changes a setting through the API, keeps it across a reload, and tells every open tab', async () => {
    const a = await openPage();
    const b = await openPage();
    await a.page.goto(url);
    await b.page.goto(url);
    const language = (p: Page) => p.getByTestId('language').textContent();
    await expect.poll(() => language(a.page), { timeout: 15_000 }).toBe('en');
    await expect.poll(() => language(b.page), { timeout: 15_000 }).toBe('en');
    await a.page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => language(a.page)).toBe('zh-CN');
    await expect.poll(() => language(b.page)).toBe('zh-CN');
    await a.page.reload();
    await expect.poll(() => language(a.page), { timeout: 15_000 }).toBe('zh-CN');
    await a.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => language(b.page)).toBe('en');
    expect([...a.problems, ...b.problems]).toEqual([]);
    await a.page.close();
    await b.page.close();
  });

  it('enforces the CSP: an injected inline script does not run', async () => {
    const { page, problems } = await openPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId('link').textContent(), { timeout: 15_000 }).toBe('link: open');
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    expect(problems.join('\n')).toMatch(/Content Security Policy/);
    await page.close();
  });

  it('gives a page with a wrong token no access', async () => {
    const { page } = await openPage();
    await page.goto(url.replace(/#token=.*/, '#token=not-the-token'));
    await expect.poll(() => page.getByTestId('link').textContent(), { timeout: 15_000 }).toMatch(/cannot reach/);
    expect(await page.getByTestId('app-info').count()).toBe(0);
    await page.close();
  });
});
