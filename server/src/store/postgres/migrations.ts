/** Numbered schema steps of the Postgres store; each runs once, in its own transaction, under an advisory lock. */
export const POSTGRES_MIGRATIONS = [
  {
    version: 1,
    name: 'orders, engineers, change log, clients, audit, users, positions',
    up: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE orders (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, engineer_id TEXT, data JSONB NOT NULL, seq BIGINT NOT NULL);
      CREATE TABLE engineers (id TEXT PRIMARY KEY, team TEXT NOT NULL, data JSONB NOT NULL, seq BIGINT NOT NULL);
      CREATE TABLE policy (id TEXT PRIMARY KEY, data JSONB NOT NULL, seq BIGINT NOT NULL);
      CREATE TABLE events (id TEXT PRIMARY KEY, order_id TEXT NOT NULL, at BIGINT NOT NULL, data JSONB NOT NULL, seq BIGINT NOT NULL);
      CREATE INDEX events_order ON events (order_id, at);
      -- The change log. xid is the writing transaction: pulls deliver a transaction's changes once every transaction
      -- before it has finished, so no change that commits late is ever skipped (see PgStore.pull).
      CREATE TABLE changes (
        seq BIGSERIAL PRIMARY KEY,
        xid BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, at BIGINT NOT NULL
      );
      CREATE INDEX changes_xid ON changes (xid, seq);
      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, last_mutation_id BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL
      );
      CREATE TABLE rejections (
        client_id TEXT NOT NULL, mutation_id BIGINT NOT NULL, name TEXT NOT NULL, code TEXT NOT NULL,
        message TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (client_id, mutation_id)
      );
      CREATE TABLE audit (
        id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, client_id TEXT NOT NULL,
        mutation_id BIGINT NOT NULL, name TEXT NOT NULL, outcome TEXT NOT NULL, code TEXT, message TEXT, args JSONB
      );
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
      CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, engineer_id TEXT, disabled BOOLEAN NOT NULL DEFAULT FALSE);
      CREATE TABLE positions (
        engineer_id TEXT PRIMARY KEY, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,
        heading DOUBLE PRECISION NOT NULL, speed DOUBLE PRECISION NOT NULL, at BIGINT NOT NULL
      );
      CREATE TABLE breadcrumbs (
        engineer_id TEXT NOT NULL, at BIGINT NOT NULL, lat DOUBLE PRECISION NOT NULL, lon DOUBLE PRECISION NOT NULL,
        heading DOUBLE PRECISION NOT NULL, speed DOUBLE PRECISION NOT NULL, PRIMARY KEY (engineer_id, at)
      );
    `,
  },
  {
    version: 2,
    name: 'change log rows name the engineer whose device they concern',
    // As in the SQLite store: engineer_id after the change, prev_engineer_id an order's engineer before it.
    up: `
      ALTER TABLE changes ADD COLUMN engineer_id TEXT, ADD COLUMN prev_engineer_id TEXT;
      UPDATE changes SET engineer_id = CASE entity
        WHEN 'order' THEN (SELECT engineer_id FROM orders WHERE orders.id = changes.entity_id)
        WHEN 'engineer' THEN entity_id
        WHEN 'event' THEN (SELECT o.engineer_id FROM events v JOIN orders o ON o.id = v.order_id WHERE v.id = changes.entity_id)
      END;
      CREATE INDEX changes_engineer ON changes (engineer_id, xid);
      CREATE INDEX changes_prev_engineer ON changes (prev_engineer_id, xid);
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
        body TEXT NOT NULL, link TEXT, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL, sent_at BIGINT, last_error TEXT
      );
      CREATE INDEX outbox_due ON outbox (state, next_at);
      CREATE INDEX outbox_order ON outbox (order_id, created_at);
      CREATE TABLE notify_seen (event_id TEXT PRIMARY KEY, at BIGINT NOT NULL);
    `,
  },
  {
    version: 4,
    name: 'tracking links: customer page tokens, stored hashed, one order each',
    up: `
      CREATE TABLE tracking_links (
        token_hash TEXT PRIMARY KEY, order_id TEXT NOT NULL, issued_at BIGINT NOT NULL, issued_by TEXT NOT NULL
      );
      CREATE INDEX tracking_links_order ON tracking_links (order_id);
    `,
  },
  {
    version: 5,
    name: 'kept rejections carry the refusal as data',
    // say: the refusal as reasons (shared/dispatch/reasons.ts), JSONB, so a console that learns of a rejection from a pull
    // words it in its own language; null for refusals kept before, which a console shows in the English they kept.
    up: `ALTER TABLE rejections ADD COLUMN say JSONB;`,
  },
] as const;
