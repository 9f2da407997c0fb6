import type pg from 'pg';
import type { Engineer, SlaPolicy, WorkOrder } from '../../../../shared/domain/index.js';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import type { EntityKey, MutationContext, StateReader, Writes } from '../../../../shared/sync/index.js';
import { MUTATORS } from '../../../../shared/sync/index.js';

/** What a mutation declared it reads; empty for one that will be refused before reading (unknown, bad args, role). */
export function declaredReads(name: string, rawArgs: unknown, ctx: MutationContext): EntityKey[] {
  const def = MUTATORS.get(name);
  const parsed = def?.args.safeParse(rawArgs);
  return def && parsed?.success && def.roles.includes(ctx.actor.role) ? def.reads(parsed.data, ctx) : [];
}

/** The rows a whole push locks before its first mutation runs. */
export interface LockSet {
  /** null: the policy is not read; 'share': read only; 'update': a mutation of the push may change it. */
  policy: null | 'share' | 'update';
  engineerIds: string[];
  orderIds: string[];
  /** Looked up, not locked. */
  codes: string[];
  eventIds: string[];
}

/** Adds a mutation's declared reads to a push's lock set (ids kept sorted and unique). */
export function addToLockSet(set: LockSet, keys: EntityKey[], policyWrite: boolean): void {
  const add = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id);
  };
  for (const k of keys) {
    if (k.kind === 'order') add(set.orderIds, k.id);
    else if (k.kind === 'engineer') add(set.engineerIds, k.id);
    else if (k.kind === 'orderCode') add(set.codes, k.code);
    else if (k.kind === 'event') add(set.eventIds, k.id);
    else set.policy = policyWrite || set.policy === 'update' ? 'update' : 'share';
  }
  set.orderIds.sort();
  set.engineerIds.sort();
}

/**
 * Locks a push's rows in the one order every push uses — the policy, then engineers by id, then orders by id — so two
 * pushes wait for each other at most once and never in a cycle, and loads them as they are once locked (the latest
 * committed version). Rows that do not exist yet (an order being created) lock nothing; their unique keys settle a
 * race. Order codes and alert events, which are only looked up, are read after the locks.
 */
export async function lockAndLoad(c: pg.PoolClient, set: LockSet): Promise<PushState> {
  const state = new PushState();
  if (set.policy) {
    const row = (
      await c.query<{ data: SlaPolicy }>(
        `SELECT data FROM policy ORDER BY id FOR ${set.policy === 'update' ? 'UPDATE' : 'SHARE'}`,
      )
    ).rows[0];
    if (row) state.policy = row.data;
  }
  if (set.engineerIds.length > 0)
    for (const r of (
      await c.query<{ id: string; data: Engineer }>(
        'SELECT id, data FROM engineers WHERE id = ANY($1) ORDER BY id FOR UPDATE',
        [set.engineerIds],
      )
    ).rows)
      state.engineers.set(r.id, r.data);
  if (set.orderIds.length > 0)
    for (const r of (
      await c.query<{ id: string; data: WorkOrder }>(
        'SELECT id, data FROM orders WHERE id = ANY($1) ORDER BY id FOR UPDATE',
        [set.orderIds],
      )
    ).rows)
      state.putOrder(r.data);
  if (set.codes.length > 0 || set.eventIds.length > 0)
    for (const r of (
      await c.query<{ k: 'c' | 'v'; id: string; code: string | null }>(
        `SELECT 'c' AS k, id, code FROM orders WHERE code = ANY($1)
         UNION ALL SELECT 'v', id, NULL FROM events WHERE id = ANY($2)`,
        [set.codes, set.eventIds],
      )
    ).rows)
      if (r.k === 'c') state.byCode.set(r.code!, r.id);
      else state.events.add(r.id);
  return state;
}

/**
 * What a push's mutations read: the rows it locked as loaded, with the writes of its earlier mutations on top, so each
 * mutation starts from the state the ones before it left.
 */
export class PushState {
  readonly orders = new Map<string, WorkOrder>();
  readonly byCode = new Map<string, string>();
  readonly engineers = new Map<string, Engineer>();
  policy: SlaPolicy = defaultSlaPolicy();
  readonly events = new Set<string>();

  order = (id: string): WorkOrder | null => this.orders.get(id) ?? null;
  orderIdByCode = (code: string): string | null => this.byCode.get(code) ?? null;
  engineer = (id: string): Engineer | null => this.engineers.get(id) ?? null;
  hasEvent = (id: string): boolean => this.events.has(id);
  readPolicy = (): SlaPolicy => this.policy;

  putOrder(o: WorkOrder): void {
    const old = this.orders.get(o.id);
    if (old && old.code !== o.code && this.byCode.get(old.code) === o.id) this.byCode.delete(old.code);
    this.orders.set(o.id, o);
    this.byCode.set(o.code, o.id);
  }

  /** A reader for one mutation (the shared mutator's view). */
  reader(): StateReader {
    return {
      order: this.order,
      orderIdByCode: this.orderIdByCode,
      engineer: this.engineer,
      policy: this.readPolicy,
      hasEvent: this.hasEvent,
    };
  }

  apply(writes: Writes): void {
    for (const o of writes.orders.values()) this.putOrder(o);
    for (const e of writes.engineers.values()) this.engineers.set(e.id, e);
    if (writes.policy) this.policy = writes.policy;
    for (const ev of writes.events) this.events.add(ev.id);
  }
}
