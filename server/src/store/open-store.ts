import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import { PgStore } from './postgres/pg-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { SyncStore } from './types.js';

/** The store the configuration asks for: Postgres when a database URL is given, the embedded SQLite file otherwise. */
export async function openStore(
  config: Pick<ServerConfig, 'dataDir' | 'databaseUrl' | 'databaseSchema'>,
): Promise<SyncStore> {
  const dedupe = process.env.DISPATCH_UNSAFE_NO_DEDUPE !== '1';
  if (config.databaseUrl)
    return PgStore.open({
      connectionString: config.databaseUrl,
      ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
      dedupe,
    });
  return new SqliteStore(join(config.dataDir, 'server.sqlite'), { dedupe });
}
