import type { Session } from 'electron';

/**
 * Sets the console's CSP on every response the session receives (the app protocol sets it too; this also covers
 * anything else the page loads), replacing whatever policy a response carried.
 */
export function applyContentSecurityPolicy(session: Session, policy: () => string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy()] } });
  });
}
