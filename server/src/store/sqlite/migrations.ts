/** Numbered schema steps of the server's SQLite store; each runs once, in its own transaction. */
export const SQLITE_MIGRATIONS = [
  {
    version: 1,
    name: 'orders, engineers, change log, clients, audit, users, positions',
    up: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE orders (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, engineer_id TEXT, data TEXT NOT NULL, seq INTEGER NOT NULL);
      CREATE TABLE engineers (id TEXT PRIMARY KEY, team TEXT NOT NULL, data TEXT NOT NULL, seq INTEGER NOT NULL);
      CREATE TABLE policy (id TEXT PRIMARY KEY, data TEXT NOT NULL, seq INTEGER NOT NULL);
      CREATE TABLE events (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL, seq INTEGER NOT NULL);
      CREATE INDEX events_order ON events (order_id, at);
      -- The change log: which record changed at which sequence number; values are read from the tables above.
      CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, entity_id TEXT NOT NULL, at INTEGER NOT NULL);
      CREATE INDEX changes_entity ON changes (entity, entity_id, seq);
      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        last_mutation_id INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
      CREATE TABLE rejections (
        client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, name TEXT NOT NULL, code TEXT NOT NULL,
        message TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (client_id, mutation_id)
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
        client_id TEXT NOT NULL, mutation_id INTEGER NOT NULL, name TEXT NOT NULL, outcome TEXT NOT NULL,
        code TEXT, message TEXT, args TEXT NOT NULL
      );
      CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, engineer_id TEXT, disabled INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE positions (engineer_id TEXT PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL, heading REAL NOT NULL, speed REAL NOT NULL, at INTEGER NOT NULL);
      CREATE TABLE breadcrumbs (
        engineer_id TEXT NOT NULL, at INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, heading REAL NOT NULL, speed REAL NOT NULL,
        PRIMARY KEY (engineer_id, at)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'change log rows name the engineer whose device they concern',
    // engineer_id: the order's booked engineer after the change (for an engineer, itself; for an event, its order's
    // engineer when written); prev_engineer_id: an order's engineer before it. A device pulls the rows naming its
    // engineer, so it hears of an order moved away from it. Rows from before are named after the current state.
    up: `
      ALTER TABLE changes ADD COLUMN engineer_id TEXT;
      ALTER TABLE changes ADD COLUMN prev_engineer_id TEXT;
      UPDATE changes SET engineer_id = CASE entity
        WHEN 'order' THEN (SELECT engineer_id FROM orders WHERE orders.id = changes.entity_id)
        WHEN 'engineer' THEN entity_id
        WHEN 'event' THEN (SELECT o.engineer_id FROM events v JOIN orders o ON o.id = v.order_id WHERE v.id = changes.entity_id)
      END;
      CREATE INDEX changes_engineer ON changes (engineer_id, seq);
      CREATE INDEX changes_prev_engineer ON changes (prev_engineer_id, seq);
      CREATE INDEX orders_engineer ON orders (engineer_id, id);
    `,
  },
  {
    version: 3,
    name: 'customer notifications: the outbox and the events the notifier has read',
    // outbox: one row per message, keyed once-only by order, event and window (shared/domain/notify.ts); notify_seen:
    // the order events the notifier has turned into messages (or found nothing to say about), so none is read twice.
    up: `
      CREATE TABLE outbox (
        key TEXT PRIMARY KEY, order_id TEXT NOT NULL, event TEXT NOT NULL, channel TEXT NOT NULL, lang TEXT NOT NULL,
        body TEXT NOT NULL, link TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL, sent_at INTEGER, last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_at);
      CREATE INDEX outbox_order ON outbox (order_id, created_at);
      CREATE TABLE notify_seen (event_id TEXT PRIMARY KEY, at INTEGER NOT NULL);
    `,
  },
  {
    version: 4,
    name: 'tracking links: customer page tokens, stored hashed, one order each',
    up: `
      CREATE TABLE tracking_links (
        token_hash TEXT PRIMARY KEY, order_id TEXT NOT NULL, issued_at INTEGER NOT NULL, issued_by TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX tracking_links_order ON tracking_links (order_id);
    `,
  },
  {
    version: 5,
    name: 'kept rejections carry the refusal as data',
    // say: the refusal as reasons (shared/dispatch/reasons.ts), JSON text, so a console that learns of a rejection from a pull
    // words it in its own language; null for refusals kept before, which a console shows in the English they kept.
    up: `ALTER TABLE rejections ADD COLUMN say TEXT;`,
  },
] as const;
