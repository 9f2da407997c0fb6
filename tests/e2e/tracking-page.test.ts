// The customer's tracking page on its own, in a browser: the planned arrival names its day when it is not today, as
// the promised window does, in both languages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackingPage } from '../../server/src/customer/page.js';
import type { TrackingView } from '../../server/src/customer/view.js';
import { launchChromium } from '../support/chromium.testing.js';

const H = 3_600_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The planned arrival as the page shows it, for an order planned `ahead` from noon on 7 December 2026 (Shanghai). */
async function planned(lang: 'en' | 'zh', ahead: number): Promise<string> {
  const now = Date.UTC(2026, 11, 7, 4); // 12:00 in Shanghai
  const view: TrackingView = {
    code: 'WO-000001',
    status: 'booked',
    window: { start: now + ahead - H, end: now + ahead + H },
    planned: now + ahead,
    eta: null,
    engineerFirstName: null,
    map: null,
    survey: 'closed',
    expiresAt: null,
    timeZone: 'Asia/Shanghai',
    now,
  };
  const page = await browser.newPage();
  try {
    await page.setContent(trackingPage(view, lang, 'n0nce'));
    return await page.getByTestId('track-planned').innerText();
  } finally {
    await page.close();
  }
}

describe('the planned arrival on the tracking page', () => {
  it('is a time alone today, and names the day on another day', async () => {
    expect(await planned('zh', 2 * H)).toMatch(/^14:00$/);
    expect(await planned('en', 2 * H)).toMatch(/^14:00$/);
    // Tomorrow 08:50 in Shanghai.
    const tomorrow = 20 * H + 50 * 60_000;
    expect(await planned('zh', tomorrow)).toMatch(/^12月8日周二 08:50$/);
    expect(await planned('en', tomorrow)).toMatch(/^Tue 8 Dec 08:50$/);
  });
});
