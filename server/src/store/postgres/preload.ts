import type pg from 'pg';
import type { Engineer, SlaPolicy, WorkOrder } from '../../../../shared/domain/index.js';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import type { EntityKey, MutationContext, StateReader } from '../../../../shared/sync/index.js';
import { MUTATORS } from '../../../../shared/sync/index.js';

/**
 * Loads and locks (FOR UPDATE, in id order) the records a mutation declared it reads, and returns a synchronous
 * reader over them for the shared mutator. A mutation that will be refused before reading (unknown name, bad args)
 * gets an empty reader.
 */
export async function preload(
  c: pg.PoolClient,
  name: string,
  rawArgs: unknown,
  ctx: MutationContext,
): Promise<StateReader> {
  const def = MUTATORS.get(name);
  const parsed = def?.args.safeParse(rawArgs);
  const keys: EntityKey[] =
    def && parsed?.success && def.roles.includes(ctx.actor.role) ? def.reads(parsed.data, ctx) : [];
  const orderIds = [...new Set(keys.flatMap((k) => (k.kind === 'order' ? [k.id] : [])))].sort();
  const engineerIds = [...new Set(keys.flatMap((k) => (k.kind === 'engineer' ? [k.id] : [])))].sort();
  const codes = keys.flatMap((k) => (k.kind === 'orderCode' ? [k.code] : []));
  const eventIds = keys.flatMap((k) => (k.kind === 'event' ? [k.id] : []));

  const orders = new Map<string, WorkOrder>();
  if (orderIds.length > 0)
    for (const r of (
      await c.query<{ id: string; data: WorkOrder }>(
        'SELECT id, data FROM orders WHERE id = ANY($1) ORDER BY id FOR UPDATE',
        [orderIds],
      )
    ).rows)
      orders.set(r.id, r.data);
  const engineers = new Map<string, Engineer>();
  if (engineerIds.length > 0)
    for (const r of (
      await c.query<{ id: string; data: Engineer }>(
        'SELECT id, data FROM engineers WHERE id = ANY($1) ORDER BY id FOR UPDATE',
        [engineerIds],
      )
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
    const row = (await c.query<{ data: SlaPolicy }>('SELECT data FROM policy LIMIT 1 FOR UPDATE')).rows[0];
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
