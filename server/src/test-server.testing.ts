import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Scenario } from '../../shared/scenario/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import type { ClientToServerEvents, Handshake, Reply, ServerToClientEvents, Session } from '../../shared/sync/index.js';
import { PROTOCOL_VERSION, SCHEMA_VERSION } from '../../shared/sync/index.js';
import { createSyncServer, type SyncServer, type SyncServerOptions } from './sync-server.js';
import { tokenFor } from './auth/users.js';
import { demoUsers } from './auth/users.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';
import type { SyncStore, User } from './store/types.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The sessions servers sent, by socket (the event comes right after connect, before a test could listen). */
export const sessions = new WeakMap<ClientSocket, Promise<Session>>();

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** A live server on 127.0.0.1 with a small city, and real Socket.IO clients to talk to it. */
export class TestServer {
  private constructor(
    readonly server: SyncServer,
    readonly store: SyncStore,
    readonly city: Scenario,
    private readonly dir: string | null,
    private readonly sockets: ClientSocket[] = [],
    readonly clock: { now: number },
  ) {}

  static async start(
    options: { city?: Scenario; store?: SyncStore; now?: number } & Partial<
      Omit<SyncServerOptions, 'store' | 'secret' | 'now'>
    > = {},
  ): Promise<TestServer> {
    const city = options.city ?? generateScenario({ seed: 4, engineers: 10, orders: 60 });
    const dir = options.store ? null : mkdtempSync(join(tmpdir(), 'sync-server-'));
    const store = options.store ?? new SqliteStore(join(dir!, 'server.sqlite'), { log: () => {} });
    if (await store.isEmpty()) await store.seed(city, demoUsers(city.engineers));
    const clock = { now: options.now ?? Date.now() };
    const server = await createSyncServer({
      positionsIntervalMs: 50,
      pokeIntervalMs: 1,
      log: () => {},
      ...options,
      store,
      secret: TEST_SECRET,
      now: () => clock.now,
    });
    return new TestServer(server, store, city, dir, [], clock);
  }

  async user(id: string): Promise<User> {
    const u = await this.store.user(id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  }

  async token(userId: string, ttlSeconds = 3600): Promise<string> {
    return tokenFor(TEST_SECRET, await this.user(userId), ttlSeconds, this.clock.now);
  }

  /** Opens a socket; resolves on connect, rejects with the server's refusal. */
  async connect(auth: Partial<Handshake> & { userId?: string }, url = this.server.url): Promise<ClientSocket> {
    const token = auth.token ?? (await this.token(auth.userId ?? 'dispatcher-1'));
    const socket: ClientSocket = io(url, {
      auth: {
        token,
        clientId: auth.clientId ?? `c-${Math.random().toString(36).slice(2, 10)}`,
        protocolVersion: auth.protocolVersion ?? PROTOCOL_VERSION,
        schemaVersion: auth.schemaVersion ?? SCHEMA_VERSION,
      },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.sockets.push(socket);
    sessions.set(socket, new Promise((resolve) => socket.once('session', resolve)));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err: Error & { data?: unknown }) =>
        reject(Object.assign(new Error(err.message), { data: err.data })),
      );
    });
    return socket;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.disconnect();
    await this.server.close();
    await this.store.close();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Sends a request and waits for its reply. */
export function request<T = unknown>(
  socket: ClientSocket,
  event: 'push' | 'pull' | 'watch' | 'breadcrumbs',
  payload: unknown,
  timeoutMs = 5_000,
): Promise<Reply<T>> {
  return new Promise((resolve, reject) => {
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(e: string, p: unknown, ack: (err: Error | null, r: Reply<T>) => void): void;
    };
    timed.emit(event, payload, (err, reply) => (err ? reject(err) : resolve(reply)));
  });
}

/** Resolves with the next event of a kind. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  timeoutMs = 3_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(
      event as 'poke',
      ((payload: unknown) => {
        clearTimeout(timer);
        resolve(payload as Parameters<ServerToClientEvents[E]>[0]);
      }) as never,
    );
  });
}
