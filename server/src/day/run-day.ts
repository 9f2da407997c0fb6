import type { Engineer, WorkOrder } from '../../../shared/domain/index.js';
import { computeKpis, type KpiReport } from '../../../shared/kpi/index.js';
import { Random, scenarioEvents, type Scenario } from '../../../shared/scenario/index.js';
import type { EngineerPosition, Principal } from '../../../shared/sync/index.js';
import { AUTOPILOT_USER, Autopilot, type AutopilotOptions } from '../autopilot/autopilot.js';
import { GreedyDispatcher } from '../autopilot/greedy.js';
import type { Dispatcher, SendMutation } from '../autopilot/view.js';
import { deviceUserId } from '../auth/users.js';
import { DEFAULT_BEHAVIOUR, FieldEngineer, type DeviceActions, type FieldBehaviour } from '../sim/engineer.js';
import { newOrderFrom } from '../sim/intake.js';
import { HeadlessCentre } from './centre.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** How the day is dispatched: nobody, a busy person (greedy), or the autopilot running the engine. */
export const POLICIES = ['none', 'greedy', 'engine'] as const;
export type PolicyName = (typeof POLICIES)[number];

export const INTAKE: Principal = {
  kind: 'user',
  id: 'intake',
  name: 'Call intake',
  role: 'dispatcher',
  engineerId: null,
};
export const AUTOPILOT: Principal = { kind: 'user', ...AUTOPILOT_USER, role: 'dispatcher', engineerId: null };

export interface DayOptions {
  /** The whole simulated day, as `generateScenario` makes it: orders arrive at their `createdAt`. */
  city: Scenario;
  policy: PolicyName;
  /** Seed of the field's behaviour (drives, overruns, revisits, illness). */
  seed: number;
  /** Simulated start and end (default: the day's midnight to the next). */
  from?: number;
  to?: number;
  /** The simulated clock's step (default one minute). */
  stepMs?: number;
  behaviour?: FieldBehaviour;
  autopilot?: Partial<AutopilotOptions>;
  /** Prefix of every client id, so a day loaded into a server never shares ids with the live clients. */
  clientPrefix?: string;
  /** Called every simulated hour (and at the end) with the time and the centre. */
  onHour?: (at: number, centre: HeadlessCentre) => void;
  /** Keep each engineer's position at most this often while they are on shift, as the day's trail (default: none). */
  trailEveryMs?: number;
}

export interface DayResult {
  centre: HeadlessCentre;
  /** The engineers as the day ends, each at the last position their device had. */
  engineers: Engineer[];
  orders: WorkOrder[];
  kpis: KpiReport;
  field: Record<string, number>;
  dispatcher: Record<string, number>;
  /** Simulated milliseconds advanced. */
  simulatedMs: number;
  /** Where the engineers' devices were, in time order per engineer, when `trailEveryMs` asked for it. */
  trail: EngineerPosition[];
}

/** The KPIs of the centre's day as shared/kpi computes them (the dashboard's code), read at `now`. */
export function dayKpis(centre: HeadlessCentre, city: Scenario, now: number): KpiReport {
  return computeKpis({
    orders: centre.reader.orders.values(),
    engineers: centre.reader.engineers.values(),
    events: centre.events,
    from: city.meta.dayStart,
    to: city.meta.dayStart + 24 * HOUR,
    team: null,
    timeZone: city.meta.timeZone,
    now,
  });
}

/**
 * Simulates a control centre's day in one process on a simulated clock: every engineer's device, the calls arriving
 * when the city says, and the dispatcher of `policy`, all acting through the same named mutations a server runs.
 * The same options give the same day, event for event.
 */
