/** The part of a synchronous SQLite driver (better-sqlite3) the migrator uses; no I/O is imported here. */
export interface MigratableDb {
  exec(sql: string): unknown;
  prepare(sql: string): { get(...params: unknown[]): unknown; run(...params: unknown[]): unknown };
  transaction(fn: () => void): () => void;
}

/** One numbered schema step; steps run once, in order, each in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Brings the database to the newest schema; refuses a database written by a newer version of the program. */
export function migrate(db: MigratableDb, migrations: readonly Migration[], now: () => number = Date.now): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const newest = migrations.reduce((m, x) => Math.max(m, x.version), 0);
  if (current > newest)
    throw new Error(
      `the local database has schema ${current}, newer than this program knows (${newest}); update the console`,
    );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.up);
      record.run(m.version, m.name, now());
    })();
  }
  return newest;
}
