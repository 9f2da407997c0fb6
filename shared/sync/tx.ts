import type { Engineer, OrderEvent, SlaPolicy, WorkOrder } from '../domain/index.js';
import type { EntityKey, MutationTx } from './mutation.js';

/** Reads the committed state a mutation starts from; implemented by each store. */
export interface StateReader {
  order(id: string): WorkOrder | null;
  orderIdByCode(code: string): string | null;
  engineer(id: string): Engineer | null;
  policy(): SlaPolicy;
  hasEvent(id: string): boolean;
}

/** What one mutation wrote, in order; a store persists it in the same transaction as the client's lastMutationId. */
export interface Writes {
  orders: Map<string, WorkOrder>;
  engineers: Map<string, Engineer>;
  policy: SlaPolicy | null;
  events: OrderEvent[];
}

function keyOf(key: EntityKey): string {
  switch (key.kind) {
    case 'order':
    case 'engineer':
    case 'event':
      return `${key.kind}:${key.id}`;
    case 'orderCode':
      return `orderCode:${key.code}`;
    case 'policy':
      return 'policy';
  }
}

/**
 * A MutationTx over a reader that records writes and sees its own writes. With `declared` set, reading a record the
 * mutator did not declare in `reads()` throws: that catches a mutator that would break on a store that preloads.
 */
export class RecordingTx implements MutationTx {
  readonly writes: Writes = { orders: new Map(), engineers: new Map(), policy: null, events: [] };
  private readonly declared: Set<string> | null;

  constructor(
    private readonly reader: StateReader,
    declared: EntityKey[] | null = null,
  ) {
    this.declared = declared ? new Set(declared.map(keyOf)) : null;
  }

  private check(key: EntityKey): void {
    if (this.declared && !this.declared.has(keyOf(key)))
      throw new Error(`mutator read ${keyOf(key)} without declaring it in reads()`);
  }

  order(id: string): WorkOrder | null {
    const written = this.writes.orders.get(id);
    if (written) return written;
    this.check({ kind: 'order', id });
    return this.reader.order(id);
  }

  orderIdByCode(code: string): string | null {
    for (const o of this.writes.orders.values()) if (o.code === code) return o.id;
    this.check({ kind: 'orderCode', code });
    return this.reader.orderIdByCode(code);
  }

  engineer(id: string): Engineer | null {
    const written = this.writes.engineers.get(id);
    if (written) return written;
    this.check({ kind: 'engineer', id });
    return this.reader.engineer(id);
  }

  policy(): SlaPolicy {
    if (this.writes.policy) return this.writes.policy;
    this.check({ kind: 'policy' });
    return this.reader.policy();
  }

  hasEvent(id: string): boolean {
    if (this.writes.events.some((e) => e.id === id)) return true;
    this.check({ kind: 'event', id });
    return this.reader.hasEvent(id);
  }

  putOrder(order: WorkOrder): void {
    this.writes.orders.set(order.id, order);
  }

  putEngineer(engineer: Engineer): void {
    this.writes.engineers.set(engineer.id, engineer);
  }

  putPolicy(policy: SlaPolicy): void {
    this.writes.policy = policy;
  }

  addEvent(event: OrderEvent): void {
    this.writes.events.push(event);
  }
}

/** A reader over plain maps: the engine of tests and of stores that preload what a mutation declared. */
export class MapReader implements StateReader {
  constructor(
    readonly orders: Map<string, WorkOrder>,
    readonly engineers: Map<string, Engineer>,
    public currentPolicy: SlaPolicy,
    readonly eventIds: Set<string> = new Set(),
  ) {}

  order(id: string): WorkOrder | null {
    return this.orders.get(id) ?? null;
  }

  orderIdByCode(code: string): string | null {
    for (const o of this.orders.values()) if (o.code === code) return o.id;
    return null;
  }

  engineer(id: string): Engineer | null {
    return this.engineers.get(id) ?? null;
  }

  policy(): SlaPolicy {
    return this.currentPolicy;
  }

  hasEvent(id: string): boolean {
    return this.eventIds.has(id);
  }

  /** Applies a mutation's writes, as a store would after commit. */
  commit(writes: Writes): void {
    for (const o of writes.orders.values()) this.orders.set(o.id, o);
    for (const e of writes.engineers.values()) this.engineers.set(e.id, e);
    if (writes.policy) this.currentPolicy = writes.policy;
    for (const ev of writes.events) this.eventIds.add(ev.id);
  }
}
