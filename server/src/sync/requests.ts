import type { Server, Socket } from 'socket.io';
import type { Principal, ProtocolError, Reply } from '../../../shared/sync/index.js';
import {
  MAX_MESSAGE_BYTES,
  MAX_PUSH_MUTATIONS,
  jsonBytes,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../shared/sync/index.js';
import { FORESEEABLE_REFUSALS } from '../store/refusals.js';
import type { User } from '../store/types.js';
import type { FairScheduler } from './fair-scheduler.js';
import { OversizeMessage, UnparsedMessage } from './frame-parser.js';
import { TokenBucket, type RateLimits, type UserBuckets } from './rate-limit.js';

/** What the handshake settles about a connection, kept on its socket. */
export interface SocketData {
  user: User;
  principal: Principal;
  clientId: string;
  expiresAt: number;
  watching: string[];
}

export type ConsoleServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function fail(code: ProtocolError['code'], message: string, details?: Record<string, unknown>): Reply<never> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

/** Hard cap of one frame; anything under it but over MAX_MESSAGE_BYTES gets a typed `too_large` answer instead. */
export const FRAME_CAP_BYTES = 4 * MAX_MESSAGE_BYTES;

/** Requests of one connection waiting their turn beyond which it is told to slow down. */
const MAX_QUEUED_REQUESTS = 32;

/** Longest a connection over its limit goes unread: its frames wait in its own TCP buffers, not in the server. */
const MAX_HOLD_BACK_MS = 1_000;

/**
 * What a handled request cost its sender, known once it is done: a unit, a unit per refusal it could have foreseen, a
 * twentieth of one per other mutation (applied, or refused because the world moved on — a console back from hours
 * offline may meet many such conflicts and must not be slowed for them); a malformed message five.
 */
function costOf(reply: Reply<unknown>): number {
  if (!reply.ok) return reply.error.code === 'bad_request' ? 5 : 1;
  const results = (reply.value as { results?: Array<{ status: string; code?: string }> }).results;
  if (!Array.isArray(results)) return 1;
  const foreseeable = results.filter((r) => r.status === 'rejected' && FORESEEABLE_REFUSALS.has(r.code ?? '')).length;
  return 1 + foreseeable + (results.length - foreseeable) / 20;
}

/**
 * The most a request can cost, held from its sender's buckets while it is served: several connections of one user
 * then cannot all start costly work on a bucket that only the first would have emptied.
 */
function mostCostOf(payload: unknown): number {
  const mutations = (payload as { mutations?: unknown } | null)?.mutations;
  return Array.isArray(mutations) ? 1 + Math.min(mutations.length, MAX_PUSH_MUTATIONS) : 5;
}

/** What reading a message costs, whatever is in it: a unit per 100 kB (a console's largest push is ten). */
function readCost(bytes: number): number {
  return Math.min(bytes, FRAME_CAP_BYTES) / 100_000;
}

/** UTF-8 bytes of a message as it came over the wire (600,000 Chinese characters are 1.8 MB, not 0.6). */
function bytesOf(payload: unknown): number {
  if (payload instanceof OversizeMessage) return payload.bytes;
  try {
    return jsonBytes(payload);
  } catch {
    return Infinity;
  }
}

/** A message as sent, parsed if it was left unparsed; nothing when it is not JSON. */
export function parsedOrNothing(payload: unknown): unknown {
  if (!(payload instanceof UnparsedMessage)) return payload;
  try {
    return payload.parse();
  } catch {
    return undefined;
  }
}

/** The part of a `ws` WebSocket that stops and resumes reading it. */
interface PausableSocket {
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
}

/** What the server shares with every connection's request line. */
export interface RequestLineOptions {
  scheduler: FairScheduler;
  userBuckets: UserBuckets;
  limits: RateLimits;
  now: () => number;
  log: (message: string, err?: unknown) => void;
}

/** The work of one request, once it is its turn: the payload as sent, and `pass` to let other users go first. */
export type RequestWork<T> = (payload: unknown, pass: () => Promise<void>) => Promise<Reply<T>>;

/**
 * One connection's acknowledged requests, served one after another (so a console's mutations keep their order even on
 * an async store) and in turn with other users at the store. Each is charged to the connection's and its user's rate
 * buckets; a connection over its limit is told when to try again and goes unread meanwhile.
 */
export class RequestLine {
  private queue: Promise<unknown>;
  private queued = 0;
  private readonly bucket: TokenBucket;

  /** `ready` resolves once the connection has been greeted; no request is served before it. */
  constructor(
    private readonly socket: ConsoleSocket,
    private readonly o: RequestLineOptions,
    ready: Promise<unknown>,
  ) {
    this.queue = ready;
    this.bucket = new TokenBucket(o.limits.connection, o.now());
  }

  /** Milliseconds before this connection may be served again: 0 now. */
  private limitedFor(): number {
    const now = this.o.now();
    return Math.max(this.bucket.waitMs(now), this.o.userBuckets.of(this.socket.data.user.id, now).waitMs(now));
  }

  private charge(cost: number): void {
    const now = this.o.now();
    this.bucket.charge(cost, now);
    this.o.userBuckets.of(this.socket.data.user.id, now).charge(cost, now);
  }

  /**
   * Stops reading a connection told to wait, for as long as it was told (at most MAX_HOLD_BACK_MS at a time): what it
   * keeps sending meanwhile costs the server nothing, and its TCP window closes on it.
   */
  private holdBack(ms: number): void {
    const ws = (this.socket.conn as unknown as { transport?: { socket?: Partial<PausableSocket> } }).transport?.socket;
    if (!ws?.pause || !ws.resume || ws.isPaused) return;
    ws.pause();
    setTimeout(() => ws.resume?.(), Math.min(ms, MAX_HOLD_BACK_MS)).unref();
  }

  private rateLimited(waitMs: number): Reply<never> {
    this.holdBack(waitMs);
    return fail(
      'rate_limited',
      `too many requests, or too much refused work; try again in ${Math.ceil(waitMs / 1000)} s`,
      {
        retryAfterMs: waitMs,
      },
    );
  }

  /** Queues `work` for a request of `event` received as `received`, answering through `ack`. */
  serve<T>(event: string, ack: unknown, received: unknown, work: RequestWork<T>): void {
    if (typeof ack !== 'function') {
      this.socket.emit('problem', { code: 'bad_request', message: `${event} needs an acknowledgement callback` });
      return;
    }
    const reply = ack as (r: Reply<T>) => void;
    const tooLarge = (bytes: number) => {
      this.charge(5 + readCost(bytes));
      reply(
        fail(
          'too_large',
          `the ${event} message is larger than ${MAX_MESSAGE_BYTES} bytes; send fewer records at a time`,
        ),
      );
    };
    const queueFull = this.queued >= MAX_QUEUED_REQUESTS;
    if (queueFull || this.limitedFor() > 0) {
      // Not charged: a client that asks again too early is held back by not being read, and an impatient one that
      // retries on its own clock (not the retry-after) must not dig itself ever deeper.
      reply(this.rateLimited(Math.max(this.limitedFor(), queueFull ? 1_000 : 0)));
      return;
    }
    if (received instanceof OversizeMessage) {
      tooLarge(received.bytes);
      return;
    }
    const { user, clientId } = this.socket.data;
    this.queued += 1;
    this.queue = this.queue
      .then(() =>
        this.o.scheduler.run(user.id, async (pass) => {
          try {
            // Requests queued before their sender's earlier work was charged are checked again when their turn comes.
            const wait = this.limitedFor();
            if (wait > 0) return reply(this.rateLimited(wait));
            // Parsing and measuring a large message is work too: it is done in its sender's turn.
            let payload: unknown = received;
            if (received instanceof UnparsedMessage)
              try {
                payload = received.parse();
              } catch {
                this.charge(5 + readCost(received.length));
                return reply(fail('bad_request', `${event}: the message is not JSON`));
              }
            const bytes = bytesOf(payload);
            if (bytes > MAX_MESSAGE_BYTES) return tooLarge(bytes);
            const held = mostCostOf(payload);
            this.charge(readCost(bytes) + held);
            let r: Reply<T>;
            try {
              r = await work(payload, pass);
            } catch (err) {
              this.o.log(`${event} from ${clientId} failed`, err);
              r = fail('internal', `the server could not handle ${event}; it has been logged, try again`);
            }
            this.charge(costOf(r) - held);
            reply(r);
          } finally {
            this.queued -= 1;
          }
        }),
      )
      // The queue must never stay rejected: every later request of this connection would be skipped unanswered.
      .catch((err: unknown) => this.o.log(`${event} from ${clientId} could not be answered`, err));
  }
}
