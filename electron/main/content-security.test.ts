import { describe, expect, it } from 'vitest';
import type { Session } from 'electron';
import { contentSecurityPolicy } from '../../shared/security/csp.js';
import { applyContentSecurityPolicy } from './content-security.js';

type Listener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (r: { responseHeaders: Record<string, string[]> }) => void,
) => void;

function fakeSession() {
  const captured: { listener: Listener | null } = { listener: null };
  const session = { webRequest: { onHeadersReceived: (l: Listener) => (captured.listener = l) } } as unknown as Session;
  const respond = (headers: Record<string, string[]>) =>
    new Promise<Record<string, string[]>>((resolve) =>
      captured.listener!({ responseHeaders: headers }, (r) => resolve(r.responseHeaders)),
    );
  return { session, respond };
}

describe('the CSP header in Electron', () => {
  it('puts the console policy on every response, replacing any policy it carried', async () => {
    const { session, respond } = fakeSession();
    let origins: string[] = [];
    applyContentSecurityPolicy(session, () => contentSecurityPolicy({ basemapOrigins: origins }));
    const headers = await respond({
      'content-type': ['text/html'],
      'Content-Security-Policy': ["default-src *; script-src 'unsafe-eval'"],
    });
    expect(headers['content-type']).toEqual(['text/html']);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy({ basemapOrigins: [] })]);
    origins = ['https://tiles.example.com'];
    const later = await respond({});
    expect(later['Content-Security-Policy']![0]).toContain("connect-src 'self' https://tiles.example.com");
  });
});
