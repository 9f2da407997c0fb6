import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { CLIENT_EVENTS, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';
import { customerRoutes, type CustomerRoutes, type CustomerRoutesOptions } from './customer/routes.js';
import { PositionTracker } from './positions/tracker.js';
import type { SyncStore } from './store/types.js';
import { FairScheduler } from './sync/fair-scheduler.js';
import { frameParser } from './sync/frame-parser.js';
import { PUSH_SLICE, listen } from './sync/handlers.js';
import { checkHandshake } from './sync/handshake.js';
import { Poker, ROOMS } from './sync/pokes.js';
import { DEFAULT_RATE_LIMITS, UserBuckets, type RateLimits } from './sync/rate-limit.js';
import { FRAME_CAP_BYTES, RequestLine, type ConsoleServer, type ConsoleSocket } from './sync/requests.js';

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
  /** The customer's tracking pages: their links' public base address, refresh period, rate limits, trusted proxies. */
  customer?: Pick<CustomerRoutesOptions, 'publicUrl' | 'refreshMs' | 'limits' | 'trustProxy'>;
}

export interface SyncServer {
  url: string;
  port: number;
  io: ConsoleServer;
  http: HttpServer;
  /** Who is served next at the store: users in turn. */
  scheduler: FairScheduler;
  positions: PositionTracker;
  /** The customer's tracking pages (customer/routes.ts). */
  customer: CustomerRoutes;
  /** Pokes every console and the named engineers' devices after a write made outside a push (the notifier's). */
  pokeAll(seq: number, engineers?: Iterable<string>): void;
  close(): Promise<void>;
}

export { PUSH_SLICE };

/**
 * The sync server (DESIGN §1, §4, §7): Socket.IO on one HTTP port, the handshake checks, one handler per event, every
 * payload validated, pokes and positions broadcast. One bad message never takes the process or other clients down.
 * What each event does is its handler in sync/handlers.ts; how a connection's requests are queued, rate-limited and
 * answered, sync/requests.ts; the handshake's checks, sync/handshake.ts.
 */
export async function createSyncServer(o: SyncServerOptions): Promise<SyncServer> {
  const now = o.now ?? Date.now;
  const log = o.log ?? ((m: string, e?: unknown) => console.error(`[server] ${m}`, e ?? ''));
  // Set once the pieces it needs exist, before the server listens.
  let customer: CustomerRoutes | null = null;
  const http = createServer((req, res) => {
    if (customer?.handle(req, res)) return;
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, protocol: PROTOCOL_VERSION, schema: SCHEMA_VERSION, store: o.store.kind }));
      return;
    }
    res.writeHead(404).end();
  });
  const io: ConsoleServer = new Server(http, {
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
    broadcast: (batch) => {
      io.to(ROOMS.consoles).emit('positions', { positions: batch });
      void customer?.refresh();
    },
    now,
    intervalMs: o.positionsIntervalMs ?? 1_000,
    log,
  });
  await positions.load();
  positions.start();
  // Every applied push may change what a customer's page shows: pokes to consoles also refresh open pages.
  const poke = poker.add.bind(poker);
  poker.add = (outcome) => {
    poke(outcome);
    if (outcome.seq > 0) void customer?.refresh();
  };
  const routes = customerRoutes({
    store: o.store,
    secret: o.secret,
    now,
    timeZone: o.timeZone ?? 'Asia/Shanghai',
    positionOf: async (engineerId) => (await latestPositions()).find((p) => p.engineerId === engineerId) ?? null,
    pushed: (outcome) => poker.add(outcome),
    log,
    ...o.customer,
  });
  customer = routes;

  io.use(checkHandshake({ store: o.store, secret: o.secret, now, log }));
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
  // the greeting through the connection's request line.
  function onConnection(socket: ConsoleSocket): void {
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
    const line = new RequestLine(socket, { scheduler, userBuckets, limits, now, log }, ready);
    listen({ store: o.store, now, poker, positions, socket, ready, log }, line);
  }

  /** Positions known to this node merged with those other nodes stored (at most a second old), newest winning. */
  async function latestPositions() {
    const merged = new Map((await o.store.latestPositions()).map((p) => [p.engineerId, p]));
    for (const p of positions.snapshot()) if ((merged.get(p.engineerId)?.at ?? -1) < p.at) merged.set(p.engineerId, p);
    return [...merged.values()];
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
    customer: routes,
    pokeAll(seq, engineers = []) {
      poker.add({ seq, teams: new Set(), engineers: new Set(engineers), queueChanged: true });
    },
    async close() {
      routes.close();
      poker.flush();
      poker.stop();
      await positions.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
