import { createReadStream, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withCspMeta } from '../../shared/security/csp.js';
import { byteRange, resolveRendererFile, securityHeaders } from '../core/serve/renderer-files.js';

export interface StaticOptions {
  /** The built renderer (dist/renderer). */
  root: string;
  /** The CSP for this response: header and <meta> variants (they differ only in frame-ancestors). */
  csp(): { header: string; meta: string };
}

/** Serves the built renderer: GET and HEAD only, the CSP on every response, app routes falling back to the page. */
export function serveRenderer(req: IncomingMessage, res: ServerResponse, o: StaticOptions): void {
  const csp = o.csp();
  const headers = securityHeaders(csp.header);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('only GET and HEAD\n');
    return;
  }
  const file = resolveRendererFile(o.root, req.url ?? '/');
  if (file.kind === 'refused') {
    res.writeHead(file.status, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`${file.reason}\n`);
    return;
  }
  const cache = file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (file.isIndex) {
    // The page carries its CSP twice: the <meta> tag keeps it strict even if it is opened from disk.
    const body = Buffer.from(withCspMeta(readFileSync(file.path, 'utf8'), csp.meta));
    res.writeHead(200, {
      ...headers,
      'Content-Type': file.contentType,
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  const range = byteRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}` });
    res.end();
    return;
  }
  const common = { ...headers, 'Content-Type': file.contentType, 'Cache-Control': cache, 'Accept-Ranges': 'bytes' };
  if (range) {
    res.writeHead(206, {
      ...common,
      'Content-Range': `bytes ${range.start}-${range.end}/${file.size}`,
      'Content-Length': range.end - range.start + 1,
    });
  } else res.writeHead(200, { ...common, 'Content-Length': file.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path, range ?? {});
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
