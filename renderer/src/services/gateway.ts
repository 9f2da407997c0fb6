import type { Proposal } from '../../../shared/dispatch/index.js';
import type { Settings, SettingsPatch } from '../../../shared/ipc/index.js';
import type { KpiReport } from '../../../shared/kpi/index.js';
import type { EngineerPosition, MutationArgs, MutationName } from '../../../shared/sync/index.js';
import type * as View from './views.js';

/** How far an auto-dispatch search has got. */
export interface DispatchProgressEvent {
  runId: number;
  fraction: number;
  bestCost: number | null;
}

/** How an auto-dispatch search ended: its proposal, or the error that stopped it. */
export interface ProposalEvent {
  runId: number;
  proposal: Proposal | null;
  error: string | null;
}

/**
 * Everything the console asks of core. Implemented over the typed IPC client (Electron's preload or the web host's
 * socket); the actions in services/ are its only user.
 */
export interface ConsoleGateway {
  settings(): Promise<Settings>;
  /** Changes some settings; core answers with all of them. */
  saveSettings(patch: SettingsPatch): Promise<Settings>;
  onSettings(listener: (settings: Settings) => void): () => void;
  snapshot(): Promise<View.Snapshot>;
  onChanges(listener: (changes: View.ViewChanges) => void): () => void;
  onPositions(listener: (positions: EngineerPosition[]) => void): () => void;
  onStatus(listener: (status: View.SyncStatus) => void): () => void;
  onHistory(listener: (history: View.UndoHistory) => void): () => void;
  mutate<N extends MutationName>(name: N, args: MutationArgs<N>, label?: string): Promise<{ mutationId: number }>;
  /**
   * Many actions as one (an import): each stored or refused on its own, one undo step; outcomes in order. Sent in
   * parts when large, telling how many actions are done after each.
   */
  mutateAll(
    actions: readonly View.AnyAction[],
    label: string,
    onProgress?: (done: number) => void,
  ): Promise<View.BatchItemOutcome[]>;
  undo(): Promise<View.StepDone>;
  redo(): Promise<View.StepDone>;
  /** Takes the latest undo (or redo) step on top of the changes it met. */
  forceStep(stack: View.StepStack): Promise<View.StepDone>;
  /** Forgets the latest undo (or redo) step. */
  dropStep(stack: View.StepStack): Promise<void>;
  history(): Promise<View.UndoHistory>;
  conflicts(): Promise<View.Conflict[]>;
  /** Re-applies a refused action; `overrides` (after the engine judged it again): see RetryConflict. */
  retryConflict(mutationId: number, overrides?: View.ConflictOverride[]): Promise<void>;
  discardConflict(mutationId: number): Promise<void>;
  setWorkOffline(offline: boolean): Promise<void>;
  orderEvents(orderId: string): Promise<View.OrderEventView[]>;
  /** The KPIs of a period for a team (null: the whole centre), computed by core from its event log. */
  kpis(from: number, to: number, team: string | null): Promise<KpiReport>;
  /** An engineer's position trail between two instants; rejects (unavailable) when the server cannot be reached. */
  breadcrumbs(engineerId: string, from: number, to: number): Promise<EngineerPosition[]>;
  /** A new link to the customer's tracking page of an order; rejects when the server cannot issue one. */
  trackingLink(orderId: string): Promise<string>;
  /** What moves the SLA clocks of these orders (all when null): response, completion, spans on hold. */
  slaTimelines(orderIds: string[] | null): Promise<View.SlaTimelineView[]>;
  onSlaAlert(listener: (alert: View.SlaAlertView) => void): () => void;
  /** Escalations core raised since it started (before this window subscribed, too). */
  slaAlerts(): Promise<View.SlaAlertView[]>;
  /** Dismisses escalations for this console's user: no window lists them again. */
  ackSlaAlerts(ids: string[]): Promise<void>;
  onSlaAlertsAcked(listener: (ids: string[]) => void): () => void;
  /** The rules and cost of a drop, on the planning day of that work, or on the day starting at `dayStart` when given. */
  verdictFor(orderId: string, engineerId: string, start: number, dayStart?: number): Promise<View.DropVerdict>;
  /** The candidates on the day starting at `dayStart` (local midnight), today when absent. */
  rankCandidates(orderId: string, dayStart?: number): Promise<View.CandidateView[]>;
  /**
   * When nobody can take an order today: the earliest slot on the first of the next seven days on which someone can
   * (null: nobody on any of them), found by core's engine in one question.
   */
  laterDay(orderId: string): Promise<View.CandidateView | null>;
  /** The whole candidate list for an order, as the candidate panel shows it (ranked on the cache, in core). */
  candidateList(orderId: string): Promise<View.CandidateList>;
  /**
   * The engine's emergency insertion of an order on today's plan, bumping lower-priority work when that gets it there
   * sooner; accepted or discarded by its run id like an auto-dispatch proposal.
   */
  emergency(orderId: string): Promise<{ runId: number; proposal: Proposal }>;
  /** The best appointment windows of the next seven days for an open order or a call being logged (on the cache). */
  findSlots(query: View.SlotQuery): Promise<View.SlotSearch>;
  /** Every team's capacity on each of `days` days from the one holding `from` (on the cache). */
  capacity(from: number, days: number): Promise<View.TeamDayCapacity[]>;
  /** The bookings starting in [from, to) that break a hard rule, judged by the engine in core (at most eight days). */
  violations(from: number, to: number): Promise<View.RuleViolation[]>;
  /** Starts an auto-dispatch search; progress and the proposal arrive through the listeners below. */
  autoDispatch(request: {
    teams: string[];
    budgetMs: number;
    seed: number;
    dayStart: number;
  }): Promise<{ runId: number }>;
  cancelDispatch(runId: number): Promise<void>;
  /** Applies a proposal as one plan: the mutation it was stored as, and how many moves it made. */
  acceptProposal(
    runId: number,
    orderIds: string[] | null,
    label: string,
  ): Promise<{ mutationId: number; moves: number }>;
  /** The other moves of a proposal the chosen ones need with them (they free a slot), and which chosen ones need them. */
  proposalNeeds(runId: number, orderIds: string[]): Promise<{ needs: string[]; needing: string[] }>;
  discardProposal(runId: number): Promise<void>;
  onDispatchProgress(listener: (p: DispatchProgressEvent) => void): () => void;
  onProposal(listener: (p: ProposalEvent) => void): () => void;
  /**
   * Saves the page, laid out for print, as a PDF (Electron: a save dialog; null when cancelled). Rejects with an
   * `unavailable` error in a browser, where the browser's own print dialog does it.
   */
  printToPdf(fileName: string): Promise<{ path: string } | null>;
}
