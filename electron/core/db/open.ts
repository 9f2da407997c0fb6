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
