import type { StepDone, UndoHistory } from '../../shared/ipc/index.js';
import type { Cache, HistoryEntry, NamedMutation } from './cache/cache.js';
import { LocalRejection, type BatchResult } from './cache/local-state.js';

/** How many undo steps the console keeps; older ones are forgotten. */
export const MAX_UNDO_STEPS = 200;

type Stack = 'undo' | 'redo';

/** Where the reverse of what is being stored goes: which stack, under which label, and what it replaces or grows. */
export interface StepPlan {
  stack: Stack;
  label: string;
  /** A new dispatcher action empties the redo stack. */
  clearRedo: boolean;
  /** The step being taken (undo moves a step onto the redo stack and back). */
  consumes?: number;
  /** The batch step this one grows (a later part of the same import). */
  extend?: HistoryEntry;
  /** The step may be grown by the next part of the same batch. */
  opensBatch?: boolean;
}

/** How undo and redo store a step's reverse actions: as the console stores any action, alone or as a batch. */
export interface StepRunner {
  /** Throws LocalRejection (nothing stored) when the rules refuse it. */
  one(action: NamedMutation, plan: StepPlan): void;
  many(actions: readonly NamedMutation[], plan: StepPlan): { results: BatchResult[]; stored: number };
}

/**
 * The dispatcher's undo and redo steps on the cache. A step holds the actions that reverse what the dispatcher did;
 * undoing it stores them as new mutations (so it works offline and syncs like any action) and puts their own reverse
 * on the other stack.
 */
export class UndoSteps {
  /** The undo step the latest dispatcher batch opened, which the next part of the same batch may continue. */
  private lastBatchStep: number | null = null;

  constructor(
    private readonly cache: Cache,
    /** Told whenever what undo and redo would do changes. */
    private readonly changed: () => void,
  ) {}

  /** What undo and redo would do now. */
  view(): UndoHistory {
    const u = this.cache.topHistory('undo');
    const r = this.cache.topHistory('redo');
    return { canUndo: u !== null, canRedo: r !== null, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  /**
   * The step a part of a batch grows: a batch sent in parts (a big file: each call has a size limit) continues the
   * step its first part opened, as long as nothing else went onto the undo stack in between. A new batch forgets the
   * last one's step, even when its first part stores nothing (a file imported twice).
   */
  batchStep(label: string, continueStep: boolean): HistoryEntry | undefined {
    if (!continueStep) this.lastBatchStep = null;
    const top = continueStep ? this.cache.topHistory('undo') : null;
    return top && top.seq === this.lastBatchStep && top.label === label ? top : undefined;
  }

  /**
   * Records the reverse of what was just stored, inside the caller's transaction: `inverses` in the order their
   * actions were applied, `first` the first stored mutation id, `stored` how many actions were stored.
   */
  record(plan: StepPlan, first: number | null, inverses: readonly NamedMutation[], stored: number): void {
    if (plan.consumes !== undefined) this.cache.deleteHistory(plan.consumes);
    // Undoing reverses the actions last first.
    const reverse = [...inverses].reverse();
    if (plan.extend && reverse.length > 0) {
      this.cache.setHistoryInverse(plan.extend.seq, [...reverse, ...plan.extend.inverse]);
    } else if (first !== null && reverse.length > 0) {
      const seq = this.cache.pushHistory(plan.stack, first, plan.label, reverse);
      this.cache.trimUndo(MAX_UNDO_STEPS);
      if (plan.opensBatch) this.lastBatchStep = seq;
    }
    if (plan.clearRedo && stored > 0) this.cache.clearHistory('redo');
  }

  /** Takes the latest undo (or redo) step; null when there is none. */
  take(from: Stack, runner: StepRunner): StepDone {
    const to: Stack = from === 'undo' ? 'redo' : 'undo';
    const entry = this.cache.topHistory(from);
    if (!entry) return null;
    if (entry.inverse.length > 1) return this.takeBatch(entry, from, to, runner);
    const [inverse] = entry.inverse as [NamedMutation];
    try {
      runner.one(inverse, { stack: to, label: entry.label, clearRedo: false, consumes: entry.seq });
      return { label: entry.label };
    } catch (err) {
      // A step that no longer applies (someone changed the order since) is dropped, with the reason shown.
      this.cache.deleteHistory(entry.seq);
      this.changed();
      if (err instanceof LocalRejection)
        throw new LocalRejection(err.code, `cannot ${from} "${entry.label}": ${err.message}`);
      throw err;
    }
  }

  /**
   * Undoes or redoes a batch: every step that still applies is taken, as one new step the other way. Steps that no
   * longer apply (an imported order someone has since cancelled) are left out and named; when none applies, the
   * entry is dropped with the reasons, as for a single action.
   */
  private takeBatch(entry: HistoryEntry, from: Stack, to: Stack, runner: StepRunner): { label: string } {
    const { results, stored } = runner.many(entry.inverse, {
      stack: to,
      label: entry.label,
      clearRedo: false,
      consumes: entry.seq,
    });
    const refused = results.flatMap((r) => ('error' in r ? [r.error.message] : []));
    if (stored === 0) {
      this.cache.deleteHistory(entry.seq);
      this.changed();
      throw new LocalRejection('conflict', `cannot ${from} "${entry.label}": ${refused.slice(0, 3).join('; ')}`);
    }
    if (refused.length === 0) return { label: entry.label };
    return {
      label: `${entry.label} (${refused.length} of ${results.length} could not be ${from === 'undo' ? 'undone' : 'redone'}: ${refused[0]})`,
    };
  }
}