export function runDay(o: DayOptions): DayResult {
  const { city } = o;
  const from = o.from ?? city.meta.dayStart;
  const to = o.to ?? city.meta.dayStart + 24 * HOUR;
  const step = o.stepMs ?? MINUTE;
  const prefix = o.clientPrefix ?? 'day';
  const known = city.orders.filter((x) => x.createdAt <= from);
  const arrivals = city.orders.filter((x) => x.createdAt > from).sort((a, b) => a.createdAt - b.createdAt);
  const centre = new HeadlessCentre({ ...city, orders: known }, scenarioEvents({ orders: known }));
  let now = from;

  const sendAs =
    (actor: Principal, clientId: string): SendMutation =>
    (name, args, settled) => {
      const r = centre.run(actor, clientId, name, args, now);
      settled?.(r.ok, r.ok ? '' : r.message);
    };
  const intake = sendAs(INTAKE, `${prefix}-intake`);

  const engineers = [...centre.world.engineers.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const field = engineers.map((e, i) => {
    const device = sendAs(
      { kind: 'device', id: deviceUserId(e.id), name: e.name, role: 'device', engineerId: e.id },
      `${prefix}-${e.id}`,
    );
    const actions: DeviceActions = {
      setOrderStatus: (args, settled) => device('setOrderStatus', args, settled),
      setEngineerState: (state) => device('setEngineerState', { engineerId: e.id, state }),
      addNote: (orderId, text) => device('addNote', { orderId, text }),
      // The signed report goes after each completion, as from the live devices: the day's finished work has one.
      submitServiceReport: (orderId, report) => device('submitServiceReport', { orderId, report }),
      reportSick: (until) => {
        const me = centre.world.engineer(e.id)!;
        const absence = { start: now, end: Math.max(until, now + HOUR), reason: 'Sick leave' };
        intake('updateEngineer', {
          engineerId: e.id,
          base: { version: me.version, rev: me.rev },
          patch: { absences: [...me.absences, absence] },
        });
      },
    };
    const rng = new Random(o.seed * 7_919 + i);
    return new FieldEngineer(e.id, centre.world, rng, actions, city.meta.timeZone, o.behaviour ?? DEFAULT_BEHAVIOUR);
  });
  for (const f of field) f.resume(from);

  const dispatcher: (Dispatcher & { counts?: Record<string, number> }) | null =
    o.policy === 'none'
      ? null
      : o.policy === 'greedy'
        ? new GreedyDispatcher(centre.world, sendAs(GREEDY, `${prefix}-greedy`))
        : new Autopilot(centre.world, sendAs(AUTOPILOT, `${prefix}-autopilot`), {
            timeZone: city.meta.timeZone,
            seed: o.seed,
            ...o.autopilot,
          });

  const trail: EngineerPosition[] = [];
  const lastCrumb = new Map<string, number>();
  let next = 0;
  let nextHour = from + HOUR;
  for (let t = from + step; t <= to; t += step) {
    while (next < arrivals.length && arrivals[next]!.createdAt <= t) {
      const order = arrivals[next++]!;
      now = order.createdAt;
      intake('createOrder', { order: newOrderFrom(order, order.customer, order.site, order.window) });
    }
    now = t;
    for (const f of field) {
      f.tick(t, step);
      const p = f.position(t);
      if (!p) continue;
      centre.world.positions.set(f.id, p);
      if (o.trailEveryMs !== undefined && t - (lastCrumb.get(f.id) ?? -Infinity) >= o.trailEveryMs) {
        trail.push({ engineerId: f.id, ...p });
        lastCrumb.set(f.id, t);
      }
    }
    dispatcher?.tick(t);
    if (t >= nextHour) {
      o.onHour?.(t, centre);
      nextHour += HOUR;
    }
  }

  const fieldCounts: Record<string, number> = {};
  for (const f of field) for (const [k, v] of Object.entries(f.counts)) fieldCounts[k] = (fieldCounts[k] ?? 0) + v;
  const finalEngineers = [...centre.reader.engineers.values()].map((e) => {
    const p = centre.world.positions.get(e.id);
    return p ? { ...e, lastPosition: p } : e;
  });
  return {
    centre,
    engineers: finalEngineers,
    orders: [...centre.reader.orders.values()],
    kpis: dayKpis(centre, city, to),
    field: fieldCounts,
    dispatcher: dispatcher?.counts ? { ...dispatcher.counts } : {},
    simulatedMs: to - from,
    trail,
  };
}

/** The greedy baseline books as a person at a console would: under a dispatcher's name, not the autopilot's. */
const GREEDY: Principal = {
  kind: 'user',
  id: 'dispatcher-greedy',
  name: 'Greedy dispatcher',
  role: 'dispatcher',
  engineerId: null,
};
