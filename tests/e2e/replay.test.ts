// Replaying an engineer's trail on the live map: the engineer's position follows the scrubber, the keyboard plays,
// steps and closes, statuses show along the scrubber, and without the server the console says the trail is not there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamLabel } from '../../renderer/src/i18n/domain-labels.js';
import type { Engineer } from '../../shared/domain/index.js';
import { addDays } from '../../shared/time/index.js';
import { docsShot, Stack, linkState, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const H = 3_600_000;
const FIX_MS = 10_000;

let stack: Stack;
let host: ConsoleHost;
let watched: WatchedPage;
let engineer: Engineer;
/** The trail: an hour driving east from 121.40 to 121.50 (three hours ago), then an hour parked there. */
let trailStart: number;
const lonAt = (t: number) => 121.4 + Math.min(1, Math.max(0, (t - trailStart) / H)) * 0.1;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 6, orders: 20 });
  const now = Date.now();
  trailStart = Math.floor((now - 3 * H) / FIX_MS) * FIX_MS;
  await stack.editServer((db) => {
    const row = db.prepare('SELECT id, data FROM engineers ORDER BY id LIMIT 1').get() as { id: string; data: string };
    engineer = {
      ...(JSON.parse(row.data) as Engineer),
      shifts: [{ start: now - 4 * H, end: now + 4 * H, breaks: [] }],
    };
    db.prepare('UPDATE engineers SET data = ? WHERE id = ?').run(JSON.stringify(engineer), row.id);
    const put = db.prepare(
      'INSERT OR REPLACE INTO breadcrumbs (engineer_id, at, lat, lon, heading, speed) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let at = trailStart; at <= trailStart + 2 * H; at += FIX_MS)
      put.run(engineer.id, at, 31.2, lonAt(at), 90, at < trailStart + H ? 8 : 0);
  });
  host = await stack.startConsole('dispatcher-1');
  watched = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

const readout = () => watched.page.getByTestId('replay-readout');
const shown = async () => {
  const r = readout();
  return {
    at: Number(await r.getAttribute('data-at')),
    lon: Number(await r.getAttribute('data-lon')),
    status: await r.getAttribute('data-status'),
  };
};

/** Where the map's replay marker puts the engineer. */
const onMap = async () => {
  const head = watched.page.getByTestId('replay-head');
  return { lat: Number(await head.getAttribute('data-lat')), lon: Number(await head.getAttribute('data-lon')) };
};

describe("replaying an engineer's trail", () => {
  it('the engineer on the map follows the scrubber, with statuses along it', async () => {
    const { page } = watched;
    await page.getByTestId('replay-open').click();
    const panel = page.getByTestId('replay');
    await panel.waitFor();
    // Engineers may share a name: the picker gives each one's team.
    expect(await page.getByTestId('replay-engineer').locator(`option[value="${engineer.id}"]`).textContent()).toBe(
      `${engineer.name} · ${teamLabel(engineer.team, 'en')}`,
    );
    await page.getByTestId('replay-engineer').selectOption(engineer.id);
    // Yesterday and today, so the trail of the last hours is inside whatever the hour.
    const today = (await page.getByTestId('replay-from').getAttribute('data-value'))!;
    await page.getByTestId('replay-from').fill(addDays(today, -1));
    await page.getByTestId('replay-load').click();
    const scrubber = page.getByTestId('replay-scrubber');
    await scrubber.waitFor();
    const from = Number(await scrubber.getAttribute('data-from'));
    const to = Number(await scrubber.getAttribute('data-to'));
    const max = Number(await scrubber.getAttribute('max'));
    // The playhead stands at the first fix (not yesterday at 00:00, hours before it), so Space plays the trail at once.
    await expect.poll(async () => (await shown()).at).toBe(trailStart);
    expect(await shown()).toEqual({ at: trailStart, lon: 121.4, status: 'travelling' });
    // The marker names the replayed engineer for screen readers (not MapLibre's "Map marker").
    expect(await page.getByTestId('replay-head').getAttribute('aria-label')).toBe(
      `Replayed engineer: ${engineer.name}`,
    );
    expect(Number(await scrubber.inputValue())).toBe(Math.round(((trailStart - from) / (to - from)) * max));
    await page.keyboard.press('Space');
    await expect.poll(async () => (await onMap()).lon).toBeGreaterThan(121.4);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('replay-play').getAttribute('aria-pressed')).toBe('false');
    // The scrubber still goes back to yesterday at 00:00, before the first fix: no place yet (not the first fix's).
    await scrubber.fill('0');
    await expect.poll(async () => (await shown()).status).toBe('no_fix');
    expect((await shown()).at).toBe(from);
    expect(await readout().textContent()).toMatch(/no position yet/);
    expect(await readout().getAttribute('data-lon')).toBeNull();
    // The dispatcher drags the map down so the trail lies under the panel: scrubbing brings the engineer back above it.
    const mapBox = (await page.getByTestId('map').boundingBox())!;
    const free = (await panel.boundingBox())!.y - mapBox.y;
    await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + 16);
    await page.mouse.down();
    await page.mouse.move(mapBox.x + mapBox.width / 2, mapBox.y + 16 + free, { steps: 8 });
    await page.mouse.up();

    // Half way through the drive: the scrubber's step is about 15 s of a two-day period, 0.0005° of this drive.
    const target = trailStart + H / 2;
    await scrubber.fill(String(Math.round(((target - from) / (to - from)) * max)));
    await expect.poll(async () => Math.abs((await shown()).at - target)).toBeLessThan(30_000);
    let here = await shown();
    expect(here.lon).toBeCloseTo(lonAt(here.at), 5);
    expect(here.lon).toBeGreaterThan(121.44);
    expect(here.lon).toBeLessThan(121.46);
    expect(here.status).toBe('travelling');
    expect(await onMap()).toEqual({ lat: 31.2, lon: here.lon });
    expect(await readout().textContent()).toMatch(/Travelling · 31\.20000, 121\.4\d{4}/);
    // The engineer is on the part of the map the panel leaves free, not under it.
    const head = (await page.getByTestId('replay-head').boundingBox())!;
    expect(head.y + head.height).toBeLessThanOrEqual((await panel.boundingBox())!.y);
    expect(head.y).toBeGreaterThanOrEqual(mapBox.y);
    // The map's scale and its credit stay in sight, above the panel.
    for (const control of ['.maplibregl-ctrl-scale', '.maplibregl-ctrl-attrib']) {
      const box = (await page.locator(control).boundingBox())!;
      expect(box, control).not.toBeNull();
      expect(box.y + box.height, control).toBeLessThanOrEqual((await panel.boundingBox())!.y);
    }

    // The arrows step a minute (Shift ten) and the engineer moves on with the time.
    await scrubber.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await shown()).at).toBe(here.at + 60_000);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(async () => (await shown()).at).toBe(here.at - 9 * 60_000);
    expect((await shown()).lon).toBeCloseTo(lonAt(here.at - 9 * 60_000), 5);
    expect((await onMap()).lon).toBe((await shown()).lon);

    // Parked after the drive: stopped, where the drive ended.
    await scrubber.fill(String(Math.round(((trailStart + 1.5 * H - from) / (to - from)) * max)));
    await expect.poll(async () => (await shown()).status).toBe('stopped');
    expect((await shown()).lon).toBe(121.5);
    expect((await onMap()).lon).toBe(121.5);
    const bands = await page
      .locator('.replay-band')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(bands).toEqual(expect.arrayContaining(['travelling', 'stopped', 'no_signal']));

    // Space plays (the time runs on) and pauses.
    await scrubber.fill(String(Math.round(((trailStart + H / 4 - from) / (to - from)) * max)));
    here = await shown();
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('replay-play').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await onMap()).lon).toBeGreaterThan(here.lon);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('replay-play').getAttribute('aria-pressed')).toBe('false');
    const paused = (await shown()).at;
    expect(paused).toBeGreaterThan(here.at);

    // For the picture: today alone when the trail is all today, so the scrubber shows the day's statuses wide.
    if (trailStart >= from + 24 * H) {
      // Shown, the engineer and the days are folded beside the player: unfolded, they can be changed.
      await page.getByTestId('replay-setup-toggle').click();
      await page.getByTestId('replay-from').fill(today);
      await page.getByTestId('replay-load').click();
      await expect.poll(async () => Number(await scrubber.getAttribute('data-from'))).toBe(from + 24 * H);
    }
    const day = {
      from: Number(await scrubber.getAttribute('data-from')),
      to: Number(await scrubber.getAttribute('data-to')),
    };
    await scrubber.fill(String(Math.round(((trailStart + 0.8 * H - day.from) / (day.to - day.from)) * max)));
    await expect.poll(async () => (await shown()).status).toBe('travelling');
    await page.screenshot({ path: docsShot('replay-1366.png') });

    // In Chinese the map is made anew: the replay comes back on it, and speaks Chinese.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await expect.poll(() => page.getByTestId('replay-play').textContent()).toBe('播放');
    await scrubber.fill(String(Math.round(((trailStart + 0.8 * H - day.from) / (day.to - day.from)) * max)));
    await expect.poll(() => readout().textContent()).toMatch(/ · 行驶中 · 纬度 31\.20000，经度 121\.4\d{4}$/);
    expect((await onMap()).lon).toBe((await shown()).lon);
    expect(await page.getByTestId('replay-head').getAttribute('aria-label')).toBe(`回放中的工程师：${engineer.name}`);
    await page.screenshot({ path: docsShot('replay-1366-zh.png') });
    await scrubber.focus();

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('replay-open');
    expect(watched.problems).toEqual([]);
  });

  it('in Chinese at 1366×768 takes days typed the Chinese way and, playing, leaves most of the map in view', async () => {
    const { page } = watched;
    // In Chinese (as the test before leaves it, and so when run alone).
    await page.getByTestId('open-settings').click();
    await page.getByTestId('language').selectOption('zh-CN');
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await page.getByTestId('replay-open').click();
    const panel = page.getByTestId('replay');
    await page.getByTestId('replay-engineer').selectOption(engineer.id);
    // The days read the Chinese way (not the browser's 12/07/2026), and are typed so.
    const from = page.getByTestId('replay-from');
    const today = (await from.getAttribute('data-value'))!;
    const [y, m, d] = today.split('-').map(Number);
    expect(await from.inputValue()).toBe(`${y}年${m}月${d}日`);
    expect(await page.getByTestId('replay-to').inputValue()).toBe(`${y}年${m}月${d}日`);
    const yesterday = addDays(today, -1);
    const [yy, ym, yd] = yesterday.split('-').map(Number);
    await from.fill(`${yy}年${ym}月${yd}日`);
    expect(await from.getAttribute('data-value')).toBe(yesterday);
    await page.getByTestId('replay-load').click();
    await page.getByTestId('replay-scrubber').waitFor();

    // Playing, the panel is two short rows (player and what is replayed, then the scrubber) and a line of readout.
    const map = (await page.getByTestId('map').boundingBox())!;
    const box = (await panel.boundingBox())!;
    expect(map.height).toBeGreaterThan(250);
    expect((box.y - map.y) / map.height).toBeGreaterThanOrEqual(0.7);
    expect(box.height).toBeLessThanOrEqual(90);
    const summary = page.getByTestId('replay-setup-toggle');
    expect(await summary.getAttribute('aria-expanded')).toBe('false');
    expect(await summary.textContent()).toContain(engineer.name);
    expect(await page.getByTestId('replay-from').count()).toBe(0);
    await page.screenshot({ path: docsShot('replay-1366-zh-compact.png') });

    // Unfolded, the engineer and the days are there to change, and fold away again.
    await summary.click();
    expect(await from.inputValue()).toBe(`${yy}年${ym}月${yd}日`);
    await page.getByTestId('replay-setup-toggle').click();
    await from.waitFor({ state: 'detached' });
    // Folded, the scale is still above the panel; closed, it goes back to the map's corner.
    const scale = page.locator('.maplibregl-ctrl-scale');
    const scaleBox = (await scale.boundingBox())!;
    expect(scaleBox.y + scaleBox.height).toBeLessThanOrEqual((await panel.boundingBox())!.y);
    await page.getByTestId('replay-close').click();
    await panel.waitFor({ state: 'detached' });
    await expect
      .poll(async () => {
        const b = (await scale.boundingBox())!;
        return map.y + map.height - (b.y + b.height);
      })
      .toBeLessThan(20);
    expect(watched.problems).toEqual([]);
  });

  it('says the trail is not there when the server cannot be reached (in Chinese, as left above)', async () => {
    const { page } = watched;
    await stack.killServer();
    await expect.poll(() => linkState(page)).not.toBe('online');
    await page.getByTestId('replay-open').click();
    await page.getByTestId('replay-engineer').selectOption(engineer.id);
    await page.getByTestId('replay-load').click();
    await expect
      .poll(() => page.getByTestId('replay-note').textContent())
      .toBe('轨迹保存在服务器上，本控制台当前无法连接：恢复连接后才能回放');
    expect(await page.getByTestId('replay-scrubber').count()).toBe(0);
  });
});
