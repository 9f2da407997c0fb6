import { fieldReport, type ReportDraft } from './field-report.js';
import type { CustomerLanguage, Engineer, EngineerState, GeoPoint, WorkOrder } from '../../../shared/domain/index.js';
import { haversineKm } from '../../../shared/geo/index.js';
import type { Random } from '../../../shared/scenario/index.js';
import { centreLanguage } from '../../../shared/scenario/areas.js';
import type { PositionReport } from '../../../shared/sync/index.js';
import { localParts } from '../../../shared/time/index.js';
import type { Route } from './roads.js';
import { cityKmh, planRoute } from './roads.js';
import type { FieldWorld } from './world.js';

const MINUTE = 60_000;
/** The longest a job runs, as a multiple of its estimate. */
const MAX_OVERRUN = 2.5;
/** Set off this long before the planned start on top of the expected drive. */
const LEAVE_MARGIN_MIN = 5;
/** Straight line × this ≈ the drive (the staircase routes average about this much). */
const DETOUR = 1.3;
/** Within this distance the van counts as at base. */
const AT_BASE_KM = 0.3;
/** Idle engineers head back to base when their next job is further away than this. */
const RETURN_TO_BASE_MIN = 45;
/** A late arrival worth a note to the control centre. */
const LATE_NOTE_MIN = 15;

/** How the field behaves: chances per finished job. */
export interface FieldBehaviour {
  /** The job needs another visit (a linked follow-up order is created with the completion). */
  revisitShare: number;
  /** The job stops on site, waiting (parts, access). */
  holdShare: number;
  /** The completion carries a note from the engineer. */
  noteShare: number;
  /** Chance per shift that the engineer falls ill during it and goes home (none when absent). */
  sickShare?: number;
}

export const DEFAULT_BEHAVIOUR: FieldBehaviour = {
  revisitShare: 0.08,
  holdShare: 0.02,
  noteShare: 0.3,
  sickShare: 0.02,
};

export type FieldStatus = 'en_route' | 'on_site' | 'completed' | 'on_hold';

/** What the engineer's device sends; each mutation's fate comes back through `settled`. */
export interface DeviceActions {
  setOrderStatus(
    args: { orderId: string; status: FieldStatus; revisit?: { id: string; code: string }; note?: string },
    settled: (applied: boolean, reason: string) => void,
  ): void;
  setEngineerState(state: EngineerState): void;
  addNote(orderId: string, text: string): void;
  /** The signed service report of a job just completed (sent after the completion, so it lands after it). */
  submitServiceReport?(orderId: string, report: ReportDraft): void;
  /** The engineer phones the control centre: taken ill, going home, away until `until`. */
  reportSick?(until: number): void;
}

type Phase =
  | { kind: 'off' }
  | { kind: 'idle' }
  | { kind: 'driving'; to: 'job' | 'base' | 'home'; orderId: string | null; route: Route; km: number; kmh: number }
  | { kind: 'working'; orderId: string; since: number; until: number };

/**
 * What engineers write on a job, in the control centre's language; each list as long in every language. None speaks of
 * the customer's signature: the report says whether there is one.
 */
export const FIELD_NOTES: Record<
  CustomerLanguage,
  { completion: string[]; revisit: string[]; hold: string[]; sick: string; late: (min: number) => string }
> = {
  en: {
    completion: [
      'Fault found and fixed; tested with the customer.',
      'Replaced the worn part; system back in service.',
      'Routine checks done, no faults found.',
      'Cleaned and checked the unit; site left tidy.',
    ],
    revisit: [
      'Needs a part that is not on the van; a follow-up visit is required.',
      'More work needed than planned; the customer agreed a second visit.',
    ],
    hold: ['Customer not on site; waiting for access.', 'Waiting for a part to be delivered to site.'],
    sick: 'Engineer taken ill and gone home; the job is unfinished.',
    late: (min) => `Running about ${min} minutes late.`,
  },
  zh: {
    completion: [
      '故障已排除，已与客户一起测试。',
      '已更换磨损部件，设备恢复运行。',
      '例行检查完成，未发现故障。',
      '已清洁并检查设备，现场已整理。',
    ],
    revisit: ['所需配件车上没有，需要再次上门。', '工作量超出计划，客户同意再次上门。'],
    hold: ['客户不在现场，等待进入。', '等待配件送到现场。'],
    sick: '工程师身体不适已回家，工作未完成。',
    late: (min) => `预计晚到约 ${min} 分钟。`,
  },
};

