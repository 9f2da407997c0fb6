/** The typed API between the renderer and core (DESIGN §1): contract, envelopes, errors and the client. */
export * from './errors.js';
export * from './channels.js';
export * from './envelope.js';
export * from './define.js';
export * from './contract.js';
export * from './api-client.js';
export type * from './bridge.js';
export * from './features/app.js';
export * from './features/settings.js';
export * from './features/console.js';
export * from './features/dispatch.js';
export * from './features/print.js';
export * from './features/no-args.js';
