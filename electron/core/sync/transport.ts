import type { EngineerPosition, Handshake, Poke, ProtocolError, Reply, Session } from '../../../shared/sync/index.js';

/** Requests a console makes with an acknowledgement. */
export type RequestName = 'push' | 'pull' | 'watch' | 'breadcrumbs';

/** What the sync client needs from the network; Socket.IO in the app, an in-memory server in tests. */
export interface SyncTransport {
  open(handshake: Handshake): void;
  close(): void;
  readonly connected: boolean;
  /** Sends a request and waits for its reply; rejects on timeout or disconnect (the reply may still have happened). */
  request(name: RequestName, payload: unknown, timeoutMs: number): Promise<Reply<unknown>>;
  on(handlers: TransportHandlers): void;
}

export interface TransportHandlers {
  connected(): void;
  /** The link dropped; `willRetry` tells whether the transport reconnects by itself. */
  disconnected(reason: string, willRetry: boolean): void;
  /** The server refused the connection; `final` when retrying cannot help (update required, bad token). */
  refused(error: ProtocolError, final: boolean): void;
  session(session: unknown): void;
  poke(poke: unknown): void;
  positions(batch: unknown): void;
  problem(error: unknown): void;
}

export type { Session, Poke, EngineerPosition };
