import type pg from 'pg';
import type { Engineer, SlaPolicy, WorkOrder } from '../../../../shared/domain/index.js';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import type { EntityKey, MutationContext, StateReader } from '../../../../shared/sync/index.js';
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
}

/**
 * Locks a push's rows in the one order every push uses — the policy, then engineers by id, then orders by id — so two
 * pushes wait for each other at most once and never in a cycle. Rows that do not exist yet (an order being created)
 * lock nothing; their unique keys settle a race.
 */
export async function lockRows(c: pg.PoolClient, set: LockSet): Promise<void> {
  if (set.policy === 'share') await c.query('SELECT 1 FROM policy FOR SHARE');
  else if (set.policy === 'update') await c.query('SELECT 1 FROM policy FOR UPDATE');
  if (set.engineerIds.length > 0)
    await c.query('SELECT 1 FROM engineers WHERE id = ANY($1) ORDER BY id FOR UPDATE', [set.engineerIds]);
  if (set.orderIds.length > 0)
    await c.query('SELECT 1 FROM orders WHERE id = ANY($1) ORDER BY id FOR UPDATE', [set.orderIds]);
}

/** Adds a mutation's declared reads to a push's lock set (ids kept sorted and unique). */
export function addToLockSet(set: LockSet, keys: EntityKey[], policyWrite: boolean): void {
  const add = (list: string[], id: string) => {
    if (!list.includes(id)) list.push(id);
  };
  for (const k of keys) {
    if (k.kind === 'order') add(set.orderIds, k.id);
    else if (k.kind === 'engineer') add(set.engineerIds, k.id);
    else if (k.kind === 'policy') set.policy = policyWrite || set.policy === 'update' ? 'update' : 'share';
  }
  set.orderIds.sort();
  set.engineerIds.sort();
}

/**
 * Loads the records a mutation declared it reads and returns a synchronous reader over them for the shared mutator.
 * The push has already locked them (lockRows), so each read sees the latest committed value and this push's own
 * earlier writes.
 */
export async function preload(c: pg.PoolClient, keys: EntityKey[]): Promise<StateReader> {
  const orderIds = [...new Set(keys.flatMap((k) => (k.kind === 'order' ? [k.id] : [])))];
  const engineerIds = [...new Set(keys.flatMap((k) => (k.kind === 'engineer' ? [k.id] : [])))];
  const codes = keys.flatMap((k) => (k.kind === 'orderCode' ? [k.code] : []));
  const eventIds = keys.flatMap((k) => (k.kind === 'event' ? [k.id] : []));

  const orders = new Map<string, WorkOrder>();
  if (orderIds.length > 0)
    for (const r of (
      await c.query<{ id: string; data: WorkOrder }>('SELECT id, data FROM orders WHERE id = ANY($1)', [orderIds])
    ).rows)
      orders.set(r.id, r.data);
  const engineers = new Map<string, Engineer>();
  if (engineerIds.length > 0)
    for (const r of (
      await c.query<{ id: string; data: Engineer }>('SELECT id, data FROM engineers WHERE id = ANY($1)', [engineerIds])
    ).rows)
      engineers.set(r.id, r.data);
  const byCode = new Map<string, string>();
  if (codes.length > 0)
    for (const r of (
      await c.query<{ id: string; code: string }>('SELECT id, code FROM orders WHERE code = ANY($1)', [codes])
    ).rows)
      byCode.set(r.code, r.id);
  let policy: SlaPolicy = defaultSlaPolicy();
  if (keys.some((k) => k.kind === 'policy')) {
    const row = (await c.query<{ data: SlaPolicy }>('SELECT data FROM policy LIMIT 1')).rows[0];
    if (row) policy = row.data;
  }
  const events = new Set<string>();
  if (eventIds.length > 0)
    for (const r of (await c.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1)', [eventIds])).rows)
      events.add(r.id);

  return {
    order: (id) => orders.get(id) ?? null,
    orderIdByCode: (code) => byCode.get(code) ?? null,
    engineer: (id) => engineers.get(id) ?? null,
    policy: () => policy,
    hasEvent: (id) => events.has(id),
  };
}
