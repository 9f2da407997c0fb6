import type { StoreApi } from 'zustand/vanilla';
import type { KpiReport } from '../../../shared/kpi/index.js';
import type { EngineerPosition, MutationArgs, MutationName } from '../../../shared/sync/index.js';
import type { ConsoleState } from '../store/index.js';
import type { ConsoleGateway } from './gateway.js';
import type { AnyAction, BatchItemOutcome, DropVerdict, Move, OrderEventView, StepDone, StepStack } from './views.js';

/**
 * What the views ask of core, in one place and the only way down: each action turns into a named mutation through
 * core (which applies it at once and syncs it later), and a refusal becomes a notice instead of an exception; the
 * reads and the engine's runs go the same way.
 */
export class ConsoleActions {
  constructor(
    private readonly gateway: ConsoleGateway,
    private readonly store: StoreApi<ConsoleState>,
  ) {}

  private base(orderId: string): { version: number; rev: string } | null {
    const o = this.store.getState().orders.get(orderId);
    return o ? { version: o.version, rev: o.rev } : null;
  }

  private async run<N extends MutationName>(name: N, args: MutationArgs<N>, label?: string): Promise<boolean> {
    try {
      await this.gateway.mutate(name, args, label);
      return true;
    } catch (err) {
      this.store.getState().notify('error', (err as Error).message);
      return false;
    }
  }

  /** Logs a new order (a call taken); it is in the queue at once and reaches the server when the link allows. */
  async createOrder(order: MutationArgs<'createOrder'>['order']): Promise<boolean> {
    const done = await this.run('createOrder', { order }, `log ${order.code}`);
    if (done) this.store.getState().selectOrder(order.id);
    return done;
  }

  /** Hands a team to the autopilot, or takes it over for people to dispatch (supervisors only). */
  setAutopilot(team: string, on: boolean): Promise<boolean> {
    return this.run('setAutopilot', { team, on });
  }

  /** Books one order, or moves it if it is booked already. */
  async book(orderId: string, engineerId: string, start: number, pinned?: boolean): Promise<boolean> {
    const o = this.store.getState().orders.get(orderId);
    const base = this.base(orderId);
    if (!o || !base) return false;
    const args = { orderId, base, engineerId, start, ...(pinned === undefined ? {} : { pinned }) };
    return o.booking ? this.run('moveBooking', args) : this.run('assignOrder', args);
  }

  /** Several moves at once, all or none (a bulk move, or accepting part of a proposal). */
  async applyMoves(moves: Move[], label?: string): Promise<boolean> {
    if (moves.length === 1) {
      const [m] = moves;
      if (m!.engineerId && m!.start !== null) return this.book(m!.orderId, m!.engineerId, m!.start);
      if (!m!.engineerId) return this.unassign([m!.orderId]);
    }
    const planned = moves.flatMap((m) => {
      const base = this.base(m.orderId);
      return base ? [{ orderId: m.orderId, base, engineerId: m.engineerId, start: m.start }] : [];
    });
    if (planned.length === 0) return false;
    return this.run('applyPlan', { moves: planned, ...(label ? { label } : {}) });
  }

  async unassign(orderIds: string[]): Promise<boolean> {
    const booked = orderIds.filter((id) => this.store.getState().orders.get(id)?.booking);
    if (booked.length === 0) return false;
    if (booked.length === 1) return this.run('unassignOrder', { orderId: booked[0]!, base: this.base(booked[0]!)! });
    return this.applyMoves(booked.map((orderId) => ({ orderId, engineerId: null, start: null })));
  }

  async setPinned(orderId: string, pinned: boolean): Promise<boolean> {
    const base = this.base(orderId);
    return base ? this.run(pinned ? 'pinBooking' : 'unpinBooking', { orderId, base }) : false;
  }

  async setStatus(orderId: string, status: 'dispatched' | 'scheduled' | 'on_hold' | 'new'): Promise<boolean> {
    const base = this.base(orderId);
    return base ? this.run('setOrderStatus', { orderId, status, base }) : false;
  }

