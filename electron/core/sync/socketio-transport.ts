import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  Handshake,
  ProtocolError,
  Reply,
  ServerToClientEvents,
} from '../../../shared/sync/index.js';
import { ProtocolError as ProtocolErrorSchema } from '../../../shared/sync/index.js';
import { backoffDelay } from '../../../shared/time/index.js';
import type { RequestName, SyncTransport, TransportHandlers } from './transport.js';

const FINAL_REFUSALS = new Set(['update_required', 'unauthorized', 'token_expired', 'forbidden', 'client_mismatch']);

/**
 * The Socket.IO link to the sync server. WebSocket only (no long-polling), so it works behind any load balancer
 * without sticky sessions; Socket.IO's own reconnection (with jitter) handles dropped links, and a refused
 * handshake is retried here unless retrying cannot help.
 */
export class SocketIoTransport implements SyncTransport {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private handlers: TransportHandlers | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private refusals = 0;

  constructor(
    private readonly url: string,
    private readonly options: { reconnectDelayMs?: number; reconnectDelayMaxMs?: number } = {},
  ) {}

  get connected(): boolean {
    return this.socket?.connected ?? false;
  }

  on(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }

  open(handshake: Handshake): void {
    this.close();
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.url, {
      auth: handshake,
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: this.options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 10_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.refusals = 0;
      this.handlers?.connected();
    });
    socket.on('disconnect', (reason) => this.handlers?.disconnected(reason, socket.active));
    socket.on('connect_error', (err: Error & { data?: unknown }) => {
      const parsed = ProtocolErrorSchema.safeParse(err.data);
      const error: ProtocolError = parsed.success
        ? parsed.data
        : { code: 'unavailable', message: err.message || 'cannot reach the server' };
      const final = FINAL_REFUSALS.has(error.code);
      this.handlers?.refused(error, final);
      // A handshake refused by the server's middleware is not retried by Socket.IO itself.
      if (!socket.active && !final) this.retryLater(socket);
    });
    socket.on('session', (s) => this.handlers?.session(s));
    socket.on('poke', (p) => this.handlers?.poke(p));
    socket.on('positions', (b) => this.handlers?.positions(b));
    socket.on('problem', (e) => this.handlers?.problem(e));
  }

  private retryLater(socket: Socket): void {
    if (this.retryTimer) return;
    this.refusals += 1;
    const delay = backoffDelay(
      this.refusals,
      this.options.reconnectDelayMs ?? 500,
      this.options.reconnectDelayMaxMs ?? 10_000,
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.socket === socket) socket.connect();
    }, delay);
  }

  request(name: RequestName, payload: unknown, timeoutMs: number): Promise<Reply<unknown>> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      // Socket.IO's typed emit cannot express a union of event names; each of these takes (payload, ack).
      const timed = socket.timeout(timeoutMs) as unknown as {
        emit(event: RequestName, payload: unknown, ack: (err: Error | null, reply: Reply<unknown>) => void): void;
      };
      timed.emit(name, payload, (err, reply) => (err ? reject(err) : resolve(reply)));
    });
  }

  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }
}
