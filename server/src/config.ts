import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AREAS, DEFAULT_AREA_ID } from '../../shared/scenario/index.js';
import { parseTrustProxy, type TrustProxy } from './customer/client-address.js';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Postgres connection string (scale-out mode); the embedded SQLite file otherwise. */
  databaseUrl: string | null;
  /** Postgres schema to use (default public). */
  databaseSchema: string | null;
  /** Redis URL joining several nodes (scale-out mode). */
  redisUrl: string | null;
  /** The Redis stream the nodes of this deployment share; derived from the database when absent. */
  redisStream: string | null;
  /** A name for this node in logs. */
  nodeName: string;
  seed: number;
  engineers: number;
  /** Orders of the simulated day; null sizes them to the engineers' rostered time. */
  orders: number | null;
  area: string;
  /**
   * How the city's day so far is played before the first start: dispatched by the autopilot (`engine`), a busy
   * person (`greedy`) or nobody (`none`); `off` loads the day as planned at midnight with the morning's calls waiting.
   */
  warmStart: 'engine' | 'greedy' | 'none' | 'off';
  tokenTtlHours: number;
  printTokens: boolean;
  tokensOut: string | null;
  changeRetentionHours: number;
  /** Milliseconds between the customer notifier's rounds; 0 turns it off. */
  notifyIntervalMs: number;
  /** Reverse proxies whose X-Forwarded-For names the client for the tracking pages' limits; null: none. */
  trustProxy: TrustProxy | null;
}

export const SERVER_USAGE = `usage: npm run server -- [options]
  --port N              listen here (default 4300; 0 picks a free port)
  --host ADDR           bind address (default 127.0.0.1)
  --data-dir DIR        where the SQLite file and the token secret live (default .data/server, or DISPATCH_DATA_DIR)
  --database-url URL    use Postgres instead (or DATABASE_URL); --database-schema NAME (or DATABASE_SCHEMA)
  --redis-url URL       join other nodes through Redis (or REDIS_URL); --node-name NAME for logs
  --redis-stream NAME   the Redis stream this deployment's nodes share (or REDIS_STREAM; default named after the
                        database, so deployments sharing one Redis never hear each other)
  --seed N --engineers N --orders N --area ${Object.keys(AREAS).join('|')}
                        the simulated city loaded on first start (default 7, 60, sized to the rota, ${DEFAULT_AREA_ID})
  --warm-start HOW      on first start, play today from midnight to now first, dispatched by engine (the
                        autopilot, default), greedy (a busy person) or none; off loads the city as planned at midnight
  --token-ttl-hours N   lifetime of printed tokens (default 12)
  --print-tokens        print ready tokens for the demo users and exit
  --tokens-out FILE     also write every user's token (devices included) as JSON
  --change-retention-hours N  keep the change log this long; older cursors get a reset (default 72)
  --notify-interval-ms N  how often customer messages are read out of order events and delivered (default 2000;
                        0 turns the notifier off; or DISPATCH_NOTIFY_INTERVAL_MS)
  --trust-proxy WHO     behind a reverse proxy: the tracking pages' per-address limit reads the client from
                        X-Forwarded-For when the request comes through WHO — a number of hops, or addresses and
                        subnets, comma-separated (e.g. loopback,10.0.0.0/8); or DISPATCH_TRUST_PROXY. Default: none,
                        the socket's address is the client`;

function int(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`--${name} must be a whole number ≥ ${min}, got "${value}"`);
  return Number(value);
}

function redisStream(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^[\w:.-]{1,200}$/.test(value))
    throw new Error(`--redis-stream must be 1–200 letters, digits, ':', '.', '_' or '-', got "${value}"`);
  return value;
}

function trustProxy(value: string | undefined): TrustProxy | null {
  if (value === undefined || value.trim() === '') return null;
  return parseTrustProxy(value);
}

/** Reads flags, then environment, then defaults. Throws with a readable message on bad input. */
export function readConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'database-schema': { type: 'string' },
      'redis-url': { type: 'string' },
      'redis-stream': { type: 'string' },
      'node-name': { type: 'string' },
      seed: { type: 'string' },
      engineers: { type: 'string' },
      orders: { type: 'string' },
      area: { type: 'string' },
      'token-ttl-hours': { type: 'string' },
      'warm-start': { type: 'string' },
      'print-tokens': { type: 'boolean', default: false },
      'tokens-out': { type: 'string' },
      'change-retention-hours': { type: 'string' },
      'notify-interval-ms': { type: 'string' },
      'trust-proxy': { type: 'string' },
    },
    strict: true,
  });
  const area = values.area ?? env.DISPATCH_AREA ?? DEFAULT_AREA_ID;
  if (!(area in AREAS)) throw new Error(`--area must be one of ${Object.keys(AREAS).join(', ')}, got "${area}"`);
  const warmStart = values['warm-start'] ?? env.DISPATCH_WARM_START ?? 'engine';
  if (warmStart !== 'engine' && warmStart !== 'greedy' && warmStart !== 'none' && warmStart !== 'off')
    throw new Error(`--warm-start must be engine, greedy, none or off, got "${warmStart}"`);
  return {
    host: values.host ?? env.DISPATCH_HOST ?? '127.0.0.1',
    port: int('port', values.port ?? env.DISPATCH_PORT, 4300),
    dataDir: resolve(values['data-dir'] ?? env.DISPATCH_DATA_DIR ?? '.data/server'),
    databaseUrl: values['database-url'] ?? env.DATABASE_URL ?? null,
    databaseSchema: values['database-schema'] ?? env.DATABASE_SCHEMA ?? null,
    redisUrl: values['redis-url'] ?? env.REDIS_URL ?? null,
    redisStream: redisStream(values['redis-stream'] ?? env.REDIS_STREAM),
    nodeName: values['node-name'] ?? env.DISPATCH_NODE_NAME ?? 'server',
    seed: int('seed', values.seed, 7),
    engineers: int('engineers', values.engineers, 60, 1),
    orders: values.orders === undefined ? null : int('orders', values.orders, 0),
    area,
    warmStart,
    tokenTtlHours: int('token-ttl-hours', values['token-ttl-hours'], 12, 1),
    printTokens: values['print-tokens'] ?? false,
    tokensOut: values['tokens-out'] ?? null,
    changeRetentionHours: int('change-retention-hours', values['change-retention-hours'], 72, 1),
    notifyIntervalMs: int('notify-interval-ms', values['notify-interval-ms'] ?? env.DISPATCH_NOTIFY_INTERVAL_MS, 2_000),
    trustProxy: trustProxy(values['trust-proxy'] ?? env.DISPATCH_TRUST_PROXY),
  };
}
