// Logging a call by its address: the dispatcher types the address a caller gives (in Chinese), picks the match by
// keyboard, and the order lands where the address is; or picks the place on the dialog's map. Nobody types coordinates.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS } from '../../shared/scenario/index.js';
import { artifacts, pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let host: ConsoleHost;
let page: WatchedPage;
const xuhui = AREAS.shanghai!.districts.find((d) => d.id === 'xuhui')!;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  host = await stack.startConsole('dispatcher-1');
  page = await stack.open(host, { viewport: { width: 1366, height: 768 } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('logging a call by its address', () => {
  it('finds a Chinese address as it is typed, picks it by keyboard and creates the order at that place', async () => {
    const { page: p } = page;
    await p.getByTestId('open-new-order').click();
    const form = p.getByTestId('new-order');
    await form.getByTestId('new-order-customer').fill('徐汇测试餐饮有限公司');
    await form.getByTestId('new-order-phone').fill('+86 21 5555 0199');
    // A new caller is written to in the centre's language (Shanghai: Chinese) unless the dispatcher says otherwise.
    const language = form.getByTestId('new-order-language');
    expect(await language.inputValue()).toBe('zh');
    expect(await language.locator('option').allTextContents()).toEqual(['Chinese', 'English']);
    await language.selectOption({ label: 'English' });
    const address = form.getByTestId('new-order-address');
    await address.focus();
    await p.keyboard.type('衡山路100号');
    const options = form.getByTestId('address-results').getByRole('option');
    await expect.poll(() => options.first().textContent()).toContain('徐汇区衡山路100号');
    // The first match is the active one; ↓ and ↑ move, and Enter takes the one chosen (the form is not sent).
    await expect.poll(() => options.first().getAttribute('aria-selected')).toBe('true');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowUp');
    await expect.poll(() => options.first().getAttribute('aria-selected')).toBe('true');
    await p.screenshot({ path: join(artifacts, 'log-a-call-address-1366.png') });
    await p.keyboard.press('Enter');
    await expect.poll(() => form.getByTestId('address-results').count()).toBe(0);
    expect(await address.inputValue()).toBe('徐汇区衡山路100号');
    await expect
      .poll(() => form.getByTestId('new-order-point').textContent())
      .toBe(`Located at ${xuhui.lat.toFixed(5)}, ${xuhui.lon.toFixed(5)}`);
    expect(await form.count()).toBe(1);

    await form.getByTestId('new-order-summary').fill('冷柜不制冷');
    await form.getByTestId('new-order-submit').click();
    await expect.poll(() => form.count()).toBe(0);
    const code = (await p.getByTestId('order-details').locator('h2').textContent())!;
    await expect.poll(() => stack.serverOrderByCode(code)?.status ?? null).toBe('new');
    expect(stack.serverOrderByCode(code)).toMatchObject({
      customer: { name: '徐汇测试餐饮有限公司', language: 'en' },
      site: { address: '徐汇区衡山路100号', lat: xuhui.lat, lon: xuhui.lon },
    });
    await expect.poll(() => pending(p)).toBe(0);
    expect(page.problems).toEqual([]);
  });

  it('will not log a call with an address nobody located, and takes a point picked on the map, in Chinese', async () => {
    const { page: p } = page;
    await p.getByTestId('open-settings').click();
    await p.getByTestId('language').selectOption('zh-CN');
    await p.getByRole('button', { name: '关闭', exact: true }).click();
    await p.getByTestId('open-new-order').click();
    const form = p.getByTestId('new-order');
    await form.getByTestId('new-order-customer').fill('测试先生');
    await form.getByTestId('new-order-phone').fill('+86 139 0000 0001');
    // The caller's language, named in the console's (Chinese), starting as the centre's.
    const language = form.getByTestId('new-order-language');
    expect(await language.locator('option').allTextContents()).toEqual(['中文', '英文']);
    expect(await language.inputValue()).toBe('zh');
    await form.getByTestId('new-order-address').fill('某小区');
    await form.getByTestId('new-order-summary').fill('空调漏水');
    await form.getByTestId('new-order-submit').click();
    await expect
      .poll(() => form.locator('.field-error').first().textContent())
      .toBe('请从列表中选择地址，或在地图上选点');

    // The map opens on the centre's city; a click there locates the call and keeps the address typed.
    await form.getByTestId('new-order-map-toggle').click();
    const canvas = form.getByTestId('pick-map').locator('canvas');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect
      .poll(() => form.getByTestId('new-order-point').textContent())
      .toMatch(/^位置：\d+\.\d{5}，\d+\.\d{5}$/);
    // The pin is named for screen readers in Chinese (not MapLibre's "Map marker").
    expect(await form.getByTestId('pick-map').locator('.maplibregl-marker').getAttribute('aria-label')).toBe(
      '选定的位置',
    );
    const [lat, lon] = (await form.getByTestId('new-order-point').textContent())!
      .replace('位置：', '')
      .split('，')
      .map(Number);
    // Within the city (the map opens on the middle of the centre's known sites).
    expect(lat).toBeGreaterThan(30.6);
    expect(lat).toBeLessThan(31.9);
    expect(lon).toBeGreaterThan(120.8);
    expect(lon).toBeLessThan(122.1);
    await p.screenshot({ path: join(artifacts, 'log-a-call-map-1366-zh.png') });
    expect(await form.getByTestId('new-order-address').inputValue()).toBe('某小区');
    await form.getByTestId('new-order-submit').click();
    await expect.poll(() => form.count()).toBe(0);
    const code = (await p.getByTestId('order-details').locator('h2').textContent())!;
    await expect.poll(() => stack.serverOrderByCode(code)?.site.address ?? null).toBe('某小区');
    expect(stack.serverOrderByCode(code)!.customer.language).toBe('zh');
    const site = stack.serverOrderByCode(code)!.site;
    expect([site.lat.toFixed(5), site.lon.toFixed(5)]).toEqual([lat!.toFixed(5), lon!.toFixed(5)]);
    expect(page.problems).toEqual([]);
  });

  it('checks its own fields in Chinese, names places in Chinese, and fills the customer from a known site', async () => {
    const { page: p } = page;
    await p.getByTestId('open-new-order').click();
    const form = p.getByTestId('new-order');
    // Saved empty: the form's own messages, in Chinese, under the fields (not the browser's English bubble).
    await form.getByTestId('new-order-submit').click();
    await expect.poll(() => form.locator('.field-error').count()).toBeGreaterThan(1);
    const problems = await form.locator('.field-error').allTextContents();
    expect(problems).toContain('请从列表中选择地址，或在地图上选点');
    expect(problems.join(' ')).not.toMatch(/[A-Za-z]/);

    // A street's district and city read in Chinese.
    const address = form.getByTestId('new-order-address');
    await address.fill('衡山路');
    const options = form.getByTestId('address-results').getByRole('option');
    await expect.poll(() => options.allTextContents()).toContainEqual(expect.stringContaining('徐汇，上海'));
    expect((await options.allTextContents()).join(' ')).not.toContain('Shanghai');

    // A site the centre knows: its customer, phone and tier come with it.
    const known = stack.serverOrders().find((o) => o.status !== 'cancelled')!;
    await address.fill(known.site.address);
    await expect.poll(() => options.first().textContent()).toContain(known.site.address);
    await options.first().click();
    await expect.poll(() => form.getByTestId('new-order-customer').inputValue()).toBe(known.customer.name);
    expect(await form.getByTestId('new-order-phone').inputValue()).toBe(known.customer.phone);
    expect(await form.getByTestId('new-order-language').inputValue()).toBe(known.customer.language);
    // The messages of the empty save under the fields the site filled go with the fill.
    const errorUnder = (testId: string) => form.getByTestId(testId).locator('xpath=..').locator('.field-error').count();
    expect(await errorUnder('new-order-customer')).toBe(0);
    expect(await errorUnder('new-order-phone')).toBe(0);
    await p.keyboard.press('Escape');
    expect(page.problems).toEqual([]);
  });

  it("shows the SLA policy's tiers by their Chinese names, and one label for business hours", async () => {
    const { page: p } = page;
    await p.getByTestId('open-more').click();
    await p.getByTestId('open-sla-policy').click();
    const editor = p.getByTestId('sla-policy');
    const heads = await editor.locator('thead th').allTextContents();
    expect(heads.slice(1)).toEqual(['白金', '金牌', '银牌', '铜牌']);
    const cellNames = await editor
      .locator('[data-testid^="sla-cell-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
    expect(cellNames.join(' ')).not.toMatch(/platinum|gold|silver|bronze/);
    // One label saying what ticking does, whether ticked or not (a dispatcher sees it unticked and cannot change it).
    const hours = editor.getByTestId('sla-hours-enabled');
    expect(await hours.isChecked()).toBe(false);
    expect(await hours.locator('xpath=..').textContent()).toBe('仅在营业时间内计时（不勾选则全天候计时）');
    await p.keyboard.press('Escape');
  });
});
