import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Engineer, EngineerState, GeoPoint } from '../../../shared/domain/index.js';
import { haversineKm } from '../../../shared/geo/index.js';
import { AREAS, Random, type CityArea } from '../../../shared/scenario/index.js';
import { epochAtLocal, localDate, localParts } from '../../../shared/time/index.js';
import { deviceUserId } from '../auth/users.js';
import type { Credentials } from './credentials.js';
import { DEFAULT_BEHAVIOUR, FieldEngineer, type DeviceActions, type FieldBehaviour } from './engineer.js';
import { WorldFeed } from './feed.js';
import { OrderIntake, restOfCityDay } from './intake.js';
import { SimLink } from './link.js';
import type { Settlement } from './outbox.js';
import { SimClock } from './sim-clock.js';
import { CustomerSurveys } from './surveys.js';
import { FieldWorld } from './world.js';

export interface SimulatorOptions {
  url: string;
  credentials: Credentials;
  /** Simulated minutes per real minute. */
  speed: number;
  /** Simulated time to start at: an instant, a local time of today in the city (minutes past midnight), or now. */
  start: number | { localMinute: number } | null;
  /** Simulate the first N engineers (by id); all when null. */
  engineers: number | null;
  ordersPerHour: number;
  p1Share: number;
  /** The share of customers who answer the survey after a completion (default SURVEY_SHARE); 0: none. */
  surveyShare?: number;
  behaviour?: FieldBehaviour;
  /** Replay the rest of the seeded city's day when the server runs that city. */
  replayCity: { seed: number; orders: number | null } | null;
  /** An area id from AREAS; found from where the engineers live when null. */
  area: string | null;
  seed: number;
  /** Real seconds between position reports while driving, and while standing still. */
  positionEverySec: number;
  idlePositionEverySec: number;
  tickMs?: number;
  connectConcurrency?: number;
  intakeUserId?: string;
  /** Real seconds between progress lines (0: none). */
  reportEverySec?: number;
  log: (line: string) => void;
}

/** What the simulator has done so far; printed as progress lines and as the final JSON summary. */
export interface SimulatorStats {
  simTime: string;
  speed: number;
  devices: { total: number; connected: number; refused: number; connectMs: number };
  engineers: Record<EngineerState, number>;
  intake: { created: number; applied: number; rejected: number; p1: number; replayed: number };
  field: {
    departures: number;
    arrivals: number;
    completions: number;
    revisits: number;
    holds: number;
    abandoned: number;
    sick: number;
  };
  mutations: { sent: number; applied: number; rejected: number; lost: number; queued: number };
  /** Completions whose customer could answer, surveys answered, and surveys that could not be sent. */
  surveys: { asked: number; answered: number; failed: number };
  positions: number;
  feed: { pulls: number; changes: number };
  process: { cpuMs: number; rssMb: number; loopDelayP99Ms: number };
}

interface Device {
  engineer: FieldEngineer;
  link: SimLink | null;
  nextPositionAt: number;
}

/**
 * The field simulator: one Socket.IO connection per engineer's device plus the intake desk's, a shared view of the
 * server's state (fed by pulls), and a tick that plays every engineer's day on the simulated clock, sends positions
 * every few seconds, and lets calls arrive.
 */
