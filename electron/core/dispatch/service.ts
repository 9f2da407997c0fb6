import type {
  BookingViolation,
  CandidateList,
  DispatchDay,
  DispatchScope,
  DispatchState,
  DropVerdict,
  EngineProgress,
  LaterDay,
  ObjectiveMode,
  Proposal,
  Reason,
  SlotPreferences,
  SlotSearch,
  TeamDayCapacity,
} from '../../../shared/dispatch/index.js';
import {
  acceptMoves,
  bookingsOfDay,
  bookingViolations,
  buildDispatchState,
  findSlots,
  judgedOnDay,
  neededWith,
  PlanningDays,
  teamCapacity,
} from '../../../shared/dispatch/index.js';
import type { WorkOrder } from '../../../shared/domain/index.js';
import { emergencyBufferPct, onPlanningDay, shiftOfDay, slaFor, slotWindowMin } from '../../../shared/domain/index.js';
import type { z } from 'zod';
import type { NewOrder } from '../../../shared/sync/index.js';
import { addDays, epochAtLocal, localDate } from '../../../shared/time/index.js';
import { LocalRejection } from '../cache/local-state.js';
import type { ConsoleCore } from '../console-core.js';
import { DispatchClient, type EngineRun } from './engine-workers.js';

const RELOAD_AFTER_MS = 400;
/** Days ahead a caller is offered windows in (today included). */
export const SLOT_DAYS = 7;
/** Days the capacity view covers at most. */
export const CAPACITY_DAYS = 14;
/** Days after today looked at for the first one on which someone can take an order nobody can take today. */
export const LATER_DAYS = 7;
/** The most days one question about rule violations covers: a week on the board, and a day's slack. */
const MAX_VIOLATION_DAYS = 8;

export interface AutoDispatchRequest {
  scope: DispatchScope;
  budgetMs: number;
  seed: number;
  /** The day to plan, as the instant of its local midnight; today when absent. */
  dayStart?: number;
  /** 'priority-first' when absent: no higher-priority order is left queued for lower-priority work or travel. */
  objective?: ObjectiveMode;
}

export interface DispatchServiceOptions {
  /** The engine's workers; started on demand when absent. */
  engine?: DispatchClient;
  /** The console's clock: what "now" and "today" are for the engine. */
  now?: () => number;
}

export type DispatchEvents = {
  progress(p: { runId: number; progress: EngineProgress }): void;
  proposal(p: { runId: number; proposal: Proposal | null; error: string | null }): void;
};

/**
 * Core's dispatch engine: keeps the engine's workers loaded with the cache's current day (reloaded shortly after
 * changes, and before a question if stale), answers the board's questions, runs auto-dispatch with progress and
 * cancel, and turns an accepted proposal — whole or in part — into one applyPlan mutation.
 */
export class DispatchService {
  private readonly engine: DispatchClient;
  private readonly now: () => number;
  private loadedVersion = -1;
  private version = 0;
  private dayStart: number;
  private loading: Promise<void> | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private runs = new Map<number, EngineRun<Proposal>>();
  private proposals = new Map<number, { proposal: Proposal; day: DispatchDay }>();
  private nextRun = 1;
  /** Violations per planning day, as of one version of the cache and one minute of the clock (`violationsAsOf`). */
  private violationsByDay = new Map<number, BookingViolation[]>();
  private violationsAsOf = '';
  /**
   * Planning states per day, planned as of the minute's first question (`statesNow`) and kept for the minute
   * (`statesAsOf`) or until the cache changes; then rebuilt where the cache changed or the new now reaches (see
   * PlanningDays).
   */
  private readonly planning = new PlanningDays();
  private statesByDay = new Map<number, DispatchState>();
  private statesAsOf = '';
  private statesVersion = -1;
  private statesNow = 0;
  private readonly listeners: { [K in keyof DispatchEvents]: Set<DispatchEvents[K]> } = {
    progress: new Set(),
    proposal: new Set(),
  };
  private readonly unsubscribe: () => void;
  private warming: Promise<boolean> | null = null;
  private stopWaiting: (() => void) | null = null;
  private disposed = false;

  constructor(
    private readonly core: ConsoleCore,
    private readonly timeZone: () => string,
    options: DispatchServiceOptions = {},
  ) {
    this.engine = options.engine ?? new DispatchClient();
    this.now = options.now ?? Date.now;
    this.dayStart = this.todayStart();
    this.unsubscribe = core.on('changes', () => this.stale());
  }

