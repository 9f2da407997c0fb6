import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../shared/security/csp.js';

const registered = vi.hoisted(() => ({ schemes: [] as unknown[] }));
vi.mock('electron', () => ({
  protocol: { registerSchemesAsPrivileged: (s: unknown[]) => registered.schemes.push(...s) },
}));
const { registerAppScheme, serveAppProtocol } = await import('./app-protocol.js');

let dir: string;
let handler: (request: Request) => Response;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<html><head><title>c</title></head><body></body></html>');
  writeFileSync(join(dir, 'renderer', 'assets', 'index-AbCdEf12.js'), 'export {}\n');
  writeFileSync(join(dir, 'secret.txt'), 'SECRET');
  const session = { protocol: { handle: (_s: string, h: typeof handler) => (handler = h) } } as unknown as Session;
  const csp = () => ({
    header: contentSecurityPolicy({ basemapOrigins: [] }, 'header'),
    meta: contentSecurityPolicy({ basemapOrigins: [] }, 'meta'),
  });
  serveAppProtocol(session, join(dir, 'renderer'), csp);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('is a standard, secure scheme with fetch support', () => {
    registerAppScheme();
    expect(registered.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(registered.schemes[0]).not.toHaveProperty('privileges.bypassCSP');
  });

  it('serves the page with the CSP header and <meta>, and assets with their types', async () => {
    const page = handler(new Request('app://console/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain(`content="${contentSecurityPolicy({ basemapOrigins: [] }, 'meta')}"`);
    const js = handler(new Request('app://console/assets/index-AbCdEf12.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('export {}\n');
    expect((await handler(new Request('app://console/orders/WO-1')).text()).startsWith('<html>')).toBe(true);
  });

  it('refuses other hosts and paths out of the renderer folder', async () => {
    expect(handler(new Request('app://elsewhere/')).status).toBe(404);
    for (const path of ['/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const res = handler(new Request(`app://console${path}`));
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('SECRET');
    }
  });
});