export class FieldSimulator {
  /** The city's customers, who answer a share of the surveys. */
  private readonly surveys: CustomerSurveys;
  private readonly devices: Device[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private reporter: ReturnType<typeof setInterval> | null = null;
  private lastTick = 0;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 20 });
  private readonly cpuStart = process.cpuUsage();
  private readonly mutations = { sent: 0, applied: 0, rejected: 0, lost: 0 };
  private positions = 0;
  private connectMs = 0;
  private intake: OrderIntake | null = null;
  private clock: SimClock | null = null;
  area: CityArea | null = null;

  private constructor(
    private readonly o: SimulatorOptions,
    readonly world: FieldWorld,
    private readonly control: SimLink,
    private readonly feed: WorldFeed,
  ) {
    const intakeUser = o.intakeUserId ?? 'intake';
    this.surveys = new CustomerSurveys({
      url: o.url,
      token: () =>
        o.credentials.tokenFor({ id: intakeUser, name: 'Call intake', role: 'dispatcher', engineerId: null }),
      seed: o.seed,
      ...(o.surveyShare !== undefined ? { share: o.surveyShare } : {}),
      log: o.log,
    });
  }

  static async start(o: SimulatorOptions): Promise<FieldSimulator> {
    const world = new FieldWorld();
    const intakeUser = o.intakeUserId ?? 'intake';
    const control = new SimLink({
      url: o.url,
      label: 'intake',
      clientId: `sim-${intakeUser}`,
      token: () =>
        o.credentials.tokenFor({ id: intakeUser, name: 'Call intake', role: 'dispatcher', engineerId: null }),
      renewableToken: o.credentials.renewable,
      log: o.log,
    });
    const feed = new WorldFeed(control, world, o.log);
    const sim = new FieldSimulator(o, world, control, feed);
    sim.loopDelay.enable();
    const waiting = setInterval(() => o.log(`sim: still trying to reach ${o.url} — is the server running?`), 5_000);
    try {
      await control.ready().finally(() => clearInterval(waiting));
      await feed.sync();
      if (world.engineers.size === 0) throw new Error('the server has no engineers to simulate');
      await sim.begin();
    } catch (err) {
      await sim.stop();
      throw err;
    }
    return sim;
  }

  private async begin(): Promise<void> {
    const o = this.o;
    const area = o.area ? AREAS[o.area] : nearestArea([...this.world.engineers.values()]);
    if (!area) throw new Error(`unknown area "${o.area}"; known areas: ${Object.keys(AREAS).join(', ')}`);
    this.area = area;
    const all = [...this.world.engineers.values()].sort((a, b) => a.id.localeCompare(b.id));
    const chosen = o.engineers === null ? all : all.slice(0, o.engineers);
    const start =
      o.start === null
        ? Date.now()
        : typeof o.start === 'number'
          ? o.start
          : epochAtLocal(localDate(Date.now(), area.timeZone), o.start.localMinute, area.timeZone);
    const behaviour = o.behaviour ?? DEFAULT_BEHAVIOUR;
    chosen.forEach((e, i) => {
      const slot: { link: SimLink | null } = { link: null };
      const rng = new Random(o.seed * 7_919 + i);
      const engineer = new FieldEngineer(e.id, this.world, rng, this.actionsOf(e.id, slot), area.timeZone, behaviour);
      this.devices.push(Object.assign(slot, { engineer, nextPositionAt: 0 }));
    });

    const began = Date.now();
    await this.connectDevices(chosen, o.connectConcurrency ?? 50);
    this.connectMs = Date.now() - began;
    const refused = this.devices.filter((d) => d.link?.fatal).length;
    o.log(
      `sim: ${this.devices.length - refused}/${this.devices.length} devices connected in ${(this.connectMs / 1000).toFixed(1)} s`,
    );

    const replay = o.replayCity ? restOfCityDay(this.world, area, start, o.replayCity) : null;
    if (o.replayCity && replay === null)
      o.log('sim: the server runs another city than --city-seed/--city-orders describe; only generated calls arrive');
    else if (replay) o.log(`sim: ${replay.length} more of the city's orders arrive through its day`);
    this.intake = new OrderIntake(
      {
        ordersPerHour: o.ordersPerHour,
        p1Share: o.p1Share,
        seed: o.seed,
        runTag: Math.floor(Date.now() / 1000).toString(36), // unique per second, for ids and codes
        area,
        start,
        replay: replay ?? [],
      },
      this.world,
      (order, settled) => this.push(this.control, 'createOrder', { order }, settled),
    );
    this.clock = new SimClock(start, o.speed);
    for (const d of this.devices) d.engineer.resume(start);
    this.lastTick = start;
    const spread = o.positionEverySec * 1000;
    for (const d of this.devices) d.nextPositionAt = Date.now() + Math.random() * spread;
    this.timer = setInterval(() => this.tick(), o.tickMs ?? 250);
    if ((o.reportEverySec ?? 0) > 0)
      this.reporter = setInterval(() => o.log(progressLine(this.stats())), (o.reportEverySec ?? 10) * 1000);
  }

  private async connectDevices(engineers: Engineer[], concurrency: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < engineers.length) {
        const i = next++;
        const e = engineers[i]!;
        const device = this.devices[i]!;
        const user = { id: deviceUserId(e.id), name: e.name, role: 'device' as const, engineerId: e.id };
        device.link = new SimLink({
          url: this.o.url,
          label: e.id,
          clientId: `sim-${e.id}`,
          token: () => this.o.credentials.tokenFor(user),
          renewableToken: this.o.credentials.renewable,
          log: this.o.log,
        });
        // A device is poked when its engineer's work changes: the shared view pulls (once, however many are poked).
        device.link.socket.on('poke', () => void this.feed.requestPull());
        await device.link.ready().catch(() => {});
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, engineers.length) }, worker));
  }

  /** What an engineer's device sends, through its link once that exists. */
  private actionsOf(engineerId: string, slot: { link: SimLink | null }): DeviceActions {
    const send = (name: string, args: unknown, settled: (applied: boolean, reason: string) => void = () => {}) => {
      if (slot.link) this.push(slot.link, name, args, settled);
    };
    return {
      setOrderStatus: (args, settled) => {
        const order = this.world.order(args.orderId);
        if (args.status === 'on_site') this.surveys.arrived(args.orderId, this.clock?.now() ?? Date.now());
        send('setOrderStatus', args, (applied, reason) => {
          if (applied && args.status === 'completed' && order) this.surveys.completed(order, !args.revisit);
          settled(applied, reason);
        });
      },
      setEngineerState: (state) => send('setEngineerState', { engineerId, state }),
      addNote: (orderId, text) => send('addNote', { orderId, text }),
      submitServiceReport: (orderId, report) => send('submitServiceReport', { orderId, report }),
      // The engineer phones in: the intake desk records the sick leave, so planners and the autopilot see it.
      reportSick: (until) => {
        const me = this.world.engineer(engineerId);
        if (!me) return;
        const now = Date.now();
        const absence = { start: now, end: Math.max(until, now + 3_600_000), reason: 'Sick leave' };
        this.push(
          this.control,
          'updateEngineer',
          { engineerId, base: { version: me.version, rev: me.rev }, patch: { absences: [...me.absences, absence] } },
          () => {},
        );
      },
    };
  }

  private push(link: SimLink, name: string, args: unknown, settled: (applied: boolean, reason: string) => void): void {
    this.mutations.sent += 1;
    link.outbox.add(name, args, (s: Settlement) => {
      if (s.status === 'applied' || s.status === 'duplicate') {
        this.mutations.applied += 1;
        settled(true, '');
      } else if (s.status === 'rejected') {
        this.mutations.rejected += 1;
        settled(false, s.message);
      } else {
        this.mutations.lost += 1;
        this.o.log(`sim: ${name} from ${link.label} could not be delivered: ${s.message}`);
        settled(false, s.message);
      }
    });
  }

  private tick(): void {
    if (!this.clock || !this.intake) return;
    const simNow = this.clock.now();
    const realNow = Date.now();
    const dt = simNow - this.lastTick;
    this.lastTick = simNow;
    for (const d of this.devices) {
      d.engineer.tick(simNow, dt);
      if (realNow < d.nextPositionAt || !d.link?.connected) continue;
      const report = d.engineer.position(realNow);
      const every = d.engineer.moving ? this.o.positionEverySec : this.o.idlePositionEverySec;
      d.nextPositionAt = realNow + every * 1000;
      if (report && d.link.position(report)) this.positions += 1;
    }
    this.intake.tick(simNow, realNow);
  }

  stats(): SimulatorStats {
    const engineers: Record<EngineerState, number> = { off: 0, available: 0, en_route: 0, on_site: 0 };
    const field = { departures: 0, arrivals: 0, completions: 0, revisits: 0, holds: 0, abandoned: 0, sick: 0 };
    let connected = 0;
    let refused = 0;
    let queued = this.control.outbox.size;
    for (const d of this.devices) {
      engineers[d.engineer.reportedState] += 1;
      for (const k of Object.keys(field) as Array<keyof typeof field>) field[k] += d.engineer.counts[k];
      if (d.link?.connected) connected += 1;
      if (d.link?.fatal) refused += 1;
      queued += d.link?.outbox.size ?? 0;
    }
    const cpu = process.cpuUsage(this.cpuStart);
    const simNow = this.clock?.now() ?? Date.now();
    const tz = this.area?.timeZone ?? 'UTC';
    const p = localParts(simNow, tz);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      simTime: `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} ${tz}`,
      speed: this.o.speed,
      devices: { total: this.devices.length, connected, refused, connectMs: this.connectMs },
      engineers,
      intake: this.intake ? { ...this.intake.counts } : { created: 0, applied: 0, rejected: 0, p1: 0, replayed: 0 },
      field,
      mutations: { ...this.mutations, queued },
      surveys: { ...this.surveys.counts },
      positions: this.positions,
      feed: { pulls: this.feed.pulls, changes: this.feed.changes },
      process: {
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        rssMb: Math.round(process.memoryUsage().rss / 1e6),
        loopDelayP99Ms: Math.round(this.loopDelay.percentile(99) / 1e4) / 100,
      },
    };
  }

  /** Stops the day: no more ticks, queued mutations get a few seconds to reach the server, then every link closes. */
  async stop(drainMs = 5_000): Promise<SimulatorStats> {
    if (this.timer) clearInterval(this.timer);
    if (this.reporter) clearInterval(this.reporter);
    this.timer = null;
    this.reporter = null;
    const links = [this.control, ...this.devices.map((d) => d.link).filter((l): l is SimLink => l !== null)];
    const deadline = Date.now() + drainMs;
    while (Date.now() < deadline && links.some((l) => l.connected && l.outbox.size > 0))
      await new Promise((r) => setTimeout(r, 50));
    const stats = this.stats();
    for (const l of links) l.close();
    this.loopDelay.disable();
    return stats;
  }
}

