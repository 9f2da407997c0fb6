import type { StoreApi } from 'zustand/vanilla';
import type { Proposal } from '../../../shared/dispatch/index.js';
import type { KpiReport } from '../../../shared/kpi/index.js';
import { bookingLateness, orderSla } from '../../../shared/sla/index.js';
import type { EngineerPosition, MutationArgs, MutationName } from '../../../shared/sync/index.js';
import { actionWords, stepDoneWords } from '../i18n/action-words.js';
import { formatDateTime, formatDay, formatDuration, formatTime, formatTimeOn } from '../i18n/format.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import { refusalOf, type ConsoleState, type LateBooking } from '../store/index.js';
import { teamLabel } from '../i18n/domain-labels.js';
import { engineerName, engineerNames } from '../i18n/names.js';
import { statementWords } from '../i18n/punctuation.js';
import { reasonWords, refusalWords } from '../i18n/reason-words.js';
import { bookSlotAction, createWithSlot } from './slot-booking.js';
import type { ConsoleGateway, DispatchProgressEvent, ProposalEvent } from './gateway.js';
import type {
  AnyAction,
  BatchItemOutcome,
  CandidateList,
  Conflict,
  ConflictOverride,
  CandidateView,
  DropVerdict,
  Move,
  OrderEventView,
  RuleOverride,
  RuleVerdict,
  RuleViolation,
  SlotOffer,
  SlotQuery,
  SlotSearch,
  StepDone,
  StepStack,
  TeamDayCapacity,
} from './views.js';

/** A refused action whose bookings now break a hard rule: the override question to ask before it is re-applied. */
export interface ConflictQuestion {
  mutationId: number;
  /** Every booking the action makes. */
  moves: Move[];
  /** Those that break a hard rule, with the rules. */
  broken: Array<{ move: Move; rules: RuleVerdict[] }>;
}

/** How many confirmed changes are remembered for a later refusal (far more than an outage's worth of a dispatcher's work). */
const CONFIRMED_KEPT = 1000;

/**
 * What the views ask of core, in one place and the only way down: each action turns into a named mutation through
 * core (which applies it at once and syncs it later); a refusal becomes a notice instead of an exception, and a
 * success says what was done (replacing an earlier refusal, which no longer applies). When the server later refuses a
 * change this console confirmed, a notice says it was refused (in place of its confirmation if that is still shown).
 * The reads and the engine's runs go the same way.
 */
export class ConsoleActions {
  /** Stored changes this console confirmed (mutation ids, oldest first): the server refusing one later is news. */
  private readonly confirmed = new Set<number>();
  /** Refused changes already told, so each is told once. */
  private readonly toldRefused = new Set<number>();