/**
 * One engineer's day in the field, driven by the simulated clock: off until the shift starts, then through the
 * booked jobs in planned order — set off in time, drive the streets at city speed, report en route, on site, and
 * completed (sometimes needing a revisit, sometimes on hold) — idling at base between jobs and driving home after the
 * shift. It never books work: it only does what dispatchers booked, and gives up a job the control centre cancelled
 * or re-planned, or the server refused.
 */
export class FieldEngineer {
  phase: Phase = { kind: 'off' };
  pos: GeoPoint;
  heading = 0;
  /** Metres per second, as the device reports it. */
  speed = 0;
  /** The state the server was last told (or held at start). */
  private state: EngineerState;
  /** Jobs this device finished (completed or on hold): the view may still show them in progress for a moment. */
  private readonly finished = new Set<string>();
  /** Jobs the server refused, by the order version refused at; tried again once the order changes. */
  private readonly refused = new Map<string, number>();
  readonly counts = {
    departures: 0,
    arrivals: 0,
    completions: 0,
    revisits: 0,
    holds: 0,
    abandoned: 0,
    refused: 0,
    sick: 0,
  };
  /** What the engineer writes, in the centre's language (English where the city is unknown). */
  private readonly notes: (typeof FIELD_NOTES)[CustomerLanguage];
  /** When this shift's illness strikes (drawn when the shift starts), or null. */
  private sickAt: number | null = null;
  /** Off sick until then: the rest of the shift. */
  private sickUntil = 0;

  constructor(
    readonly id: string,
    private readonly world: FieldWorld,
    private readonly rng: Random,
    private readonly actions: DeviceActions,
    private readonly timeZone: string,
    private readonly behaviour: FieldBehaviour = DEFAULT_BEHAVIOUR,
  ) {
    const me = world.engineer(id);
    if (!me) throw new Error(`engineer ${id} is not in the view`);
    this.notes = FIELD_NOTES[centreLanguage(timeZone) ?? 'en'];
    this.pos = me.lastPosition ? { lat: me.lastPosition.lat, lon: me.lastPosition.lon } : { ...me.homeBase };
    this.state = me.state;
  }

  /** Picks up where the server says this engineer is: mid-drive or on site from an earlier run, or idle. */
  resume(now: number): void {
    const me = this.world.engineer(this.id);
    if (!me) return;
    for (const job of this.world.jobsOf(this.id)) {
      if (job.status === 'on_site') {
        this.pos = { lat: job.site.lat, lon: job.site.lon };
        // Since the arrival the server recorded (the job's estimate from then, or at once if that has passed); when
        // the view holds no arrival, or one no job runs that long after (the server stamps the real clock's time, and
        // a simulated day can start elsewhere), halfway through. The service report says how long was spent on site.
        const arrived = this.world.arrivedAt(job.id);
        const expected = job.durationMin * MINUTE;
        const plausible = arrived !== undefined && arrived <= now && now - arrived <= MAX_OVERRUN * expected;
        const since = plausible ? arrived : now - expected / 2;
        this.phase = { kind: 'working', orderId: job.id, since, until: Math.max(now, since + expected) };
        return;
      }
      if (job.status === 'en_route') {
        this.driveTo('job', job.id, job.site, now);
        return;
      }
    }
    this.phase = me.state === 'off' ? { kind: 'off' } : { kind: 'idle' };
  }

