import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { Principal, ProtocolError, Reply } from '../../shared/sync/index.js';
import {
  BreadcrumbsRequest,
  CLIENT_EVENTS,
  Handshake,
  MAX_MESSAGE_BYTES,
  MAX_PUSH_MUTATIONS,
  jsonBytes,
  PositionReport,
  PROTOCOL_VERSION,
  PULL_PAGE_SIZE,
  PullRequest,
  PushRequest,
  SCHEMA_VERSION,
  WatchRequest,
  describeIssues,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/sync/index.js';
import { verifyToken } from './auth/tokens.js';
import { PositionTracker } from './positions/tracker.js';
import { FORESEEABLE_REFUSALS } from './store/refusals.js';
import type { PushOutcome, SyncStore, User } from './store/types.js';
import { FairScheduler } from './sync/fair-scheduler.js';
import { OversizeMessage, UnparsedMessage, frameParser } from './sync/frame-parser.js';
import { DEFAULT_RATE_LIMITS, TokenBucket, UserBuckets, type RateLimits } from './sync/rate-limit.js';
import { Poker, ROOMS } from './sync/pokes.js';

export interface SyncServerOptions {
  store: SyncStore;
  /** Secret that signs sign-in tokens. */
  secret: string;
  port?: number;
  host?: string;
  now?: () => number;
  positionsIntervalMs?: number;
  /** Shortest time between two pokes to the same rooms under load. */
  pokeIntervalMs?: number;
  log?: (message: string, err?: unknown) => void;
  /** The control centre's time zone, told to every console at the handshake. */
  timeZone?: string;
  /** Lets the scale-out mode plug in the Redis adapter. */
  configure?: (io: Server) => void | Promise<void>;
  /** How much work each connection and each user may ask for (DEFAULT_RATE_LIMITS when absent). */
  rateLimits?: RateLimits;
}

interface SocketData {
  user: User;
  principal: Principal;
  clientId: string;
  expiresAt: number;
  watching: string[];
}

/** The part of a `ws` WebSocket that stops and resumes reading it. */
interface PausableSocket {
  pause(): void;
  resume(): void;
  readonly isPaused: boolean;
}

type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SyncServer {
  url: string;
  port: number;
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
  http: HttpServer;
  /** Who is served next at the store: users in turn. */
  scheduler: FairScheduler;
  positions: PositionTracker;
  close(): Promise<void>;
}

function refusal(code: ProtocolError['code'], message: string): Error & { data: ProtocolError } {
  return Object.assign(new Error(message), { data: { code, message } });
}

function fail(code: ProtocolError['code'], message: string, details?: Record<string, unknown>): Reply<never> {
  return { ok: false, error: { code, message, ...(details ? { details } : {}) } };
}

/** Requests of one connection waiting their turn beyond which it is told to slow down. */
const MAX_QUEUED_REQUESTS = 32;

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

/** Mutations of a push applied in one turn at the store; a larger push takes several, other users served between. */
export const PUSH_SLICE = 50;

/** Longest a connection over its limit goes unread: its frames wait in its own TCP buffers, not in the server. */
const MAX_HOLD_BACK_MS = 1_000;

/** Hard cap of one frame; anything under it but over MAX_MESSAGE_BYTES gets a typed `too_large` answer instead. */
const FRAME_CAP_BYTES = 4 * MAX_MESSAGE_BYTES;

/**
 * The sync server (DESIGN §1, §4, §7): Socket.IO on one HTTP port, the handshake checks, one handler per event, every
 * payload validated, pokes and positions broadcast. One bad message never takes the process or other clients down.
 */
export async function createSyncServer(o: SyncServerOptions): Promise<SyncServer> {
  const now = o.now ?? Date.now;
  const log = o.log ?? ((m: string, e?: unknown) => console.error(`[server] ${m}`, e ?? ''));
  const http = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, protocol: PROTOCOL_VERSION, schema: SCHEMA_VERSION, store: o.store.kind }));
      return;
    }
    res.writeHead(404).end();
  });
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    maxHttpBufferSize: FRAME_CAP_BYTES,
    // A frame longer than the message limit and its envelope (`2<ack id>["push",`) is answered too_large unparsed.
    parser: frameParser(MAX_MESSAGE_BYTES + 1_024),
    transports: ['websocket'],
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  await o.configure?.(io);
  const poker = new Poker(io, o.pokeIntervalMs ?? 20);
  const limits = o.rateLimits ?? DEFAULT_RATE_LIMITS;
  const userBuckets = new UserBuckets(limits.user);
  const scheduler = new FairScheduler(o.store.kind === 'sqlite' ? 1 : 16);
  const positions = new PositionTracker({
    store: o.store,
    broadcast: (batch) => io.to(ROOMS.consoles).emit('positions', { positions: batch }),
    now,
    intervalMs: o.positionsIntervalMs ?? 1_000,
    log,
  });
  await positions.load();
  positions.start();

  io.use(async (socket, next) => {
    try {
      const hs = Handshake.safeParse(socket.handshake.auth);
      if (!hs.success) return next(refusal('bad_request', `handshake: ${describeIssues(hs.error)}`));
      const { token, clientId, protocolVersion, schemaVersion } = hs.data;
      if (protocolVersion !== PROTOCOL_VERSION || schemaVersion !== SCHEMA_VERSION)
        return next(
          refusal(
            'update_required',
            `this console speaks protocol ${protocolVersion}/schema ${schemaVersion}, the server ${PROTOCOL_VERSION}/${SCHEMA_VERSION}: ` +
              'update the console; your unsynced work is kept and will be sent after the update',
          ),
        );
      const check = verifyToken(o.secret, token, now());
      if (!check.ok) return next(refusal(check.code, check.message));
      const user = await o.store.user(check.claims.sub);
      if (!user || user.disabled) return next(refusal('unauthorized', 'this account is unknown or disabled'));
      if (clientId.length > 40) return next(refusal('bad_request', 'handshake.clientId: at most 40 characters'));
      const bound = await o.store.bindClient(clientId, user.id, now());
      if (!bound)
        return next(refusal('client_mismatch', 'this console was registered to another user; sign in on it again'));
      socket.data = {
        user,
        principal: {
          kind: user.role === 'device' ? 'device' : 'user',
          id: user.id,
          name: user.name,
          role: user.role,
          engineerId: user.engineerId,
        },
        clientId,
        expiresAt: check.claims.exp * 1000,
        watching: [],
      };
      next();
    } catch (err) {
      log('handshake failed', err);
      next(refusal('unavailable', 'the server could not check this connection; try again'));
    }
  });

  io.on('connection', (socket: ConsoleSocket) => onConnection(socket));

  /** Greets a new connection: rooms, the session, the positions snapshot. Runs before any of its requests. */
  async function greet(socket: ConsoleSocket): Promise<void> {
    const { user, clientId } = socket.data;
    if (user.role === 'device' && user.engineerId) await socket.join(ROOMS.engineer(user.engineerId));
    else await socket.join(ROOMS.consoles);
    const settled = await o.store.bindClient(clientId, user.id, now());
    socket.emit('session', {
      userId: user.id,
      name: user.name,
      role: user.role,
      engineerId: user.engineerId,
      expiresAt: socket.data.expiresAt,
      serverTime: now(),
      epoch: await o.store.epoch(),
      lastMutationId: settled?.lastMutationId ?? 0,
      ...(o.timeZone ? { timeZone: o.timeZone } : {}),
    });
    if (user.role !== 'device') socket.emit('positions', { positions: await latestPositions() });
  }

  // Handlers are registered synchronously, so a message sent right after connecting is never dropped; each waits for
  // the greeting through the connection's queue.
  function onConnection(socket: ConsoleSocket): void {
    const { user, principal, clientId } = socket.data;
    const ready = greet(socket).catch((err) => log('connection setup failed', err));

    // The token's expiry is checked on every message, not only at connect.
    socket.use((_packet, next) => {
      if (now() >= socket.data.expiresAt) {
        socket.emit('problem', { code: 'token_expired', message: 'your sign-in has expired; sign in again' });
        socket.disconnect(true);
        return;
      }
      next();
    });
    socket.onAny((event: string) => {
      if (!(CLIENT_EVENTS as readonly string[]).includes(event))
        socket.emit('problem', {
          code: 'unknown_event',
          message: `the server does not know the event "${String(event).slice(0, 64)}"`,
        });
    });

    // Requests of one console run one after another, so its mutations keep their order even on an async store.
    let queue: Promise<unknown> = ready;
    let queued = 0;
    const connectionBucket = new TokenBucket(limits.connection, now());
    /** Milliseconds before this connection may be served again: 0 now. */
    function limitedFor(): number {
      return Math.max(connectionBucket.waitMs(now()), userBuckets.of(user.id, now()).waitMs(now()));
    }
    /**
     * Stops reading a connection told to wait, for as long as it was told (at most MAX_HOLD_BACK_MS at a time): what it
     * keeps sending meanwhile costs the server nothing, and its TCP window closes on it.
     */
    function holdBack(ms: number): void {
      const ws = (socket.conn as unknown as { transport?: { socket?: Partial<PausableSocket> } }).transport?.socket;
      if (!ws?.pause || !ws.resume || ws.isPaused) return;
      ws.pause();
      setTimeout(() => ws.resume?.(), Math.min(ms, MAX_HOLD_BACK_MS)).unref();
    }
    function rateLimited(waitMs: number): Reply<never> {
      holdBack(waitMs);
      return fail(
        'rate_limited',
        `too many requests, or too much refused work; try again in ${Math.ceil(waitMs / 1000)} s`,
        { retryAfterMs: waitMs },
      );
    }
    function handle<T>(
      event: string,
      ack: unknown,
      received: unknown,
      work: (payload: unknown, pass: () => Promise<void>) => Promise<Reply<T>>,
    ): void {
      if (typeof ack !== 'function') {
        socket.emit('problem', { code: 'bad_request', message: `${event} needs an acknowledgement callback` });
        return;
      }
      const reply = ack as (r: Reply<T>) => void;
      const charge = (cost: number) => {
        connectionBucket.charge(cost, now());
        userBuckets.of(user.id, now()).charge(cost, now());
      };
      const tooLarge = (bytes: number) => {
        charge(5 + readCost(bytes));
        reply(
          fail(
            'too_large',
            `the ${event} message is larger than ${MAX_MESSAGE_BYTES} bytes; send fewer records at a time`,
          ),
        );
      };
      const queueFull = queued >= MAX_QUEUED_REQUESTS;
      if (queueFull || limitedFor() > 0) {
        // Not charged: a client that asks again too early is held back by not being read, and an impatient one that
        // retries on its own clock (not the retry-after) must not dig itself ever deeper.
        reply(rateLimited(Math.max(limitedFor(), queueFull ? 1_000 : 0)));
        return;
      }
      if (received instanceof OversizeMessage) {
        tooLarge(received.bytes);
        return;
      }
      queued += 1;
      queue = queue
        .then(() =>
          scheduler.run(user.id, async (pass) => {
            try {
              // Requests queued before their sender's earlier work was charged are checked again when their turn comes.
              const wait = limitedFor();
              if (wait > 0) return reply(rateLimited(wait));
              // Parsing and measuring a large message is work too: it is done in its sender's turn.
              let payload: unknown = received;
              if (received instanceof UnparsedMessage)
                try {
                  payload = received.parse();
                } catch {
                  charge(5 + readCost(received.length));
                  return reply(fail('bad_request', `${event}: the message is not JSON`));
                }
              const bytes = bytesOf(payload);
              if (bytes > MAX_MESSAGE_BYTES) return tooLarge(bytes);
              const held = mostCostOf(payload);
              charge(readCost(bytes) + held);
              let r: Reply<T>;
              try {
                r = await work(payload, pass);
              } catch (err) {
                log(`${event} from ${clientId} failed`, err);
                r = fail('internal', `the server could not handle ${event}; it has been logged, try again`);
              }
              charge(costOf(r) - held);
              reply(r);
            } finally {
              queued -= 1;
            }
          }),
        )
        // The queue must never stay rejected: every later request of this connection would be skipped unanswered.
        .catch((err: unknown) => log(`${event} from ${clientId} could not be answered`, err));
    }

    socket.on('push', (received, ack) =>
      handle('push', ack, received, async (payload, pass) => {
        const req = PushRequest.safeParse(payload);
        if (!req.success) return fail('bad_request', `push: ${describeIssues(req.error)}`);
        const outcome = await applySliced(req.data.mutations, pass);
        return {
          ok: true,
          value: {
            results: outcome.results,
            lastMutationId: outcome.lastMutationId,
            ...(outcome.expected !== undefined ? { expected: outcome.expected } : {}),
          },
        };
      }),
    );

    /** A push applied PUSH_SLICE mutations a turn, in order; a gap stops it as it would stop one whole batch. */
    async function applySliced(mutations: PushRequest['mutations'], pass: () => Promise<void>): Promise<PushOutcome> {
      const results: PushOutcome['results'] = [];
      let outcome: PushOutcome | null = null;
      for (let from = 0; from < mutations.length; from += PUSH_SLICE) {
        if (from > 0) await pass();
        outcome = await o.store.applyPush(clientId, principal, mutations.slice(from, from + PUSH_SLICE), now);
        poker.add(outcome);
        results.push(...outcome.results);
        if (outcome.expected !== undefined) break;
      }
      return { ...outcome!, results };
    }

    socket.on('pull', (received, ack) =>
      handle('pull', ack, received, async (payload) => {
        const req = PullRequest.safeParse(payload);
        if (!req.success) return fail('bad_request', `pull: ${describeIssues(req.error)}`);
        return {
          ok: true,
          value: await o.store.pull(clientId, principal, req.data.cursor, req.data.resultsAfter, PULL_PAGE_SIZE, now()),
        };
      }),
    );

    socket.on('watch', (received, ack) =>
      handle('watch', ack, received, async (payload) => {
        const req = WatchRequest.safeParse(payload);
        if (!req.success) return fail('bad_request', `watch: ${describeIssues(req.error)}`);
        if (user.role === 'device') return fail('forbidden', 'devices are told about their own work only');
        for (const room of socket.data.watching) await socket.leave(room);
        const rooms = req.data.teams === 'all' ? [ROOMS.allTeams] : req.data.teams.map(ROOMS.team);
        for (const room of rooms) await socket.join(room);
        socket.data.watching = rooms;
        return { ok: true, value: { rooms } };
      }),
    );

    socket.on('position', (payload, ack) => {
      const reply = typeof ack === 'function' ? (ack as (r: Reply<{ accepted: boolean }>) => void) : null;
      if (user.role !== 'device' || !user.engineerId) {
        const error = { code: 'forbidden' as const, message: "only an engineer's device reports positions" };
        if (reply) reply({ ok: false, error });
        else socket.emit('problem', error);
        return;
      }
      const p = PositionReport.safeParse(parsedOrNothing(payload));
      if (!p.success) {
        const error = { code: 'bad_request' as const, message: `position: ${describeIssues(p.error)}` };
        if (reply) reply({ ok: false, error });
        else socket.emit('problem', error);
        return;
      }
      const engineerId = user.engineerId;
      void ready.then(() => {
        const refusedBecause = positions.report(engineerId, p.data);
        reply?.({ ok: true, value: { accepted: refusedBecause === null } });
      });
    });

    socket.on('breadcrumbs', (received, ack) =>
      handle('breadcrumbs', ack, received, async (payload) => {
        const req = BreadcrumbsRequest.safeParse(payload);
        if (!req.success) return fail('bad_request', `breadcrumbs: ${describeIssues(req.error)}`);
        if (user.role === 'device' && user.engineerId !== req.data.engineerId)
          return fail('forbidden', "a device sees its own engineer's trail only");
        const points = await o.store.breadcrumbs(req.data.engineerId, req.data.from, req.data.to, 20_000);
        return {
          ok: true,
          value: { engineerId: req.data.engineerId, points: points.map(({ engineerId: _e, ...p }) => p) },
        };
      }),
    );
  }

  /** Positions known to this node merged with those other nodes stored (at most a second old), newest winning. */
  async function latestPositions() {
    const merged = new Map((await o.store.latestPositions()).map((p) => [p.engineerId, p]));
    for (const p of positions.snapshot()) if ((merged.get(p.engineerId)?.at ?? -1) < p.at) merged.set(p.engineerId, p);
    return [...merged.values()];
  }

  /** A message as sent, parsed if it was left unparsed; nothing when it is not JSON. */
  function parsedOrNothing(payload: unknown): unknown {
    if (!(payload instanceof UnparsedMessage)) return payload;
    try {
      return payload.parse();
    } catch {
      return undefined;
    }
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

  await new Promise<void>((resolve) => http.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `http://${o.host ?? '127.0.0.1'}:${port}`,
    port,
    io,
    http,
    scheduler,
    positions,
    async close() {
      poker.flush();
      poker.stop();
      await positions.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
