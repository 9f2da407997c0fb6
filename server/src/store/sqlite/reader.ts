import type Database from 'better-sqlite3';
import type { Engineer, SlaPolicy, WorkOrder } from '../../../../shared/domain/index.js';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import type { StateReader } from '../../../../shared/sync/index.js';

/** Mutators read the committed state through prepared statements, inside the push transaction. */
export class SqliteStateReader implements StateReader {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      order: db.prepare<[string], { data: string }>('SELECT data FROM orders WHERE id = ?'),
      orderByCode: db.prepare<[string], { id: string }>('SELECT id FROM orders WHERE code = ?'),
      engineer: db.prepare<[string], { data: string }>('SELECT data FROM engineers WHERE id = ?'),
      policy: db.prepare<[], { data: string }>('SELECT data FROM policy LIMIT 1'),
      event: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM events WHERE id = ?'),
    };
  }

  order(id: string): WorkOrder | null {
    const r = this.s.order.get(id);
    return r ? (JSON.parse(r.data) as WorkOrder) : null;
  }

  orderIdByCode(code: string): string | null {
    return this.s.orderByCode.get(code)?.id ?? null;
  }

  engineer(id: string): Engineer | null {
    const r = this.s.engineer.get(id);
    return r ? (JSON.parse(r.data) as Engineer) : null;
  }

  policy(): SlaPolicy {
    const r = this.s.policy.get();
    return r ? (JSON.parse(r.data) as SlaPolicy) : defaultSlaPolicy();
  }

  hasEvent(id: string): boolean {
    return this.s.event.get(id) !== undefined;
  }
}
