import { shell, type WebContents } from 'electron';
import { APP_ORIGIN, originOf } from './app-origin.js';

/** Links the console may hand to the system browser: https only (a map attribution, a customer's site). */
export function isExternalLink(url: string): boolean {
  return originOf(url)?.startsWith('https://') ?? false;
}

/**
 * Keeps every window on the console: no navigation away from the app's origin, no new windows (https links open in
 * the system browser instead), no <webview>.
 */
export function guardNavigation(contents: WebContents, log: (message: string) => void): void {
  const deny = (event: { preventDefault(): void }, url: string) => {
    if (originOf(url) === APP_ORIGIN) return;
    event.preventDefault();
    log(`blocked navigation to ${url}`);
    if (isExternalLink(url)) void shell.openExternal(url);
  };
  contents.on('will-navigate', (event) => deny(event, event.url));
  contents.on('will-frame-navigate', (event) => deny(event, event.url));
  contents.on('will-redirect', (event) => deny(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    else log(`blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}
