import type { Engineer, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import type { StateReader, Writes } from '../../../shared/sync/index.js';

/** Records written by a sequence of mutations, layered over a base reader (server state during a rebase). */
export class OverlayReader implements StateReader {
  readonly orders = new Map<string, WorkOrder>();
  readonly engineers = new Map<string, Engineer>();
  policyValue: SlaPolicy | null = null;
  readonly events = new Map<string, Writes['events'][number]>();

  constructor(private readonly base: StateReader) {}

  order(id: string): WorkOrder | null {
    return this.orders.get(id) ?? this.base.order(id);
  }

  orderIdByCode(code: string): string | null {
    for (const o of this.orders.values()) if (o.code === code) return o.id;
    return this.base.orderIdByCode(code);
  }

  engineer(id: string): Engineer | null {
    return this.engineers.get(id) ?? this.base.engineer(id);
  }

  policy(): SlaPolicy {
    return this.policyValue ?? this.base.policy();
  }

  hasEvent(id: string): boolean {
    return this.events.has(id) || this.base.hasEvent(id);
  }

  add(writes: Writes): void {
    for (const o of writes.orders.values()) this.orders.set(o.id, o);
    for (const e of writes.engineers.values()) this.engineers.set(e.id, e);
    if (writes.policy) this.policyValue = writes.policy;
    for (const ev of writes.events) this.events.set(ev.id, ev);
  }
}
