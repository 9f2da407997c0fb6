import type { SyncStatus } from '../services/views.js';

/** Link states in which nothing kept only on the server (a trail, a tracking link) can be had. */
const UNREACHABLE: ReadonlySet<SyncStatus['state']> = new Set([
  'offline',
  'paused',
  'connecting',
  'update_required',
  'unauthorized',
]);

/** Whether the server can be asked for what only it keeps. Working offline ("paused") it is never asked. */
export function serverReachable(state: SyncStatus['state']): boolean {
  return !UNREACHABLE.has(state);
}
