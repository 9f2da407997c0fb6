import type { Customer, Site, SlaPolicy, TimeWindow, WorkOrder } from '../../../shared/domain/index.js';
import { slaFor } from '../../../shared/domain/index.js';
import { Random, generateScenario, type CityArea } from '../../../shared/scenario/index.js';
import type { NewOrder } from '../../../shared/sync/index.js';
import { addDays, epochAtLocal, localDate } from '../../../shared/time/index.js';
import type { FieldWorld } from './world.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Appointment slots offered on the phone, local minutes. */
const SLOTS: ReadonlyArray<readonly [number, number]> = [
  [8 * 60, 10 * 60],
  [10 * 60, 12 * 60],
  [13 * 60, 15 * 60],
  [15 * 60, 17 * 60],
];
/** Share of new calls from customers the control centre already serves. */
const REPEAT_CUSTOMER_SHARE = 0.7;
const POOL_SIZE = 600;

export interface IntakeOptions {
  /** Calls per simulated hour besides the city's own day; 0 for none. */
  ordersPerHour: number;
  /** Share of those calls that are P1 emergencies. */
  p1Share: number;
  seed: number;
  /** Makes generated ids and codes unique to this run. */
  runTag: string;
  area: CityArea;
  /** Simulated time the intake starts at. */
  start: number;
  /** The rest of the seeded city's day, to arrive at the times the city says (already missing from the server). */
  replay: readonly WorkOrder[];
}

/** Creates one order through the intake desk's connection; `settled` reports the server's verdict. */
export type CreateOrder = (order: NewOrder, settled: (applied: boolean, reason: string) => void) => void;

/**
 * The call-intake desk: new work orders arrive as the simulated day goes on — the rest of the seeded city's day at
 * the times it says, plus calls at a configurable rate (P1 emergencies among them) — and are created as `new` orders
 * through a dispatcher connection. It never books them: that is the dispatchers' and the engine's job.
 */
export class OrderIntake {
  readonly counts = { created: 0, applied: 0, rejected: 0, p1: 0, replayed: 0 };
  lastRejection: string | null = null;
  private readonly rng: Random;
  private readonly pool: WorkOrder[];
  private readonly repairs: WorkOrder[];
  private nextReplay = 0;
  private nextCallAt: number;
  private serial = 0;

  constructor(
    private readonly o: IntakeOptions,
    private readonly world: FieldWorld,
    private readonly create: CreateOrder,
  ) {
    this.rng = new Random(o.seed * 31 + 17);
    const date = localDate(o.start, o.area.timeZone);
    this.pool =
      o.ordersPerHour > 0
        ? generateScenario({ seed: o.seed + 1_000, engineers: 1, orders: POOL_SIZE, area: o.area.id, date }).orders
        : [];
    this.repairs = this.pool.filter((x) => x.type === 'repair');
    this.nextCallAt = o.start + this.gap();
  }

  /** Creates every order due by simulated time `simNow`; `realNow` is the server's clock, which SLAs follow. */
  tick(simNow: number, realNow: number): void {
    while (this.nextReplay < this.o.replay.length && this.o.replay[this.nextReplay]!.createdAt <= simNow) {
      const order = this.o.replay[this.nextReplay++]!;
      this.counts.replayed += 1;
      this.send(newOrderFrom(order, order.customer, order.site, order.window));
    }
    if (this.o.ordersPerHour <= 0) return;
    while (this.nextCallAt <= simNow) {
      this.nextCallAt += this.gap();
      this.send(this.call(realNow));
    }
  }

  /** Simulated time until the next call: calls arrive as a Poisson stream. */
  private gap(): number {
    if (this.o.ordersPerHour <= 0) return Infinity;
    return (-Math.log(1 - this.rng.next()) / this.o.ordersPerHour) * HOUR;
  }

  private call(realNow: number): NewOrder {
    const emergency = this.rng.chance(this.o.p1Share);
    const template = this.rng.pick(emergency && this.repairs.length > 0 ? this.repairs : this.pool);
    const { customer, site } = this.caller(template);
    const n = ++this.serial;
    const priority = emergency ? 'P1' : template.priority === 'P1' ? 'P2' : template.priority;
    const policy = this.world.policy;
    // Emergencies get no appointment; others keep the template's wish for one, in a slot the SLA still allows.
    const window =
      emergency || !template.window || !policy
        ? null
        : this.slot(realNow, template.durationMin, policy, priority, customer);
    return {
      ...newOrderFrom(template, customer, site, window),
      id: `wo-${this.o.runTag}-${n}`,
      code: `WO-${this.o.runTag.toUpperCase()}-${String(n).padStart(4, '0')}`,
      priority,
    };
  }

