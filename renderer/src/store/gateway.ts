import type { Engineer, OrderEvent, SlaPolicy, WorkOrder } from '../../../shared/domain/index.js';
import type { Proposal } from '../../../shared/dispatch/index.js';
import type { KpiReport } from '../../../shared/kpi/index.js';
import type { SlaTimeline } from '../../../shared/sla/index.js';
import type { EngineerPosition, MutationArgs, MutationName, Principal } from '../../../shared/sync/index.js';

/** An order as the console shows it: with a mark when it carries changes not yet on the server. */
export type OrderView = WorkOrder & { pending: boolean };
export type EngineerView = Engineer & { pending: boolean };

/** Any named mutation with its own arguments. */
export type AnyAction = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

/** What became of one action of a batch. */
export type BatchItemOutcome = { ok: true; mutationId: number } | { ok: false; code: string; message: string };

/** The sync link as the status bar shows it. */
export interface SyncStatusView {
  state: 'offline' | 'connecting' | 'online' | 'syncing' | 'paused' | 'update_required' | 'unauthorized';
  pending: number;
  conflicts: number;
  lastSyncAt: number | null;
  message: string | null;
}

export interface ConflictView {
  mutationId: number;
  name: string;
  label: string;
  code: string;
  message: string;
  createdAt: number;
  rejectedAt: number | null;
}

export interface HistoryView {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface SnapshotView {
  orders: OrderView[];
  engineers: EngineerView[];
  policy: SlaPolicy;
  positions: EngineerPosition[];
  status: SyncStatusView;
  principal: Principal;
}

export interface ChangesView {
  orders: OrderView[];
  engineers: EngineerView[];
  policy: SlaPolicy | null;
  eventOrderIds: string[];
  reset: boolean;
}

/** A breached deadline core has just escalated (already in the audit trail and the outbox). */
export interface SlaAlertView {
  id: string;
  orderId: string;
  code: string;
  customer: string;
  priority: string;
  deadline: 'respond' | 'resolve';
  dueAt: number;
  detectedAt: number;
}

/** One rule's judgement of a proposed booking, in words. */
export interface RuleVerdict {
  rule: string;
  ok: boolean;
  message: string;
}

/** What the engine says about dropping an order on an engineer at a time. */
export interface DropVerdict {
  feasible: boolean;
  verdicts: RuleVerdict[];
  /** Change in the plan's cost in minutes-equivalent (negative is better). */
  costDelta: number | null;
  travelMin: number | null;
}

/** An engineer the engine considers for an order: the best slot they have, or why they cannot take it. */
export interface CandidateView {
  engineerId: string;
  feasible: boolean;
  start: number | null;
  costDelta: number | null;
  travelMin: number | null;
  reasons: string[];
}

/**
 * Everything the console asks of core. Implemented over the typed IPC client (Electron's preload or the web host's
 * socket); the store never talks to anything else.
 */
export interface ConsoleGateway {
  snapshot(): Promise<SnapshotView>;
  onChanges(listener: (changes: ChangesView) => void): () => void;
  onPositions(listener: (positions: EngineerPosition[]) => void): () => void;
  onStatus(listener: (status: SyncStatusView) => void): () => void;
  onHistory(listener: (history: HistoryView) => void): () => void;
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>, label?: string): Promise<{ mutationId: number }>;
  /**
   * Many actions as one (an import): each stored or refused on its own, one undo step; outcomes in order. Sent in
   * parts when large, telling how many actions are done after each.
   */
  mutateAll(
    actions: readonly AnyAction[],
    label: string,
    onProgress?: (done: number) => void,
  ): Promise<BatchItemOutcome[]>;
  undo(): Promise<{ label: string } | null>;
  redo(): Promise<{ label: string } | null>;
  history(): Promise<HistoryView>;
  conflicts(): Promise<ConflictView[]>;
  retryConflict(mutationId: number): Promise<void>;
  discardConflict(mutationId: number): Promise<void>;
  setWorkOffline(offline: boolean): Promise<void>;
  orderEvents(orderId: string): Promise<Array<OrderEvent & { pending: boolean }>>;
  /** The KPIs of a period for a team (null: the whole centre), computed by core from its event log. */
  kpis(from: number, to: number, team: string | null): Promise<KpiReport>;
  /** An engineer's position trail between two instants; rejects (unavailable) when the server cannot be reached. */
  breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]>;
  /** What moves the SLA clocks of these orders (all when null): response, completion, spans on hold. */
  slaTimelines(orderIds: string[] | null): Promise<Array<{ orderId: string; timeline: SlaTimeline }>>;
  onSlaAlert(listener: (alert: SlaAlertView) => void): () => void;
  /** Escalations core raised since it started (before this window subscribed, too). */
  slaAlerts(): Promise<SlaAlertView[]>;
  verdictFor(orderId: string, engineerId: string, start: number): Promise<DropVerdict>;
  rankCandidates(orderId: string): Promise<CandidateView[]>;
  /** Starts an auto-dispatch search; progress and the proposal arrive through the listeners below. */
  autoDispatch(request: {
    teams: string[];
    budgetMs: number;
    seed: number;
    dayStart: number;
  }): Promise<{ runId: number }>;
  cancelDispatch(runId: number): Promise<void>;
  acceptProposal(runId: number, orderIds: string[] | null, label: string): Promise<{ moves: number }>;
  discardProposal(runId: number): Promise<void>;
  onDispatchProgress(listener: (p: { runId: number; fraction: number; bestCost: number | null }) => void): () => void;
  onProposal(listener: (p: { runId: number; proposal: Proposal | null; error: string | null }) => void): () => void;
  /**
   * Saves the page, laid out for print, as a PDF (Electron: a save dialog; null when cancelled). Rejects with an
   * `unavailable` error in a browser, where the browser's own print dialog does it.
   */
  printToPdf(fileName: string): Promise<{ path: string } | null>;
}