/** The known area whose districts are closest, on average, to where the engineers live. */
export function nearestArea(engineers: ReadonlyArray<Pick<Engineer, 'homeBase'>>): CityArea | undefined {
  if (engineers.length === 0) return undefined;
  const centre: GeoPoint = {
    lat: engineers.reduce((s, e) => s + e.homeBase.lat, 0) / engineers.length,
    lon: engineers.reduce((s, e) => s + e.homeBase.lon, 0) / engineers.length,
  };
  let best: CityArea | undefined;
  let bestKm = Infinity;
  for (const area of Object.values(AREAS)) {
    const km = Math.min(...area.districts.map((d) => haversineKm(d, centre)));
    if (km < bestKm) [best, bestKm] = [area, km];
  }
  return best;
}

/** One progress line for people watching the console. */
export function progressLine(s: SimulatorStats): string {
  const e = s.engineers;
  return (
    `sim ${s.simTime} ×${s.speed} · ${s.devices.connected}/${s.devices.total} devices · ` +
    `${e.available} available, ${e.en_route} en route, ${e.on_site} on site, ${e.off} off · ` +
    `${s.intake.created} calls (${s.intake.p1} P1) · ${s.field.completions} completed (${s.field.revisits} revisits) · ` +
    `${s.mutations.applied} applied, ${s.mutations.rejected} refused · ${s.positions} positions · ` +
    `cpu ${(s.process.cpuMs / 1000).toFixed(1)} s, ${s.process.rssMb} MB`
  );
}