  /** Advances the engineer to simulated time `now`, `dtMs` simulated milliseconds after the last tick. */
  tick(now: number, dtMs: number): void {
    const me = this.world.engineer(this.id);
    if (!me) return;
    const duty = onDuty(me, now) && now >= this.sickUntil;
    if (this.sickAt !== null && now >= this.sickAt && (this.phase.kind === 'idle' || this.phase.kind === 'working'))
      return this.fallSick(me, now);
    switch (this.phase.kind) {
      case 'off':
        if (duty) {
          this.report('available');
          this.phase = { kind: 'idle' };
          this.drawIllness(me, now);
          this.planIdle(me, now, true);
        }
        return;
      case 'idle':
        this.planIdle(me, now, duty);
        return;
      case 'working': {
        const order = this.world.order(this.phase.orderId);
        if (!this.stillMine(order)) return this.abandon();
        if (now >= this.phase.until && order) this.finish(order, (now - this.phase.since) / MINUTE);
        return;
      }
      case 'driving':
        this.drive(me, now, dtMs, duty);
        return;
    }
  }

  /** The device's position report, or null while it is switched off. */
  position(realNow: number): PositionReport | null {
    if (this.phase.kind === 'off') return null;
    return {
      lat: this.pos.lat,
      lon: this.pos.lon,
      heading: Math.round(this.heading) % 360,
      speed: Math.round(this.speed * 10) / 10,
      at: realNow,
    };
  }

  /** The engineer's state as this device last told the server. */
  get reportedState(): EngineerState {
    return this.state;
  }

  get moving(): boolean {
    return this.phase.kind === 'driving';
  }

  private planIdle(me: Engineer, now: number, duty: boolean): void {
    if (!duty) {
      if (haversineKm(this.pos, me.homeBase) <= AT_BASE_KM) {
        this.report('off');
        this.speed = 0;
        this.phase = { kind: 'off' };
      } else this.driveTo('home', null, me.homeBase, now);
      return;
    }
    const job = this.nextJob();
    if (job) {
      const leaveAt = job.booking!.start - (this.driveMin(job.site, now) + LEAVE_MARGIN_MIN) * MINUTE;
      if (now >= leaveAt) return this.depart(job, now);
      if (leaveAt - now < RETURN_TO_BASE_MIN * MINUTE) return;
    }
    if (haversineKm(this.pos, me.homeBase) > AT_BASE_KM && this.phase.kind === 'idle')
      this.driveTo('base', null, me.homeBase, now);
  }

  private drive(me: Engineer, now: number, dtMs: number, duty: boolean): void {
    const trip = this.phase as Extract<Phase, { kind: 'driving' }>;
    if (trip.to === 'job') {
      if (!this.stillMine(this.world.order(trip.orderId!))) return this.abandon();
    } else if (trip.to === 'base' || (trip.to === 'home' && duty)) {
      // On the way back to base, a job that falls due (or the shift starting again) takes over.
      const job = duty ? this.nextJob() : null;
      if (job && now >= job.booking!.start - (this.driveMin(job.site, now) + LEAVE_MARGIN_MIN) * MINUTE)
        return this.depart(job, now);
      if (trip.to === 'home') trip.to = 'base';
    }
    trip.km = Math.min(trip.route.km, trip.km + (trip.kmh * dtMs) / 3_600_000);
    const p = trip.route.at(trip.km);
    this.pos = { lat: p.lat, lon: p.lon };
    this.heading = p.heading;
    // Lights, junctions and open road: the speedometer wanders around the trip's average.
    this.speed = (trip.kmh / 3.6) * (0.4 + 1.0 * this.rng.next());
    if (trip.km < trip.route.km) return;
    this.speed = 0;
    if (trip.to === 'job') return this.arrive(trip.orderId!, now);
    this.phase = { kind: 'idle' };
    if (trip.to === 'home') this.planIdle(me, now, duty);
  }

