import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { withCspMeta } from '../../../shared/security/csp.js';
import { byteRange, resolveRendererFile, securityHeaders } from './renderer-files.js';

/** What to send back for one request of the built renderer; the web host writes it to HTTP, Electron to a Response. */
export interface RendererAnswer {
  status: number;
  headers: Record<string, string>;
  body: { kind: 'none' } | { kind: 'bytes'; data: Buffer } | { kind: 'file'; path: string; start: number; end: number };
}

export interface RendererRequest {
  /** The built renderer (dist/renderer). */
  root: string;
  method: string;
  /** The URL path with its query, as received. */
  path: string;
  range: string | undefined;
  /** The CSP now: header and <meta> variants (they differ only in frame-ancestors). */
  csp: { header: string; meta: string };
  /** Where the dispatcher keeps local .pmtiles basemaps, served under /basemaps/ (nothing else from there). */
  basemapsDir?: string;
}

export const BASEMAPS_PATH = '/basemaps/';

const text = (status: number, headers: Record<string, string>, message: string): RendererAnswer => ({
  status,
  headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: { kind: 'bytes', data: Buffer.from(`${message}\n`) },
});

/**
 * Answers a request of the built renderer: GET and HEAD only, the CSP and security headers on every answer, the page
 * with its <meta> CSP set to the current policy, app routes falling back to the page, byte ranges for large files.
 */
export function answerRendererRequest(r: RendererRequest): RendererAnswer {
  const headers = securityHeaders(r.csp.header);
  if (r.method !== 'GET' && r.method !== 'HEAD')
    return text(405, { ...headers, Allow: 'GET, HEAD' }, 'only GET and HEAD');
  const basemap = r.path.startsWith(BASEMAPS_PATH);
  if (basemap && (!r.basemapsDir || !existsSync(r.basemapsDir))) return text(404, headers, 'no local basemaps folder');
  if (basemap && extname(r.path.split('?')[0] ?? '') !== '.pmtiles')
    return text(404, headers, 'only .pmtiles archives are served from the basemaps folder');
  const file = basemap
    ? resolveRendererFile(r.basemapsDir!, r.path.slice(BASEMAPS_PATH.length - 1))
    : resolveRendererFile(r.root, r.path);
  if (file.kind === 'refused') return text(file.status, headers, file.reason);
  const head = r.method === 'HEAD';
  if (file.isIndex) {
    // The page carries its CSP twice: the <meta> tag keeps it strict even if it is opened from disk.
    const data = Buffer.from(withCspMeta(readFileSync(file.path, 'utf8'), r.csp.meta));
    return {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': file.contentType,
        'Content-Length': String(data.length),
        'Cache-Control': 'no-store',
      },
      body: head ? { kind: 'none' } : { kind: 'bytes', data },
    };
  }
  const common = {
    ...headers,
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'Accept-Ranges': 'bytes',
  };
  const range = byteRange(r.range, file.size);
  if (range === 'unsatisfiable')
    return { status: 416, headers: { ...headers, 'Content-Range': `bytes */${file.size}` }, body: { kind: 'none' } };
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  const partial: Record<string, string> = range
    ? { 'Content-Range': `bytes ${start}-${end}/${file.size}`, 'Content-Length': String(end - start + 1) }
    : { 'Content-Length': String(file.size) };
  return {
    status: range ? 206 : 200,
    headers: { ...common, ...partial },
    body: head || file.size === 0 ? { kind: 'none' } : { kind: 'file', path: file.path, start, end },
  };
}
