import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkOrder } from '../../../shared/domain/index.js';
import { generateScenario, type Scenario } from '../../../shared/scenario/index.js';
import type { PushResult } from '../../../shared/sync/index.js';
import { TestServer, request } from '../test-server.testing.js';
import { TrackingView } from './view.js';

let t: TestServer;
afterEach(async () => t?.close());

const NOW = Date.UTC(2026, 5, 1, 2, 0);
const H = 3_600_000;

/** A city with one order of each kind the page shows: booked, en route and completed (all from the same engineer). */
function city(): { city: Scenario; booked: WorkOrder; enRoute: WorkOrder; done: WorkOrder } {
  const c = generateScenario({ seed: 4, engineers: 10, orders: 60 });
  const withBooking = c.orders.filter((o) => o.booking && o.status === 'scheduled');
  const [booked, enRoute, done] = withBooking as [WorkOrder, WorkOrder, WorkOrder];
  enRoute.status = 'en_route';
  done.status = 'completed';
  done.firstTimeFix = true;
  done.updatedAt = NOW - H;
  return { city: c, booked, enRoute, done };
}

interface Reply {
  status: number;
  type: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function http(url: string, o: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  return new Promise<Reply>((resolve, reject) => {
    const req = httpRequest(url, { method: o.method ?? 'GET', headers: o.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body, headers: res.headers }),
      );
    });
    req.on('error', reject);
    if (o.body !== undefined) req.end(typeof o.body === 'string' ? o.body : JSON.stringify(o.body), 'utf8');
    else req.end();
  });
}

async function issue(orderId: string, userId = 'dispatcher-1'): Promise<Reply & { url?: string }> {
  const r = await http(`${t.server.url}/api/tracking-links`, {
    method: 'POST',
    body: { orderId },
    headers: { authorization: `Bearer ${await t.token(userId)}`, 'content-type': 'application/json' },
  });
  return { ...r, url: r.status === 201 ? (JSON.parse(r.body) as { url: string }).url : undefined };
}

const survey = (url: string, body: unknown) =>
  http(`${url}/survey`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

/** What must never appear on another order's link: its code, customer, phone, address, and any id. */
function secretsOf(o: WorkOrder, engineerName?: string): string[] {
  return [o.code, o.id, o.customer.name, o.customer.phone, o.site.address, ...(engineerName ? [engineerName] : [])];
}

/** Reads a server-sent event stream until `until` says stop; returns the views seen. */
function readViews(
  url: string,
  until: (views: TrackingView[]) => boolean,
  onOpen: () => void,
): Promise<TrackingView[]> {
  return new Promise((resolve, reject) => {
    const views: TrackingView[] = [];
    const req = httpRequest(`${url}/events`, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (/^event: view$/m.test(frame) && data) {
            views.push(TrackingView.parse(JSON.parse(data)));
            if (views.length === 1) onOpen();
            if (until(views)) {
              req.destroy();
              resolve(views);
            }
          }
        }
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? null : reject(e)));
    req.end();
  });
}

