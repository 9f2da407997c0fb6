import type { StateCreator } from 'zustand';
import type { Conflict, StepBlocked, SyncStatus, UndoHistory } from '../services/views.js';
import type { ConsoleState } from './index.js';

/** The order a notice speaks of, at the revision it saw. */
export interface NoticeAbout {
  orderId: string;
  rev: string;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  at: number;
  about?: NoticeAbout;
  /** The stored change a confirmation announces (its mutation id): the server refusing it replaces the confirmation. */
  change?: number;
}

/**
 * The notice still standing once the orders are as given: one about an order that has changed since (booked,
 * moved, cancelled, edited, by anyone) or is gone no longer applies and goes.
 */
export function noticeStillStanding(
  notice: Notice | null,
  orders: ReadonlyMap<string, { rev: string }>,
): Notice | null {
  if (!notice?.about) return notice;
  return orders.get(notice.about.orderId)?.rev === notice.about.rev ? notice : null;
}

/** The conflict of the change a notice confirms, once the server has refused that change; null while it has not. */
export function refusalOf(notice: Notice | null, conflicts: readonly Conflict[]): Conflict | null {
  if (notice?.kind !== 'info' || notice.change === undefined) return null;
  return conflicts.find((c) => c.mutationId === notice.change) ?? null;
}

/** The link, the conflicts and the undo history, as the status bar and the panels show them. */
export interface SyncSlice {
  status: SyncStatus;
  conflicts: Conflict[];
  /** Orders a refused action would have changed: marked until the conflict is retried or discarded. */
  refusedOrders: ReadonlySet<string>;
  history: UndoHistory;
  /**
   * The last thing the console wants the dispatcher to know (a refused action, an undo that could not be done). A
   * notice about one order names it with the revision it spoke of, and goes as soon as that order changes.
   */
  notice: Notice | null;
  /** An undo or redo that met a later change and was kept: to take anyway, drop or keep. */
  blockedStep: StepBlocked | null;
  setBlockedStep(step: StepBlocked | null): void;
  setStatus(status: SyncStatus): void;
  setConflicts(conflicts: Conflict[]): void;
  setHistory(history: UndoHistory): void;
  notify(kind: 'info' | 'error', text: string, about?: NoticeAbout): void;
  /** Says a change was made: the confirmation of the stored mutation `change`, until the server refuses it. */
  confirmChange(text: string, change: number): void;
  dismissNotice(): void;
}

export const createSyncSlice: StateCreator<ConsoleState, [], [], SyncSlice> = (set) => ({
  status: { state: 'connecting', pending: 0, conflicts: 0, lastSyncAt: null, message: null, stuck: null },
  conflicts: [],
  refusedOrders: new Set(),
  history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
  notice: null,
  blockedStep: null,
  setBlockedStep: (blockedStep) => set({ blockedStep }),
  setStatus: (status) => set({ status }),
  setConflicts: (conflicts) => set({ conflicts, refusedOrders: new Set(conflicts.flatMap((c) => c.orderIds)) }),
  setHistory: (history) => set({ history }),
  notify: (kind, text, about) => set({ notice: { kind, text, at: Date.now(), ...(about ? { about } : {}) } }),
  confirmChange: (text, change) => set({ notice: { kind: 'info', text, at: Date.now(), change } }),
  dismissNotice: () => set({ notice: null }),
});
