import { originOf } from './app-origin.js';

/** The part of Electron's WebFrameMain a sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * Whether an IPC message comes from the console page itself: a top-level frame (no iframe, which could hold anything)
 * whose current URL is on the app's origin.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string): boolean {
  return Boolean(frame) && frame!.parent === null && originOf(frame!.url) === appOrigin;
}
