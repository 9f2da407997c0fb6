import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { basemapOriginsOf, contentSecurityPolicy, httpsOriginOf, withCspMeta } from './csp.js';

const directive = (policy: string, name: string) =>
  policy
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('the console CSP', () => {
  it('runs only its own scripts and talks only to itself when no online basemap is set', () => {
    const policy = contentSecurityPolicy({ basemapOrigins: [] });
    expect(directive(policy, 'default-src')).toEqual(["'none'"]);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(directive(policy, 'connect-src')).toEqual(["'self'"]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/unsafe-eval|\*/);
  });

  it('lets MapLibre run: blob workers, data and blob images', () => {
    const policy = contentSecurityPolicy({ basemapOrigins: [] });
    expect(directive(policy, 'worker-src')).toContain('blob:');
    expect(directive(policy, 'img-src')).toEqual(expect.arrayContaining(['data:', 'blob:']));
  });

  it('allows exactly the configured basemap origins for connections and images', () => {
    const origins = basemapOriginsOf({
      basemapStyleUrl: 'https://tiles.example.com/styles/bright/style.json?key=abc',
      basemapOrigins: ['https://fonts.example.org'],
    });
    expect(origins.sort()).toEqual(['https://fonts.example.org', 'https://tiles.example.com']);
    const policy = contentSecurityPolicy({ basemapOrigins: origins });
    expect(directive(policy, 'connect-src')).toEqual([
      "'self'",
      'https://fonts.example.org',
      'https://tiles.example.com',
    ]);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
  });

  it('takes the origin of a style URL the way a browser would', () => {
    expect(httpsOriginOf('https://Tiles.Example.com:443/s.json')).toBe('https://tiles.example.com');
    expect(httpsOriginOf('https://user:pw@tiles.example.com:8443/s.json?x=1')).toBe('https://tiles.example.com:8443');
    expect(httpsOriginOf('http://tiles.example.com/s.json')).toBeNull();
    expect(httpsOriginOf('https://[::1]/s.json')).toBeNull();
  });

  it('refuses anything that is not a plain https origin', () => {
    for (const bad of ['http://tiles.example.com', 'https://x.com/path', "https://x.com 'unsafe-inline'", '*'])
      expect(() => contentSecurityPolicy({ basemapOrigins: [bad] })).toThrow(/https origin/);
  });

  it('leaves frame-ancestors out of the <meta> variant, where browsers ignore it with a warning', () => {
    expect(contentSecurityPolicy({ basemapOrigins: [] }, 'meta')).not.toContain('frame-ancestors');
  });

  it('rewrites the page meta tag, or adds one', () => {
    const policy = contentSecurityPolicy({ basemapOrigins: ['https://a.example'] }, 'meta');
    const page = '<html><head>\n<meta http-equiv="Content-Security-Policy" content="default-src *" /></head></html>';
    expect(withCspMeta(page, policy)).toBe(
      `<html><head>\n<meta http-equiv="Content-Security-Policy" content="${policy}" /></head></html>`,
    );
    expect(withCspMeta('<html><head lang="en"><title>x</title></head></html>', policy)).toContain(
      `<head lang="en">\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
    );
  });

  it('is the policy written into renderer/index.html, so a page opened without the header is as strict', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(contentSecurityPolicy({ basemapOrigins: [] }, 'meta'));
  });
});
