/** The link as the status bar shows it. */
export type LinkState =
  | 'offline' // no link (network down, server down), retrying
  | 'connecting'
  | 'online'
  | 'syncing'
  | 'paused' // the dispatcher chose to work offline
  | 'update_required' // the server speaks another protocol version: update the console; the outbox is kept
  | 'unauthorized'; // the token was refused or expired: sign in again; the outbox is kept

export interface SyncStatus {
  state: LinkState;
  /** Mutations made here that the server has not yet settled. */
  pending: number;
  /** Rejected mutations waiting for the dispatcher to retry or discard them. */
  conflicts: number;
  /** When the last full round (pull, push, pull) finished. */
  lastSyncAt: number | null;
  /** The last problem, in words, if the link is not healthy. */
  message: string | null;
}
