import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { customerLanguageOf, Id } from '../../../shared/domain/index.js';
import { centreLanguage } from '../../../shared/scenario/areas.js';
import { SurveyAnswers } from '../../../shared/kpi/survey.js';
import type { EngineerPosition, Principal } from '../../../shared/sync/index.js';
import { describeIssues } from '../../../shared/sync/index.js';
import { surveyClientId } from '../../../shared/sync/mutations/index.js';
import { verifyToken } from '../auth/tokens.js';
import type { PushOutcome, SyncStore } from '../store/types.js';
import { clientAddressOf, type TrustProxy } from './client-address.js';
import { TOKEN_SHAPE, hashToken, issueTrackingLink, resolveLink, resolveToken } from './links.js';
import { CUSTOMER_LANGS, pickLang, type CustomerLang } from './messages.js';
import { STYLE_HASH, expiredPage, trackingPage } from './page.js';
import { Buckets, type BucketLimits } from './rate-limit.js';
import { buildView, type TrackingView } from './view.js';

export interface CustomerRoutesOptions {
  store: SyncStore;
  /** Secret that signs sign-in tokens (for the console's request of a link). */
  secret: string;
  now: () => number;
  timeZone: string;
  /** The engineer's latest position known to the server. */
  positionOf: (engineerId: string) => Promise<EngineerPosition | null>;
  /** Tells consoles of what a survey wrote. */
  pushed: (outcome: PushOutcome) => void;
  /** The links' base address, e.g. https://track.example.com; else the address the console reached the server at. */
  publicUrl?: string;
  /** How often open pages are refreshed without a trigger (positions and pushes trigger it too). */
  refreshMs?: number;
  /** Token buckets per address and per link; `maxKeys` bounds how many each keeps (50,000 unless told). */
  limits?: { ip: BucketLimits; token: BucketLimits };
  /** Reverse proxies believed when they name the client in X-Forwarded-For; else the socket's address is the client. */
  trustProxy?: TrustProxy;
  log: (message: string, err?: unknown) => void;
}

export const DEFAULT_CUSTOMER_LIMITS = {
  ip: { burst: 60, perSecond: 1 },
  token: { burst: 30, perSecond: 0.5 },
};

/** Most live pages one link may hold open at once, and the server in all. */
const STREAMS_PER_LINK = 4;
const STREAMS_MAX = 2_000;

const CUSTOMER: Principal = { kind: 'system', id: 'customer', name: 'Customer', role: 'supervisor', engineerId: null };

const LinkRequest = z.strictObject({ orderId: Id });

/** The routes under /t/: the page, or one of its parts. */
const ROUTE = /^\/t\/([^/]{1,64})(?:\/(state|events|survey))?\/?$/;
/** The page itself (an HTML answer); every other path under /t/ is answered in JSON. */
const PAGE = /^\/t\/[^/]+\/?$/;

const HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** A refusal prepared once: the same status, headers and bytes for every request it answers. */
interface Prepared {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

function prepared(status: number, type: string, text: string, extra: Record<string, string> = {}): Prepared {
  const body = Buffer.from(text, 'utf8');
  return { status, body, headers: { 'content-type': type, 'content-length': body.length, ...HEADERS, ...extra } };
}

/**
 * Every answer to a wrong, expired or too frequent request, made once when the server starts: a flood of wrong links
 * costs the server no page building, no nonce and no JSON per request.
 */
const REFUSALS = (() => {
  const html = 'text/html; charset=utf-8';
  const json = 'application/json; charset=utf-8';
  const csp = {
    'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
  const page = (status: number) =>
    Object.fromEntries(CUSTOMER_LANGS.map((lang) => [lang, prepared(status, html, expiredPage(lang), csp)])) as Record<
      CustomerLang,
      Prepared
    >;
  const retry = { 'retry-after': '10' };
  return {
    page: { unknown: page(404), expired: page(410) },
    json: {
      unknown: prepared(404, json, JSON.stringify({ error: 'link_expired' })),
      expired: prepared(410, json, JSON.stringify({ error: 'link_expired' })),
    },
    slow: {
      page: prepared(429, 'text/plain; charset=utf-8', 'Too many requests / 请求过于频繁', retry),
      json: prepared(429, json, JSON.stringify({ error: 'too_many_requests' }), retry),
    },
  };
})();

/** Requests refused, by why: counted, never logged one by one (a flood would fill the log). */
export interface Refusals {
  /** The path names no token of the right shape (24 characters of base64url). */
  malformed: number;
  /** A well-formed token no link has. */
  unknown: number;
  /** A link past its time. */
  expired: number;
  /** Over the per-address or per-link limit. */
  limited: number;
}

interface Stream {
  res: ServerResponse;
  token: string;
  last: string;
}

/**
 * The customer's side of the server: /t/<token> (the page), /t/<token>/state, /t/<token>/events (server-sent events),
 * POST /t/<token>/survey, and POST /api/tracking-links for a dispatcher to issue a link. Every /t route reads the order
 * its token names and nothing else; a wrong or expired token gets the same plain page.
 */
export function customerRoutes(o: CustomerRoutesOptions) {
  const limits = o.limits ?? DEFAULT_CUSTOMER_LIMITS;
  const byIp = new Buckets(limits.ip, o.now);
  const byToken = new Buckets(limits.token, o.now);
  const refused: Refusals = { malformed: 0, unknown: 0, expired: 0, limited: 0 };
  /** What was refused, told in the log once a minute when anything was. */
  let told = 0;
  const tell = setInterval(() => {
    const total = refused.malformed + refused.unknown + refused.expired + refused.limited;
    if (total === told) return;
    o.log(
      `tracking pages: ${total - told} requests refused in the last minute; since the start ${refused.malformed} ` +
        `malformed, ${refused.unknown} unknown and ${refused.expired} expired links, ${refused.limited} over a limit`,
    );
    told = total;
  }, 60_000);
  tell.unref();
  /** Open live pages by order id. */
  const streams = new Map<string, Set<Stream>>();
  let streamCount = 0;
  let refreshing: Promise<void> | null = null;
  let again = false;

  async function viewOf(token: string): Promise<TrackingView | null> {
    const r = await resolveToken(o.store, token, o.now());
    if (!r.ok) return null;
    const engineerId = r.order.booking?.engineerId ?? null;
    return buildView({
      order: r.order,
      events: r.events,
      engineer: engineerId ? await o.store.engineer(engineerId) : null,
      position: engineerId && r.order.status === 'en_route' ? await o.positionOf(engineerId) : null,
      expiresAt: r.expiresAt,
      timeZone: o.timeZone,
      now: o.now(),
    });
  }

  /** Sends every open page its view when it changed; an expired link's page is told and closed. */
  async function refreshAll(): Promise<void> {
    for (const set of streams.values())
      for (const s of set) {
        const view = await viewOf(s.token).catch((err: unknown) => {
          o.log('tracking view failed', err);
          return undefined;
        });
        if (view === undefined) continue;
        if (view === null) {
          s.res.end('event: expired\ndata: {}\n\n');
          continue;
        }
        // The clock moves every time; only a change of what the page shows is sent.
        const shown = JSON.stringify({ ...view, now: 0 });
        if (shown === s.last) continue;
        s.last = shown;
        s.res.write(`event: view\ndata: ${JSON.stringify(view)}\n\n`);
      }
  }

  /** Refreshes open pages now; calls while one runs are folded into one more run. Resolves when done. */
  function refresh(): Promise<void> {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        await refreshAll();
      } while (again);
    })().finally(() => (refreshing = null));
    return refreshing;
  }

  const timer = setInterval(() => streams.size > 0 && void refresh(), o.refreshMs ?? 5_000);
  timer.unref();

  const ipOf = clientAddressOf(o.trustProxy);

  function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': type, ...HEADERS, ...extra });
    res.end(body);
  }
  const answer = (res: ServerResponse, p: Prepared) => {
    res.writeHead(p.status, p.headers);
    res.end(p.body);
  };
  /** A page asked for in no language we speak is in the centre's, as its messages to customers are. */
  const centre = customerLanguageOf({}, centreLanguage(o.timeZone));
  const langOf = (req: IncomingMessage, url: URL) =>
    pickLang(url.searchParams.get('lang'), req.headers['accept-language'], centre);
  const csp = (nonce: string) => ({
    'content-security-policy':
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; ` +
      "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  });
  const json = (res: ServerResponse, status: number, body: unknown) =>
    send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
  /** The plain link-expired answer, the page or JSON, prepared. */
  const gone = (req: IncomingMessage, res: ServerResponse, url: URL, why: 'unknown' | 'expired', asJson: boolean) =>
    answer(res, asJson ? REFUSALS.json[why] : REFUSALS.page[why][langOf(req, url)]);
  const slow = (res: ServerResponse, asJson: boolean) => {
    refused.limited += 1;
    answer(res, asJson ? REFUSALS.slow.json : REFUSALS.slow.page);
  };

  async function readBody(req: IncomingMessage, max: number): Promise<unknown> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > max) throw new Error('too_large');
      chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  }

  async function survey(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    let body: unknown;
    try {
      body = await readBody(req, 4_096);
    } catch {
      return json(res, 400, { error: 'bad_request', message: 'the answers must be JSON of at most 4 KB' });
    }
    const answers = SurveyAnswers.safeParse(body);
    if (!answers.success) return json(res, 400, { error: 'bad_request', message: describeIssues(answers.error) });
    const r = await resolveToken(o.store, token, o.now());
    if (!r.ok) return json(res, r.why === 'expired' ? 410 : 404, { error: 'link_expired' });
    if (r.events.some((e) => e.kind === 'survey_answered'))
      return json(res, 409, { error: 'already_answered', message: 'this survey was already answered' });
    if (r.order.status !== 'completed')
      return json(res, 409, { error: 'not_completed', message: 'the survey opens once the visit is completed' });
    const clientId = surveyClientId(r.order.id);
    await o.store.bindClient(clientId, CUSTOMER.id, o.now());
    const outcome = await o.store.applyPush(
      clientId,
      CUSTOMER,
      [{ id: 1, name: 'recordSurvey', args: { orderId: r.order.id, answers: answers.data }, createdAt: o.now() }],
      o.now,
    );
    o.pushed(outcome);
    const result = outcome.results[0];
    if (result?.status === 'applied') {
      json(res, 201, { ok: true });
      void refresh();
      return;
    }
    if (result?.status === 'rejected') return json(res, 409, { error: result.code, message: result.message });
    return json(res, 409, { error: 'already_answered', message: 'this survey was already answered' });
  }

  function events(req: IncomingMessage, res: ServerResponse, token: string, view: TrackingView, orderId: string) {
    const set = streams.get(orderId) ?? new Set<Stream>();
    if (streamCount >= STREAMS_MAX || [...set].filter((s) => s.token === token).length >= STREAMS_PER_LINK)
      return slow(res, true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const stream: Stream = { res, token, last: JSON.stringify({ ...view, now: 0 }) };
    res.write(`retry: 3000\nevent: view\ndata: ${JSON.stringify(view)}\n\n`);
    set.add(stream);
    streams.set(orderId, set);
    streamCount += 1;
    const drop = () => {
      if (!set.delete(stream)) return;
      streamCount -= 1;
      if (set.size === 0) streams.delete(orderId);
    };
    req.on('close', drop);
    res.on('close', drop);
  }

  async function issue(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const check = auth ? verifyToken(o.secret, auth, o.now()) : null;
    if (!check?.ok) return json(res, 401, { error: 'unauthorized', message: 'sign in to issue tracking links' });
    const user = await o.store.user(check.claims.sub);
    if (!user || user.disabled || (user.role !== 'dispatcher' && user.role !== 'supervisor'))
      return json(res, 403, { error: 'forbidden', message: 'only dispatchers and supervisors issue tracking links' });
    let body: unknown;
    try {
      body = await readBody(req, 1_024);
    } catch {
      return json(res, 400, { error: 'bad_request', message: 'the request must be JSON of at most 1 KB' });
    }
    const parsed = LinkRequest.safeParse(body);
    if (!parsed.success) return json(res, 400, { error: 'bad_request', message: describeIssues(parsed.error) });
    const order = await o.store.order(parsed.data.orderId);
    if (!order) return json(res, 404, { error: 'not_found', message: 'there is no such order' });
    if (order.status === 'cancelled')
      return json(res, 409, { error: 'cancelled', message: `${order.code} is cancelled: there is nothing to track` });
    const token = await issueTrackingLink(o.store, order.id, user.id, o.now());
    const base = o.publicUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`;
    json(res, 201, { url: `${base.replace(/\/$/, '')}/t/${token}`, orderId: order.id, code: order.code });
  }

  /**
   * A wrong link costs as little as it can, in this order: a token of the wrong shape is refused before anything
   * else; then the address's limit, before the token is hashed and looked up; a well-formed token no link has is
   * refused without a bucket of its own (random tokens would fill the per-link map), and every refusal is prepared.
   */
  async function serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/tracking-links') {
      if (!byIp.take(ipOf(req))) return slow(res, true);
      if (req.method !== 'POST') return json(res, 405, { error: 'method_not_allowed' });
      return issue(req, res);
    }
    const m = ROUTE.exec(url.pathname);
    const asJson = !PAGE.test(url.pathname);
    if (!m || !TOKEN_SHAPE.test(m[1]!)) {
      refused.malformed += 1;
      return gone(req, res, url, 'unknown', asJson);
    }
    if (!byIp.take(ipOf(req))) return slow(res, asJson);
    const token = m[1]!;
    const route = m[2] ?? 'page';
    const hash = hashToken(token);
    const link = await o.store.trackingLink(hash);
    if (!link) {
      refused.unknown += 1;
      return gone(req, res, url, 'unknown', asJson);
    }
    if (!byToken.take(hash)) return slow(res, asJson);
    if (route === 'survey') {
      if (req.method !== 'POST') return json(res, 405, { error: 'method_not_allowed' });
      return survey(req, res, token);
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'method_not_allowed' });
    const r = await resolveLink(o.store, link, o.now());
    if (!r.ok) {
      refused.expired += 1;
      return gone(req, res, url, r.why, asJson);
    }
    const view = (await viewOf(token))!;
    if (route === 'state') return json(res, 200, view);
    if (route === 'events') return events(req, res, token, view, r.order.id);
    const nonce = randomBytes(12).toString('base64');
    send(res, 200, 'text/html; charset=utf-8', trackingPage(view, langOf(req, url), nonce), csp(nonce));
  }

  return {
    /** Serves the request when it is one of the customer's routes; false otherwise. */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith('/t/') && url.pathname !== '/api/tracking-links') return false;
      serve(req, res, url).catch((err: unknown) => {
        o.log('customer route failed', err);
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Something went wrong / 出错了');
        else res.end();
      });
      return true;
    },
    refresh,
    /** How many live pages are open. */
    streams: () => streamCount,
    /** Requests refused since the start, by why, and how many addresses and links the limits are keeping. */
    refusals: () => ({ ...refused, addresses: byIp.size, links: byToken.size }),
    close(): void {
      clearInterval(timer);
      clearInterval(tell);
      for (const set of streams.values()) for (const s of set) s.res.end();
      streams.clear();
      streamCount = 0;
    },
  };
}

export type CustomerRoutes = ReturnType<typeof customerRoutes>;
