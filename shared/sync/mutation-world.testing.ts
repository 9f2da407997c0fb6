import type { Engineer, WorkOrder } from '../domain/index.js';
import { defaultSlaPolicy } from '../domain/index.js';
import { generateScenario } from '../scenario/index.js';
import type { MutationContext, Principal } from './mutation.js';
import { MUTATORS } from './mutations/index.js';
import { inverseOf, runMutation, type RunOutcome } from './run.js';
import { MapReader } from './tx.js';

/** Principals used by tests and the demo data. */
export const PRINCIPALS = {
  dispatcher: { kind: 'user', id: 'u-disp-1', name: 'Zhou Min', role: 'dispatcher', engineerId: null },
  supervisor: { kind: 'user', id: 'u-super', name: 'Chen Jie', role: 'supervisor', engineerId: null },
  viewer: { kind: 'user', id: 'u-view', name: 'Wall display', role: 'viewer', engineerId: null },
} satisfies Record<string, Principal>;

/** The principal of an engineer's device. */
export function devicePrincipal(engineer: Pick<Engineer, 'id' | 'name'>): Principal {
  return { kind: 'device', id: `dev-${engineer.id}`, name: engineer.name, role: 'device', engineerId: engineer.id };
}

/**
 * An in-memory world for exercising mutators exactly as a store would: strict reads, validation, commit.
 * Built from a small simulated city so the data is realistic.
 */
export class MutationWorld {
  readonly reader: MapReader;
  private mutationId = 0;
  now: number;

  constructor(seed = 11, engineers = 12, orders = 60) {
    const city = generateScenario({ seed, engineers, orders });
    this.reader = new MapReader(
      new Map(city.orders.map((o) => [o.id, o])),
      new Map(city.engineers.map((e) => [e.id, e])),
      { ...defaultSlaPolicy() },
    );
    this.now = city.meta.dayStart + 8 * 3_600_000;
  }

  ctx(actor: Principal, clientId = 'client-a'): MutationContext {
    this.mutationId += 1;
    return { now: this.now, actor, clientId, mutationId: this.mutationId };
  }

  /** Runs a mutation and commits its writes when it applies. */
  run(name: string, args: unknown, actor: Principal = PRINCIPALS.dispatcher, clientId = 'client-a'): RunOutcome {
    const outcome = runMutation(MUTATORS, name, args, this.ctx(actor, clientId), this.reader, { strictReads: true });
    if (outcome.ok) this.reader.commit(outcome.writes);
    return outcome;
  }

  /** Runs a mutation and returns, with its outcome, the mutation that undoes it. */
  runUndoable(name: string, args: unknown, actor: Principal = PRINCIPALS.dispatcher) {
    const ctx = this.ctx(actor);
    const inverse = inverseOf(MUTATORS, name, args, ctx, this.reader);
    const outcome = runMutation(MUTATORS, name, args, ctx, this.reader, { strictReads: true });
    if (outcome.ok) this.reader.commit(outcome.writes);
    return { outcome, inverse };
  }

  order(id: string): WorkOrder {
    const o = this.reader.orders.get(id);
    if (!o) throw new Error(`no order ${id}`);
    return o;
  }

  engineer(id: string): Engineer {
    const e = this.reader.engineers.get(id);
    if (!e) throw new Error(`no engineer ${id}`);
    return e;
  }

  /** The first order matching a predicate. */
  find(predicate: (o: WorkOrder) => boolean): WorkOrder {
    for (const o of this.reader.orders.values()) if (predicate(o)) return o;
    throw new Error('no order matches');
  }

  base(id: string): { version: number; rev: string } {
    const o = this.order(id);
    return { version: o.version, rev: o.rev };
  }
}
