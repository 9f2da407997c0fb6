import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  PositionReport,
  ProtocolError,
  Reply,
  ServerToClientEvents,
} from '../../../shared/sync/index.js';
import {
  PROTOCOL_VERSION,
  ProtocolError as ProtocolErrorSchema,
  SCHEMA_VERSION,
  Session,
} from '../../../shared/sync/index.js';
import { Outbox } from './outbox.js';

export type SimSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LinkOptions {
  url: string;
  /** Names the link in log lines ("eng-0042", "intake"). */
  label: string;
  clientId: string;
  /** A token for each connection attempt, so a renewable source can sign a fresh one after expiry. */
  token: () => string;
  /** Whether asking `token()` again can help after `token_expired`. */
  renewableToken: boolean;
  log: (message: string) => void;
  requestTimeoutMs?: number;
  /** Called when the server refuses this link for good (bad token, wrong version, client bound to another user). */
  onFatal?: (error: ProtocolError) => void;
  /** The clock mutations are stamped with (default: the real one). */
  now?: () => number;
}

/** Refusals after which connecting again cannot help. */
const FATAL = new Set(['update_required', 'unauthorized', 'client_mismatch', 'bad_request', 'forbidden']);
const RETRY_MS = 2_000;

/**
 * One Socket.IO connection of the simulator, as one device (or the intake desk) would hold it: the handshake in
 * `auth`, a session per connection, an outbox of mutations, positions, requests with acknowledgements, and
 * reconnection after drops and server-side disconnects.
 */
export class SimLink {
  readonly socket: SimSocket;
  readonly outbox: Outbox;
  session: Session | null = null;
  fatal: ProtocolError | null = null;
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly first: Promise<Session>;
  private readonly timeoutMs: number;

  constructor(private readonly o: LinkOptions) {
    this.timeoutMs = o.requestTimeoutMs ?? 15_000;
    this.outbox = new Outbox((mutations) => this.request('push', { mutations }), {
      log: (m) => o.log(`${o.label}: ${m}`),
      ...(o.now ? { realNow: o.now } : {}),
    });
    this.socket = io(o.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      timeout: 20_000,
      auth: (cb) => {
        let token = '';
        try {
          token = o.token();
        } catch (err) {
          o.log(`${o.label}: no sign-in token: ${(err as Error).message}`);
        }
        cb({ token, clientId: o.clientId, protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION });
      },
    });
    this.first = new Promise<Session>((resolve, reject) => {
      this.socket.on('session', (raw) => {
        const parsed = Session.safeParse(raw);
        if (!parsed.success) {
          o.log(`${o.label}: the server sent a session this simulator does not understand`);
          return;
        }
        const session = parsed.data;
        this.session = session;
        this.outbox.onSession(session.lastMutationId);
        resolve(session);
      });
      this.socket.on('connect_error', (err: Error & { data?: unknown }) => {
        const refusal = ProtocolErrorSchema.safeParse(err.data);
        if (this.socket.active || this.closed) return; // a transport failure: Socket.IO tries again by itself
        if (refusal.success && (FATAL.has(refusal.data.code) || !this.canRenew(refusal.data.code))) {
          this.fatal = refusal.data;
          o.log(`${o.label}: refused by the server (${refusal.data.code}): ${refusal.data.message}`);
          o.onFatal?.(refusal.data);
          reject(Object.assign(new Error(refusal.data.message), { data: refusal.data }));
          return;
        }
        this.reconnectSoon();
      });
    });
    this.first.catch(() => {}); // callers that never wait for it must not see an unhandled rejection
    this.socket.on('disconnect', (reason) => {
      this.session = null;
      this.outbox.onDisconnect();
      // Socket.IO does not reconnect after the server closed the connection (e.g. an expired token); we do.
      if (reason === 'io server disconnect' && !this.closed) this.reconnectSoon();
    });
    this.socket.on('problem', (p) => o.log(`${o.label}: server says ${p.code}: ${p.message}`));
  }

  private canRenew(code: string): boolean {
    return code !== 'token_expired' || this.o.renewableToken;
  }

  private reconnectSoon(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(
      () => {
        this.retry = null;
        if (!this.closed && !this.socket.connected) this.socket.connect();
      },
      RETRY_MS * (0.5 + Math.random()),
    );
  }

  get label(): string {
    return this.o.label;
  }

  /** Resolves with the first accepted session; rejects when the server refuses this link for good. */
  ready(): Promise<Session> {
    return this.first;
  }

  get connected(): boolean {
    return this.socket.connected && this.session !== null;
  }

  /**
   * Reports a position; skipped (not queued) while disconnected, since a newer one will follow. Not `volatile`: that
   * drops a report whenever the socket is busy writing, which under load silently hides engineers from the map.
   */
  position(report: PositionReport): boolean {
    if (!this.socket.connected) return false;
    this.socket.emit('position', report);
    return true;
  }

  /** Sends a request and resolves with the server's reply; rejects on timeout or when not connected. */
  request<T>(event: 'push' | 'pull' | 'watch' | 'breadcrumbs', payload: unknown): Promise<Reply<T>> {
    if (!this.socket.connected) return Promise.reject(new Error(`${this.o.label} is not connected`));
    const timed = this.socket.timeout(this.timeoutMs) as unknown as {
      emit(e: string, p: unknown, ack: (err: Error | null, r: Reply<T>) => void): void;
    };
    return new Promise((resolve, reject) => timed.emit(event, payload, (err, r) => (err ? reject(err) : resolve(r))));
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.outbox.onDisconnect();
    this.socket.disconnect();
  }
}
