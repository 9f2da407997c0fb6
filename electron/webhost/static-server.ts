import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerRendererRequest } from '../core/serve/renderer-response.js';

/** Serves the built renderer over HTTP (see answerRendererRequest for what is answered how). */
export function serveRenderer(
  req: IncomingMessage,
  res: ServerResponse,
  o: { root: string; basemapsDir?: string; csp(): { header: string; meta: string } },
): void {
  const answer = answerRendererRequest({
    root: o.root,
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    range: req.headers.range,
    csp: o.csp(),
    ...(o.basemapsDir ? { basemapsDir: o.basemapsDir } : {}),
  });
  res.writeHead(answer.status, answer.headers);
  const body = answer.body;
  if (body.kind === 'none') res.end();
  else if (body.kind === 'bytes') res.end(body.data);
  else {
    const stream = createReadStream(body.path, { start: body.start, end: body.end });
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}
