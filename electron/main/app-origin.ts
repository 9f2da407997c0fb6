/** The renderer is served from this privileged scheme, never file://, so it has an origin of its own to check. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/** The origin of a URL, custom schemes included (WHATWG URL says "null" for those); null when it is not a URL. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
}
