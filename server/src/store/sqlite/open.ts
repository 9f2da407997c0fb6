import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from '../../../../shared/db/migrate.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/**
 * Opens (creating on first start) the server database: WAL so pulls read while a push writes, synchronous=NORMAL
 * (safe against a process crash in WAL mode; a power cut may lose the last commits, which clients then re-push).
 */
export function openServerDatabase(path: string): Database.Database {
  restrictToOwner(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  migrate(db, SQLITE_MIGRATIONS);
  const epoch = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'epoch'").get();
  if (!epoch)
    db.prepare("INSERT INTO meta (key, value) VALUES ('epoch', ?)").run(`db-${randomBytes(6).toString('hex')}`);
  return db;
}

/**
 * The database holds every customer's contact details and the audit trail: only the server's own user may read it.
 * Created 0600 before SQLite opens it (its -wal and -shm files then get the same mode); an older, wider file is
 * narrowed.
 */
function restrictToOwner(path: string): void {
  if (path === ':memory:' || path === '') return;
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}
