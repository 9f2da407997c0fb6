import type { Scenario } from '../../../../shared/scenario/index.js';
import type { MutationEnvelope, Principal, PushResult } from '../../../../shared/sync/index.js';
import type { SyncStore } from '../types.js';

export interface MixedPushesOptions {
  city: Scenario;
  /** Consoles pushing at once; the last one is a supervisor, who also switches the autopilot (a policy write). */
  consoles: number;
  pushesPerConsole: number;
  batch: number;
  /** How many orders and engineers all consoles fight over. */
  hotOrders: number;
  now: () => number;
  /** Consoles that only pull, back to back, while the others push (0 by default). */
  pullers?: number;
}

export interface MixedPushesResult {
  mutations: number;
  applied: number;
  rejected: Map<string, number>;
  /** Pushes that threw instead of answering (a console sees `internal`). */
  failed: Array<{ console: string; push: number; error: string }>;
  /** Pushes sent twice: the second answer must be all duplicates. */
  resent: number;
  resentNotDuplicate: number;
  notesApplied: number;
  /** Pulls made while pushes ran, and applied notes each puller had received once it caught up, at the least. */
  pulls: number;
  notesPulled: number;
  ms: number;
  perSecond: number;
}

const HOUR = 3_600_000;

/**
 * Consoles that push batches mixing every kind of lock a push takes — new orders (the policy, shared), notes and
 * bookings on a few hot orders and engineers, priority changes (order and policy) and, from the supervisor, autopilot
 * switches (the policy, exclusive) — each batch in a different order, all at once. Every fifth push is sent again, as
 * a console does when an answer was lost.
 */
export async function mixedPushes(store: SyncStore, o: MixedPushesOptions): Promise<MixedPushesResult> {
  const { city } = o;
  const hot = city.orders.filter((x) => x.status === 'new').slice(0, o.hotOrders);
  const engineers = city.engineers.slice(0, o.hotOrders);
  const consoles: Principal[] = Array.from({ length: o.consoles }, (_, i) => {
    const supervisor = i === o.consoles - 1;
    return {
      kind: 'user',
      id: supervisor ? 'supervisor' : `dispatcher-${(i % 3) + 1}`,
      name: `Console ${i + 1}`,
      role: supervisor ? 'supervisor' : 'dispatcher',
      engineerId: null,
    };
  });
  const result: MixedPushesResult = {
    mutations: 0,
    applied: 0,
    rejected: new Map(),
    failed: [],
    resent: 0,
    resentNotDuplicate: 0,
    notesApplied: 0,
    pulls: 0,
    notesPulled: Infinity,
    ms: 0,
    perSecond: 0,
  };
  for (const [i, actor] of consoles.entries()) await store.bindClient(`mixed-${i}`, actor.id, o.now());
  const dayStart = o.now() - (o.now() % 60_000);

  async function run(index: number): Promise<void> {
    const actor = consoles[index]!;
    const clientId = `mixed-${index}`;
    let id = 0;
    for (let push = 0; push < o.pushesPerConsole; push++) {
      const batch: MutationEnvelope[] = [];
      for (let k = 0; k < o.batch; k++) {
        const n = push * o.batch + k;
        const order = hot[(index + n) % hot.length]!;
        const current = (await store.order(order.id)) ?? order;
        const base = { version: current.version, rev: current.rev };
        const engineer = engineers[(index + push + k) % engineers.length]!;
        const kind = (index + push + k) % (actor.role === 'supervisor' ? 6 : 5);
        const mid = ++id;
        const envelope = (name: string, args: unknown): MutationEnvelope => ({ id: mid, name, args, createdAt: 1 });
        if (kind === 0)
          batch.push(
            envelope('createOrder', {
              order: {
                ...order,
                id: `mixed-${index}-${mid}`,
                code: `MIX-${index}-${mid}`,
                parentOrderId: null,
                preferredEngineerIds: [],
                excludedEngineerIds: [],
              },
            }),
          );
        else if (kind === 1) batch.push(envelope('addNote', { orderId: order.id, text: `${clientId} #${mid}` }));
        else if (kind === 2)
          batch.push(
            envelope(current.booking ? 'moveBooking' : 'assignOrder', {
              orderId: order.id,
              base,
              engineerId: engineer.id,
              start: dayStart + (1 + ((index + n) % 6)) * HOUR,
            }),
          );
        else if (kind === 3)
          batch.push(
            envelope('updateOrder', {
              orderId: order.id,
              base,
              patch: { priority: current.priority === 'P2' ? 'P3' : 'P2' },
            }),
          );
        else if (kind === 4) batch.push(envelope('addNote', { orderId: order.id, text: `${clientId} #${mid}` }));
        else batch.push(envelope('setAutopilot', { team: engineer.team, on: push % 2 === 0 }));
      }
      let answer: PushResult;
      try {
        answer = await store.applyPush(clientId, actor, batch, o.now);
      } catch (err) {
        result.failed.push({ console: clientId, push, error: (err as Error).message });
        return;
      }
      result.mutations += batch.length;
      for (const r of answer.results) {
        if (r.status === 'applied') {
          result.applied += 1;
          if (batch.find((m) => m.id === r.id)?.name === 'addNote') result.notesApplied += 1;
        } else if (r.status === 'rejected') result.rejected.set(r.code, (result.rejected.get(r.code) ?? 0) + 1);
      }
      if (push % 5 === 4) {
        result.resent += 1;
        try {
          const again = await store.applyPush(clientId, actor, batch, o.now);
          if (again.results.some((r) => r.status !== 'duplicate')) result.resentNotDuplicate += 1;
        } catch (err) {
          result.failed.push({ console: clientId, push, error: (err as Error).message });
          return;
        }
      }
    }
  }

  let pushing = true;
  async function pullAll(index: number): Promise<void> {
    const clientId = `puller-${index}`;
    await store.bindClient(clientId, 'viewer', o.now());
    const notes = new Set<string>();
    let cursor: string | null = null;
    for (let caughtUp = false; !caughtUp;) {
      const last = !pushing;
      const page = await store.pull(clientId, { role: 'dispatcher', engineerId: null }, cursor, 0, 500, o.now());
      if (!last) result.pulls += 1;
      for (const c of page.changes)
        if (c.entity === 'event' && c.value.kind === 'note_added' && c.value.clientId?.startsWith('mixed-'))
          notes.add(c.value.id);
      cursor = page.cursor;
      caughtUp = last && !page.more;
    }
    result.notesPulled = Math.min(result.notesPulled, notes.size);
  }

  const started = performance.now();
  const pullers = Array.from({ length: o.pullers ?? 0 }, (_, i) => pullAll(i));
  await Promise.all(consoles.map((_, i) => run(i)));
  result.ms = performance.now() - started;
  pushing = false;
  await Promise.all(pullers);
  if (pullers.length === 0) result.notesPulled = 0;
  result.perSecond = Math.round((result.mutations / result.ms) * 1000);
  return result;
}

export function describeMixedPushes(r: MixedPushesResult, consoles: number): string {
  const rejected = [...r.rejected].map(([code, n]) => `${n} ${code}`).join(', ') || 'none';
  return (
    `${consoles} consoles, mixed pushes: ${r.mutations} mutations in ${Math.round(r.ms)} ms = ${r.perSecond} mutations/s; ` +
    `${r.applied} applied, rejected: ${rejected}; ${r.failed.length} pushes failed; ${r.pulls} pulls meanwhile`
  );
}
