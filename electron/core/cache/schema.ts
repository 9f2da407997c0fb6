import type { Migration } from '../../../shared/db/migrate.js';

/**
 * The local cache (DESIGN §4, §6). `server_*` tables hold the last state pulled from the server; `view_*` tables hold
 * what the dispatcher sees: server state with the still-pending outbox replayed on top, rows marked `pending`.
 */
export const CACHE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cache, outbox, undo',
    up: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

      CREATE TABLE server_orders (id TEXT PRIMARY KEY, code TEXT NOT NULL, data TEXT NOT NULL);
      CREATE INDEX server_orders_code ON server_orders (code);
      CREATE TABLE server_engineers (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE server_policy (id TEXT PRIMARY KEY, data TEXT NOT NULL);

      CREATE TABLE view_orders (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        status TEXT NOT NULL,
        engineer_id TEXT,
        code TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX view_orders_engineer ON view_orders (engineer_id);
      CREATE INDEX view_orders_code ON view_orders (code);
      CREATE TABLE view_engineers (id TEXT PRIMARY KEY, data TEXT NOT NULL, pending INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE view_policy (id TEXT PRIMARY KEY, data TEXT NOT NULL, pending INTEGER NOT NULL DEFAULT 0);

      -- Audit trail: server events (pending = 0) and the events of pending local mutations (pending = 1).
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        data TEXT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX events_order ON events (order_id, at);

      -- state: pending (not yet acknowledged), acked (applied by the server, not yet seen in a pull),
      -- rejected (a conflict the dispatcher must retry or discard).
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        args TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT,
        error_message TEXT,
        settled_at INTEGER
      );
      CREATE INDEX outbox_state ON outbox (state, id);

      -- Undo and redo: each entry holds the mutation that reverses a user action.
      CREATE TABLE history (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        stack TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
        mutation_id INTEGER NOT NULL,
        label TEXT NOT NULL,
        inverse TEXT NOT NULL
      );

      CREATE TABLE positions (
        engineer_id TEXT PRIMARY KEY,
        lat REAL NOT NULL, lon REAL NOT NULL, heading REAL NOT NULL, speed REAL NOT NULL, at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'undo steps remember the versions they restore',
    up: `
      -- The versions of the records an undo or redo step puts back (JSON [{ key, version, rev }]): when it is taken,
      -- the steps that name those versions as their base are moved onto the versions it wrote.
      ALTER TABLE history ADD COLUMN restores TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 3,
    name: 'events found by kind',
    up: `
      -- The alert list reads the escalations of the last day and this user's acknowledgements of them.
      ALTER TABLE events ADD COLUMN kind TEXT GENERATED ALWAYS AS (json_extract(data, '$.kind')) VIRTUAL;
      CREATE INDEX events_kind ON events (kind, at);
    `,
  },
  {
    version: 4,
    name: 'a rejection keeps its refusal as data',
    up: `
      -- The server's refusal as data (JSON reasons, shared/dispatch/reasons.ts) when it gave one: the conflicts panel
      -- words it in the console's language; error_message stays its English.
      ALTER TABLE outbox ADD COLUMN error_say TEXT;
    `,
  },
  {
    version: 5,
    name: 'a change keeps the name it was made under',
    up: `
      -- The action as the undo menu named it when it was made (JSON ActionLabel: key and values), against the view
      -- before it: the status bar names a change stuck sending by it, once the view already shows the change made.
      ALTER TABLE outbox ADD COLUMN label TEXT;
    `,
  },
];
