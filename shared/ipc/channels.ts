// Kept free of zod so the sandboxed preload bundle stays a few lines of glue.

/** The fixed Electron IPC channels; main accepts nothing else. */
export const IPC_CHANNELS = {
  /** renderer → main (invoke): a call envelope; answers with a result envelope. */
  call: 'dispatch-console:call',
  /** renderer → main (send): start receiving one event. */
  subscribe: 'dispatch-console:subscribe',
  /** renderer → main (send): stop receiving one event. */
  unsubscribe: 'dispatch-console:unsubscribe',
  /** main → renderer: an event envelope. */
  event: 'dispatch-console:event',
} as const;

/** Name of the global the preload exposes in the renderer. */
export const BRIDGE_GLOBAL = 'dispatchConsole';

/** The WebSocket subprotocol of the web host's API; the token travels as a second subprotocol, never in a URL. */
export const WS_PROTOCOL = 'dispatch-console.v1';
/** Prefix of the subprotocol that carries the web host's per-start token. */
export const WS_TOKEN_PREFIX = 'token.';
/** Path of the web host's API socket. */
export const WS_PATH = '/api';