  async cancel(orderId: string, reason: string): Promise<boolean> {
    const base = this.base(orderId);
    return base ? this.run('cancelOrder', { orderId, base, reason }) : false;
  }

  async addNote(orderId: string, text: string): Promise<boolean> {
    return this.run('addNote', { orderId, text });
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
      this.store.getState().notify('error', (err as Error).message);
    }
  }

  private async step(stack: StepStack, take: () => Promise<StepDone>): Promise<void> {
    const state = this.store.getState();
    try {
      const done = await take();
      state.setBlockedStep(done?.blocked ?? null);
      if (done && !done.blocked) state.notify('info', `${stack === 'undo' ? '↶' : '↷'} ${done.label}`);
    } catch (err) {
      state.notify('error', (err as Error).message);
    }
  }

  /** Books an order to the engine's best candidate. */
  async assignBest(orderId: string): Promise<boolean> {
    try {
      const best = (await this.gateway.rankCandidates(orderId)).find((c) => c.feasible && c.start !== null);
      if (!best) {
        this.store.getState().notify('error', 'No engineer can take this order within the rules');
        return false;
      }
      return this.book(orderId, best.engineerId, best.start!);
    } catch (err) {
      this.store.getState().notify('error', (err as Error).message);
      return false;
    }
  }

  verdictFor(orderId: string, engineerId: string, start: number): Promise<DropVerdict> {
    return this.gateway.verdictFor(orderId, engineerId, start);
  }

  /** Changes the SLA policy, based on the version the console holds. */
  async updatePolicy(policy: MutationArgs<'updateSlaPolicy'>['policy']): Promise<boolean> {
    const current = this.store.getState().policy;
    if (!current) return false;
    return this.run('updateSlaPolicy', { base: { version: current.version, rev: current.rev }, policy });
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

  /** Takes the rejected actions from core into the store. */
  async refreshConflicts(): Promise<void> {
    this.store.getState().setConflicts(await this.gateway.conflicts());
  }

  /** Re-applies a rejected action on the current state (or drops it); a refusal becomes a notice. */
  async settleConflict(mutationId: number, how: 'retry' | 'discard'): Promise<void> {
    try {
      await (how === 'retry' ? this.gateway.retryConflict(mutationId) : this.gateway.discardConflict(mutationId));
    } catch (err) {
      this.store.getState().notify('error', (err as Error).message);
    }
    await this.refreshConflicts();
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

  breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]> {
    return this.gateway.breadcrumbs(engineerId, from, to);
  }

  printToPdf(fileName: string): Promise<{ path: string } | null> {
    return this.gateway.printToPdf(fileName);
  }

  /** Starts an auto-dispatch search; progress and the proposal arrive through the listeners below. */
  startAutoDispatch(request: Parameters<ConsoleGateway['autoDispatch']>[0]): Promise<{ runId: number }> {
    return this.gateway.autoDispatch(request);
  }

  cancelAutoDispatch(runId: number): Promise<void> {
    return this.gateway.cancelDispatch(runId);
  }

  /** Applies the whole proposal (orderIds null) or the moves of the orders picked. */
  acceptProposal(runId: number, orderIds: string[] | null, label: string): Promise<{ moves: number }> {
    return this.gateway.acceptProposal(runId, orderIds, label);
  }

  proposalNeeds(runId: number, orderIds: string[]): Promise<{ needs: string[]; needing: string[] }> {
    return this.gateway.proposalNeeds(runId, orderIds);
  }

  discardProposal(runId: number): Promise<void> {
    return this.gateway.discardProposal(runId);
  }

  onDispatchProgress(listener: Parameters<ConsoleGateway['onDispatchProgress']>[0]): () => void {
    return this.gateway.onDispatchProgress(listener);
  }

  onProposal(listener: Parameters<ConsoleGateway['onProposal']>[0]): () => void {
    return this.gateway.onProposal(listener);
  }
}
