// The engineer card end to end, at 1366×768: a board row's label or an engineer's dot on the map opens the card of that
// engineer with the van stock, shift, phone, position age, today's plan and the trail from the server's data; Esc
// closes it and the focus goes back to the board; a night engineer's card counts their whole night shift, jobs after
// midnight included; offline it still shows the cache and says the trail is unavailable.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIS_HEIGHT } from '../../renderer/src/features/board/time-scale.js';
import { ENGINEER_ROW_HEIGHT, TEAM_ROW_HEIGHT } from '../../renderer/src/features/board/model.js';
import { partLabel, skillLabel, teamLabel } from '../../renderer/src/i18n/domain-labels.js';
import { engineerNames } from '../../renderer/src/i18n/names.js';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { epochAtLocal, localDate } from '../../shared/time/index.js';
import { artifacts, findOrder, linkState, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const MIN = 60_000;
const H = 60 * MIN;
const TZ = 'Asia/Shanghai';
/** Everyone but one stands in the west of the city, with all the orders; the one alone stands 14 km east. */
const WEST = { lat: 31.23, lon: 121.4 };
const EAST = { lat: 31.23, lon: 121.55 };

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
/** The engineer of the board's first row, with two bookings today and a trail. */
let first: Engineer;
/** The engineer alone in the east: on the map, their dot sits at the right edge of the fitted view. */
let loner: Engineer;
let plan: WorkOrder[];
/** The board's second engineer, on nights (22:00–06:00, half an hour at 02:00) last night and tonight. */
let nightOwl: Engineer;
/** The name the console shows an engineer by (told apart from a namesake). */
const shownName = (e: Engineer) => engineerNames(stack.serverEngineers(), 'en').get(e.id);
/** The night engineer's jobs by name: last night's at 23:00 and 03:00, tonight's at 22:15, 23:30, 01:00 and 04:00. */
let nightJobs: Record<string, WorkOrder>;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  const now = Date.now();
  const dayStart = epochAtLocal(localDate(now, TZ), 0, TZ);
  await stack.editServer((db) => {
    const engineers = (db.prepare('SELECT data FROM engineers').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as Engineer)
      // The board's order: teams by name, then engineers by name.
      .sort((a, b) => teamLabel(a.team, 'en').localeCompare(teamLabel(b.team, 'en')) || a.name.localeCompare(b.name));
    const putEngineer = db.prepare('UPDATE engineers SET data = ? WHERE id = ?');
    db.prepare('DELETE FROM positions').run();
    const putPosition = db.prepare(
      'INSERT INTO positions (engineer_id, lat, lon, heading, speed, at) VALUES (?, ?, ?, 0, 0, ?)',
    );
    for (const [i, e] of engineers.entries()) {
      // Today in the centre's zone, whatever the hour the suite runs: 06:00–22:00 with half an hour at noon.
      const shifts = [
        {
          start: dayStart + 6 * H,
          end: dayStart + 22 * H,
          breaks: [{ start: dayStart + 12 * H, end: dayStart + 12.5 * H }],
        },
      ];
      const night = (d: number) => ({
        start: dayStart + (d * 24 + 22) * H,
        end: dayStart + (d * 24 + 30) * H,
        breaks: [{ start: dayStart + (d * 24 + 26) * H, end: dayStart + (d * 24 + 26.5) * H }],
      });
      const at = i === engineers.length - 1 ? EAST : WEST;
      const vanStock = Object.keys(e.vanStock).length > 0 ? e.vanStock : { 'p-hvac-filter': 4, 'p-el-breaker': 2 };
      const changed: Engineer = {
        ...e,
        // The loner shares the third engineer's name (the board's first two rows stay where they are): its card's
        // heading says which of the two it is.
        name: i === engineers.length - 1 ? engineers[2]!.name : e.name,
        shifts: i === 1 ? [night(-1), night(0)] : shifts,
        absences: [],
        vanStock,
        lastPosition: { ...at, heading: 0, speed: 0, at: now - 3 * MIN },
      };
      putEngineer.run(JSON.stringify(changed), e.id);
      putPosition.run(e.id, at.lat, at.lon, now - 3 * MIN);
      if (i === 0) first = changed;
      if (i === engineers.length - 1) loner = changed;
      if (i === 1) nightOwl = changed;
    }
    // The first engineer's trail today: three points about 0.95 km apart, going east.
    const putCrumb = db.prepare(
      'INSERT INTO breadcrumbs (engineer_id, at, lat, lon, heading, speed) VALUES (?, ?, ?, ?, 90, 8)',
    );
    for (let k = 1; k <= 3; k++)
      putCrumb.run(first.id, Math.floor(dayStart + ((now - dayStart) * k) / 4), WEST.lat, WEST.lon - (3 - k) * 0.01);

    const orders = (db.prepare('SELECT data FROM orders').all() as { data: string }[])
      .map((r) => JSON.parse(r.data) as WorkOrder)
      .sort((a, b) => (a.code < b.code ? -1 : 1));
    const putOrder = db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?');
    for (const o of orders) {
      const moved = { ...o, site: { ...o.site, ...WEST } };
      // The night engineer has only the jobs booked below.
      if (o.booking?.engineerId === nightOwl.id) putOrder.run(JSON.stringify(unbooked(moved)), null, o.id);
      else putOrder.run(JSON.stringify(moved), o.booking?.engineerId ?? null, o.id);
    }
    // Two bookings today for the first engineer (14:00 and 09:00), the later one first in the database.
    plan = [orders[1]!, orders[0]!].map((o, i) => {
      const start = dayStart + (i === 0 ? 14 : 9) * H;
      return {
        ...o,
        site: { ...o.site, ...WEST },
        status: 'scheduled' as const,
        window: null,
        booking: { engineerId: first.id, start, end: start + o.durationMin * MIN, pinned: false },
      };
    });
    for (const o of plan) putOrder.run(JSON.stringify(o), first.id, o.id);
    // The night engineer's hour-long jobs either side of midnight, on last night's shift and on tonight's.
    const nightStarts = { last2300: -1, last0300: 3, t2215: 22.25, t2330: 23.5, t0100: 25, t0400: 28 };
    nightJobs = Object.fromEntries(
      Object.entries(nightStarts).map(([name, hour], k) => {
        const o = orders[2 + k]!;
        const start = dayStart + hour * H;
        const job: WorkOrder = {
          ...o,
          site: { ...o.site, ...WEST },
          status: 'scheduled',
          window: null,
          durationMin: 60,
          booking: { engineerId: nightOwl.id, start, end: start + H, pinned: false },
        };
        putOrder.run(JSON.stringify(job), nightOwl.id, o.id);
        return [name, job];
      }),
    );
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

/** An order back in the queue, as if never booked. */
const unbooked = (o: WorkOrder): WorkOrder => ({ ...o, status: 'new', booking: null });

/** The card's van stock as it reads: part name and quantity, row by row. */
const stockOnCard = (page: WatchedPage['page']) =>
  page
    .getByTestId('engineer-card-stock')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [r.children[0]!.textContent, Number(r.children[1]!.textContent)]));

/** The engineer's bookings today (in the centre's zone) from the server's data, in time order. */
const planOf = (e: Engineer) => {
  const dayStart = epochAtLocal(localDate(Date.now(), TZ), 0, TZ);
  return stack
    .serverOrders()
    .filter(
      (o) =>
        o.booking?.engineerId === e.id &&
        o.status !== 'cancelled' &&
        o.booking.end > dayStart &&
        o.booking.start < dayStart + 24 * H,
    )
    .sort((a, b) => a.booking!.start - b.booking!.start);
};

/** The engineer's van stock from the server's data, by the catalogue's part names. */
const stockOf = (e: Engineer) =>
  Object.entries(e.vanStock)
    .map(([id, qty]) => [partLabel(id, 'en'), qty])
    .sort();

describe('the engineer card', () => {
  it("opens from a board row's label with that engineer's van stock, shift, plan and trail; Esc closes it", async () => {
    const { page } = watched;
    const board = page.getByTestId('board');
    await board.evaluate((el) => (el.scrollTop = 0));
    const box = (await board.boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2);
    const card = page.getByTestId('engineer-card');
    await card.waitFor();
    expect(await card.getAttribute('data-engineer-id')).toBe(first.id);
    expect(await card.locator('h3').textContent()).toBe(shownName(first));
    // The focus is in the card: keys go to it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('engineer-card');

    expect((await stockOnCard(page)).sort()).toEqual(stockOf(first));
    expect(await card.getByTestId('engineer-card-phone').textContent()).toBe(first.phone);
    expect(await card.getByTestId('engineer-card-state').textContent()).toMatch(/ · position \d+ min ago$/);
    expect(await card.getByTestId('engineer-card-shift').textContent()).toBe('06:00–22:00 · Breaks: 12:00–12:30');
    const skills = await card.getByTestId('engineer-card-skills').textContent();
    for (const s of first.skills) expect(skills).toContain(skillLabel(s.skill, 'en'));

    // Today's plan in time order, with codes and customers, and how much of the shift it fills.
    const rows = card.getByTestId('engineer-card-plan').locator('li');
    const expected = planOf(first);
    expect(expected.map((o) => o.id)).toEqual(expect.arrayContaining(plan.map((o) => o.id)));
    expect(await rows.evaluateAll((li) => li.map((l) => l.getAttribute('data-order-id')))).toEqual(
      expected.map((o) => o.id),
    );
    const nine = rows.nth(expected.indexOf(expected.find((o) => o.id === plan[1]!.id)!));
    expect(await nine.textContent()).toContain(plan[1]!.code);
    expect(await nine.textContent()).toContain(plan[1]!.customer.name);
    const booked = expected.reduce((n, o) => n + o.durationMin, 0);
    const pct = Math.round((booked / (15.5 * 60)) * 100);
    expect(await card.getByTestId('engineer-card-utilisation').textContent()).toMatch(
      new RegExp(`of 15 h 30 min booked \\(${pct}%\\)$`),
    );
    // The trail from the server, summed up on the card (and drawn on the map).
    const trail = card.getByTestId('engineer-card-trail');
    await expect.poll(() => trail.getAttribute('data-trail')).toBe('ready');
    expect(await trail.textContent()).toMatch(/^1\.\d km from \d{2}:\d{2} to \d{2}:\d{2}, drawn on the map$/);

    // It fits the laptop screen beside the map.
    const at = (await card.boundingBox())!;
    const map = (await page.getByTestId('map').boundingBox())!;
    expect(at.y + at.height).toBeLessThanOrEqual(768);
    expect(at.x + at.width).toBeLessThanOrEqual(map.x);
    await page.screenshot({ path: join(artifacts, 'engineer-card-1366.png') });

    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('board');
    expect(watched.problems).toEqual([]);
  });

  it("is reached by keyboard from an order's details, and Esc gives the focus back", async () => {
    const { page } = watched;
    await findOrder(page, plan[0]!.code);
    const link = page.getByTestId('order-engineer');
    expect(await link.textContent()).toBe(shownName(first));
    await link.focus();
    await page.keyboard.press('Enter');
    const card = page.getByTestId('engineer-card');
    await card.waitFor();
    expect(await card.getAttribute('data-engineer-id')).toBe(first.id);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('order-engineer');
    // E opens the card of the engineer the focused order is booked to.
    await page.getByTestId('board').focus();
    await page.keyboard.press('e');
    await card.waitFor();
    expect(await card.getAttribute('data-engineer-id')).toBe(first.id);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
  });

  it("opens from an engineer's dot on the map: the same card, for the engineer clicked", async () => {
    const { page } = watched;
    // The map fits the fleet with 30 px to spare: the engineer alone in the east is at the right edge, half-way down.
    const canvas = (await page.locator('.live-map-canvas').boundingBox())!;
    const card = page.getByTestId('engineer-card');
    // Clicked again until the map has loaded and fitted the fleet (a click before lands on empty ground).
    await expect
      .poll(async () => {
        await page.mouse.click(canvas.x + canvas.width - 30, canvas.y + canvas.height / 2);
        return card.getAttribute('data-engineer-id', { timeout: 1_000 }).catch(() => null);
      })
      .toBe(loner.id);
    // The loner shares another engineer's name: the heading says which of the two this is, by team and short id.
    expect(shownName(loner)).toMatch(new RegExp(`^${loner.name} \\(.+, #\\d+\\)$`));
    expect(await card.locator('h3').textContent()).toBe(shownName(loner));
    // Hovering the dot, the map's tooltip names them so too.
    const dot = { x: canvas.x + canvas.width - 30, y: canvas.y + canvas.height / 2 };
    await expect
      .poll(async () => {
        await page.mouse.move(dot.x - 2, dot.y);
        await page.mouse.move(dot.x, dot.y);
        return page.locator('.live-map-canvas canvas.maplibregl-canvas').getAttribute('title');
      })
      .toBe(shownName(loner));
    expect((await stockOnCard(page)).sort()).toEqual(stockOf(loner));
    expect(
      await card
        .locator('[data-testid="engineer-card-plan"] li')
        .evaluateAll((li) => li.map((l) => l.getAttribute('data-order-id'))),
    ).toEqual(planOf(loner).map((o) => o.id));
    await expect.poll(() => card.getByTestId('engineer-card-trail').getAttribute('data-trail')).toBe('ready');
    // The loner's dot is on the map (a position today) while the server holds no trail for them: the card says so,
    // never "no positions" beside a position.
    expect(await card.getByTestId('engineer-card-trail').textContent()).toMatch(
      /^Only the latest position so far today \(\d{2}:\d{2}\); no trail yet$/,
    );
    await page.getByTestId('engineer-card-close').click();
    await card.waitFor({ state: 'detached' });
  });

  it('of a night engineer counts their whole night shift once, jobs after midnight included', async () => {
    const { page } = watched;
    // Booked today at 22:15, on tonight's shift: the board stays on today.
    await findOrder(page, nightJobs.t2215!.code);
    const link = page.getByTestId('order-engineer');
    // The booking names the engineer as the board does: with their team (and short id) beside a namesake's.
    expect(await link.textContent()).toBe(shownName(nightOwl));
    await link.click();
    const card = page.getByTestId('engineer-card');
    await card.waitFor();
    expect(await card.getAttribute('data-engineer-id')).toBe(nightOwl.id);
    try {
      // Before 06:00 the engineer is on the shift that began last night; from then on, tonight's is the one to come.
      const dayStart = epochAtLocal(localDate(Date.now(), TZ), 0, TZ);
      const onLastNight = Date.now() < dayStart + 6 * H;
      const names = onLastNight ? ['last2300', 'last0300'] : ['t2215', 't2330', 't0100', 't0400'];
      const rows = card.getByTestId('engineer-card-plan').locator('li');
      expect(await rows.evaluateAll((li) => li.map((l) => l.getAttribute('data-order-id')))).toEqual(
        names.map((n) => nightJobs[n]!.id),
      );
      // The whole shift, 8 hours less the break, and every hour booked on it.
      expect(await card.getByTestId('engineer-card-utilisation').textContent()).toBe(
        onLastNight ? '2 h 00 min of 7 h 30 min booked (27%)' : '4 h 00 min of 7 h 30 min booked (53%)',
      );
      const shift = card.getByTestId('engineer-card-shift');
      expect(await shift.locator('div').count()).toBe(1);
      expect(await shift.textContent()).toMatch(/22:00–.*06:00 · Breaks: 02:00–02:30$/);
      await page.screenshot({ path: join(artifacts, 'engineer-card-night-1366.png') });
    } finally {
      // Closed whatever the outcome: the next test opens another card.
      await page.getByTestId('engineer-card-close').click();
      await card.waitFor({ state: 'detached' });
    }
    expect(watched.problems).toEqual([]);
  });

  it('works offline on the cache and says the trail is unavailable, in Chinese too', async () => {
    const { page } = watched;
    await page.getByTestId('work-offline').click();
    await expect.poll(() => linkState(page)).toBe('paused');
    const board = page.getByTestId('board');
    const box = (await board.boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2);
    const card = page.getByTestId('engineer-card');
    await card.waitFor();
    expect((await stockOnCard(page)).sort()).toEqual(stockOf(first));
    const trail = card.getByTestId('engineer-card-trail');
    expect(await trail.getAttribute('data-trail')).toBe('offline');
    expect(await trail.textContent()).toBe('The trail is kept on the server: unavailable while offline');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await page.mouse.click(box.x + 40, box.y + AXIS_HEIGHT + TEAM_ROW_HEIGHT + ENGINEER_ROW_HEIGHT / 2);
    await card.waitFor();
    expect(await trail.textContent()).toBe('轨迹保存在服务器上：离线时无法查看');
    expect(await card.getByTestId('engineer-card-state').textContent()).toMatch(/ · 位置 \d+ 分钟前$/);
    await page.screenshot({ path: join(artifacts, 'engineer-card-1366-zh.png') });

    // Back online, the open card asks for the trail again.
    await page.getByTestId('work-offline').click();
    await expect.poll(() => trail.getAttribute('data-trail')).toBe('ready');
    expect(await trail.textContent()).toMatch(/公里，已显示在地图上$/);
    expect(watched.problems).toEqual([]);
  });
});
