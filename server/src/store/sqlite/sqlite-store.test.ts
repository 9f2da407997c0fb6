import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notifyContract } from '../../notify/notify-store-suite.js';
import { storeContract } from '../store-suite.js';
import { SqliteStore } from './sqlite-store.js';

storeContract(
  'SQLite',
  async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sqlite-store-')), 'server.sqlite'), { log: () => {} }),
);

describe('SQLite audit log', () => {
  it('is append-only', () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sqlite-audit-')), 'server.sqlite'));
    store.db
      .prepare(
        "INSERT INTO audit (at, user_id, role, client_id, mutation_id, name, outcome, args) VALUES (1, 'u', 'viewer', 'c', 1, 'addNote', 'rejected', '{}')",
      )
      .run();
    expect(() => store.db.prepare("UPDATE audit SET outcome = 'applied'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    store.db.close();
  });
});

describe('SQLite database file', () => {
  it('is readable by the server’s own user alone, journal files included', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sqlite-mode-')), 'server.sqlite');
    const store = new SqliteStore(path, { log: () => {} });
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    store.db.close();
  });
});

notifyContract(
  'SQLite',
  async () => new SqliteStore(join(mkdtempSync(join(tmpdir(), 'sqlite-notify-')), 'server.sqlite'), { log: () => {} }),
);
