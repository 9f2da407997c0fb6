// npm run server — the sync server with its embedded SQLite store and the simulated city on first start.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSyncServer } from './sync-server.js';
import { defaultStreamName, joinCluster } from './cluster/redis-adapter.js';
import { loadTokenSecret } from './auth/tokens.js';
import { tokenFor } from './auth/users.js';
import { SERVER_USAGE, readConfig, type ServerConfig } from './config.js';
import { AREAS } from '../../shared/scenario/index.js';
import { cityForToday, seedIfEmpty } from './seed.js';
import { warmStartCity } from './day/warm-start.js';
import { openStore } from './store/open-store.js';
import { notifierLinks } from './customer/links.js';
import type { SyncStore } from './store/types.js';
import { Notifier } from './notify/notifier.js';

async function printTokens(store: SyncStore, config: ServerConfig, secret: string): Promise<void> {
  const users = await store.users();
  const ttl = config.tokenTtlHours * 3600;
  for (const u of users.filter((x) => x.role !== 'device'))
    console.log(`  ${u.role.padEnd(10)} ${u.id.padEnd(13)} ${tokenFor(secret, u, ttl)}`);
  if (config.tokensOut) {
    const all = Object.fromEntries(
      users.map((u) => [u.id, { role: u.role, engineerId: u.engineerId, token: tokenFor(secret, u, ttl) }]),
    );
    writeFileSync(config.tokensOut, JSON.stringify(all, null, 2), { mode: 0o600 });
    console.log(`  (every user's token, devices included, written to ${config.tokensOut})`);
  }
}

/** The city a new database starts with: today played from midnight to now, unless the warm start is off. */
function firstCity(config: ServerConfig) {
  const now = Date.now();
  if (config.warmStart === 'off') return cityForToday(config, now);
  const started = performance.now();
  console.log(`server: first start — playing today from midnight to now (dispatched by ${config.warmStart})…`);
  const city = warmStartCity(config, now, config.warmStart);
  const waiting = city.orders.filter((o) => o.status === 'new').length;
  console.log(
    `server: the day so far: ${city.orders.length} orders in, ${waiting} waiting, ` +
      `${city.events?.length ?? 0} events, ${city.trail.length} trail points ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return city;
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = readConfig(process.argv.slice(2));
  } catch (err) {
    console.error(`server: ${(err as Error).message}\n${SERVER_USAGE}`);
    process.exit(2);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const secret = loadTokenSecret(join(config.dataDir, 'token-secret'));
  const store = await openStore(config);
  const seeded = await seedIfEmpty(store, () => firstCity(config));
  if (seeded)
    console.log(
      `server: first start — loaded the simulated city (${config.area}, seed ${config.seed}, ${config.engineers} engineers)`,
    );
  if (config.printTokens) {
    console.log('server: tokens for the demo users:');
    await printTokens(store, config, secret);
    await store.close();
    return;
  }
  let leaveCluster: (() => Promise<void>) | null = null;
  const server = await createSyncServer({
    store,
    secret,
    port: config.port,
    host: config.host,
    timeZone: AREAS[config.area]!.timeZone,
    // Where customers open their tracking links (the server's own address when unset).
    customer: {
      ...(process.env.DISPATCH_PUBLIC_URL ? { publicUrl: process.env.DISPATCH_PUBLIC_URL } : {}),
      // Behind a reverse proxy, who it says the client is (for the tracking pages' per-address limit).
      ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    },
    configure: async (io) => {
      if (config.redisUrl)
        leaveCluster = await joinCluster(
          io,
          config.redisUrl,
          config.redisStream ?? defaultStreamName(await store.epoch()),
        );
    },
  });
  const where = store.kind === 'sqlite' ? `sqlite, ${config.dataDir}` : 'postgres';
  console.log(
    `${config.nodeName}: listening on ${server.url} (${where}${config.redisUrl ? ', joined through Redis' : ''})`,
  );
  console.log(`${config.nodeName}: sign in with one of these tokens:`);
  await printTokens(store, config, secret);
  // Customers hear of their order through the outbox, each message with a tracking link of its own.
  const notifier = new Notifier({
    store,
    links: notifierLinks(store, process.env.DISPATCH_PUBLIC_URL ?? server.url, Date.now),
    timeZone: AREAS[config.area]!.timeZone,
    onWritten: (seq, engineers) => server.pokeAll(seq, engineers),
  });
  if (config.notifyIntervalMs > 0) notifier.start(config.notifyIntervalMs);
  const prune = setInterval(
    () => void store.pruneChanges(Date.now() - config.changeRetentionHours * 3_600_000),
    3_600_000,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${config.nodeName}: ${signal} — closing`);
    clearInterval(prune);
    await notifier.stop();
    await server.close();
    await leaveCluster?.();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
