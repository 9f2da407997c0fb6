/** What the console's Content-Security-Policy allows beyond its own origin. */
export interface CspAllowances {
  /** Origins of the online basemap (style, tiles, sprites, glyphs): https://host[:port] each. */
  basemapOrigins: readonly string[];
}

/** Where a policy is delivered: a header can say everything; a <meta> tag may not carry frame-ancestors. */
export type CspDelivery = 'header' | 'meta';

const ORIGIN = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/**
 * The console's Content-Security-Policy, the same from Electron's session, the web host's header and the page's
 * <meta> tag. Scripts only from the app itself; MapLibre needs blob: workers and data:/blob: images; styles allow
 * inline because MapLibre and frappe-gantt set style attributes in the markup they build (style injection cannot run
 * code); network only to the app's origin (which covers the web host's WebSocket) and the configured basemap.
 */
export function contentSecurityPolicy(allow: CspAllowances, delivery: CspDelivery = 'header'): string {
  const origins = [...new Set(allow.basemapOrigins)].sort();
  for (const o of origins) if (!ORIGIN.test(o)) throw new Error(`not an https origin for the CSP: ${o}`);
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...origins],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...origins],
    ['worker-src', "'self'", 'blob:'],
    ['manifest-src', "'self'"],
    ['media-src', "'self'"],
    ['object-src', "'none'"],
    ['frame-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  if (delivery === 'header') directives.push(['frame-ancestors', "'none'"]);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The basemap origins a policy must allow for these settings: the style's own and any listed besides. */
export function basemapOriginsOf(settings: {
  basemapStyleUrl: string | null;
  basemapOrigins: readonly string[];
}): string[] {
  const origins = [...settings.basemapOrigins];
  const styleOrigin = settings.basemapStyleUrl ? httpsOriginOf(settings.basemapStyleUrl) : null;
  if (styleOrigin) origins.push(styleOrigin);
  return [...new Set(origins)];
}

/** The origin of an https URL as a CSP source (`https://host[:port]`, lower case, no user info, no :443); null otherwise. */
export function httpsOriginOf(url: string): string | null {
  const authority = /^https:\/\/([^/?#]+)/i.exec(url)?.[1];
  if (!authority) return null;
  const hostPort = authority
    .slice(authority.lastIndexOf('@') + 1)
    .toLowerCase()
    .replace(/:443$/, '');
  const origin = `https://${hostPort}`;
  return ORIGIN.test(origin) ? origin : null;
}

const META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

/** The page with its CSP <meta> tag set to `policy` (added at the top of <head> when the page has none). */
export function withCspMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}" />`;
  if (META.test(html)) return html.replace(META, tag);
  return html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}\n    ${tag}`);
}