  /** A customer who already has work with the control centre, most of the time; a new one otherwise. */
  private caller(template: WorkOrder): { customer: Customer; site: Site } {
    if (this.rng.chance(REPEAT_CUSTOMER_SHARE) && this.world.orders.size > 0) {
      const known = this.world.orders.values();
      const skip = this.rng.int(0, Math.min(this.world.orders.size, 500) - 1);
      let pick: WorkOrder | undefined;
      for (let i = 0; i <= skip; i++) pick = known.next().value as WorkOrder | undefined;
      if (pick) return { customer: pick.customer, site: pick.site };
    }
    return {
      customer: { ...template.customer, id: `cus-${this.o.runTag}-${template.customer.id.replace(/^cus-/, '')}` },
      site: template.site,
    };
  }

  /** The first offered slot starting two hours from now or later whose end still meets the resolve deadline. */
  private slot(
    realNow: number,
    durationMin: number,
    policy: SlaPolicy,
    priority: NewOrder['priority'],
    customer: Customer,
  ): TimeWindow | null {
    const resolveBy = slaFor(policy, priority, customer.tier, realNow).resolveBy;
    const today = localDate(realNow, this.o.area.timeZone);
    for (const day of [0, 1]) {
      const date = addDays(today, day);
      for (const [from, to] of SLOTS) {
        const start = epochAtLocal(date, from, this.o.area.timeZone);
        const end = epochAtLocal(date, to, this.o.area.timeZone);
        if (start >= realNow + 2 * HOUR && end + durationMin * MINUTE <= resolveBy) return { start, end };
      }
    }
    return null;
  }

  private send(order: NewOrder): void {
    this.counts.created += 1;
    if (order.priority === 'P1') this.counts.p1 += 1;
    this.create(order, (applied, reason) => {
      if (applied) this.counts.applied += 1;
      else {
        this.counts.rejected += 1;
        this.lastRejection = `${order.code}: ${reason}`;
      }
    });
  }
}

/** The fields a dispatcher types in for an order like `o`. */
export function newOrderFrom(o: WorkOrder, customer: Customer, site: Site, window: TimeWindow | null): NewOrder {
  return {
    id: o.id,
    code: o.code,
    customer,
    site: { address: site.address, lat: site.lat, lon: site.lon },
    type: o.type,
    priority: o.priority,
    summary: o.summary,
    requiredSkills: o.requiredSkills,
    requiredParts: o.requiredParts,
    durationMin: o.durationMin,
    window,
    preferredEngineerIds: o.preferredEngineerIds,
    excludedEngineerIds: o.excludedEngineerIds,
    parentOrderId: o.parentOrderId,
  };
}

/**
 * The rest of the seeded city's day, when the server runs that city: regenerates it and, if its engineers are the
 * server's, returns the orders the server does not hold yet, in order of arrival (those due before `start` arrive at
 * once). Null when the server runs some other city.
 */
export function restOfCityDay(
  world: FieldWorld,
  area: CityArea,
  start: number,
  city: { seed: number; orders: number | null },
): WorkOrder[] | null {
  if (world.engineers.size === 0) return null;
  const scenario = generateScenario({
    seed: city.seed,
    engineers: world.engineers.size,
    orders: city.orders ?? undefined,
    area: area.id,
    date: localDate(start, area.timeZone),
  });
  // Engineers do not depend on the order count, so the orders the server holds must match too.
  const same =
    scenario.engineers.every((e) => world.engineer(e.id)?.name === e.name) &&
    scenario.orders.every((o) => {
      const held = world.order(o.id);
      return !held || (held.code === o.code && held.createdAt === o.createdAt);
    });
  if (!same) return null;
  const codes = new Set([...world.orders.values()].map((o) => o.code));
  return scenario.orders
    .filter((o) => !world.orders.has(o.id) && !codes.has(o.code))
    .sort((a, b) => a.createdAt - b.createdAt);
}