  on<K extends keyof DispatchEvents>(event: K, listener: DispatchEvents[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  private todayStart(): number {
    const tz = this.timeZone();
    return epochAtLocal(localDate(this.now(), tz), 0, tz);
  }

  private stale(): void {
    this.version += 1;
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.ensureLoaded().catch(() => undefined);
    }, RELOAD_AFTER_MS);
  }

  /** The planning day the engine sees: the cache's engineers and the orders that matter to that day. */
  private day(dayStart: number): DispatchDay {
    const tz = this.timeZone();
    const end = epochAtLocal(addDays(localDate(dayStart, tz), 1), 0, tz);
    const { state } = this.core;
    const orders = [...state.orders.values()].filter((o) => o.status !== 'completed' && o.status !== 'cancelled');
    return {
      now: this.now(),
      day: { start: dayStart, end },
      timeZone: tz,
      engineers: [...state.engineers.values()],
      orders,
      jeopardyMin: state.policy().jeopardyMin,
    };
  }

  /**
   * Loads the day unless the engine already holds the cache as it stood when this was called. Changes that arrive
   * while it loads are for the next question: a busy centre changes the cache all the time, and waiting for a quiet
   * moment would keep a dispatcher waiting for as long as the changes keep coming.
   */
  private async ensureLoaded(dayStart = this.dayStart): Promise<void> {
    const wanted = this.version;
    while (this.loadedVersion < wanted || dayStart !== this.dayStart) {
      if (this.loading) {
        await this.loading;
        continue;
      }
      const version = this.version;
      this.dayStart = dayStart;
      this.loading = this.engine.load(this.day(dayStart)).then(() => {
        this.loadedVersion = version;
      });
      try {
        await this.loading;
      } finally {
        this.loading = null;
      }
    }
  }

  /**
   * Readies the engine for the dispatcher's first question: loads today's day and asks it one ranking and one drop
   * verdict on an open order, so the first "Enter = best candidate" costs what the later ones do (a fresh worker
   * compiles the engine's code on its first question, and the day is loaded on the first question otherwise). A cache
   * with no open order yet (a first start, before the first sync) is warmed after the next change that brings one.
   * Resolves true once warmed; false when the service was disposed first.
   */
  warm(): Promise<boolean> {
    this.warming ??= this.warmWhenReady();
    return this.warming;
  }

  private async warmWhenReady(): Promise<boolean> {
    while (!this.disposed) {
      const dayStart = this.todayStart();
      const open = [...this.core.state.orders.values()].find((o) => o.status === 'new' || o.status === 'scheduled');
      if (open) {
        await this.ensureLoaded(dayStart);
        const engineer = this.core.state.engineers.values().next().value;
        await this.engine.rankCandidates(open.id, open);
        if (engineer) await this.engine.verdictFor(open.id, engineer.id, this.now(), open);
        return true;
      }
      await new Promise<void>((resolve) => {
        const stop = this.core.on('changes', () => (stop(), resolve()));
        this.stopWaiting = () => (stop(), resolve());
      });
    }
    return false;
  }

  /**
   * Every engineer for an order on a day (given by its local midnight), and the day ranked. Without a day, the order's
   * own: the day of its booking, or of its promised window, when that is still ahead; today otherwise.
   */
  async rankCandidates(orderId: string, dayStart?: number): Promise<CandidateList & { dayStart: number }> {
    const tz = this.timeZone();
    const order = this.core.order(orderId) ?? undefined;
    const day = epochAtLocal(localDate(dayStart ?? this.orderDay(order), tz), 0, tz);
    await this.ensureLoaded(day);
    return { ...(await this.engine.rankCandidates(orderId, order)), dayStart: day };
  }

  /**
   * When an order is to be done, as far as ranking engineers for it goes: its booking's start, else the start of its
   * promised window (or now, inside it), when that has not passed; now otherwise. An appointment for tomorrow is
   * ranked on tomorrow's shifts, not judged against today's.
   */
  private orderDay(order: WorkOrder | undefined): number {
    const now = this.now();
    const today = this.todayStart();
    const booking = order?.booking;
    if (booking && booking.start >= today) return Math.max(this.workDay(booking.engineerId, booking), today);
    const window = order?.window;
    if (window && window.end > now) return Math.max(window.start, now);
    return now;
  }