  constructor(
    private readonly gateway: ConsoleGateway,
    private readonly store: StoreApi<ConsoleState>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The console's words in its current language. */
  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.store.getState().locale, key, params);
  }

  private time(at: number): string {
    const s = this.store.getState();
    return formatTime(at, s.locale, s.timeZone);
  }

  /** A booking's start as a notice says it: the time alone today, with its day on any other day. */
  private when(at: number): string {
    const s = this.store.getState();
    return formatTimeOn(at, this.now(), s.locale, s.timeZone);
  }

  private code(orderId: string): string {
    return this.store.getState().orders.get(orderId)?.code ?? orderId;
  }

  /** Every engineer as notices name them, keyed by id (engineerNames). */
  private engineerNames(): ReadonlyMap<string, string> {
    const s = this.store.getState();
    return engineerNames(s.engineers.values(), s.locale);
  }

  /** An engineer as notices name them: with their team (and short id) when another has the same name. */
  private engineerName(engineerId: string): string {
    const s = this.store.getState();
    return engineerName(s.engineers, engineerId, s.locale);
  }

  /** The engineer of a slot offer, named as notices name engineers (the offer's name when not in the cache). */
  private slotEngineerName(slot: SlotOffer): string {
    return this.store.getState().engineers.has(slot.engineerId)
      ? this.engineerName(slot.engineerId)
      : slot.engineerName;
  }

  private refused(err: unknown): void {
    const { locale } = this.store.getState();
    this.store
      .getState()
      .notify('error', this.t('notice.refused', { reason: refusalWords(err, locale, this.engineerNames()) }));
  }

  private base(orderId: string): { version: number; rev: string } | null {
    const o = this.store.getState().orders.get(orderId);
    return o ? { version: o.version, rev: o.rev } : null;
  }

  /** Stores an action; on success says `done` (when given), on a refusal says why. */
  private async run<N extends MutationName>(
    name: N,
    args: MutationArgs<N>,
    label?: string,
    done?: string,
  ): Promise<boolean> {
    try {
      const { mutationId } = await this.gateway.mutate(name, args, label);
      this.succeeded(done, mutationId);
      return true;
    } catch (err) {
      this.refused(err);
      return false;
    }
  }

  /**
   * A success: its confirmation replaces whatever the console said before; without one, an old refusal goes. A
   * confirmation of a stored change (`change`, its mutation id) that the server has refused already says so instead.
   */
  private succeeded(done?: string, change?: number): void {
    const s = this.store.getState();
    if (!done) {
      if (s.notice?.kind === 'error') s.dismissNotice();
      return;
    }
    if (change === undefined) return s.notify('info', done);
    const refused = s.conflicts.find((c) => c.mutationId === change);
    if (refused) return this.changeRefused(refused);
    s.confirmChange(done, change);
    this.confirmed.add(change);
    if (this.confirmed.size > CONFIRMED_KEPT) this.confirmed.delete(this.confirmed.values().next().value!);
  }

  /** A change the server refused, in place of its confirmation: what, why, and where to settle it. */
  private changeRefused(conflict: Conflict): void {
    const s = this.store.getState();
    const what = actionWords(conflict.label, s.locale, s.timeZone, this.engineerNames());
    const reason = reasonWords({ reason: conflict.message, say: conflict.say }, s.locale, this.engineerNames());
    s.notify('error', this.t('notice.changeRefused', { what, reason }));
  }

  /** Logs a new order (a call taken); it is in the queue at once and reaches the server when the link allows. */
  async createOrder(order: MutationArgs<'createOrder'>['order']): Promise<boolean> {
    const done = await this.run(
      'createOrder',
      { order },
      this.t('newOrder.label', { code: order.code }),
      this.t('notice.logged', { code: order.code }),
    );
    if (done) this.store.getState().selectOrder(order.id);
    return done;
  }

  /** Hands a team to the autopilot, or takes it over for people to dispatch (supervisors only). */
  setAutopilot(team: string, on: boolean): Promise<boolean> {
    return this.run(
      'setAutopilot',
      { team, on },
      undefined,
      this.t(on ? 'notice.autopilotOn' : 'notice.autopilotOff', {
        team: teamLabel(team, this.store.getState().locale),
      }),
    );
  }

  /**
   * Books one order, or moves it if it is booked already. `options.override` carries the hard rules the dispatcher
   * confirmed breaking, for the audit trail.
   */
  async book(
    orderId: string,
    engineerId: string,
    start: number,
    pinned?: boolean,
    options: { label?: string; done?: string; override?: RuleOverride } = {},
  ): Promise<boolean> {
    const o = this.store.getState().orders.get(orderId);
    const base = this.base(orderId);
    if (!o || !base) return false;
    const args = {
      orderId,
      base,
      engineerId,
      start,
      ...(pinned === undefined ? {} : { pinned }),
      ...(options.override ? { override: options.override } : {}),
    };
    const done =
      options.done ??
      this.t('notice.booked', { code: o.code, name: this.engineerName(engineerId), time: this.when(start) });
    return o.booking
      ? this.run('moveBooking', args, options.label, done)
      : this.run('assignOrder', args, options.label, done);
  }

  /** Several moves at once, all or none (a bulk move, or accepting part of a proposal). */
  async applyMoves(moves: Move[], label?: string): Promise<boolean> {
    if (moves.length === 1) {
      const [m] = moves;
      if (m!.engineerId && m!.start !== null)
        return this.book(m!.orderId, m!.engineerId, m!.start, undefined, m!.override ? { override: m!.override } : {});
      if (!m!.engineerId) return this.unassign([m!.orderId]);
    }
    const planned = moves.flatMap((m) => {
      const base = this.base(m.orderId);
      return base
        ? [
            {
              orderId: m.orderId,
              base,
              engineerId: m.engineerId,
              start: m.start,
              ...(m.override ? { override: m.override } : {}),
            },
          ]
        : [];
    });
    if (planned.length === 0) return false;
    const done = this.t('notice.planApplied', { n: planned.length });
    return this.run('applyPlan', { moves: planned, ...(label ? { label } : {}) }, undefined, done);
  }

  async unassign(orderIds: string[]): Promise<boolean> {
    const booked = orderIds.filter((id) => this.store.getState().orders.get(id)?.booking);
    if (booked.length === 0) return false;
    if (booked.length === 1) {
      const [orderId] = booked as [string];
      const done = this.t('notice.unassigned', { code: this.code(orderId) });
      return this.run('unassignOrder', { orderId, base: this.base(orderId)! }, undefined, done);
    }
    return this.applyMoves(booked.map((orderId) => ({ orderId, engineerId: null, start: null })));
  }

  async setPinned(orderId: string, pinned: boolean): Promise<boolean> {
    const base = this.base(orderId);
    const done = this.t(pinned ? 'notice.pinned' : 'notice.unpinned', { code: this.code(orderId) });
    return base ? this.run(pinned ? 'pinBooking' : 'unpinBooking', { orderId, base }, undefined, done) : false;
  }

  async setStatus(orderId: string, status: 'dispatched' | 'scheduled' | 'on_hold' | 'new'): Promise<boolean> {
    const base = this.base(orderId);
    const done = this.t('notice.status', { code: this.code(orderId), status: this.t(`status.${status}`) });
    return base ? this.run('setOrderStatus', { orderId, status, base }, undefined, done) : false;
  }

  async cancel(orderId: string, reason: string): Promise<boolean> {
    const base = this.base(orderId);
    const done = this.t('notice.cancelled', { code: this.code(orderId) });
    return base ? this.run('cancelOrder', { orderId, base, reason }, undefined, done) : false;
  }

  async addNote(orderId: string, text: string): Promise<boolean> {
    return this.run('addNote', { orderId, text }, undefined, this.t('notice.noted', { code: this.code(orderId) }));
  }

  async undo(): Promise<void> {
    await this.step('undo', () => this.gateway.undo());
  }

  async redo(): Promise<void> {
    await this.step('redo', () => this.gateway.redo());
  }

  /**
   * What became of the latest undo (or redo) step that met a later change: taken anyway on top of it, dropped, or
   * kept for later.
   */
  async settleBlockedStep(how: 'force' | 'drop' | 'keep'): Promise<void> {
    const blocked = this.store.getState().blockedStep;
    if (!blocked) return;
    if (how === 'keep') return this.store.getState().setBlockedStep(null);
    if (how === 'force') return this.step(blocked.stack, () => this.gateway.forceStep(blocked.stack));
    try {
      await this.gateway.dropStep(blocked.stack);
      this.store.getState().setBlockedStep(null);
    } catch (err) {
      this.refused(err);
    }
  }

  /**
   * Takes an undo (or redo) step and says what became of it. Done: its glyph and label, a confirmation that gives way
   * to the server's refusal should the server refuse the change later. Nothing to take: a refusal that says so. Held
   * back by a later change: the blocked-step panel says it, and an earlier confirmation goes (it no longer holds).
   */
  private async step(stack: StepStack, take: () => Promise<StepDone>): Promise<void> {
    try {
      const done = await take();
      const state = this.store.getState();
      state.setBlockedStep(done?.blocked ?? null);
      if (!done) {
        const reason = this.t(stack === 'undo' ? 'history.nothingToUndo' : 'history.nothingToRedo');
        return state.notify('error', this.t('notice.refused', { reason }));
      }
      if (done.blocked) {
        if (state.notice?.kind === 'info') state.dismissNotice();
        return;
      }
      const text = `${stack === 'undo' ? '↶' : '↷'} ${stepDoneWords(done, stack, state.locale, state.timeZone, this.engineerNames())}`;
      this.succeeded(text, done.mutationId);
    } catch (err) {
      this.refused(err);
    }
  }

  /**
   * Books an order to the engine's best candidate. When nobody can take it today, the earliest slot on the next
   * working day is taken instead (looking up to a week ahead). When that slot misses one of the order's SLA clocks
   * nothing is booked: the console asks the dispatcher first (the late booking in the store), who books it late
   * knowingly (`bookLate`), asks the engine for an emergency reshuffle (`emergency`) or lets it be.
   */
  async assignBest(orderId: string): Promise<boolean> {
    const state = this.store.getState();
    const order = state.orders.get(orderId);
    if (!order) return false;
    try {
      const best = (await this.gateway.rankCandidates(orderId)).find((c) => c.feasible && c.start !== null);
      if (best) return await this.bookUnlessLate(orderId, best.engineerId, best.start!, best.end ?? undefined);
      const later = await this.laterDaySlot(orderId);
      if (!later) {
        // About this order as it was ranked: once it changes (booked by someone else, cancelled) this no longer holds.
        state.notify('error', this.t('notice.noCandidate', { code: order.code }), { orderId, rev: order.rev });
        return false;
      }
      return await this.bookUnlessLate(orderId, later.engineerId, later.start!, later.end ?? undefined, true);
    } catch (err) {
      this.refused(err);
      return false;
    }
  }

  /**
   * The earliest feasible slot on the first of the next days (up to a week) on which anyone can take the order: one
   * question to core's engine, which looks at those days in one pass.
   */
  laterDaySlot(orderId: string): Promise<CandidateView | null> {
    return this.gateway.laterDay(orderId);
  }

  /** The candidate list for an order: every engineer ranked on the cache, and the smallest changes when nobody fits. */
  candidateList(orderId: string): Promise<CandidateList> {
    return this.gateway.candidateList(orderId);
  }

  /** Appointment windows to offer a caller, for an open order or a call being logged; worked out on the cache. */
  findSlots(query: SlotQuery): Promise<SlotSearch> {
    return this.gateway.findSlots(query);
  }

  /**
   * Gives an order the appointment window the caller picked, as one action (one undo step, offline too): a call being
   * logged (`order`) is created with it, an open order (`orderId`) gets it; booked to the slot's engineer, or, with
   * `withEngineer` false ("any engineer"), left in the queue with the window promised. A window that misses the SLA,
   * taken knowingly after the finder asked (`late`: how late the arrival is against the latest start that keeps the
   * SLA, and that start), marks the order as other late bookings do: a note in its trail says it was booked late
   * knowingly, and how late.
   */
  async bookSlot(
    target: { order: MutationArgs<'createOrder'>['order'] } | { orderId: string },
    slot: SlotOffer,
    withEngineer: boolean,
    late: { lateMs: number; dueAt: number } | null = null,
  ): Promise<boolean> {
    const s = this.store.getState();
    const window = `${formatDateTime(slot.start, s.locale, s.timeZone)}–${this.time(slot.end)}`;
    const code = 'order' in target ? target.order.code : this.code(target.orderId);
    const label = this.t('slots.label', { code, window });
    const done = withEngineer
      ? this.t('notice.slotBooked', { code, window, name: this.slotEngineerName(slot) })
      : this.t('notice.slotQueued', { code, window });
    let ok: boolean;
    if ('order' in target) {
      ok = await this.run('createOrder', createWithSlot(target.order, slot, withEngineer), label, done);
      if (ok) this.store.getState().selectOrder(target.order.id);
    } else {
      const base = this.base(target.orderId);
      if (!base) return false;
      const action = bookSlotAction(target.orderId, base, slot, withEngineer);
      ok =
        action.name === 'assignOrder'
          ? await this.run('assignOrder', action.args, label, done)
          : await this.run('updateOrder', action.args, label, done);
    }
    if (ok && late)
      await this.markLateSlot('order' in target ? target.order.id : target.orderId, slot, withEngineer, late);
    return ok;
  }

  /** The note in the trail of an order given a window that misses the SLA, knowingly: the window, who, how late. */
  private async markLateSlot(
    orderId: string,
    slot: SlotOffer,
    withEngineer: boolean,
    late: { lateMs: number; dueAt: number },
  ): Promise<void> {
    const s = this.store.getState();
    const sameDay = formatDay(late.dueAt, s.locale, s.timeZone) === formatDay(slot.plannedStart, s.locale, s.timeZone);
    const words = {
      window: `${formatDateTime(slot.start, s.locale, s.timeZone)}–${this.time(slot.end)}`,
      name: this.slotEngineerName(slot),
      late: formatDuration(late.lateMs, s.locale),
      due: sameDay ? this.time(late.dueAt) : formatDateTime(late.dueAt, s.locale, s.timeZone),
    };
    try {
      const text = this.t(withEngineer ? 'slots.late.note' : 'slots.late.notePromise', words);
      await this.gateway.mutate('addNote', { orderId, text });
    } catch (err) {
      this.refused(err);
    }
  }

  /** Every team's capacity on each of `days` days from the one holding `from`. */
  capacity(from: number, days: number): Promise<TeamDayCapacity[]> {
    return this.gateway.capacity(from, days);
  }

  /**
   * Books an order on an engineer at a time unless that misses one of its SLA clocks: then nothing is booked and the
   * console asks first (the late booking in the store), as for the best candidate.
   */
  async bookUnlessLate(
    orderId: string,
    engineerId: string,
    start: number,
    end?: number,
    laterDay = false,
    picked = false,
  ): Promise<boolean> {
    const s = this.store.getState();
    const order = s.orders.get(orderId);
    if (!order) return false;
    const until = end ?? start + order.durationMin * 60_000;
    const lateness = bookingLateness(orderSla(order, this.now(), s.policy, s.slaTimelines.get(orderId)), start, until);
    if (lateness) {
      s.askLateBooking({
        orderId,
        code: order.code,
        engineerId,
        name: this.engineerName(engineerId),
        start,
        end: until,
        lateness,
        laterDay,
        ...(picked ? { picked } : {}),
      });
      return false;
    }
    return this.book(orderId, engineerId, start);
  }

  /**
   * Takes a lower-priority job off an engineer's day (back to the queue) and books the order in the room it leaves,
   * as one plan and one undo step: the smallest change the engine found when nobody could take the order.
   */
  async bumpAndBook(orderId: string, engineerId: string, start: number, bumpedId: string): Promise<boolean> {
    const label = this.t('candidates.bumpLabel', { code: this.code(orderId), bumped: this.code(bumpedId) });
    return this.applyMoves(
      [
        { orderId: bumpedId, engineerId: null, start: null },
        { orderId, engineerId, start },
      ],
      label,
    );
  }

  /**
   * How late a booking is, in words: "3 h 45 min after its respond-by (10:15)", the deadline's day given when it is
   * not today ("(Wed 9 Dec 05:50)").
   */
  lateWords(lateness: LateBooking['lateness']): string {
    return this.t(lateness.deadline === 'respond' ? 'late.afterRespond' : 'late.afterResolve', {
      late: formatDuration(lateness.lateMs, this.store.getState().locale),
      due: this.when(lateness.dueAt),
    });
  }

  /**
   * The late question's first line: the engine's best slot, the earliest on a later day, or the one the dispatcher
   * picked from the candidate list (not called the best then) — who, when (with its day unless today) and how late.
   */
  lateQuestion(late: LateBooking): string {
    const s = this.store.getState();
    const key = late.laterDay ? 'late.earliest' : late.picked ? 'late.picked' : 'late.best';
    return this.t(key, {
      name: late.name,
      time: late.laterDay ? formatDateTime(late.start, s.locale, s.timeZone) : this.when(late.start),
      late: this.lateWords(late.lateness),
    });
  }

  /** Books the late slot the dispatcher was warned about, and marks the order: a note in its trail says how late. */
  async bookLate(late: LateBooking): Promise<boolean> {
    const s = this.store.getState();
    s.askLateBooking(null);
    const words = this.lateWords(late.lateness);
    const booked = await this.book(late.orderId, late.engineerId, late.start, undefined, {
      label: this.t('late.label', { code: late.code }),
      done: this.t('notice.bookedLate', {
        code: late.code,
        name: late.name,
        time: this.when(late.start),
        late: words,
      }),
    });
    if (!booked) return false;
    await this.markLate(late.orderId, late.name, late.lateness);
    return true;
  }

  /** The engine's emergency reshuffle for an order: a proposal that bumps lower-priority work, to accept or discard. */
  emergency(orderId: string): Promise<{ runId: number; proposal: Proposal }> {
    return this.gateway.emergency(orderId);
  }

  /**
   * Accepts an emergency reshuffle whole: one plan, one undo step. When it still leaves the order late (`stillLate`),
   * the order is marked as a late booking is.
   */
  async acceptEmergency(
    runId: number,
    code: string,
    stillLate: { name: string; lateness: LateBooking['lateness'] } | null = null,
  ): Promise<boolean> {
    const late = this.store.getState().lateBooking;
    this.store.getState().askLateBooking(null);
    try {
      const label = this.t('late.reshuffleLabel', { code });
      const { mutationId, moves } = await this.gateway.acceptProposal(runId, null, label);
      this.succeeded(this.t('notice.reshuffled', { code, n: moves }), mutationId);
    } catch (err) {
      this.refused(err);
      return false;
    }
    if (stillLate && late) await this.markLate(late.orderId, stillLate.name, stillLate.lateness);
    return true;
  }

  private async markLate(orderId: string, name: string, lateness: LateBooking['lateness']): Promise<void> {
    try {
      const text = this.t('late.note', { name, late: this.lateWords(lateness) });
      await this.gateway.mutate('addNote', { orderId, text });
    } catch (err) {
      this.refused(err);
    }
  }

  /** The rules and cost of a drop; `dayStart`: judged on that day (the candidate list's), not the work's own. */
  verdictFor(orderId: string, engineerId: string, start: number, dayStart?: number): Promise<DropVerdict> {
    return this.gateway.verdictFor(orderId, engineerId, start, dayStart);
  }

  /** The bookings starting in [from, to) that break a hard rule, as core's engine judges the cache. */
  violations(from: number, to: number): Promise<RuleViolation[]> {
    return this.gateway.violations(from, to);
  }

  /** Changes the SLA policy, based on the version the console holds. */
  async updatePolicy(policy: MutationArgs<'updateSlaPolicy'>['policy']): Promise<boolean> {
    const current = this.store.getState().policy;
    if (!current) return false;
    const base = { version: current.version, rev: current.rev };
    return this.run('updateSlaPolicy', { base, policy }, undefined, this.t('sla.policy.saved'));
  }

  /**
   * Many actions as one (the rows of an import): each stored or refused on its own, one undo step; outcomes in
   * order, progress as parts are stored. Rejects only when core cannot be reached at all.
   */
  storeAll(
    actions: readonly AnyAction[],
    label: string,
    onProgress?: (done: number) => void,
  ): Promise<BatchItemOutcome[]> {
    return this.gateway.mutateAll(actions, label, onProgress);
  }

  /** Dismisses escalations for this console's user: off the list here at once, and in every other window and console of the user. */
  async ackSlaAlerts(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    this.store.getState().dropSlaAlerts(ids);
    try {
      for (let i = 0; i < ids.length; i += 100) await this.gateway.ackSlaAlerts(ids.slice(i, i + 100));
    } catch (err) {
      this.refused(err);
    }
  }

  /**
   * Takes the rejected actions from core into the store. A confirmation still shown of a change among them no longer
   * holds: a notice that the server refused it takes its place.
   */
  async refreshConflicts(): Promise<void> {
    const conflicts = await this.gateway.conflicts();
    const s = this.store.getState();
    s.setConflicts(conflicts);
    // Changes this console confirmed that the server has refused since the last look: news, whether or not their
    // confirmation is still shown (it fades after a few seconds; a refusal can come much later, after an outage).
    const fresh = conflicts.filter((c) => this.confirmed.has(c.mutationId) && !this.toldRefused.has(c.mutationId));
    for (const c of fresh) this.toldRefused.add(c.mutationId);
    const shown = refusalOf(s.notice, conflicts);
    if (fresh.length > 1) s.notify('error', this.t('notice.changesRefused', { n: fresh.length }));
    else if (fresh.length === 1 || shown) this.changeRefused(fresh[0] ?? shown!);
  }

  /**
   * Re-applies a rejected action on the current state, or drops it; a refusal becomes a notice. A re-applied action is
   * judged as a drop is: each booking it makes goes through the engine's rule check first, and when one now breaks a
   * hard rule nothing is stored: the bookings and the rules they break come back, for the console to ask the override
   * question (or say why not, for a rule that cannot be overridden). The dispatcher's answer comes back as `overrides`
   * (the rules confirmed, per order), which the re-applied action then carries, as a confirmed drop does.
   */
  async settleConflict(
    mutationId: number,
    how: 'retry' | 'discard',
    overrides?: ConflictOverride[],
  ): Promise<ConflictQuestion | null> {
    try {
      if (how === 'discard') await this.gateway.discardConflict(mutationId);
      else {
        let asked: ConflictQuestion | ConflictOverride[];
        try {
          asked = overrides ?? (await this.ruleCheck(mutationId));
        } catch (err) {
          const { locale } = this.store.getState();
          this.store.getState().notify('error', this.t('override.checkFailed', { error: refusalWords(err, locale) }));
          return null;
        }
        if (!Array.isArray(asked)) return asked;
        await this.gateway.retryConflict(mutationId, asked);
      }
      this.succeeded();
    } catch (err) {
      this.refused(err);
    }
    await this.refreshConflicts();
    return null;
  }

  /**
   * Re-applies refused changes (a Conflicts card's) in the order they were made, each as settleConflict does. One that
   * now breaks a hard rule is put to the dispatcher (`answer`: the overrides they confirmed, or null when they did not)
   * and re-applied with what they confirmed; one they did not confirm is skipped (it stays in Conflicts) and the rest
   * go on. The skipped ones are named at the end. Returns their ids.
   */
  async reapplyConflicts(
    mutationIds: readonly number[],
    answer: (question: ConflictQuestion) => Promise<ConflictOverride[] | null>,
  ): Promise<number[]> {
    const listed = new Map(this.store.getState().conflicts.map((c) => [c.mutationId, c]));
    const skipped: number[] = [];
    for (const id of mutationIds) {
      const question = await this.settleConflict(id, 'retry');
      if (!question) continue;
      const overrides = await answer(question);
      if (overrides) await this.settleConflict(id, 'retry', overrides);
      else skipped.push(id);
    }
    if (skipped.length > 0) {
      const s = this.store.getState();
      const what = skipped.map((id) => {
        const c = listed.get(id);
        return c ? actionWords(c.label, s.locale, s.timeZone) : `#${id}`;
      });
      s.notify('info', this.t('conflicts.skipped', { n: skipped.length, what: statementWords(what, s.locale) }));
    }
    return skipped;
  }

  /** The engine's verdicts on the bookings a refused action makes: the question to ask, or no override needed. */
  private async ruleCheck(mutationId: number): Promise<ConflictQuestion | ConflictOverride[]> {
    const conflict = this.store.getState().conflicts.find((c) => c.mutationId === mutationId);
    const moves: Move[] = (conflict?.bookings ?? []).map((b) => ({ ...b }));
    const verdicts = await Promise.all(moves.map((m) => this.gateway.verdictFor(m.orderId, m.engineerId!, m.start!)));
    const broken = moves.flatMap((move, i) => {
      const rules = verdicts[i]!.verdicts.filter((v) => v.hard && !v.ok);
      return rules.length > 0 ? [{ move, rules }] : [];
    });
    return broken.length > 0 ? { mutationId, moves, broken } : [];
  }

  setWorkOffline(offline: boolean): Promise<void> {
    return this.gateway.setWorkOffline(offline);
  }

  orderEvents(orderId: string): Promise<OrderEventView[]> {
    return this.gateway.orderEvents(orderId);
  }

  kpis(from: number, to: number, team: string | null): Promise<KpiReport> {
    return this.gateway.kpis(from, to, team);
  }

  /** Issues a tracking link for the customer of an order and copies it; says so either way. Returns the link. */
  async copyTrackingLink(orderId: string): Promise<string | null> {
    const s = this.store.getState();
    // Working offline by choice: the server is not asked for anything, a link included.
    if (s.status.state === 'paused') {
      s.notify('error', this.t('notice.trackingLinkFailed', { reason: this.t('notice.trackingLinkOffline') }));
      return null;
    }
    try {
      const url = await this.gateway.trackingLink(orderId);
      await navigator.clipboard.writeText(url).catch(() => undefined);
      s.notify('info', this.t('notice.trackingLinkCopied', { code: this.code(orderId), url }));
      return url;
    } catch (err) {
      // The server issues links: offline, say so; a refusal with its reasons as data reads in the console's
      // language; anything else (a network error's own text) is not shown as such.
      const state = this.store.getState().status.state;
      const online = state === 'online' || state === 'syncing';
      const said = err instanceof Error && 'say' in err && Array.isArray((err as { say?: unknown }).say);
      const reason = !online
        ? this.t('notice.trackingLinkOffline')
        : said
          ? refusalWords(err, s.locale)
          : this.t('notice.trackingLinkNoAnswer');
      s.notify('error', this.t('notice.trackingLinkFailed', { reason }));
      return null;
    }
  }

  breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]> {
    return this.gateway.breadcrumbs(engineerId, from, to);
  }

  printToPdf(fileName: string): Promise<{ path: string } | null> {
    return this.gateway.printToPdf(fileName);
  }

  /**
   * Starts an auto-dispatch search: its run id, and its outcome (the proposal, or why there is none). Progress goes to
   * `onProgress`. A search can end before its run id comes back (a day nobody works is planned in no time), so the
   * outcome is listened for from the moment the search is asked for: none is missed.
   */
  async startAutoDispatch(
    request: Parameters<ConsoleGateway['autoDispatch']>[0],
    onProgress: (p: DispatchProgressEvent) => void,
  ): Promise<{ runId: number; outcome: Promise<ProposalEvent> }> {
    const early: ProposalEvent[] = [];
    let runId: number | null = null;
    let deliver: ((p: ProposalEvent) => void) | null = null;
    const offProposal = this.gateway.onProposal((p) => {
      if (runId === null) early.push(p);
      else if (p.runId === runId) deliver?.(p);
    });
    const offProgress = this.gateway.onDispatchProgress((p) => {
      if (p.runId === runId) onProgress(p);
    });
    const stop = () => {
      offProposal();
      offProgress();
    };
    try {
      runId = (await this.gateway.autoDispatch(request)).runId;
    } catch (err) {
      stop();
      throw err;
    }
    const id = runId;
    const outcome = new Promise<ProposalEvent>((resolve) => {
      deliver = resolve;
      const arrived = early.find((p) => p.runId === id);
      if (arrived) resolve(arrived);
    });
    void outcome.then(stop);
    return { runId: id, outcome };
  }

  cancelAutoDispatch(runId: number): Promise<void> {
    return this.gateway.cancelDispatch(runId);
  }

  /**
   * Applies the whole proposal (orderIds null) or the moves of the orders picked, and confirms it as any other change
   * ("Auto-dispatch: 24 moves accepted"), a confirmation that gives way to the server's refusal should it refuse.
   */
  async acceptProposal(
    runId: number,
    orderIds: string[] | null,
    label: string,
  ): Promise<{ mutationId: number; moves: number }> {
    const accepted = await this.gateway.acceptProposal(runId, orderIds, label);
    this.succeeded(this.t('notice.proposalAccepted', { n: accepted.moves }), accepted.mutationId);
    return accepted;
  }

  proposalNeeds(runId: number, orderIds: string[]): Promise<{ needs: string[]; needing: string[] }> {
    return this.gateway.proposalNeeds(runId, orderIds);
  }

  discardProposal(runId: number): Promise<void> {
    return this.gateway.discardProposal(runId);
  }
}
