export * from './zoned.js';
export * from './backoff.js';
