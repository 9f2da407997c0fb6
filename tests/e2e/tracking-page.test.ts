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
    engineerName: null,
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

/**
 * The survey of a completed order, its page served at a tracking address (so its script's requests resolve), with a
 * stand-in for the live updates the test sends when it chooses and a survey answer the test releases when it chooses.
 */
async function surveyPage(lang: 'en' | 'zh') {
  const now = Date.UTC(2026, 11, 7, 6);
  const view: TrackingView = {
    code: 'WO-000001',
    status: 'completed',
    window: null,
    planned: null,
    eta: null,
    engineerName: null,
    map: null,
    survey: 'open',
    expiresAt: now + 24 * H,
    timeZone: 'Asia/Shanghai',
    now,
  };
  const base = 'http://track.test/t/AAAAAAAAAAAAAAAAAAAAAAAA';
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  // The live updates: the page's EventSource, driven from the test with window.__view(view).
  await page.addInitScript(() => {
    const w = window as unknown as { EventSource: unknown; __view: (v: unknown) => void };
    let source: EventTarget | null = null;
    w.EventSource = class extends EventTarget {
      constructor() {
        super();
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        source = this;
      }
      close() {}
    };
    w.__view = (v) => source!.dispatchEvent(new MessageEvent('view', { data: JSON.stringify(v) }));
  });
  let answer: (status: number) => void = () => {};
  const posted = new Promise<void>((resolve) => {
    void page.route(`${base}/survey`, async (route) => {
      resolve();
      const status = await new Promise<number>((r) => (answer = r));
      await route.fulfill({ status, contentType: 'application/json', body: '{}' });
    });
  });
  await page.route(base, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: trackingPage(view, lang, 'n0nce') }),
  );
  await page.goto(base);
  const send = async () => {
    await page.locator('label:has(input[name="satisfaction"][value="5"])').click();
    await page.locator('label:has(input[name="recommend"][value="10"])').click();
    await page.getByTestId('track-survey').getByRole('button').click();
    await posted;
  };
  const live = (v: TrackingView) =>
    page.evaluate((x) => (window as unknown as { __view: (v: unknown) => void }).__view(x), v);
  const done = () => page.getByTestId('track-survey-done').innerText();
  return { page, view, send, answer: (status: number) => answer(status), live, done };
}

describe('the engineer on the tracking page', () => {
  it('is 李师傅 on a Chinese page and 李杰 on an English one', async () => {
    const now = Date.UTC(2026, 11, 7, 4);
    const view = (status: TrackingView['status']): TrackingView => ({
      code: 'WO-000001',
      status,
      window: null,
      planned: null,
      eta: null,
      engineerName: { zh: '李师傅', en: '李杰' },
      map: null,
      survey: 'closed',
      expiresAt: null,
      timeZone: 'Asia/Shanghai',
      now,
    });
    const shown = async (status: TrackingView['status'], lang: 'en' | 'zh') => {
      const page = await browser.newPage();
      try {
        await page.setContent(trackingPage(view(status), lang, 'n0nce'));
        return [
          await page.getByTestId('track-status').innerText(),
          await page.getByTestId('track-engineer-name').innerText(),
        ];
      } finally {
        await page.close();
      }
    };
    expect(await shown('on_site', 'zh')).toEqual(['李师傅 已到达', '李师傅']);
    expect(await shown('on_the_way', 'zh')).toEqual(['李师傅 正在前往', '李师傅']);
    expect(await shown('on_site', 'en')).toEqual(['李杰 has arrived', '李杰']);
  });
});

describe('the survey on the tracking page', () => {
  it('thanks the customer for their answer when the live update says "answered" after the answer was taken', async () => {
    for (const [lang, thanks] of [
      ['en', 'Thank you — we have your answers.'],
      ['zh', '感谢您的评价！'],
    ] as const) {
      const s = await surveyPage(lang);
      try {
        await s.send();
        s.answer(201);
        await expect.poll(s.done).toBe(thanks);
        // The server tells every open page of the answer, this one too, just after its 201.
        await s.live({ ...s.view, survey: 'answered' });
        expect(await s.done()).toBe(thanks);
      } finally {
        await s.page.close();
      }
    }
  });

  it('thanks the customer when the live update comes while the answer is on its way, then the 201', async () => {
    const s = await surveyPage('en');
    try {
      await s.send();
      await s.live({ ...s.view, survey: 'answered' });
      // Still sending: the page waits for its own answer rather than saying the survey was answered before.
      expect(await s.page.getByTestId('track-survey-done').count()).toBe(0);
      s.answer(201);
      await expect.poll(s.done).toBe('Thank you — we have your answers.');
      expect(await s.page.getByTestId('track-survey').count()).toBe(0);
    } finally {
      await s.page.close();
    }
  });

  it('says it was answered already when the server answers 409', async () => {
    const s = await surveyPage('zh');
    try {
      await s.send();
      s.answer(409);
      await expect.poll(s.done).toBe('您已提交过本次评价，谢谢！');
      await s.live({ ...s.view, survey: 'answered' });
      expect(await s.done()).toBe('您已提交过本次评价，谢谢！');
    } finally {
      await s.page.close();
    }
  });
});