  /**
   * The first of the next days (up to LATER_DAYS after today) on which someone can take the order, with the earliest
   * slot anyone has that day; null when nobody can on any of them. One question to the engine: it gets those days'
   * bookings once and builds and ranks them one at a time, as far as the first that will do. The day the engine has
   * loaded stays loaded, so the next question about today does not wait for it to be loaded again.
   */
  async laterDay(orderId: string): Promise<LaterDay | null> {
    const order = this.core.order(orderId);
    if (!order) throw new Error(`there is no order ${orderId}`);
    const tz = this.timeZone();
    const today = localDate(this.now(), tz);
    const days = Array.from({ length: LATER_DAYS }, (_, k) => ({
      start: epochAtLocal(addDays(today, k + 1), 0, tz),
      end: epochAtLocal(addDays(today, k + 2), 0, tz),
    }));
    const from = days[0]!.start;
    // The morning after the last day too: its night shifts run into it.
    const to = epochAtLocal(addDays(today, LATER_DAYS + 2), 0, tz);
    const { state } = this.core;
    // Only the bookings of those days shape them: the queue and the rest of the cache stay behind.
    const orders = [...state.orders.values()].filter(
      (o) =>
        o.status !== 'completed' &&
        o.status !== 'cancelled' &&
        o.booking &&
        o.booking.start < to &&
        o.booking.end > from,
    );
    return this.engine.firstDayFor(order, {
      now: this.now(),
      days,
      timeZone: tz,
      engineers: [...state.engineers.values()],
      orders,
      jeopardyMin: state.policy().jeopardyMin,
    });
  }

  /**
   * The local midnight of the planning day an engineer's work [start, end) is judged on (onPlanningDay): the day before
   * its own for a job after midnight on the night shift that began that evening, its own day otherwise. When both days
   * plan it (a night crew's last night: the next day, on which no shift of theirs starts, is planned with it too), today
   * wins: at 23:57 a job at 00:27 on the shift that began this evening is tonight's, as the candidate list ranks it.
   */
  private workDay(engineerId: string, work: { start: number; end: number }): number {
    const tz = this.timeZone();
    const date = localDate(work.start, tz);
    const own = { start: epochAtLocal(date, 0, tz), end: epochAtLocal(addDays(date, 1), 0, tz) };
    const before = { start: epochAtLocal(addDays(date, -1), 0, tz), end: own.start };
    const shifts = this.core.state.engineers.get(engineerId)?.shifts ?? [];
    const now = this.now();
    const days = before.start === this.todayStart() ? [before, own] : [own, before];
    return days.find((d) => onPlanningDay(work, shifts, shiftOfDay(shifts, d, now), d))?.start ?? own.start;
  }

  /**
   * The rules and cost of booking an order on an engineer at `start`, on the planning day of that work (workDay), or
   * on the day holding `dayStart` when given: the candidate list's choice is checked on the day the list was ranked on,
   * so a slot just after midnight on a shift that began this evening is judged as the list judged it, and not on
   * tomorrow's plan, which does not hold today's earlier jobs (nor after the clock has passed midnight meanwhile).
   */
  async verdictFor(orderId: string, engineerId: string, start: number, dayStart?: number): Promise<DropVerdict> {
    const order = this.core.order(orderId);
    const tz = this.timeZone();
    await this.ensureLoaded(
      dayStart === undefined
        ? this.workDay(engineerId, { start, end: start + Math.max(1, order?.durationMin ?? 0) * 60_000 })
        : epochAtLocal(localDate(dayStart, tz), 0, tz),
    );
    return this.engine.verdictFor(orderId, engineerId, start, this.core.order(orderId) ?? undefined);
  }

  /**
   * The engine's emergency insertion for one order on today's plan (bumping lower-priority work when that gets it
   * there sooner), held like an auto-dispatch proposal so it is accepted or discarded by its run id.
   */
  async emergency(orderId: string): Promise<{ runId: number; proposal: Proposal }> {
    const dayStart = this.todayStart();
    await this.ensureLoaded(dayStart);
    const day = this.day(dayStart);
    const proposal = await this.engine.insertEmergency(orderId, this.core.order(orderId) ?? undefined);
    const runId = this.nextRun++;
    this.proposals.set(runId, { proposal, day });
    return { runId, proposal };
  }

