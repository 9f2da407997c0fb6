import type {
  BatchItemOutcome,
  Conflict,
  OrderEventView,
  SlaAlertView,
  SlaTimelineView,
  Snapshot,
  StepDone,
  SyncStatus,
  UndoHistory,
  ViewChanges,
} from '../../../shared/ipc/index.js';
import type { Proposal } from '../../../shared/dispatch/index.js';
import type { KpiReport } from '../../../shared/kpi/index.js';
import type { EngineerPosition, MutationArgs, MutationName } from '../../../shared/sync/index.js';

export type {
  BatchItemOutcome,
  Conflict,
  EngineerView,
  OrderEventView,
  OrderView,
  SlaAlertView,
  SlaTimelineView,
  Snapshot,
  SyncStatus,
  UndoHistory,
  ViewChanges,
} from '../../../shared/ipc/index.js';

/** Any named mutation with its own arguments. */
export type AnyAction = { [N in MutationName]: { name: N; args: MutationArgs<N> } }[MutationName];

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
  snapshot(): Promise<Snapshot>;
  onChanges(listener: (changes: ViewChanges) => void): () => void;
  onPositions(listener: (positions: EngineerPosition[]) => void): () => void;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  onHistory(listener: (history: UndoHistory) => void): () => void;
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
  undo(): Promise<StepDone>;
  redo(): Promise<StepDone>;
  history(): Promise<UndoHistory>;
  conflicts(): Promise<Conflict[]>;
  retryConflict(mutationId: number): Promise<void>;
  discardConflict(mutationId: number): Promise<void>;
  setWorkOffline(offline: boolean): Promise<void>;
  orderEvents(orderId: string): Promise<OrderEventView[]>;
  /** The KPIs of a period for a team (null: the whole centre), computed by core from its event log. */
  kpis(from: number, to: number, team: string | null): Promise<KpiReport>;
  /** An engineer's position trail between two instants; rejects (unavailable) when the server cannot be reached. */
  breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]>;
  /** What moves the SLA clocks of these orders (all when null): response, completion, spans on hold. */
  slaTimelines(orderIds: string[] | null): Promise<SlaTimelineView[]>;
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
