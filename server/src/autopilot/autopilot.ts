import type { WorkOrder } from '../../../shared/domain/index.js';
import { autopilotOn } from '../../../shared/domain/index.js';
import {
  acceptMoves,
  autoDispatch,
  buildDispatchState,
  insertEmergency,
  rankCandidates,
  type DispatchState,
  type Proposal,
} from '../../../shared/dispatch/index.js';
import type { FieldWorld } from '../sim/world.js';
import {
  PendingOrders,
  movedByPersonRecently,
  queuedOrders,
  releaseWorkOfAbsent,
  rollingInput,
  type Dispatcher,
  type SendMutation,
} from './view.js';

const MINUTE = 60_000;

/** The autopilot's user: its bookings are audited under this id and name. */
export const AUTOPILOT_USER = { id: 'autopilot', name: 'Autopilot' } as const;

export interface AutopilotOptions {
  timeZone: string;
  seed: number;
  /** Budget of one team's re-plan, in the engine's milliseconds (fixed iterations: the same on any machine). */
  replanBudgetMs: number;
  /** Each team is re-planned at least this often. */
  replanEveryMin: number;
  /** A booking a person made or moved this recently is left alone, unless a P1 needs the slot. */
  personGraceMin: number;
  /** An engineer this late on a job (arriving, or finishing on site) makes their team be re-planned. */
  lateMin: number;
  /** Tells what the autopilot does, in one line per decision. */
  log?: (line: string) => void;
}

export const DEFAULT_AUTOPILOT: Omit<AutopilotOptions, 'timeZone'> = {
  seed: 1,
  replanBudgetMs: 60,
  replanEveryMin: 60,
  personGraceMin: 60,
  lateMin: 15,
};

/**
 * A dispatcher that is not a person. On a rolling horizon it books each new call where the engine says it costs
 * least, inserts emergencies by reshuffling lower-priority work, releases the work of an engineer who went home sick,
 * and re-plans a team with the engine's auto-dispatch when someone runs late, falls ill, or every hour. It leaves
 * alone pinned bookings, bookings a person made against a rule on purpose (marked overridden; one whose engineer is
 * away goes back to the queue, and it says so), what a person booked or moved in the last hour (unless a P1 needs it),
 * and every team a supervisor has taken off the autopilot. Everything it does is an ordinary named mutation, sent as
 * its own user.
 */
export class Autopilot implements Dispatcher {
  readonly name = 'engine';
  private readonly o: AutopilotOptions;
  private readonly pending = new PendingOrders();
  /** Queued orders the engine could not place, by the version tried; tried again at the next re-plan. */
  private readonly unplaceable = new Map<string, number>();
  private readonly lastReplan = new Map<string, number>();
  /** Teams to re-plan at the next tick, with why. */
  private readonly dirty = new Map<string, string>();
  /** Lateness and sickness already acted on: order id + status, engineer id + absence start. */
  private readonly noticed = new Set<string>();
  private runs = 0;
  /** What it has said of bookings made against a rule on purpose that it kept (each said once). */
  private readonly keptSaid = new Set<string>();
  readonly counts = {
    booked: 0,
    emergencies: 0,
    replans: 0,
    moves: 0,
    released: 0,
    refused: 0,
    /** Bookings made against a rule on purpose it had to send back to the queue (their engineer away). */
    overridesReleased: 0,
  };

  constructor(
    private readonly world: FieldWorld,
    private readonly send: SendMutation,
    options: Partial<AutopilotOptions> & { timeZone: string },
  ) {
    this.o = { ...DEFAULT_AUTOPILOT, ...options };
  }

  /** Teams the autopilot dispatches now: every team with engineers, less those a supervisor took over. */
  teams(): string[] {
    const teams = new Set<string>();
    for (const e of this.world.engineers.values()) teams.add(e.team);
    return [...teams].filter((t) => autopilotOn(this.world.policy, t)).sort();
  }

  tick(clock: number): void {
    // Bookings start on whole minutes, and the engine plans from now: it decides as of the minute.
    const now = Math.floor(clock / MINUTE) * MINUTE;
    const teams = new Set(this.teams());
    if (teams.size === 0) return;
    this.released(releaseWorkOfAbsent(this.world, now, this.sendAs(), this.pending, teams), now);
    this.noticeTrouble(now, teams);
    for (const order of queuedOrders(this.world, now)) {
      if (this.pending.has(order) || this.unplaceable.get(order.id) === order.version) continue;
      if (order.priority === 'P1') this.insertEmergency(order, now, teams);
      else this.bookNewCall(order, now, teams);
    }
    const sorted = [...teams].filter((t) => this.onShift(t, now));
    sorted.forEach((team, i) => {
      // Teams take turns through the period, so re-plans spread out rather than all landing at once.
      const phase = (i * this.o.replanEveryMin * MINUTE) / sorted.length;
      const last = this.lastReplan.get(team) ?? now - this.o.replanEveryMin * MINUTE + phase;
      const why = this.dirty.get(team) ?? (now - last >= this.o.replanEveryMin * MINUTE ? 'its regular re-plan' : null);
      if (!why) return;
      this.dirty.delete(team);
      this.lastReplan.set(team, now);
      this.replanTeam(team, now, teams, why);
    });
  }

  /**
   * Counts the work sent back from engineers who are away, and says of each booking among it that was made against a
   * rule on purpose that it could not be kept (the trail of the change says its override mark came off).
   */
  private released(orders: readonly WorkOrder[], now: number): void {
    this.counts.released += orders.length;
    for (const o of orders) {
      if (!o.booking?.overridden) continue;
      this.counts.overridesReleased += 1;
      const e = this.world.engineers.get(o.booking.engineerId);
      const away = e?.absences.find((a) => now >= a.start && now < a.end);
      this.o.log?.(
        `autopilot: ${o.code} goes back to the queue: ${e?.name ?? o.booking.engineerId} is away` +
          `${away ? ` (${away.reason})` : ''}; it was booked there against a rule on purpose, and loses its override mark`,
      );
    }
  }

