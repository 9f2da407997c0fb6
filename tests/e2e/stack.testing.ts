// The whole product on loopback for end-to-end tests: the sync server (its own SQLite, the simulated city), web hosts
// each running a console's core for one demo user, and Debian's Chromium driving the built renderer.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureBuilt } from '../../scripts/build.mjs';
import type { Engineer, OrderEvent, WorkOrder } from '../../shared/domain/index.js';
import { epochAtLocal, localDate } from '../../shared/time/index.js';
import { launchChromium } from '../support/chromium.testing.js';
import { bundle, freePort, Proc } from '../support/processes.testing.js';

export const root = join(import.meta.dirname, '..', '..');
export const artifacts = join(root, 'tests', 'artifacts', 'e2e');

/**
 * Closes what a test may have left open over the console (the daily sheet, the auto-dispatch panel, the replay, an
 * engineer's card), so that each test starts on the console as it opens.
 */
export async function closeOverlays(page: Page): Promise<void> {
  const sheet = page.getByTestId('daily-sheet');
  if (await sheet.count()) await sheet.locator('.sheet-tools button').last().click();
  const dialog = page.getByTestId('auto-dispatch');
  if (await dialog.count()) await dialog.locator('header button').click();
  const replay = page.getByTestId('replay-close');
  if (await replay.count()) await replay.click();
  const card = page.getByTestId('engineer-card-close');
  if (await card.count()) await card.click();
}

/**
 * Where a screenshot the README shows is written: docs/ when the run is asked to refresh them (UPDATE_DOCS=1), else
 * beside the other artifacts, so that running the suite leaves the tree as it was.
 */
export const docsShot = (name: string): string =>
  join(process.env.UPDATE_DOCS === '1' ? join(root, 'docs') : artifacts, name);

export interface ConsoleHost {
  user: string;
  url: string;
  proc: Proc;
}

