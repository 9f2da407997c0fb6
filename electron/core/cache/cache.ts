import { z } from 'zod';
import { ReasonSchema, type Reason } from '../../../shared/dispatch/reasons.js';
import type { Engineer, OrderEvent, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import { positionOfRow, type EngineerPosition, type PositionRow } from '../../../shared/sync/index.js';
import { ActionLabel } from '../../../shared/ipc/features/console.js';
import { migrate } from '../../../shared/db/migrate.js';
import { openDatabase, type Db, type OpenOptions } from '../db/open.js';
import { CACHE_MIGRATIONS } from './schema.js';

/** One row of the outbox: a named mutation the dispatcher made, waiting for or settled by the server. */
export interface OutboxEntry {
  id: number;
  name: string;
  args: unknown;
  createdAt: number;
  state: 'pending' | 'acked' | 'rejected';
  attempts: number;
  /** Why the server rejected it; on a pending entry, why the server will never take it (it is sent withdrawn). */
  errorCode: string | null;
  errorMessage: string | null;
  /** The rejection as data, when the server gave it (null: only its English words). */
  errorSay: Reason[] | null;
  settledAt: number | null;
  /** The action as it was named when made, against the view before it (null: made before names were kept). */
  label: ActionLabel | null;
}

interface OutboxRow {
  id: number;
  name: string;
  args: string;
  created_at: number;
  state: OutboxEntry['state'];
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  error_say: string | null;
  settled_at: number | null;
  label: string | null;
}

/** Reasons kept as JSON, read back through their contract (null: none, or not readable any more). */
function sayOf(json: string | null): Reason[] | null {
  if (json === null) return null;
  const parsed = z.array(ReasonSchema).safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

/** An action's name kept as JSON, read back through its contract (null: none kept, or not readable any more). */
function labelOf(json: string | null): ActionLabel | null {
  if (json === null) return null;
  const parsed = ActionLabel.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    name: r.name,
    args: JSON.parse(r.args) as unknown,
    createdAt: r.created_at,
    state: r.state,
    attempts: r.attempts,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    errorSay: sayOf(r.error_say),
    settledAt: r.settled_at,
    label: labelOf(r.label),
  };
}

/** A mutation by name with its arguments. */
export interface NamedMutation {
  name: string;
  args: unknown;
}

/** A version of a record: `order:<id>`, `engineer:<id>` or `policy`. */
export interface RecordVersion {
  key: string;
  version: number;
  rev: string;
}

/** An undo or redo step: the mutations that reverse a user action (several for a batch such as an import). */
export interface HistoryEntry {
  seq: number;
  stack: 'undo' | 'redo';
  mutationId: number;
  label: ActionLabel;
  /** Applied in this order. */
  inverse: NamedMutation[];
  /** The versions of the records the step puts back: what they were before the action it reverses. */
  restores: RecordVersion[];
}

interface HistoryRow {
  seq: number;
  stack: 'undo' | 'redo';
  mutation_id: number;
  label: string;
  inverse: string;
  restores: string;
}

function toHistoryEntry(r: HistoryRow): HistoryEntry {
  return {
    seq: r.seq,
    stack: r.stack,
    mutationId: r.mutation_id,
    label: storedLabel(r.label),
    inverse: inverseSteps(JSON.parse(r.inverse) as NamedMutation | NamedMutation[]),
    restores: JSON.parse(r.restores) as RecordVersion[],
  };
}

/** A step's label as stored: the label as data (JSON); a cache written before labels were data holds the English. */
function storedLabel(raw: string): ActionLabel {
  try {
    const parsed = ActionLabel.safeParse(JSON.parse(raw));
    if (parsed.success) return parsed.data;
  } catch {
    // The English of an older cache.
  }
  return { key: 'text', values: { text: raw.slice(0, 300) } };
}

function inverseSteps(stored: NamedMutation | NamedMutation[]): NamedMutation[] {
  return Array.isArray(stored) ? stored : [stored];
}

/**
 * The local SQLite cache: every statement prepared once, one writer. It knows tables and rows, not sync rules; the
 * callers (LocalState, the rebase) decide what to write and wrap it in transactions.
 */
export class Cache {
  readonly db: Db;
  private readonly s;

  constructor(path: string, options: OpenOptions = {}) {
    this.db = openDatabase(path, options);
    migrate(this.db, CACHE_MIGRATIONS);
    const db = this.db;
    this.s = {
      metaGet: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      metaSet: db.prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      serverOrderGet: db.prepare<[string], { data: string }>('SELECT data FROM server_orders WHERE id = ?'),
      serverOrderPut: db.prepare(
        'INSERT INTO server_orders (id, code, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET code = excluded.code, data = excluded.data',
      ),
      serverEngineerGet: db.prepare<[string], { data: string }>('SELECT data FROM server_engineers WHERE id = ?'),
      serverEngineerPut: db.prepare(
        'INSERT INTO server_engineers (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
      ),
      serverPolicyGet: db.prepare<[], { data: string }>('SELECT data FROM server_policy LIMIT 1'),
      serverPolicyPut: db.prepare(
        'INSERT INTO server_policy (id, data) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data',
      ),
      serverOrderIdByCode: db.prepare<[string], { id: string }>('SELECT id FROM server_orders WHERE code = ? LIMIT 1'),
      viewOrderPut: db.prepare(
        `INSERT INTO view_orders (id, data, status, engineer_id, code, pending) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, status = excluded.status, engineer_id = excluded.engineer_id,
           code = excluded.code, pending = excluded.pending`,
      ),
      viewOrdersAll: db.prepare<[], { data: string; pending: number }>('SELECT data, pending FROM view_orders'),
      viewEngineerPut: db.prepare(
        'INSERT INTO view_engineers (id, data, pending) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, pending = excluded.pending',
      ),
      viewEngineersAll: db.prepare<[], { data: string; pending: number }>('SELECT data, pending FROM view_engineers'),
      viewPolicyPut: db.prepare(
        'INSERT INTO view_policy (id, data, pending) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, pending = excluded.pending',
      ),
      viewPolicyGet: db.prepare<[], { data: string; pending: number }>('SELECT data, pending FROM view_policy LIMIT 1'),
      eventPut: db.prepare(
        `INSERT INTO events (id, order_id, at, data, pending) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id, at = excluded.at, data = excluded.data, pending = excluded.pending`,
      ),
      eventExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ? AND pending = 0'),
      eventsPendingClear: db.prepare('DELETE FROM events WHERE pending = 1'),
      eventsPendingIds: db.prepare<[], { id: string }>('SELECT id FROM events WHERE pending = 1'),
      eventsServerClear: db.prepare('DELETE FROM events WHERE pending = 0'),
      // Events that share a time keep the order they came in (the server's, by its change log; this console's own,
      // as it acted), which their ids as text do not (c-1:10:0 sorts before c-1:9:0) — except that an order's creation
      // leads: a first sync brings events by id, so an order booked the instant it came in (the day so far, played
      // on the server's first start) would otherwise read "Assigned" before "Created" (warm-greedy:… < warm-intake:…).
      eventsForOrder: db.prepare<[string], { data: string; pending: number }>(
        "SELECT data, pending FROM events WHERE order_id = ? ORDER BY at, kind IS NOT 'created', rowid",
      ),
      eventsOfKindSince: db.prepare<[string, number], { data: string }>(
        'SELECT data FROM events WHERE kind = ? AND at >= ? ORDER BY at, rowid',
      ),
      eventsBetween: db.prepare<[number, number], { data: string }>(
        'SELECT data FROM events WHERE at >= ? AND at < ? ORDER BY at, rowid',
      ),
      outboxInsert: db.prepare(
        "INSERT INTO outbox (id, name, args, created_at, state, label) VALUES (?, ?, ?, ?, 'pending', ?)",
      ),
      outboxReplayable: db.prepare<[], OutboxRow>(
        "SELECT * FROM outbox WHERE state IN ('pending', 'acked') AND error_code IS NULL ORDER BY id",
      ),
      outboxPending: db.prepare<[number], OutboxRow>(
        "SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?",
      ),
      outboxRejected: db.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE state = 'rejected' ORDER BY id"),
      outboxGet: db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?'),
      outboxAck: db.prepare("UPDATE outbox SET state = 'acked', settled_at = ? WHERE id = ? AND state = 'pending'"),
      outboxReject: db.prepare(
        "UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ?, error_say = ?, settled_at = ? WHERE id = ? AND state IN ('pending', 'acked')",
      ),
      outboxRefuse: db.prepare(
        "UPDATE outbox SET error_code = ?, error_message = ?, error_say = ? WHERE id = ? AND state = 'pending' AND error_code IS NULL",
      ),
      outboxAttempt: db.prepare("UPDATE outbox SET attempts = attempts + 1 WHERE state = 'pending' AND id <= ?"),
      outboxConfirm: db.prepare("DELETE FROM outbox WHERE id <= ? AND state IN ('pending', 'acked')"),
      outboxDelete: db.prepare('DELETE FROM outbox WHERE id = ?'),
      outboxCounts: db.prepare<[], { state: string; n: number }>(
        'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state',
      ),
      outboxMaxId: db.prepare<[], { m: number | null }>('SELECT MAX(id) AS m FROM outbox'),
      historyPush: db.prepare(
        'INSERT INTO history (stack, mutation_id, label, inverse, restores) VALUES (?, ?, ?, ?, ?)',
      ),
      historySetInverse: db.prepare('UPDATE history SET inverse = ? WHERE seq = ?'),
      historySetRestores: db.prepare('UPDATE history SET restores = ? WHERE seq = ?'),
      historyTop: db.prepare<[string], HistoryRow>('SELECT * FROM history WHERE stack = ? ORDER BY seq DESC LIMIT 1'),
      historyAll: db.prepare<[], HistoryRow>('SELECT * FROM history ORDER BY seq'),
      historyCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM history WHERE stack = ?'),
      historyDelete: db.prepare('DELETE FROM history WHERE seq = ?'),
      historyClear: db.prepare('DELETE FROM history WHERE stack = ?'),
      historyTrim: db.prepare(
        "DELETE FROM history WHERE stack = 'undo' AND seq NOT IN (SELECT seq FROM history WHERE stack = 'undo' ORDER BY seq DESC LIMIT ?)",
      ),
      positionPut: db.prepare(
        `INSERT INTO positions (engineer_id, lat, lon, heading, speed, at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (engineer_id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, heading = excluded.heading,
           speed = excluded.speed, at = excluded.at WHERE excluded.at >= positions.at`,
      ),
      positionsAll: db.prepare<[], PositionRow>('SELECT * FROM positions'),
    };
  }

  /** Runs `fn` in one SQLite transaction: all of it is written, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  meta(key: string): string | null {
    return this.s.metaGet.get(key)?.value ?? null;
  }

  setMeta(key: string, value: string | number): void {
    this.s.metaSet.run(key, String(value));
  }

  // ---- server state -------------------------------------------------------------------------------------------

  serverOrder(id: string): WorkOrder | null {
    const row = this.s.serverOrderGet.get(id);
    return row ? (JSON.parse(row.data) as WorkOrder) : null;
  }

  serverOrderIdByCode(code: string): string | null {
    return this.s.serverOrderIdByCode.get(code)?.id ?? null;
  }

  serverEngineer(id: string): Engineer | null {
    const row = this.s.serverEngineerGet.get(id);
    return row ? (JSON.parse(row.data) as Engineer) : null;
  }

  serverPolicy(): SlaPolicy | null {
    const row = this.s.serverPolicyGet.get();
    return row ? (JSON.parse(row.data) as SlaPolicy) : null;
  }

  putServerOrder(order: WorkOrder): void {
    this.s.serverOrderPut.run(order.id, order.code, JSON.stringify(order));
  }

  putServerEngineer(engineer: Engineer): void {
    this.s.serverEngineerPut.run(engineer.id, JSON.stringify(engineer));
  }

  putServerPolicy(policy: SlaPolicy): void {
    this.s.serverPolicyPut.run(policy.id, JSON.stringify(policy));
  }

  /** Forgets all server state (a reset snapshot follows). */
  clearServerState(): void {
    this.db.exec('DELETE FROM server_orders; DELETE FROM server_engineers; DELETE FROM server_policy;');
    this.s.eventsServerClear.run();
  }

  /** Forgets the whole view (a reset rebuilds it). */
  clearView(): void {
    this.db.exec(
      'DELETE FROM view_orders; DELETE FROM view_engineers; DELETE FROM view_policy; DELETE FROM events WHERE pending = 1;',
    );
  }

  // ---- the view -----------------------------------------------------------------------------------------------

  putViewOrder(order: WorkOrder, pending: boolean): void {
    this.s.viewOrderPut.run(
      order.id,
      JSON.stringify(order),
      order.status,
      order.booking?.engineerId ?? null,
      order.code,
      pending ? 1 : 0,
    );
  }

  putViewEngineer(engineer: Engineer, pending: boolean): void {
    this.s.viewEngineerPut.run(engineer.id, JSON.stringify(engineer), pending ? 1 : 0);
  }

  putViewPolicy(policy: SlaPolicy, pending: boolean): void {
    this.s.viewPolicyPut.run(policy.id, JSON.stringify(policy), pending ? 1 : 0);
  }

  viewOrders(): Array<{ order: WorkOrder; pending: boolean }> {
    return this.s.viewOrdersAll
      .all()
      .map((r) => ({ order: JSON.parse(r.data) as WorkOrder, pending: r.pending === 1 }));
  }

  viewEngineers(): Array<{ engineer: Engineer; pending: boolean }> {
    return this.s.viewEngineersAll
      .all()
      .map((r) => ({ engineer: JSON.parse(r.data) as Engineer, pending: r.pending === 1 }));
  }

  viewPolicy(): { policy: SlaPolicy; pending: boolean } | null {
    const row = this.s.viewPolicyGet.get();
    return row ? { policy: JSON.parse(row.data) as SlaPolicy, pending: row.pending === 1 } : null;
  }

  // ---- events -------------------------------------------------------------------------------------------------

  putEvent(event: OrderEvent, pending: boolean): void {
    this.s.eventPut.run(event.id, event.orderId, event.at, JSON.stringify(event), pending ? 1 : 0);
  }

  hasServerEvent(id: string): boolean {
    return this.s.eventExists.get(id) !== undefined;
  }

  /** Ids of the events this console's unsynced mutations wrote. */
  pendingEventIds(): string[] {
    return this.s.eventsPendingIds.all().map((r) => r.id);
  }

  clearPendingEvents(): void {
    this.s.eventsPendingClear.run();
  }

  eventsForOrder(orderId: string): Array<OrderEvent & { pending: boolean }> {
    return this.s.eventsForOrder
      .all(orderId)
      .map((r) => ({ ...(JSON.parse(r.data) as OrderEvent), pending: r.pending === 1 }));
  }

  /** The events of one kind from `since` on, oldest first: the server's and this console's pending ones. */
  eventsOfKindSince(kind: OrderEvent['kind'], since: number): OrderEvent[] {
    return this.s.eventsOfKindSince.all(kind, since).map((r) => JSON.parse(r.data) as OrderEvent);
  }

  eventsBetween(from: number, to: number): OrderEvent[] {
    return this.s.eventsBetween.all(from, to).map((r) => JSON.parse(r.data) as OrderEvent);
  }

  // ---- outbox -------------------------------------------------------------------------------------------------

  appendOutbox(id: number, name: string, args: unknown, createdAt: number, label: ActionLabel | null = null): void {
    this.s.outboxInsert.run(id, name, JSON.stringify(args), createdAt, label ? JSON.stringify(label) : null);
  }

  /** Mutations whose effect is still layered on server state: not yet confirmed by a pull, not rejected or refused. */
  replayable(): OutboxEntry[] {
    return this.s.outboxReplayable.all().map(toEntry);
  }

  /** The next mutations to send, oldest first. */
  pendingBatch(limit: number): OutboxEntry[] {
    return this.s.outboxPending.all(limit).map(toEntry);
  }

  rejected(): OutboxEntry[] {
    return this.s.outboxRejected.all().map(toEntry);
  }

  outboxEntry(id: number): OutboxEntry | null {
    const row = this.s.outboxGet.get(id);
    return row ? toEntry(row) : null;
  }

  markAcked(id: number, at: number): void {
    this.s.outboxAck.run(at, id);
  }

  markRejected(id: number, code: string, message: string, at: number, say?: readonly Reason[]): boolean {
    const said = say && say.length > 0 ? JSON.stringify(say) : null;
    return this.s.outboxReject.run(code, message, said, at, id).changes > 0;
  }

  /**
   * Notes that the server will never take a pending mutation (too large to send, or unreadable to it): it stays
   * pending, with the reason, until the server has recorded it as rejected, and its effect leaves the view.
   */
  markRefused(id: number, code: string, message: string, say?: readonly Reason[]): boolean {
    const said = say && say.length > 0 ? JSON.stringify(say) : null;
    return this.s.outboxRefuse.run(code, message, said, id).changes > 0;
  }

  countAttempt(throughId: number): void {
    this.s.outboxAttempt.run(throughId);
  }

  /** Drops mutations the server has settled and that were not rejected: their effect is now in server state. */
  confirmThrough(lastMutationId: number): void {
    this.s.outboxConfirm.run(lastMutationId);
  }

  deleteOutbox(id: number): void {
    this.s.outboxDelete.run(id);
  }

  outboxCounts(): { pending: number; acked: number; rejected: number } {
    const out = { pending: 0, acked: 0, rejected: 0 };
    for (const r of this.s.outboxCounts.all()) out[r.state as keyof typeof out] = r.n;
    return out;
  }

  maxOutboxId(): number {
    return this.s.outboxMaxId.get()?.m ?? 0;
  }

  // ---- undo / redo --------------------------------------------------------------------------------------------

  /** Pushes a step; returns its sequence number. */
  pushHistory(
    stack: 'undo' | 'redo',
    mutationId: number,
    label: ActionLabel,
    inverse: readonly NamedMutation[],
    restores: readonly RecordVersion[] = [],
  ): number {
    // One step is stored as the bare mutation, as caches written before batches hold it.
    const stored = JSON.stringify(inverse.length === 1 ? inverse[0] : inverse);
    return Number(
      this.s.historyPush.run(stack, mutationId, JSON.stringify(label), stored, JSON.stringify(restores))
        .lastInsertRowid,
    );
  }

  /** Replaces what a step does (a batch sent in parts grows its one step; a step moved onto newer versions). */
  setHistoryInverse(seq: number, inverse: readonly NamedMutation[]): void {
    this.s.historySetInverse.run(JSON.stringify(inverse.length === 1 ? inverse[0] : inverse), seq);
  }

  setHistoryRestores(seq: number, restores: readonly RecordVersion[]): void {
    this.s.historySetRestores.run(JSON.stringify(restores), seq);
  }

  topHistory(stack: 'undo' | 'redo'): HistoryEntry | null {
    const r = this.s.historyTop.get(stack);
    return r ? toHistoryEntry(r) : null;
  }

  /** Every undo and redo step, oldest first. */
  allHistory(): HistoryEntry[] {
    return this.s.historyAll.all().map(toHistoryEntry);
  }

  historyCount(stack: 'undo' | 'redo'): number {
    return this.s.historyCount.get(stack)?.n ?? 0;
  }

  deleteHistory(seq: number): void {
    this.s.historyDelete.run(seq);
  }

  clearHistory(stack: 'undo' | 'redo'): void {
    this.s.historyClear.run(stack);
  }

  trimUndo(keep: number): void {
    this.s.historyTrim.run(keep);
  }

  // ---- positions ----------------------------------------------------------------------------------------------

  putPositions(positions: readonly EngineerPosition[]): void {
    for (const p of positions) this.s.positionPut.run(p.engineerId, p.lat, p.lon, p.heading, p.speed, p.at);
  }

  positions(): EngineerPosition[] {
    return this.s.positionsAll.all().map(positionOfRow);
  }

  close(): void {
    this.db.close();
  }
}
