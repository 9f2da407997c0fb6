import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of an alternative better-sqlite3 native build (Electron's ABI differs from Node's). */
  nativeBinding?: string | undefined;
  readonly?: boolean;
}

/**
 * Opens a SQLite database the way core uses it: WAL so readers never block the writer, FULL sync so an outbox row the
 * caller was told about survives a crash, foreign keys on, and a busy timeout for the rare second opener.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (!options.readonly) ownerOnly(path);
  const nativeBinding = options.nativeBinding ?? process.env.DISPATCH_SQLITE_BINDING;
  const db = new Database(path, {
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(options.readonly ? { readonly: true } : {}),
  });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Makes the cache readable by its owner alone before SQLite opens it: it holds customers' names, phones and addresses.
 * SQLite gives the -wal and -shm files it creates the main file's mode; older ones are narrowed too.
 */
function ownerOnly(path: string): void {
  if (path === ':memory:' || path === '') return;
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}