  /**
   * The bookings starting in [from, to) that break a hard rule as the cache holds them, judged day by day with the
   * engine's own rules (the same that judge a drop), each on the planning day it is work of (judgedOnDay): a job at
   * 01:00 on a night shift is judged with the evening that shift starts on, so that day is looked at too.
   */
  violations(from: number, to: number): BookingViolation[] {
    const tz = this.timeZone();
    const key = `${this.version}|${Math.floor(this.now() / 60_000)}|${tz}`;
    if (key !== this.violationsAsOf) {
      this.violationsByDay.clear();
      this.violationsAsOf = key;
    }
    const out: BookingViolation[] = [];
    const seen = new Set<string>();
    let date = addDays(localDate(from, tz), -1);
    for (let n = 0; n <= MAX_VIOLATION_DAYS; n++, date = addDays(date, 1)) {
      const dayStart = epochAtLocal(date, 0, tz);
      if (dayStart >= to) break;
      let known = this.violationsByDay.get(dayStart);
      if (!known) {
        // Only the day's bookings matter to the rules they break: the rest of the cache is left out of the state, which
        // makes it several times cheaper to build in a large centre.
        const whole = this.day(dayStart);
        const state = buildDispatchState({ ...whole, orders: bookingsOfDay(whole, whole.day), now: this.now() });
        known = bookingViolations(state).filter((v) => judgedOnDay(state, v.orderId));
        this.violationsByDay.set(dayStart, known);
      }
      for (const v of known) {
        const start = this.core.order(v.orderId)?.booking?.start ?? -1;
        // While a night shift is still running, the day it began and today both hold its jobs: one entry each.
        const key = `${v.orderId}|${v.rule}`;
        if (start >= from && start < to && !seen.has(key)) out.push(v);
        seen.add(key);
      }
    }
    return out;
  }

  /**
   * The planning states of `count` days from the one holding `from`. Kept until the cache or the minute changes; then
   * only the engineer days the change touched, or whose day has begun, are worked out again.
   */
  private planningStates(from: number, count: number): DispatchState[] {
    const tz = this.timeZone();
    const now = this.now();
    const key = `${Math.floor(now / 60_000)}|${tz}`;
    if (key !== this.statesAsOf) {
      this.statesByDay.clear();
      this.statesAsOf = key;
      this.statesNow = now;
    }
    if (this.statesVersion !== this.version) {
      this.statesByDay.clear();
      this.statesVersion = this.version;
    }
    const wanted: { start: number; end: number }[] = [];
    let date = localDate(from, tz);
    for (let n = 0; n < count; n++, date = addDays(date, 1))
      wanted.push({ start: epochAtLocal(date, 0, tz), end: epochAtLocal(addDays(date, 1), 0, tz) });
    const missing = wanted.filter((d) => !this.statesByDay.has(d.start));
    if (missing.length > 0) {
      const { state } = this.core;
      const built = this.planning.states(
        {
          now: this.statesNow,
          timeZone: tz,
          engineers: [...state.engineers.values()],
          orders: [...state.orders.values()],
          jeopardyMin: state.policy().jeopardyMin,
        },
        missing,
      );
      built.forEach((s, i) => this.statesByDay.set(missing[i]!.start, s));
    }
    return wanted.map((d) => this.statesByDay.get(d.start)!);
  }

  /**
   * The best appointment windows of the next days for an open order of the cache, or for a call being logged (a
   * draft, with the deadlines the SLA policy gives it now); the caller's preferred days and halves narrow the search.
   */
  findSlots(
    target: { orderId: string } | { draft: z.output<typeof NewOrder> },
    preferences: SlotPreferences = {},
    limit = 5,
  ): SlotSearch {
    const policy = this.core.state.policy();
    let order: WorkOrder;
    if ('orderId' in target) {
      const found = this.core.order(target.orderId);
      if (!found) throw new Error(`there is no order ${target.orderId}`);
      order = found;
    } else {
      const d = target.draft;
      const now = this.now();
      order = {
        ...d,
        window: null,
        sla: slaFor(policy, d.priority, d.customer.tier, now),
        status: 'new',
        booking: null,
        firstTimeFix: null,
        createdAt: now,
        updatedAt: now,
        version: 0,
        rev: 'draft',
      };
    }
    return findSlots(order, this.planningStates(this.now(), SLOT_DAYS), {
      windowMin: slotWindowMin(policy),
      bufferPct: emergencyBufferPct(policy),
      preferences,
      limit,
    });
  }