  /** Whether anyone of the team is working now: a team with nobody on shift has nothing to re-plan. */
  private onShift(team: string, now: number): boolean {
    for (const e of this.world.engineers.values())
      if (e.team === team && e.shifts.some((s) => now >= s.start && now < s.end)) return true;
    return false;
  }

  private sendAs(): SendMutation {
    return (name, args, settled) =>
      this.send(name, args, (applied, reason) => {
        if (!applied) {
          this.counts.refused += 1;
          this.o.log?.(`autopilot: ${name} refused: ${reason}`);
        }
        settled?.(applied, reason);
      });
  }

  /** An engineer running late on a job, or off sick with work still booked: their team is re-planned. */
  private noticeTrouble(now: number, teams: ReadonlySet<string>): void {
    for (const e of this.world.engineers.values()) {
      if (!teams.has(e.team)) continue;
      const sick = e.absences.find((a) => now >= a.start && now < a.end);
      if (sick && !this.noticed.has(`${e.id}@${sick.start}`)) {
        this.noticed.add(`${e.id}@${sick.start}`);
        this.dirty.set(e.team, `${e.name} is away (${sick.reason})`);
      }
      for (const job of this.world.jobsOf(e.id)) {
        const b = job.booking!;
        const late =
          (job.status === 'en_route' && now > b.start + this.o.lateMin * MINUTE) ||
          (job.status === 'on_site' && now > b.end + this.o.lateMin * MINUTE);
        const key = `${job.id}:${job.status}`;
        if (late && !this.noticed.has(key)) {
          this.noticed.add(key);
          this.dirty.set(e.team, `${e.name} is running late on ${job.code}`);
        }
      }
    }
  }

  private state(now: number, teams: ReadonlySet<string>, protectFresh: boolean): DispatchState {
    const protect = (o: WorkOrder) =>
      protectFresh && movedByPersonRecently(this.world, o.id, now, this.o.personGraceMin, AUTOPILOT_USER.id);
    return buildDispatchState(rollingInput(this.world, now, this.o.timeZone, protect, teams));
  }

  private bookNewCall(order: WorkOrder, now: number, teams: ReadonlySet<string>): void {
    const state = this.state(now, teams, true);
    if (!state.orders.has(order.id)) return;
    const best = rankCandidates(order, state, { smallestChanges: false }).candidates.find((c) => c.feasible && c.slot);
    if (!best?.slot) {
      this.unplaceable.set(order.id, order.version);
      return;
    }
    this.counts.booked += 1;
    this.sendAs()(
      'assignOrder',
      {
        orderId: order.id,
        base: { version: order.version, rev: order.rev },
        engineerId: best.engineerId,
        start: best.slot.start,
      },
      this.pending.add(order),
    );
  }

  private insertEmergency(order: WorkOrder, now: number, teams: ReadonlySet<string>): void {
    const state = this.state(now, teams, false);
    if (!state.orders.has(order.id)) return;
    // A booking made against a rule on purpose is not bumped: nobody is asked here, as a person's console asks.
    const proposal = insertEmergency(order, state, { keepOverridden: true });
    if (!proposal.moves.some((m) => m.orderId === order.id && m.to)) {
      this.unplaceable.set(order.id, order.version);
      return;
    }
    this.counts.emergencies += 1;
    this.apply(state, proposal, `P1 ${order.code}`);
  }

  private replanTeam(team: string, now: number, teams: ReadonlySet<string>, why: string): void {
    this.unplaceable.clear();
    const state = this.state(now, teams, true);
    const proposal = autoDispatch({ teams: [team] }, this.o.replanBudgetMs, this.o.seed + this.runs++, state, {
      clock: () => 0, // the plan depends on the budget's iterations only, never on how busy the machine is
    });
    this.counts.replans += 1;
    // Bookings made against a rule on purpose stay where they are, as with auto-dispatch: said once per booking.
    for (const note of proposal.notes) {
      if (!note.say.some((r) => r.id === 'overrideKept') || this.keptSaid.has(note.text)) continue;
      this.keptSaid.add(note.text);
      this.o.log?.(`autopilot: re-plan ${team}: ${note.text}`);
    }
    if (proposal.moves.length > 0) this.apply(state, proposal, `re-plan ${team}: ${why}`);
  }

  private apply(state: DispatchState, proposal: Proposal, label: string): void {
    const moves = proposal.moves.filter((m) => {
      const o = this.world.orders.get(m.orderId);
      return o && !this.pending.has(o);
    });
    if (moves.length === 0) return;
    const accepted = acceptMoves(
      state,
      { moves },
      moves.map((m) => m.orderId),
    );
    if (accepted.moves.length === 0) return;
    if (accepted.problems.length > 0) {
      // Part of the plan is waiting on an earlier change; the next re-plan starts from what the server has.
      this.o.log?.(`autopilot: ${label} held back: ${accepted.problems[0]!.reason}`);
      return;
    }
    const settles = accepted.moves.map((m) => {
      const o = this.world.orders.get(m.orderId)!;
      return this.pending.add(o);
    });
    this.counts.moves += accepted.moves.length;
    this.o.log?.(`autopilot: ${label} — ${accepted.moves.length} move(s)`);
    this.sendAs()('applyPlan', { moves: accepted.moves, label: `Autopilot: ${label}`.slice(0, 200) }, (applied) => {
      for (const s of settles) s(applied);
    });
  }
}
