import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { SyncStore } from './types.js';

/** The store the configuration asks for: the embedded SQLite file by default. */
export async function openStore(config: Pick<ServerConfig, 'dataDir' | 'databaseUrl'>): Promise<SyncStore> {
  if (config.databaseUrl) throw new Error('DATABASE_URL is set, but this build has no Postgres store');
  return new SqliteStore(join(config.dataDir, 'server.sqlite'), {
    dedupe: process.env.DISPATCH_UNSAFE_NO_DEDUPE !== '1',
  });
}
