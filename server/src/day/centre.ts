import type { OrderEvent, SlaPolicy } from '../../../shared/domain/index.js';
import type { Scenario } from '../../../shared/scenario/index.js';
import { MUTATORS, MapReader, runMutation, type Principal, type RunOutcome } from '../../../shared/sync/index.js';
import { FieldWorld } from '../sim/world.js';

/** One mutation the centre ran: who sent it, when, and how it ended. */
export interface CentreAction {
  at: number;
  actor: Principal;
  clientId: string;
  mutationId: number;
  name: string;
  applied: boolean;
  code: string | null;
  message: string | null;
}

/**
 * A whole control centre in one process, for a day simulated faster than real time: the same named mutations as
 * the sync server (shared/sync), run on an in-memory store at the simulated time they happen, with the audit trail
 * they write. Every device, the intake desk and the dispatcher act through `run`, as they would through a server.
 */
export class HeadlessCentre {
  readonly reader: MapReader;
  /** The same view the field simulator keeps of a server, updated as each mutation commits. */
  readonly world = new FieldWorld();
  readonly events: OrderEvent[];
  readonly actions: CentreAction[] = [];
  private readonly lastId = new Map<string, number>();

  constructor(city: Pick<Scenario, 'orders' | 'engineers' | 'slaPolicy'>, events: readonly OrderEvent[]) {
    const policy: SlaPolicy = { ...city.slaPolicy };
    this.reader = new MapReader(
      new Map(city.orders.map((o) => [o.id, o])),
      new Map(city.engineers.map((e) => [e.id, e])),
      policy,
      new Set(events.map((e) => e.id)),
    );
    this.events = [...events];
    this.world.policy = policy;
    for (const e of city.engineers) this.world.engineers.set(e.id, e);
    for (const o of city.orders) this.world.putOrder(o);
    for (const ev of events) this.world.noteEvent(ev);
  }

  /** Runs one named mutation as `actor` from `clientId` at time `at`, and commits it when it applies. */
  run(actor: Principal, clientId: string, name: string, args: unknown, at: number): RunOutcome {
    const mutationId = (this.lastId.get(clientId) ?? 0) + 1;
    this.lastId.set(clientId, mutationId);
    const outcome = runMutation(MUTATORS, name, args, { now: at, actor, clientId, mutationId }, this.reader, {
      strictReads: true,
    });
    this.actions.push({
      at,
      actor,
      clientId,
      mutationId,
      name,
      applied: outcome.ok,
      code: outcome.ok ? null : outcome.code,
      message: outcome.ok ? null : outcome.message,
    });
    if (!outcome.ok) {
      if (outcome.code === 'internal') throw new Error(`${name} failed inside: ${String(outcome.internal)}`);
      return outcome;
    }
    const w = outcome.writes;
    this.reader.commit(w);
    for (const o of w.orders.values()) this.world.putOrder(o);
    for (const e of w.engineers.values()) this.world.engineers.set(e.id, e);
    if (w.policy) this.world.policy = w.policy;
    for (const ev of w.events) {
      this.events.push(ev);
      this.world.noteEvent(ev);
    }
    return outcome;
  }
}
