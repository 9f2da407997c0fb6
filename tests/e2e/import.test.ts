// Importing orders from a CSV end to end: two bad rows are listed with their row numbers and reasons, nothing reaches
// the console or the server until the dispatcher confirms, then exactly the good rows do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pending, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

let stack: Stack;
let host: ConsoleHost;
let page: WatchedPage;

const CSV = [
  'Order code,Customer,Tier,Phone,Address,Latitude,Longitude,Type,Priority,Summary,Duration',
  'IMP-001,Lujiazui Tower,gold,021 5555 0101,100 Century Ave,31.2397,121.4998,repair,P2,Lift alarm,60',
  'IMP-002,Xuhui Clinic,silver,021 5555 0102,8 Tianyaoqiao Rd,31.1880,121.4370,repair,urgent,Chiller fault,90',
  'IMP-003,Jing An Mall,platinum,021 5555 0103,1601 Nanjing Rd W,31.2240,121.4470,maintenance,P3,Filter change,45',
  'IMP-004,Hongkou Depot,bronze,021 5555 0104,1 Dalian Rd,north,121.5010,inspection,P4,Fire doors,30',
  'IMP-005,Yangpu Campus,gold,021 5555 0105,200 Handan Rd,31.2980,121.5020,install,P3,New access point,120',
].join('\r\n');

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  host = await stack.startConsole('dispatcher-1');
  page = await stack.open(host);
});

afterAll(async () => {
  await stack?.stop();
});

describe('importing orders from CSV', () => {
  it('lists both bad rows with their reasons, imports nothing before confirmation, then only the good rows', async () => {
    const { page: p } = page;
    await p.getByTestId('open-more').click();
    await p.getByTestId('import-open').click();
    await p
      .getByTestId('import-file')
      .setInputFiles({ name: 'calls.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const errors = p.getByTestId('import-errors').locator('li');
    await expect.poll(() => errors.count()).toBe(2);
    const texts = await errors.allTextContents();
    expect(texts[0]).toMatch(/row 3\b.*IMP-002.*urgent/i);
    expect(texts[1]).toMatch(/row 5\b.*IMP-004.*(lat|north)/i);
    // Nothing yet: not on the server, not in the console.
    for (const code of ['IMP-001', 'IMP-003', 'IMP-005']) expect(stack.serverOrderByCode(code)).toBeNull();
    expect(
      await p
        .getByTestId('queue')
        .getByRole('button', { name: /IMP-00/ })
        .count(),
    ).toBe(0);
    expect(await pending(p)).toBe(0);

    await p.getByTestId('import-confirm').click();
    await expect.poll(() => p.getByTestId('import-result').textContent()).toMatch(/3/);
    // The report names each skipped row by its order code, not only its number.
    const skipped = await p.getByTestId('import-result').locator('li').allTextContents();
    expect(skipped).toEqual([expect.stringMatching(/3.*IMP-002/), expect.stringMatching(/5.*IMP-004/)]);
    await expect.poll(() => pending(p)).toBe(0);
    for (const code of ['IMP-001', 'IMP-003', 'IMP-005'])
      expect(stack.serverOrderByCode(code)).toMatchObject({ code, status: 'new' });
    for (const code of ['IMP-002', 'IMP-004']) expect(stack.serverOrderByCode(code)).toBeNull();

    // The whole import is one step: one undo takes all three rows back (cancelled, as orders are never deleted).
    await p.getByTestId('import-close').click();
    await expect.poll(() => p.getByTestId('undo').getAttribute('title')).toMatch(/3.*calls\.csv/);
    await p.getByTestId('undo').click();
    await expect
      .poll(() => ['IMP-001', 'IMP-003', 'IMP-005'].map((c) => stack.serverOrderByCode(c)?.status))
      .toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(page.problems).toEqual([]);
  });

  it('reads a GB18030 file with semicolons as Excel saves it in a Chinese locale, and says so', async () => {
    const { page: p } = page;
    await p.getByTestId('open-more').click();
    await p.getByTestId('import-open').click();
    // Real GB18030 bytes (iconv from UTF-8): Chinese headers, names, addresses, tiers and order types.
    const buffer = readFileSync(join(import.meta.dirname, 'fixtures', 'calls-gb18030.csv'));
    await p.getByTestId('import-file').setInputFiles({ name: '报修.csv', mimeType: 'text/csv', buffer });
    await expect.poll(() => p.getByTestId('import-format').textContent()).toMatch(/GB18030.*semicolons/);
    await expect.poll(() => p.getByTestId('import-summary').textContent()).toMatch(/^2 rows ready, 0 with errors/);
    await p.getByTestId('import-confirm').click();
    await expect.poll(() => p.getByTestId('import-result').textContent()).toMatch(/Imported 2/);
    await expect.poll(() => pending(p)).toBe(0);
    expect(stack.serverOrderByCode('GB-001')).toMatchObject({
      customer: { name: '上海明珠物业管理有限公司', tier: 'gold', phone: '021 5555 0101' },
      site: { address: '徐汇区衡山路100号', lat: 31.205, lon: 121.443 },
      type: 'repair',
      summary: '电梯报警，困人',
    });
    expect(stack.serverOrderByCode('GB-002')).toMatchObject({
      customer: { name: '王先生/女士', tier: 'bronze' },
      site: { address: '静安区南京西路1601号' },
      type: 'install',
    });
    await p.getByTestId('import-close').click();
    expect(page.problems).toEqual([]);
  });
});
