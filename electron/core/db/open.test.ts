import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../shared/db/migrate.js';
import { openDatabase } from './open.js';

const dirs: string[] = [];
function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'core-db-'));
  dirs.push(dir);
  return join(dir, 'cache.sqlite');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const steps = [
  { version: 1, name: 'notes', up: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)' },
  { version: 2, name: 'note time', up: 'ALTER TABLE notes ADD COLUMN at INTEGER NOT NULL DEFAULT 0' },
];

describe('migrations', () => {
  it('run once each, in order, and survive reopening', () => {
    const path = tempDb();
    const db = openDatabase(path);
    expect(migrate(db, steps)).toBe(2);
    db.prepare('INSERT INTO notes (text, at) VALUES (?, ?)').run('hello', 5);
    db.close();
    const again = openDatabase(path);
    expect(migrate(again, steps)).toBe(2);
    expect(again.prepare('SELECT text, at FROM notes').all()).toEqual([{ text: 'hello', at: 5 }]);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('leave nothing half-applied when a step fails', () => {
    const db = openDatabase(tempDb());
    expect(() =>
      migrate(db, [...steps, { version: 3, name: 'broken', up: 'CREATE TABLE x (a); CREATE TABLE notes (b)' }]),
    ).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'x'").get()).toBeUndefined();
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(2);
    db.close();
  });

  it('refuse a database from a newer program', () => {
    const db = openDatabase(tempDb());
    migrate(db, steps);
    expect(() => migrate(db, steps.slice(0, 1))).toThrow(/newer than this program knows/);
    db.close();
  });
});

describe('file access', () => {
  it('keeps the cache and its journal files readable by their owner alone, narrowing an older wider file', () => {
    const path = tempDb();
    const mode = (file: string) => statSync(file).mode & 0o777;
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (x)');
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    db.close();

    const old = tempDb();
    writeFileSync(old, '');
    chmodSync(old, 0o644);
    openDatabase(old).close();
    expect(mode(old)).toBe(0o600);
  });
});
