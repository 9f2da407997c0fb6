// The customer's tracking page end to end, on a phone (390×844): a dispatcher copies an order's link from its details;
// the customer opens it and sees the booking, then the engineer on the map with an ETA that updates as the engineer's
// device (driven by this test) reports positions; after completion the survey submits once, and the console's KPI
// dashboard shows the new CSAT and NPS.
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../shared/domain/index.js';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';
import { docsShot, findOrder, Stack, type ConsoleHost, type WatchedPage } from './stack.testing.js';

const MIN = 60_000;

let stack: Stack;
let host: ConsoleHost;
let desk: WatchedPage;
let order: WorkOrder;
let device: Socket;
let mutationId = 0;

beforeAll(async () => {
  stack = await Stack.start({ engineers: 12, orders: 40 });
  const now = Date.now();
  // One booked order of our own, due now whatever the hour: promised from 30 minutes ago to 90 minutes ahead.
  await stack.editServer((db) => {
    const rows = db.prepare('SELECT data FROM orders').all() as { data: string }[];
    const picked = rows.map((r) => JSON.parse(r.data) as WorkOrder).find((o) => o.status === 'scheduled' && o.booking)!;
    const start = now + 10 * MIN;
    order = {
      ...picked,
      window: { start: now - 30 * MIN, end: now + 90 * MIN },
      booking: { ...picked.booking!, start, end: start + picked.durationMin * MIN },
    };
    db.prepare('UPDATE orders SET data = ? WHERE id = ?').run(JSON.stringify(order), order.id);
  });
  host = await stack.startConsole('dispatcher-1');
  desk = await stack.open(host);
  const engineerId = order.booking!.engineerId;
  device = io(`http://127.0.0.1:${stack.serverPort}`, {
    auth: {
      token: stack.tokenOf(`dev-${engineerId}`),
      clientId: 'e2e-tracking-device',
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
    },
    transports: ['websocket'],
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    device.once('connect', resolve);
    device.once('connect_error', reject);
  });
}, 600_000);

afterAll(async () => {
  device?.disconnect();
  await stack?.stop();
});

/** The engineer's device reports a status, as the engineer's phone would. */
async function status(to: 'en_route' | 'on_site' | 'completed'): Promise<void> {
  const reply = await device.timeout(10_000).emitWithAck('push', {
    mutations: [
      { id: ++mutationId, name: 'setOrderStatus', args: { orderId: order.id, status: to }, createdAt: Date.now() },
    ],
  });
  expect(reply).toMatchObject({ ok: true, value: { results: [{ status: 'applied' }] } });
}

/** The device reports where the engineer is: `km` kilometres north of the site. */
function position(km: number): void {
  device.emit('position', {
    lat: order.site.lat + km / 110.57,
    lon: order.site.lon,
    heading: 180,
    speed: 9,
    at: Date.now(),
  });
}

describe("the customer's tracking page", () => {
  it('follows the engineer with a live ETA, then takes the survey once; the dashboard counts it', async () => {
    const { page } = desk;
    // The dispatcher copies the link from the order's details.
    await findOrder(page, order.code);
    await page.getByTestId('order-tracking-link').click();
    const notice = await page.getByTestId('notice').textContent();
    const url = /(http:\/\/\S+\/t\/[A-Za-z0-9_-]{24})/.exec(notice ?? '')?.[1];
    expect(url, notice ?? '').toBeDefined();

    // The customer opens it on a phone.
    const phone = await stack.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    phone.setDefaultTimeout(60_000);
    const problems: string[] = [];
    phone.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    phone.on('pageerror', (e) => problems.push(e.message));
    await phone.goto(`${url}?lang=en`);
    await expect.poll(() => phone.getByTestId('track-status').textContent()).toBe('Your visit is booked');
    expect(await phone.getByTestId('track-map').count()).toBe(0);

    // The engineer sets off 6 km away: the page shows where they are and when they should arrive.
    const engineer = stack.serverEngineers().find((e: Engineer) => e.id === order.booking!.engineerId)!;
    position(6);
    await status('en_route');
    await phone.getByTestId('track-eta').waitFor();
    await phone.getByTestId('track-map').waitFor();
    expect(await phone.getByTestId('track-status').textContent()).toContain('is on the way');
    expect(engineer.name).toContain((await phone.getByTestId('track-engineer-name').textContent())!);
    const eta = async () => Number(await phone.getByTestId('track-eta').getAttribute('data-eta'));
    const far = await eta();
    // Closer: the ETA comes forward without reloading.
    position(1.5);
    await expect.poll(eta).toBeLessThan(far);
    await phone.screenshot({ path: docsShot('tracking.png') });

    // Arrived and done: no more map; the survey opens.
    await status('on_site');
    await expect.poll(() => phone.getByTestId('track-map').count()).toBe(0);
    await status('completed');
    await phone.getByTestId('track-survey').waitFor();

    // The console's dashboard before the answer: no surveys today.
    await page.getByTestId('open-kpis').click();
    const tile = (key: string) => page.getByTestId(`kpi-${key}`).locator('strong');
    await expect.poll(() => tile('csat').textContent()).toBe('—');

    await phone.locator('label:has(input[name="satisfaction"][value="5"])').click();
    await phone.locator('label:has(input[name="recommend"][value="10"])').click();
    await phone.locator('textarea[name="comment"]').fill('On time and tidy');
    await phone.getByTestId('track-survey').getByRole('button').click();
    // Its own thanks, not "already answered" (which also ends in "Thank you!").
    await expect
      .poll(() => phone.getByTestId('track-survey-done').textContent())
      .toBe('Thank you — we have your answers.');

    // Once: a second answer is refused clearly, and the page says it was answered.
    const again = await phone.request.post(`${url}/survey`, {
      data: { satisfaction: 1, recommend: 0, comment: 'again' },
    });
    expect(again.status()).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_answered' });
    await phone.reload();
    await expect.poll(() => phone.getByTestId('track-survey-done').textContent()).toContain('already answered');
    expect(stack.serverEvents(order.id).filter((e) => e.kind === 'survey_answered')).toHaveLength(1);

    // The console hears of the answer and its dashboard changes.
    await expect.poll(() => tile('csat').textContent()).toBe('100.0%');
    await expect.poll(() => tile('nps').textContent()).toBe('+100');
    // …and its engineer's row among the scores by engineer.
    const row = page.getByTestId('kpi-engineers').locator('tr', { hasText: engineer.name });
    await expect.poll(() => row.locator('td').allTextContents()).toEqual([engineer.name, '100.0%', '+100']);
    expect(problems).toEqual([]);
    await phone.close();
  });
});