/** A page with every console error, page error and failed request recorded. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

export class Stack {
  private constructor(
    readonly dir: string,
    readonly serverPort: number,
    private readonly serverBin: string,
    readonly browser: Browser,
  ) {}

  server: Proc | null = null;
  readonly hosts: ConsoleHost[] = [];
  private tokens: Record<string, { token: string }> = {};

  static async start(options: { engineers?: number; orders?: number } = {}): Promise<Stack> {
    await ensureBuilt(['renderer', 'webhost']);
    mkdirSync(artifacts, { recursive: true });
    const bin = await bundle({ server: join(root, 'server', 'src', 'index.ts') }, artifacts);
    const dir = mkdtempSync(join(tmpdir(), 'e2e-'));
    const browser = await launchChromium();
    const stack = new Stack(dir, await freePort(), bin.server!, browser);
    stack.cityArgs = ['--engineers', String(options.engineers ?? 24), '--orders', String(options.orders ?? 160)];
    await stack.startServer();
    return stack;
  }

  private cityArgs: string[] = [];

  get serverDir(): string {
    return join(this.dir, 'server');
  }

  /** Starts (or restarts, on the same port and database) the sync server. */
  async startServer(): Promise<void> {
    const tokensFile = join(this.dir, 'tokens.json');
    // The city as generated, not today played up to the clock: the same start whatever the time of day.
    const args = [
      ...['--port', String(this.serverPort), '--data-dir', this.serverDir, '--tokens-out', tokensFile],
      ...['--warm-start', 'off'],
    ];
    this.server = new Proc(this.serverBin, [...args, ...this.cityArgs]);
    await this.server.waitFor(/listening on/, 60_000);
    await this.server.waitFor(/written to/, 10_000);
    this.tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, { token: string }>;
  }

  /** A demo user's sign-in token (devices included), as the server wrote them out. */
  tokenOf(user: string): string {
    const token = this.tokens[user]?.token;
    if (!token) throw new Error(`no demo user ${user}`);
    return token;
  }

  async killServer(): Promise<void> {
    await this.server?.kill('SIGKILL');
    this.server = null;
  }

  /**
   * A web host (a console's core) signed in as `user`, with its own cache; `seat` tells apart two consoles of the same
   * user (two desks, or a laptop beside the desk). `serverUrl` puts something between the console and the server (a
   * proxy that counts what reaches the server).
   */
  async startConsole(user: string, seat = '', options: { serverUrl?: string } = {}): Promise<ConsoleHost> {
    const token = this.tokens[user]?.token;
    if (!token) throw new Error(`no demo user ${user}`);
    const proc = new Proc(
      join(root, 'dist', 'webhost', 'main.mjs'),
      ['--port', '0', '--data-dir', join(this.dir, `console-${user}${seat ? `-${seat}` : ''}`)],
      {
        DISPATCH_SERVER_URL: options.serverUrl ?? `http://127.0.0.1:${this.serverPort}`,
        DISPATCH_TOKEN: token,
      },
    );
    const line = await proc.waitFor(/console at http:\/\/\S+/, 60_000);
    const host = { user, url: /console at (http:\/\/\S+)/.exec(line)![1]!, proc };
    this.hosts.push(host);
    return host;
  }

  /** Opens a console in Chromium and waits until the board has loaded. */
  async open(
    host: ConsoleHost,
    options: { viewport?: { width: number; height: number }; init?: () => void } = {},
  ): Promise<WatchedPage> {
    const page = await this.browser.newPage({
      viewport: options.viewport ?? { width: 1600, height: 900 },
      locale: 'en-GB',
    });
    // Locator waits end when the page shows what they wait for; the limit only catches a hang (see vitest.config.ts).
    page.setDefaultTimeout(60_000);
    if (options.init) await page.addInitScript(options.init);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(host.url);
    await page.getByTestId('board').waitFor();
    await page.locator('[data-testid="link-state"][data-state="online"]').waitFor();
    return { page, problems };
  }

  /** The server's database, read-only, beside the running server (WAL lets both in). */
  serverOrder(orderId: string): WorkOrder | null {
    return this.read((db) => {
      const row = db.prepare('SELECT data FROM orders WHERE id = ?').get(orderId) as { data: string } | undefined;
      return row ? (JSON.parse(row.data) as WorkOrder) : null;
    });
  }

  serverOrderByCode(code: string): WorkOrder | null {
    return this.read((db) => {
      const row = db.prepare('SELECT data FROM orders WHERE code = ?').get(code) as { data: string } | undefined;
      return row ? (JSON.parse(row.data) as WorkOrder) : null;
    });
  }

  serverOrders(): WorkOrder[] {
    return this.read((db) =>
      (db.prepare('SELECT data FROM orders ORDER BY id').all() as { data: string }[]).map(
        (r) => JSON.parse(r.data) as WorkOrder,
      ),
    );
  }

  serverEngineers(): Engineer[] {
    return this.read((db) =>
      (db.prepare('SELECT data FROM engineers').all() as { data: string }[]).map((r) => JSON.parse(r.data) as Engineer),
    );
  }

  serverEngineerByName(name: string): Engineer {
    const found = this.serverEngineers().filter((e) => e.name === name);
    if (found.length !== 1) throw new Error(`${found.length} engineers are called ${name}`);
    return found[0]!;
  }

  serverEvents(orderId: string): OrderEvent[] {
    return this.read((db) =>
      (
        db.prepare('SELECT data FROM events WHERE order_id = ? ORDER BY at, seq').all(orderId) as { data: string }[]
      ).map((r) => JSON.parse(r.data) as OrderEvent),
    );
  }

  /** How many times the server applied a mutation of this name to this order, from its audit log. */
  serverApplied(name: string, orderId: string): number {
    return this.read((db) => {
      const rows = db.prepare("SELECT args FROM audit WHERE name = ? AND outcome = 'applied'").all(name) as {
        args: string;
      }[];
      return rows.filter((r) => (JSON.parse(r.args) as { orderId?: string }).orderId === orderId).length;
    });
  }

  /**
   * Changes the server's database while the server is stopped (a day set up for a test before any console has
   * synced), then starts the server again on it.
   */
  async editServer(fn: (db: Database.Database) => void): Promise<void> {
    await this.killServer();
    const db = new Database(join(this.serverDir, 'server.sqlite'), { fileMustExist: true });
    try {
      db.transaction(() => fn(db))();
    } finally {
      db.close();
    }
    await this.startServer();
  }

  private read<T>(fn: (db: Database.Database) => T): T {
    const db = new Database(join(this.serverDir, 'server.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => {});
    for (const h of this.hosts) await h.proc.kill('SIGTERM');
    await this.killServer();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const HOUR = 3_600_000;

/**
 * The first five-minute mark from `from` at which an hour-long bar stays within one day of the centre's clock (the
 * simulated city's, Shanghai): from 23:00 on, the next midnight. A bar across midnight is drawn in two parts, one on
 * each day, and is not a bar a test can drag.
 */
export function hourWithinDay(from: number, timeZone = 'Asia/Shanghai'): number {
  const at = Math.ceil(from / 300_000) * 300_000;
  if (localDate(at, timeZone) === localDate(at + HOUR - 1, timeZone)) return at;
  return epochAtLocal(localDate(at + HOUR - 1, timeZone), 0, timeZone);
}

/**
 * The start of a job of `durationMin` done about three hours before `now`: earlier, ending half an hour before
 * midnight, when its bar would run across midnight in `timeZone` (at 02:00 a job from 23:00 to 00:30 is on two days,
 * and the board shows only the part on the day it is on).
 */
export function doneWithinDay(now: number, durationMin: number, timeZone = 'Asia/Shanghai'): number {
  const start = Math.floor((now - 3 * HOUR) / 60_000) * 60_000;
  const end = start + durationMin * 60_000;
  if (localDate(start, timeZone) === localDate(end - 1, timeZone)) return start;
  return epochAtLocal(localDate(end - 1, timeZone), 0, timeZone) - HOUR / 2 - durationMin * 60_000;
}

/** Two long names, each given to every other engineer by `namesakeDay`: in a team of ten, five share each. */
export const NAMESAKE_NAMES = ['Ouyang Zhiyuan', 'Sima Wenbo'];

/**
 * A day of namesakes, in a server edit (Stack.editServer): every engineer named by turns after NAMESAKE_NAMES and on
 * shift from an hour before `now` for twelve hours without absences, and the first `easy` orders in the queue (by code)
 * ones anyone can take then, so that a candidate list has engineers whatever the hour. Returns the engineers' ids and
 * the queue, both in order.
 */
export function namesakeDay(
  db: Database.Database,
  now: number,
  easy: number,
): { engineerIds: string[]; queue: WorkOrder[] } {
  const rows = db.prepare('SELECT id, data FROM engineers ORDER BY id').all() as { id: string; data: string }[];
  const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
  const shifts = [{ start: now - HOUR, end: now + 12 * HOUR, breaks: [] }];
  for (const [i, row] of rows.entries()) {
    const e = JSON.parse(row.data) as Engineer;
    putEngineer.run(JSON.stringify({ ...e, name: NAMESAKE_NAMES[i % 2]!, shifts, absences: [] }), row.id);
  }
  const queue = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
    .map((r) => JSON.parse(r.data) as WorkOrder)
    .filter((o) => o.status === 'new')
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const putOrder = db.prepare('UPDATE orders SET data = ? WHERE id = ?');
  for (const [i, o] of queue.slice(0, easy).entries()) {
    queue[i] = {
      ...o,
      requiredSkills: [],
      requiredParts: [],
      window: null,
      excludedEngineerIds: [],
      preferredEngineerIds: [],
      sla: { respondBy: now + 24 * HOUR, resolveBy: now + 48 * HOUR },
    };
    putOrder.run(JSON.stringify(queue[i]), o.id);
  }
  return { engineerIds: rows.map((r) => r.id), queue };
}

/**
 * Clears the board for a test, in a server edit (Stack.editServer): what was booked goes back to the queue, and what
 * was under way or done is done three hours before `now`. Returns every order as it now is, by id.
 */
export function clearBookings(db: Database.Database, now: number): WorkOrder[] {
  const orders = (db.prepare('SELECT data FROM orders ORDER BY id').all() as { data: string }[]).map(
    (r) => JSON.parse(r.data) as WorkOrder,
  );
  const putOrder = db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?');
  for (const x of orders.filter((x) => x.booking)) {
    const start = now - 3 * HOUR;
    const done = ['en_route', 'on_site', 'completed'].includes(x.status);
    const moved: WorkOrder = done
      ? { ...x, status: 'completed', booking: { ...x.booking!, start, end: start + x.durationMin * 60_000 } }
      : { ...x, status: 'new', booking: null };
    putOrder.run(JSON.stringify(moved), moved.booking?.engineerId ?? null, x.id);
    Object.assign(x, moved);
  }
  return orders;
}

/**
 * Books `order` in a server edit as an hour-long job for `engineerId` from `at`, free of every rule a drag test does
 * not mean to meet (no skills, parts, window or preferences; its SLA a day and two ahead of `now`). Returns it booked.
 */
export function bookHour(
  db: Database.Database,
  order: WorkOrder,
  engineerId: string,
  at: number,
  now: number,
): WorkOrder {
  const booked: WorkOrder = {
    ...order,
    status: 'scheduled',
    requiredSkills: [],
    requiredParts: [],
    window: null,
    durationMin: 60,
    excludedEngineerIds: [],
    preferredEngineerIds: [],
    sla: { respondBy: now + 24 * HOUR, resolveBy: now + 48 * HOUR },
    booking: { engineerId, start: at, end: at + HOUR, pinned: false },
  };
  db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?').run(
    JSON.stringify(booked),
    engineerId,
    order.id,
  );
  return booked;
}

export const linkState = (page: Page) => page.getByTestId('link-state').getAttribute('data-state');
export const pending = async (page: Page) => Number(await page.getByTestId('pending').getAttribute('data-count'));
export const conflicts = async (page: Page) =>
  Number(await page.getByTestId('conflicts-badge').getAttribute('data-count'));

/**
 * Where the board drew the selected booking's bar (its `data-selected-bar`, in the board's own pixels), once it has:
 * the bar's box there and its centre on the page.
 */
export async function selectedBar(page: Page): Promise<{ box: number[]; centre: { x: number; y: number } }> {
  const board = page.getByTestId('board');
  await expect.poll(() => board.getAttribute('data-selected-bar')).toMatch(/^\[/);
  const [x, y, w, h] = JSON.parse((await board.getAttribute('data-selected-bar'))!) as number[];
  const at = (await board.boundingBox())!;
  return { box: [x!, y!, w!, h!], centre: { x: at.x + x! + w! / 2, y: at.y + y! + h! / 2 } };
}

/** Selects an order through the find box, as a dispatcher with a caller on the line would. */
export async function findOrder(page: Page, code: string): Promise<void> {
  await page.getByTestId('find-order').fill(code);
  const option = page.getByTestId('find-results').getByRole('option').first();
  // The code is legible: WCAG AA contrast (4.5:1) against the list's background.
  expect(await option.locator('strong').evaluate(contrastWithBackground)).toBeGreaterThanOrEqual(4.5);
  await option.click();
  await expect.poll(() => page.getByTestId('order-details').locator('h2').textContent()).toBe(code);
}

/** Runs in the page: the WCAG contrast ratio of an element's text colour against the first opaque background behind it. */
function contrastWithBackground(el: Element): number {
  const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = ([r, g, b]: number[]) => {
    const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
  };
  let bg: number[] = [255, 255, 255];
  for (let n: Element | null = el; n; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3]! > 0.5)) {
      bg = c;
      break;
    }
  }
  const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(bg)].sort((x, y) => y - x);
  return (a! + 0.05) / (b! + 0.05);
}
