import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { protocol, type Session } from 'electron';
import { answerRendererRequest } from '../core/serve/renderer-response.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Declares app:// a standard, secure scheme (an origin of its own, fetch allowed). Must run before `ready`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

/** Serves the built renderer as app://console/, with the same answers, headers and CSP as the web host. */
export function serveAppProtocol(
  session: Session,
  root: string,
  csp: () => { header: string; meta: string },
  basemapsDir?: string,
): void {
  session.protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('unknown host', { status: 404 });
    const answer = answerRendererRequest({
      root,
      method: request.method,
      path: `${url.pathname}${url.search}`,
      range: request.headers.get('range') ?? undefined,
      csp: csp(),
      ...(basemapsDir ? { basemapsDir } : {}),
    });
    const body = answer.body;
    const payload =
      body.kind === 'none'
        ? null
        : body.kind === 'bytes'
          ? new Uint8Array(body.data)
          : (Readable.toWeb(createReadStream(body.path, { start: body.start, end: body.end })) as ReadableStream);
    return new Response(payload, { status: answer.status, headers: answer.headers });
  });
}
