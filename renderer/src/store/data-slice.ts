import type { StateCreator } from 'zustand';
import type { SlaPolicy } from '../../../shared/domain/index.js';
import type { SlaTimeline } from '../../../shared/sla/index.js';
import type { EngineerPosition, Principal } from '../../../shared/sync/index.js';
import type {
  EngineerView,
  OrderView,
  RuleViolation,
  SlaTimelineView,
  Snapshot,
  ViewChanges,
} from '../services/views.js';
import type { ConsoleState } from './index.js';
import { noticeStillStanding } from './sync-slice.js';

/**
 * The console's copy of core's view. The maps are mutated in place and a version number announces each change, so
 * 20,000 orders are never copied on an update; views subscribe to the version they care about.
 */
export interface DataSlice {
  orders: Map<string, OrderView>;
  engineers: Map<string, EngineerView>;
  positions: Map<string, EngineerPosition>;
  policy: SlaPolicy | null;
  /** Who this console acts as. */
  principal: Principal | null;
  /** Bumps when orders or engineers change. */
  dataVersion: number;
  /** Bumps when positions change (the map listens; the board does not). */
  positionsVersion: number;
  /** Orders whose audit trail changed, with a counter, for the details panel. */
  eventsVersion: Map<string, number>;
  /** What moves each order's SLA clocks, from core's audit trail; orders absent here use their status alone. */
  slaTimelines: Map<string, SlaTimeline>;
  /** The hard rules each booking on the board's days breaks, by order, as core's engine judges the cache. */
  violations: Map<string, RuleViolation[]>;
  /** Bumps when the violations change. */
  violationsVersion: number;
  loaded: boolean;
  applyViolations(list: RuleViolation[]): void;
  applySlaTimelines(list: SlaTimelineView[], reset: boolean): void;
  applySnapshot(snapshot: Snapshot): void;
  applyChanges(changes: ViewChanges): void;
  applyPositions(positions: EngineerPosition[]): void;
}

export const createDataSlice: StateCreator<ConsoleState, [], [], DataSlice> = (set, get) => ({
  orders: new Map(),
  engineers: new Map(),
  positions: new Map(),
  policy: null,
  principal: null,
  dataVersion: 0,
  positionsVersion: 0,
  eventsVersion: new Map(),
  slaTimelines: new Map(),
  violations: new Map(),
  violationsVersion: 0,
  loaded: false,
  applyViolations(list) {
    const violations = new Map<string, RuleViolation[]>();
    for (const v of list) violations.set(v.orderId, [...(violations.get(v.orderId) ?? []), v]);
    set((s) => ({ violations, violationsVersion: s.violationsVersion + 1 }));
  },
  applySlaTimelines(list, reset) {
    const { slaTimelines } = get();
    if (reset) slaTimelines.clear();
    for (const { orderId, timeline } of list) slaTimelines.set(orderId, timeline);
    // Clocks are part of what the board and the queue paint: the same version announces them.
    set((s) => ({ dataVersion: s.dataVersion + 1 }));
  },
  applySnapshot(snapshot) {
    const orders = new Map(snapshot.orders.map((o) => [o.id, o]));
    const engineers = new Map(snapshot.engineers.map((e) => [e.id, e]));
    const positions = new Map(snapshot.positions.map((p) => [p.engineerId, p]));
    set((s) => ({
      orders,
      engineers,
      positions,
      policy: snapshot.policy,
      principal: snapshot.principal,
      status: snapshot.status,
      notice: noticeStillStanding(s.notice, orders),
      loaded: true,
      dataVersion: s.dataVersion + 1,
      positionsVersion: s.positionsVersion + 1,
    }));
  },
  applyChanges(changes) {
    if (changes.reset) {
      get().orders.clear();
      get().engineers.clear();
    }
    const { orders, engineers, eventsVersion } = get();
    for (const o of changes.orders) orders.set(o.id, o);
    for (const e of changes.engineers) engineers.set(e.id, e);
    for (const id of changes.eventOrderIds) eventsVersion.set(id, (eventsVersion.get(id) ?? 0) + 1);
    set((s) => ({
      dataVersion:
        changes.orders.length || changes.engineers.length || changes.reset ? s.dataVersion + 1 : s.dataVersion,
      ...(changes.policy ? { policy: changes.policy } : {}),
      eventsVersion: changes.eventOrderIds.length ? new Map(eventsVersion) : s.eventsVersion,
      notice: noticeStillStanding(s.notice, orders),
    }));
  },
  applyPositions(list) {
    if (list.length === 0) return;
    const { positions } = get();
    for (const p of list) {
      const known = positions.get(p.engineerId);
      if (!known || known.at <= p.at) positions.set(p.engineerId, p);
    }
    set((s) => ({ positionsVersion: s.positionsVersion + 1 }));
  },
});
