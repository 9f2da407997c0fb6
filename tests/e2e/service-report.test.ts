// A completed order's service report and what its customer was told, end to end: the server's database holds a
// completed order with a signed report and the messages sent about it, another with an unsigned report, and a booking
// the live notifier has not told anyone of yet. A console shows the report with the signature drawn, the unsigned one
// marked, the messages, and the notifier's new message once it has gone. Set up in the server's data, so any hour works
// (the engineer's other work at the reports' hours is taken off the board).
import type Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerNotified, OrderEvent, ServiceReport, WorkOrder } from '../../shared/domain/index.js';
import { doneWithinDay, findOrder, selectedBar, Stack, type WatchedPage } from './stack.testing.js';

const MIN = 60_000;
const SIGNATURE = 'M 10 40 Q 20 10 30 40 Q 40 70 50 40 L 80 30';

let stack: Stack;
let watched: WatchedPage;
let signed: WorkOrder;
let unsigned: WorkOrder;
let fresh: WorkOrder;

/** Appends an event to the server's trail with its change-log row, as the server writes one. */
function putEvent(db: Database.Database, ev: OrderEvent, engineerId: string | null): void {
  const seq = Number(
    db
      .prepare('INSERT INTO changes (entity, entity_id, at, engineer_id) VALUES (?, ?, ?, ?)')
      .run('event', ev.id, Date.now(), engineerId).lastInsertRowid,
  );
  db.prepare('INSERT INTO events (id, order_id, at, data, seq) VALUES (?, ?, ?, ?, ?)').run(
    ev.id,
    ev.orderId,
    ev.at,
    JSON.stringify(ev),
    seq,
  );
}

function putOrder(db: Database.Database, o: WorkOrder): void {
  db.prepare('UPDATE orders SET data = ?, engineer_id = ? WHERE id = ?').run(
    JSON.stringify(o),
    o.booking?.engineerId ?? null,
    o.id,
  );
}