describe('tracking links', () => {
  it('are issued to dispatchers only, and stored hashed', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    expect((await issue(c.booked.id, 'viewer')).status).toBe(403);
    expect(
      (await http(`${t.server.url}/api/tracking-links`, { method: 'POST', body: { orderId: c.booked.id } })).status,
    ).toBe(401);
    expect((await issue('no-such-order')).status).toBe(404);
    const { url } = await issue(c.booked.id);
    expect(url).toMatch(/\/t\/[A-Za-z0-9_-]{24}$/);
    const token = url!.split('/t/')[1]!;
    // Only the hash is kept: the token itself is nowhere in the store.
    const { hashToken } = await import('./links.js');
    expect(await t.store.trackingLink(token)).toBeNull();
    expect(await t.store.trackingLink(hashToken(token))).toMatchObject({
      orderId: c.booked.id,
      issuedBy: 'dispatcher-1',
    });
  });

  it('read their one order and nothing of another, on every route', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    const engineerOf = (o: WorkOrder) => t.city.engineers.find((e) => e.id === o.booking!.engineerId)!;
    const others = t.city.orders.filter((o) => o.id !== c.booked.id);
    const { url } = await issue(c.booked.id);
    const page = await http(`${url}?lang=en`);
    const state = await http(`${url}/state`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(c.booked.code);
    const view = TrackingView.parse(JSON.parse(state.body));
    expect(view).toMatchObject({ code: c.booked.code, status: 'booked', map: null, eta: null, survey: 'closed' });
    // Nothing about the customer beyond the order's code, nor any id.
    expect(state.body).not.toContain(c.booked.id);
    expect(state.body).not.toContain(c.booked.customer.phone);
    expect(state.body).not.toContain(engineerOf(c.booked).id);
    const views = await readViews(
      url!,
      (v) => v.length >= 1,
      () => {},
    );
    const bodies = [page.body, state.body, JSON.stringify(views)];
    for (const other of others)
      for (const secret of secretsOf(other)) for (const body of bodies) expect(body).not.toContain(secret);
    // A survey through this link can only be about this order: refused here (not completed), and nothing written.
    const before = (await t.store.eventsFor(c.done.id)).length;
    expect((await survey(url!, { satisfaction: 5, recommend: 10, comment: '' })).status).toBe(409);
    expect(await t.store.eventsFor(c.done.id)).toHaveLength(before);
    expect((await t.store.eventsFor(c.booked.id)).some((e) => e.kind === 'survey_answered')).toBe(false);
  });

  it('answer a wrong token with the plain link-expired page on every route, never a stack trace', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    await issue(c.booked.id);
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'x', '%00<script>', 'a'.repeat(64)]) {
      const page = await http(`${t.server.url}/t/${token}?lang=en`);
      expect(page.status).toBe(404);
      expect(page.body).toContain('Link expired');
      expect(page.body).not.toMatch(/Error|at .*\.ts/);
      for (const route of ['state', 'events'])
        expect((await http(`${t.server.url}/t/${token}/${route}`)).status).toBe(404);
      expect((await survey(`${t.server.url}/t/${token}`, { satisfaction: 5, recommend: 9, comment: '' })).status).toBe(
        404,
      );
    }
    expect(
      (await http(`${t.server.url}/t/AAAAAAAAAAAAAAAAAAAAAAAA`, { headers: { 'accept-language': 'zh-CN' } })).body,
    ).toContain('链接已失效');
  });

  it('expire 24 hours after the order is completed', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    const { url } = await issue(c.done.id);
    expect((await http(`${url}/state`)).status).toBe(200);
    // Completed an hour before NOW: still open 22 h 59 min later, expired at 23 h.
    t.clock.now = NOW + 23 * H - 60_000;
    expect((await http(`${url}/state`)).status).toBe(200);
    t.clock.now = NOW + 23 * H;
    const page = await http(`${url}?lang=en`);
    expect(page.status).toBe(410);
    expect(page.body).toContain('Link expired');
    expect(page.body).not.toContain(c.done.code);
    expect((await http(`${url}/state`)).status).toBe(410);
    expect((await survey(url!, { satisfaction: 5, recommend: 9, comment: '' })).status).toBe(410);
  });

  it('take a survey once, validated, after completion', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    const { url } = await issue(c.done.id);
    expect(TrackingView.parse(JSON.parse((await http(`${url}/state`)).body)).survey).toBe('open');
    const bad = await survey(url!, { satisfaction: 6, recommend: 10, comment: '' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).message).toMatch(/satisfaction/);
    expect((await survey(url!, '{not json')).status).toBe(400);
    expect((await survey(url!, { satisfaction: 4, recommend: 9, comment: '  quick and tidy ' })).status).toBe(201);
    const again = await survey(url!, { satisfaction: 1, recommend: 0, comment: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body)).toMatchObject({ error: 'already_answered' });
    // Another link to the same order cannot answer again either.
    const second = await issue(c.done.id);
    expect((await survey(second.url!, { satisfaction: 1, recommend: 0, comment: '' })).status).toBe(409);
    const answers = (await t.store.eventsFor(c.done.id)).filter((e) => e.kind === 'survey_answered');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.data).toEqual({ satisfaction: 4, recommend: 9, comment: 'quick and tidy' });
    expect(TrackingView.parse(JSON.parse((await http(`${url}/state`)).body)).survey).toBe('answered');
  });

  it('cannot be answered from a console: only the server records a survey', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    const socket = await t.connect({ userId: 'supervisor' });
    const reply = await request<PushResult>(socket, 'push', {
      mutations: [
        {
          id: 1,
          name: 'recordSurvey',
          args: { orderId: c.done.id, answers: { satisfaction: 5, recommend: 10, comment: '' } },
          createdAt: NOW,
        },
      ],
    });
    expect(reply.ok && reply.value.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await t.store.eventsFor(c.done.id)).some((e) => e.kind === 'survey_answered')).toBe(false);
  });

  it('show the engineer on a map with a live ETA only while on the way to this order', async () => {
    const c = city();
    t = await TestServer.start({ city: c.city, now: NOW });
    const engineerId = c.enRoute.booking!.engineerId;
    const { url } = await issue(c.enRoute.id);
    const booked = await issue(c.booked.id);
    const far = { lat: c.enRoute.site.lat + 0.05, lon: c.enRoute.site.lon, heading: 180, speed: 10, at: NOW };
    expect(t.server.positions.report(engineerId, far)).toBeNull();
    if (c.booked.booking!.engineerId !== engineerId)
      t.server.positions.report(c.booked.booking!.engineerId, { ...far, at: NOW });
    const views = await readViews(
      url!,
      (v) => v.length >= 2,
      () => {
        // Closer now: the page hears of it when the positions are next sent out.
        t.clock.now = NOW + 60_000;
        t.server.positions.report(engineerId, { ...far, lat: c.enRoute.site.lat + 0.01, at: NOW + 60_000 });
        void t.server.positions.flush();
      },
    );
    expect(views[0]!.map!.engineer.lat).toBeCloseTo(c.enRoute.site.lat + 0.05, 6);
    expect(views[1]!.map!.engineer.lat).toBeCloseTo(c.enRoute.site.lat + 0.01, 6);
    expect(views[1]!.eta!).toBeLessThan(views[0]!.eta!);
    expect(views[0]!.engineerName).toBeTruthy();
    // The booked order's page shows no position (its engineer is not on the way to it).
    const other = TrackingView.parse(JSON.parse((await http(`${booked.url}/state`)).body));
    expect(other.map).toBeNull();
    expect(other.eta).toBeNull();
  });

  it('name the engineer as the customer knows them: 李师傅 in Chinese, the full Chinese name in English', async () => {
    const c = city();
    const engineer = c.city.engineers.find((e) => e.id === c.enRoute.booking!.engineerId)!;
    engineer.name = '欧阳娜娜';
    t = await TestServer.start({ city: c.city, now: NOW });
    const { url } = await issue(c.enRoute.id);
    const view = TrackingView.parse(JSON.parse((await http(`${url}/state`)).body));
    expect(view.engineerName).toEqual({ zh: '欧阳师傅', en: '欧阳娜娜' });
    // The page carries the same view, whichever language it is in.
    const page = await http(`${url}?lang=en`);
    expect(page.body).toContain('"engineerName":{"zh":"欧阳师傅","en":"欧阳娜娜"}');
  });

  it('name the engineer the order is given to now, once it is reassigned', async () => {
    const c = city();
    const { engineerId, start } = c.booked.booking!;
    const other = c.city.engineers.find((e) => e.id !== engineerId && !c.booked.excludedEngineerIds.includes(e.id))!;
    other.name = '欧阳娜娜';
    t = await TestServer.start({ city: c.city, now: NOW });
    const { url } = await issue(c.booked.id);
    const before = TrackingView.parse(JSON.parse((await http(`${url}/state`)).body));
    expect(before.engineerName).not.toEqual({ zh: '欧阳师傅', en: '欧阳娜娜' });
    const socket = await t.connect({ userId: 'dispatcher-1' });
    const reply = await request<PushResult>(socket, 'push', {
      mutations: [
        {
          id: 1,
          name: 'moveBooking',
          args: {
            orderId: c.booked.id,
            base: { version: c.booked.version, rev: c.booked.rev },
            engineerId: other.id,
            start,
          },
          createdAt: NOW,
        },
      ],
    });
    expect(reply.ok && reply.value.results[0]).toMatchObject({ status: 'applied' });
    const after = TrackingView.parse(JSON.parse((await http(`${url}/state`)).body));
    expect(after.engineerName).toEqual({ zh: '欧阳师傅', en: '欧阳娜娜' });
  });

  it('are rate-limited per address and per link', async () => {
    const c = city();
    t = await TestServer.start({
      city: c.city,
      now: NOW,
      customer: { limits: { ip: { burst: 8, perSecond: 1 }, token: { burst: 3, perSecond: 0.5 } } },
    });
    const { url } = await issue(c.booked.id);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await http(`${url}/state`)).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    // Two seconds later the link has one more request.
    t.clock.now += 2_000;
    expect((await http(`${url}/state`)).status).toBe(200);
    // The address's bucket of 8: the issue and 5 reads took 6, 2 s gave back 2, so 4 are left; wrong tokens spend them.
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await http(`${t.server.url}/t/AAAAAAAAAAAAAAAAAAAAAAA${i}`)).status);
    expect(wrong).toEqual([404, 404, 404, 404, 429]);
    // Refused by address, the good link too.
    expect((await http(`${url}/state`)).status).toBe(429);
  });
});