  /** Every team's capacity on each of `days` days from the one holding `from`, day by day. */
  capacity(from: number, days: number): TeamDayCapacity[] {
    const bufferPct = emergencyBufferPct(this.core.state.policy());
    return this.planningStates(from, Math.min(days, CAPACITY_DAYS)).flatMap((s) => [
      ...teamCapacity(s, bufferPct).values(),
    ]);
  }

  /** Starts a search; progress and the proposal arrive as events for the returned run id. */
  async autoDispatch(request: AutoDispatchRequest): Promise<{ runId: number }> {
    const dayStart = request.dayStart ?? this.todayStart();
    await this.ensureLoaded(dayStart);
    const runId = this.nextRun++;
    const day = this.day(dayStart);
    const run = this.engine.autoDispatch(
      request.scope,
      request.budgetMs,
      request.seed,
      (progress) => {
        for (const l of this.listeners.progress) l({ runId, progress });
      },
      request.objective,
    );
    this.runs.set(runId, run);
    run.result.then(
      (proposal) => {
        this.runs.delete(runId);
        this.proposals.set(runId, { proposal, day });
        for (const l of this.listeners.proposal) l({ runId, proposal, error: null });
      },
      (err: Error) => {
        this.runs.delete(runId);
        for (const l of this.listeners.proposal) l({ runId, proposal: null, error: err.message });
      },
    );
    return { runId };
  }

  cancel(runId: number): void {
    this.runs.get(runId)?.cancel();
  }

  /**
   * Accepts a proposal whole (no order ids) or in part: exactly the chosen moves become one applyPlan mutation, all
   * or nothing. Chosen moves that need others of the proposal (which free their slot) are refused, naming those.
   */
  accept(runId: number, orderIds: readonly string[] | null, label: string): { mutationId: number; moves: number } {
    const held = this.held(runId);
    const ids = orderIds ?? held.proposal.moves.map((m) => m.orderId);
    const { moves, needs, problems } = acceptMoves(this.planState(), held.proposal, ids);
    const problem = problems[0];
    // The problem as data: its order and the engine's reasons (none when the engine gave it only in words).
    const why: Reason[] | null =
      problem?.say && problem.say.length > 0
        ? [{ id: 'orderRefused', args: { order: this.codes(held.proposal, [problem.orderId]), why: problem.say } }]
        : null;
    if (needs.length > 0) {
      const message = `the chosen moves need ${this.codes(held.proposal, needs)} too (${problem!.reason}); choose those as well, or leave this out`;
      // Past three codes the list ends in English words ("and 2 more"): then the English alone.
      const say: Reason[] | undefined =
        why && needs.length <= 3
          ? [{ id: 'movesNeedOthers', args: { orders: this.codes(held.proposal, needs), why } }]
          : undefined;
      throw new LocalRejection('invalid', message, say);
    }
    if (problem)
      throw new LocalRejection(
        'invalid',
        `the plan no longer fits: ${problem.reason}`,
        why ? [{ id: 'planNoLongerFits', args: { why } }] : undefined,
      );
    if (moves.length === 0) throw new Error('nothing to apply');
    const { mutationId } = this.core.mutate('applyPlan', { moves, label, proposal: held.proposal.kind });
    this.proposals.delete(runId);
    return { mutationId, moves: moves.length };
  }

  /**
   * The other moves of a proposal that the chosen ones need with them (they free a slot, van stock or route), and
   * which chosen ones need them; both empty when the chosen moves hold on their own.
   */
  needs(runId: number, orderIds: readonly string[]): { needs: string[]; needing: string[] } {
    return neededWith(this.planState(), this.held(runId).proposal, orderIds);
  }

  private held(runId: number): { proposal: Proposal; day: DispatchDay } {
    const held = this.proposals.get(runId);
    if (!held) throw new Error(`there is no proposal ${runId}; run auto-dispatch again`);
    return held;
  }

  private planState() {
    return buildDispatchState({ ...this.day(this.dayStart), now: this.now() });
  }

  private codes(proposal: Proposal, orderIds: readonly string[]): string {
    const code = (id: string) => proposal.moves.find((m) => m.orderId === id)?.code ?? id;
    return orderIds.length > 3
      ? `${orderIds.slice(0, 3).map(code).join(', ')} and ${orderIds.length - 3} more`
      : orderIds.map(code).join(', ');
  }

  discard(runId: number): void {
    this.cancel(runId);
    this.proposals.delete(runId);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopWaiting?.();
    this.unsubscribe();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const run of this.runs.values()) run.cancel();
    await this.engine.dispose();
  }
}