beforeAll(async () => {
  stack = await Stack.start();
  const now = Date.now();
  const booked = stack.serverOrders().filter((o) => o.status === 'new' && !o.booking && o.durationMin <= 120);
  const engineer = stack.serverEngineers()[0]!;
  const done = (o: WorkOrder, report: ServiceReport): WorkOrder => {
    const start = doneWithinDay(now, o.durationMin);
    return {
      ...o,
      status: 'completed',
      booking: { engineerId: engineer.id, start, end: start + o.durationMin * MIN, pinned: false },
      firstTimeFix: true,
      report,
      version: o.version + 1,
    };
  };
  signed = done(booked[0]!, {
    workDone: 'Replaced the pressure valve and tested the system with the customer',
    partsUsed: [{ part: 'p-hvac-filter', qty: 2 }],
    timeOnSiteMin: 47,
    signature: SIGNATURE,
    signedBy: 'Wang Fang',
    submittedAt: now - 60 * MIN,
  });
  unsigned = done(booked[1]!, {
    workDone: 'Reset the breaker; nobody home to sign',
    partsUsed: [],
    timeOnSiteMin: 12,
    signature: null,
    signedBy: 'Site guard',
    submittedAt: now - 30 * MIN,
  });
  const start = Math.ceil((now + 60 * MIN) / MIN) * MIN;
  fresh = {
    ...booked[2]!,
    status: 'scheduled',
    booking: { engineerId: engineer.id, start, end: start + booked[2]!.durationMin * MIN, pinned: false },
    customer: { ...booked[2]!.customer, language: 'en' },
    // Booked without a promised window: the customer is told the planned arrival, not a start–end range.
    window: null,
    version: booked[2]!.version + 1,
  };
  const told: CustomerNotified[] = (['booked', 'dispatched', 'departed'] as const).map((event) => ({
    key: `${signed.id}:${event}:${signed.booking!.start}-${signed.booking!.end}`,
    event,
    channel: 'outbox',
    lang: 'zh',
    // Long as real messages are, with the tracking link's long unbroken URL.
    body: `消息 ${event} ${signed.code} ${'已为您安排工程师上门服务，'.repeat(3)}https://track.example.com/t/${'x'.repeat(120)}`,
    link: null,
    state: 'sent',
    attempts: 1,
  }));
  // The engineer's other work at the hours of the two reports goes back to the queue, so that nothing is drawn over
  // their bars whatever the hour (the city may have booked the engineer then).
  const ours = new Set([signed.id, unsigned.id, fresh.id]);
  const from = Math.min(signed.booking!.start, unsigned.booking!.start);
  const to = Math.max(signed.booking!.end, unsigned.booking!.end);
  const over = stack
    .serverOrders()
    .filter(
      (o) => !ours.has(o.id) && o.booking?.engineerId === engineer.id && o.booking.start < to && o.booking.end > from,
    )
    .map((o): WorkOrder => ({ ...o, status: 'new', booking: null, version: o.version + 1 }));
  await stack.editServer((db) => {
    for (const o of [signed, unsigned, fresh, ...over]) putOrder(db, o);
    told.forEach((m, i) => {
      const at = now - (150 - i * 30) * MIN;
      db.prepare(
        `INSERT INTO outbox (key, order_id, event, channel, lang, body, link, state, attempts, next_at, created_at, sent_at, last_error)
         VALUES (?, ?, ?, ?, ?, ?, NULL, 'sent', 1, ?, ?, ?, NULL)`,
      ).run(m.key, signed.id, m.event, m.channel, m.lang, m.body, at, at, at);
      const ev: OrderEvent = {
        id: `notify:${m.key}`,
        orderId: signed.id,
        kind: 'customer_notified',
        at,
        actor: { kind: 'system', id: 'notifier', name: 'Customer notifier' },
        clientId: null,
        mutationId: null,
        data: m,
      };
      putEvent(db, ev, engineer.id);
      db.prepare('INSERT INTO notify_seen (event_id, at) VALUES (?, ?)').run(ev.id, now);
    });
    // A booking made just now that the notifier has not read: the running server tells the customer.
    putEvent(
      db,
      {
        id: `e2e:${fresh.id}:assigned`,
        orderId: fresh.id,
        kind: 'assigned',
        at: now,
        actor: { kind: 'user', id: 'dispatcher-1', name: 'Zhou Min' },
        clientId: 'e2e',
        mutationId: 1,
        data: { engineerId: engineer.id, start: fresh.booking!.start },
      },
      engineer.id,
    );
  });
  watched = await stack.open(await stack.startConsole('dispatcher-1'), { viewport: { width: 1366, height: 768 } });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

const details = (page: Page) => page.getByTestId('order-details');

describe('a completed order’s service report and customer messages', () => {
  it('shows the signed report with its signature drawn, and what the customer was told', async () => {
    const { page } = watched;
    await findOrder(page, signed.code);
    const report = details(page).getByTestId('service-report');
    await expect.poll(() => report.getByTestId('report-work').textContent()).toBe(signed.report!.workDone);
    expect(await report.getByTestId('report-parts').textContent()).toMatch(/× 2/);
    const path = report.getByTestId('report-signature').locator('path');
    expect(await path.getAttribute('d')).toBe(SIGNATURE);
    // Drawn: the stroke has a size on screen.
    const box = await report.getByTestId('report-signature').boundingBox();
    expect(box!.width).toBeGreaterThan(50);
    expect(await report.getByTestId('report-unsigned').count()).toBe(0);

    const messages = details(page).getByTestId('customer-message');
    await expect.poll(() => messages.count()).toBe(3);
    expect(await messages.evaluateAll((els) => els.map((e) => e.getAttribute('data-event')))).toEqual([
      'booked',
      'dispatched',
      'departed',
    ]);
    expect(await messages.first().textContent()).toContain(`消息 booked ${signed.code}`);
    expect(await messages.first().textContent()).toContain('sent');
    // At 1366×768 the messages and their links wrap: the details pane does not scroll sideways.
    const pane = await details(page).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(pane.scroll).toBeLessThanOrEqual(pane.client);
  });

  it('selects a finished bar on a click without a word, and says it cannot move only when it is dragged', async () => {
    const { page } = watched;
    await findOrder(page, signed.code);
    const at = (await selectedBar(page)).centre;
    const notice = page.getByTestId('notice');
    // (Two reports were done three hours ago by the same engineer: the bar under the pointer is one of them.)
    await page.mouse.click(at.x, at.y);
    await expect.poll(() => details(page).getByTestId('service-report').count()).toBe(1);
    expect(await details(page).textContent()).toMatch(/Completed/);
    expect(await notice.count()).toBe(0);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x + 30, at.y, { steps: 4 });
    await expect.poll(() => notice.textContent()).toMatch(/^WO-\d+ is Completed; it can no longer be moved$/);
    await page.mouse.up();
  });

  it('marks a report the customer did not sign', async () => {
    const { page } = watched;
    await findOrder(page, unsigned.code);
    const report = details(page).getByTestId('service-report');
    await expect
      .poll(() => report.getByTestId('report-unsigned').textContent())
      .toContain('Not signed by the customer');
    expect(await report.getByTestId('report-signature').count()).toBe(0);
  });

  it('shows the message the live notifier sent for a new booking, in the customer’s language', async () => {
    const { page } = watched;
    await findOrder(page, fresh.code);
    const message = details(page).getByTestId('customer-message');
    await expect.poll(() => message.count()).toBe(1);
    expect(await message.getAttribute('data-event')).toBe('booked');
    expect(await message.textContent()).toContain(`Your order ${fresh.code} is booked, planned arrival `);
    expect(watched.problems).toEqual([]);
  });

  it('puts the report on the order’s own sheet, ready to print or save as PDF', async () => {
    const { page } = watched;
    await findOrder(page, signed.code);
    await details(page).getByTestId('order-sheet').click();
    const sheet = page.getByTestId('daily-sheet');
    await expect.poll(() => sheet.locator('h1').textContent()).toBe(`Work order ${signed.code}`);
    expect(await sheet.locator('.sheet-stop').count()).toBe(1);
    expect(await sheet.getByTestId('report-signature').locator('path').getAttribute('d')).toBe(SIGNATURE);
  });
});
