import { realpathSync, statSync } from 'node:fs';
import { extname, join, posix, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
};

/** The Content-Type a file is served with; unknown kinds are plain bytes (with nosniff, never guessed as HTML). */
export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** What a request path resolves to inside the built renderer. */
export type RendererFile =
  | { kind: 'file'; path: string; size: number; contentType: string; isIndex: boolean; immutable: boolean }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; reason: string };

/**
 * Maps a URL path to a file of the built renderer. Refuses anything that would leave the folder (`..`, encoded
 * slashes or backslashes, NUL, symlinks pointing out), and falls back to index.html for app routes (paths without a
 * file extension), while a missing asset stays a 404 rather than a page of HTML.
 */
export function resolveRendererFile(root: string, rawPath: string): RendererFile {
  const realRoot = realpathSync(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath.split('?')[0] ?? '/');
  } catch {
    return { kind: 'refused', status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'refused', status: 400, reason: 'the path is malformed' };
  if (decoded.split('/').some((part) => part === '..'))
    return { kind: 'refused', status: 403, reason: 'the path leaves the app folder' };
  const relative = posix.normalize(decoded).replace(/^\/+/, '');
  if (relative.split('/').some((part) => part.startsWith('.') && part.length > 0))
    return { kind: 'refused', status: 404, reason: 'hidden files are not served' };
  const candidate = relative === '' ? 'index.html' : relative;
  const found = fileUnder(realRoot, candidate);
  if (found === 'outside') return { kind: 'refused', status: 403, reason: 'the path leaves the app folder' };
  if (found) return describe(found, candidate === 'index.html');
  if (extname(candidate) !== '') return { kind: 'refused', status: 404, reason: 'no such file' };
  const index = fileUnder(realRoot, 'index.html');
  if (!index || index === 'outside') return { kind: 'refused', status: 404, reason: 'the renderer is not built' };
  return describe(index, true);
}

function fileUnder(realRoot: string, relative: string): { path: string; size: number } | 'outside' | null {
  let real: string;
  try {
    real = realpathSync(join(realRoot, ...relative.split('/')));
  } catch {
    return null;
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return 'outside';
  const stat = statSync(real);
  return stat.isFile() ? { path: real, size: stat.size } : null;
}

function describe(file: { path: string; size: number }, isIndex: boolean): RendererFile {
  // Vite puts content-hashed bundles under assets/: they never change, so browsers may keep them.
  const immutable = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(file.path);
  return { kind: 'file', path: file.path, size: file.size, contentType: contentTypeOf(file.path), isIndex, immutable };
}

/** Headers every response of the renderer carries, besides its type. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
  };
}

/** One satisfiable byte range of a Range header (`bytes=a-b`, `bytes=a-`, `bytes=-n`); null means the whole file. */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null; // several ranges or nonsense: serve the whole file
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