describe('behind a reverse proxy', () => {
  const wrong = (i: number) => `AAAAAAAAAAAAAAAAAAAAAA${String(i).padStart(2, '0')}`;
  const limits = { ip: { burst: 2, perSecond: 1 }, token: { burst: 30, perSecond: 0.5 } };

  it('limits each client the trusted proxy names, when configured', async () => {
    t = await TestServer.start({
      city: city().city,
      now: NOW,
      customer: { limits, trustProxy: { addresses: ['loopback'] } },
    });
    const from = (ip: string, i: number) =>
      http(`${t.server.url}/t/${wrong(i)}`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.status);
    expect([await from('198.51.100.1', 1), await from('198.51.100.1', 2), await from('198.51.100.1', 3)]).toEqual([
      404, 404, 429,
    ]);
    // Another customer behind the same proxy still has their own bucket.
    expect(await from('198.51.100.2', 4)).toBe(404);
  });

  it('ignores X-Forwarded-For by default: a client cannot pick a fresh address per request', async () => {
    t = await TestServer.start({ city: city().city, now: NOW, customer: { limits } });
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await http(`${t.server.url}/t/${wrong(i)}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status,
      );
    expect(codes).toEqual([404, 404, 429]);
  });
});

describe('a flood of wrong links', () => {
  const wellFormed = () => randomBytes(18).toString('base64url');

  it('is answered with the same prepared bytes every time: no nonce, the style allowed by its hash', async () => {
    t = await TestServer.start({ city: city().city, now: NOW });
    const pages = [
      await http(`${t.server.url}/t/${wellFormed()}?lang=en`),
      await http(`${t.server.url}/t/${wellFormed()}?lang=en`),
      await http(`${t.server.url}/t/too-short?lang=en`),
    ];
    for (const p of pages) {
      expect(p.status).toBe(404);
      expect(p.body).toBe(pages[0]!.body);
      expect(p.headers['content-security-policy']).toBe(pages[0]!.headers['content-security-policy']);
    }
    expect(pages[0]!.body).toContain('Link expired');
    expect(pages[0]!.body).not.toContain('nonce');
    // The browser applies the page's style only if its hash is the one the policy names.
    const style = /<style>([\s\S]*)<\/style>/.exec(pages[0]!.body)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(pages[0]!.headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`);
    expect((await http(`${t.server.url}/t/${wellFormed()}`, { headers: { 'accept-language': 'zh' } })).body).toContain(
      '链接已失效',
    );
  });

  it('refuses a token of the wrong shape before the address limit, so it spends nothing', async () => {
    t = await TestServer.start({
      city: city().city,
      now: NOW,
      customer: { limits: { ip: { burst: 2, perSecond: 1 }, token: { burst: 30, perSecond: 0.5 } } },
    });
    for (const bad of ['x', 'a'.repeat(23), 'a'.repeat(25), 'AAAAAAAAAAAAAAAAAAAAAA.A', '%3Cscript%3E'])
      expect((await http(`${t.server.url}/t/${bad}/state`)).status).toBe(404);
    // The address's two requests are still there for well-formed tokens.
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await http(`${t.server.url}/t/${wellFormed()}/state`)).status);
    expect(codes).toEqual([404, 404, 429]);
    expect(t.server.customer.refusals()).toMatchObject({ malformed: 5, unknown: 2, limited: 1 });
  });

  it('from many addresses keeps the limits’ memory bounded and gives no bucket to a link that does not exist', async () => {
    const c = city();
    t = await TestServer.start({
      city: c.city,
      now: NOW,
      customer: {
        trustProxy: { addresses: ['loopback'] },
        limits: { ip: { burst: 60, perSecond: 1, maxKeys: 50 }, token: { burst: 30, perSecond: 0.5 } },
      },
    });
    for (let i = 0; i < 300; i++) {
      const from = { 'x-forwarded-for': `198.51.${i >> 8}.${i & 255}` };
      expect((await http(`${t.server.url}/t/${wellFormed()}/state`, { headers: from })).status).toBe(404);
    }
    const after = t.server.customer.refusals();
    expect(after).toMatchObject({ unknown: 300, limited: 0, links: 0 });
    expect(after.addresses).toBeLessThanOrEqual(50);
    // A real link still opens, and only it gets a bucket.
    const { url } = await issue(c.booked.id);
    expect((await http(`${url}/state`)).status).toBe(200);
    expect(t.server.customer.refusals().links).toBe(1);
  });
});