  private nextJob(): WorkOrder | null {
    for (const job of this.world.jobsOf(this.id)) {
      if (this.finished.has(job.id)) continue;
      if (this.refused.get(job.id) === job.version) continue;
      if (job.status === 'scheduled' || job.status === 'dispatched') return job;
    }
    return null;
  }

  // The phase changes before the mutation goes out, so a refusal (which may come back at once) finds the job current.
  private depart(job: WorkOrder, now: number): void {
    this.counts.departures += 1;
    this.state = 'en_route';
    this.driveTo('job', job.id, job.site, now);
    const trip = this.phase as Extract<Phase, { kind: 'driving' }>;
    const lateMin = Math.round((now + (trip.route.km / trip.kmh) * 3_600_000 - job.booking!.start) / MINUTE);
    const version = job.version;
    this.actions.setOrderStatus({ orderId: job.id, status: 'en_route' }, (applied, reason) => {
      if (!applied) this.refusedBy(job.id, version, reason);
    });
    if (lateMin >= LATE_NOTE_MIN && this.phase === trip) this.actions.addNote(job.id, this.notes.late(lateMin));
  }

  private arrive(orderId: string, now: number): void {
    const order = this.world.order(orderId);
    if (!order) return this.abandon();
    this.counts.arrivals += 1;
    this.state = 'on_site';
    // Real jobs overrun or finish early around the estimate.
    const factor = Math.min(MAX_OVERRUN, Math.max(0.4, Math.exp(0.25 * this.rng.normal())));
    this.phase = { kind: 'working', orderId, since: now, until: now + order.durationMin * MINUTE * factor };
    this.actions.setOrderStatus({ orderId, status: 'on_site' }, (applied, reason) => {
      if (!applied) this.refusedBy(orderId, order.version, reason);
    });
  }

  private finish(order: WorkOrder, onSiteMin: number): void {
    this.finished.add(order.id);
    this.phase = { kind: 'idle' };
    this.state = 'available';
    const settle = (applied: boolean, reason: string) => {
      if (!applied) this.refusedBy(order.id, order.version, reason);
    };
    if (this.rng.chance(this.behaviour.holdShare)) {
      this.counts.holds += 1;
      this.actions.setOrderStatus(
        { orderId: order.id, status: 'on_hold', note: this.rng.pick(this.notes.hold) },
        settle,
      );
      return;
    }
    this.counts.completions += 1;
    if (this.rng.chance(this.behaviour.revisitShare)) {
      this.counts.revisits += 1;
      const note = this.rng.pick(this.notes.revisit);
      this.actions.setOrderStatus({ orderId: order.id, status: 'completed', revisit: revisitIds(order), note }, settle);
      this.sendReport(order, onSiteMin, note);
      return;
    }
    const note = this.rng.chance(this.behaviour.noteShare) ? { note: this.rng.pick(this.notes.completion) } : {};
    this.actions.setOrderStatus({ orderId: order.id, status: 'completed', ...note }, settle);
    this.sendReport(order, onSiteMin, note.note);
  }

  /** The customer signs the report on the device (or is not there to): it goes after the completion. */
  private sendReport(order: WorkOrder, onSiteMin: number, note: string | undefined): void {
    const me = this.world.engineer(this.id);
    if (!me || !this.actions.submitServiceReport) return;
    this.actions.submitServiceReport(order.id, fieldReport(order, me, onSiteMin, note, this.rng, this.timeZone));
  }

  /** At the start of a shift: whether, and when, the engineer falls ill during it. */
  private drawIllness(me: Engineer, now: number): void {
    const share = this.behaviour.sickShare ?? 0;
    if (share <= 0 || !this.rng.chance(share)) return;
    const shift = me.shifts.find((s) => now >= s.start && now < s.end);
    if (shift) this.sickAt = now + (0.15 + 0.6 * this.rng.next()) * (shift.end - now);
  }

