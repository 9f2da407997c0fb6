import type { StateCreator } from 'zustand';
import type { Conflict, StepBlocked, SyncStatus, UndoHistory } from '../services/views.js';
import type { ConsoleState } from './index.js';

/** The link, the conflicts and the undo history, as the status bar and the panels show them. */
export interface SyncSlice {
  status: SyncStatus;
  conflicts: Conflict[];
  /** Orders a refused action would have changed: marked until the conflict is retried or discarded. */
  refusedOrders: ReadonlySet<string>;
  history: UndoHistory;
  /** The last thing the console wants the dispatcher to know (a refused action, an undo that could not be done). */
  notice: { kind: 'info' | 'error'; text: string; at: number } | null;
  /** An undo or redo that met a later change and was kept: to take anyway, drop or keep. */
  blockedStep: StepBlocked | null;
  setBlockedStep(step: StepBlocked | null): void;
  setStatus(status: SyncStatus): void;
  setConflicts(conflicts: Conflict[]): void;
  setHistory(history: UndoHistory): void;
  notify(kind: 'info' | 'error', text: string): void;
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
  notify: (kind, text) => set({ notice: { kind, text, at: Date.now() } }),
  dismissNotice: () => set({ notice: null }),
});