  /** Taken ill: an unfinished job goes on hold, the centre is told, the device goes off and the van heads home. */
  private fallSick(me: Engineer, now: number): void {
    const shift = me.shifts.find((s) => now >= s.start && now < s.end);
    this.sickAt = null;
    this.sickUntil = shift?.end ?? now;
    this.counts.sick += 1;
    if (this.phase.kind === 'working') {
      const order = this.world.order(this.phase.orderId);
      this.finished.add(this.phase.orderId);
      if (order)
        this.actions.setOrderStatus(
          { orderId: order.id, status: 'on_hold', note: this.notes.sick },
          (applied, reason) => {
            if (!applied) this.refusedBy(order.id, order.version, reason);
          },
        );
    }
    this.phase = { kind: 'idle' };
    this.actions.reportSick?.(this.sickUntil);
    this.report('off');
    this.planIdle(me, now, false);
  }

  /** Whether the order is still this engineer's to work on, as far as the view knows. */
  private stillMine(order: WorkOrder | undefined): boolean {
    if (!order || !order.booking || order.booking.engineerId !== this.id) return false;
    return (
      order.status === 'scheduled' ||
      order.status === 'dispatched' ||
      order.status === 'en_route' ||
      order.status === 'on_site'
    );
  }

  private refusedBy(orderId: string, version: number, _reason: string): void {
    this.counts.refused += 1;
    this.refused.set(orderId, version);
    const current = this.phase.kind === 'driving' || this.phase.kind === 'working' ? this.phase.orderId : null;
    if (current === orderId) this.abandon();
  }

  /** The job was taken away (cancelled, re-planned, refused): stop where we are and see what is next. */
  private abandon(): void {
    this.counts.abandoned += 1;
    this.speed = 0;
    this.phase = { kind: 'idle' };
    if (this.state === 'en_route' || this.state === 'on_site') this.report('available');
  }

  private driveTo(to: 'job' | 'base' | 'home', orderId: string | null, dest: GeoPoint, now: number): void {
    const route = planRoute(this.rng, this.pos, { lat: dest.lat, lon: dest.lon });
    const kmh = cityKmh(this.localHour(now), this.rng);
    this.phase = { kind: 'driving', to, orderId, route, km: 0, kmh };
    this.heading = route.at(0).heading;
    this.speed = kmh / 3.6;
  }

  private driveMin(dest: GeoPoint, now: number): number {
    const h = this.localHour(now);
    const typical = (h >= 7 && h < 9.5) || (h >= 17 && h < 19.5) ? 16 : 23;
    return ((haversineKm(this.pos, dest) * DETOUR) / typical) * 60;
  }

  private localHour(now: number): number {
    return localHour(now, this.timeZone);
  }

  private report(state: EngineerState): void {
    if (this.state === state) return;
    this.state = state;
    this.actions.setEngineerState(state);
  }
}

// Every engineer asks for the same minute within a tick; the time-zone arithmetic is done once per minute.
let hourCache = { minute: -1, timeZone: '', hour: 0 };

/** The local hour of day (with its fraction) at `now` in the city. */
function localHour(now: number, timeZone: string): number {
  const minute = Math.floor(now / MINUTE);
  if (hourCache.minute !== minute || hourCache.timeZone !== timeZone) {
    const p = localParts(now, timeZone);
    hourCache = { minute, timeZone, hour: p.hour + p.minute / 60 };
  }
  return hourCache.hour;
}

/** Whether the engineer is working at `now`: inside a shift and not absent. */
export function onDuty(e: Pick<Engineer, 'shifts' | 'absences'>, now: number): boolean {
  if (e.absences.some((a) => now >= a.start && now < a.end)) return false;
  return e.shifts.some((s) => now >= s.start && now < s.end);
}

/** Ids for the follow-up of a job that needs a revisit: derived from the order, which completes only once. */
export function revisitIds(order: Pick<WorkOrder, 'id' | 'code'>): { id: string; code: string } {
  const id = order.id.length <= 61 ? `${order.id}-rv` : `rv-${order.id.slice(-58)}`;
  const code = order.code.length <= 38 ? `${order.code}-R` : `R-${order.code.slice(-38)}`;
  return { id, code };
}
