import type { ActionLabel, StepBlocked, StepChange, StepDone, StepStack, UndoHistory } from '../../shared/ipc/index.js';
import { basesIn, mapBases, type BaseVersion } from './bases.js';
import type { Cache, HistoryEntry, NamedMutation, RecordVersion } from './cache/cache.js';
import { LocalRejection, type BatchResult, type WrittenVersion } from './cache/local-state.js';
import { describeText } from './labels.js';

/** How many undo steps the console keeps; older ones are forgotten. */
export const MAX_UNDO_STEPS = 200;

/** Where the reverse of what is being stored goes: which stack, under which label, and what it replaces or grows. */
export interface StepPlan {
  stack: StepStack;
  label: ActionLabel;
  /** A new dispatcher action empties the redo stack. */
  clearRedo: boolean;
  /** The step being taken (undo moves a step onto the redo stack and back). */
  consumes?: HistoryEntry;
  /** The batch step this one grows (a later part of the same import). */
  extend?: HistoryEntry;
  /** The step may be grown by the next part of the same batch. */
  opensBatch?: boolean;
}

/** How undo and redo store a step's reverse actions: as the console stores any action, alone or as a batch. */
export interface StepRunner {
  /** Stores it and returns its mutation id; throws LocalRejection (nothing stored) when the rules refuse it. */
  one(action: NamedMutation, plan: StepPlan): number;
  many(actions: readonly NamedMutation[], plan: StepPlan): { results: BatchResult[]; stored: number };
}

/** What the steps read of the console: the versions it holds, and who last changed a record. */
export interface StepRecords {
  /** The version of a record (`order:<id>`, `engineer:<id>`, `policy`) held now; null when there is none. */
  current(key: string): BaseVersion | null;
  /**
   * The change of a record a step met, as the dispatcher reads it: the latest by someone else since the version the
   * step acts on (`base`), else the latest of all.
   */
  lastChange(key: string, base: BaseVersion | null): StepChange;
}

const same = (a: BaseVersion, b: BaseVersion) => a.version === b.version && a.rev === b.rev;

/**
 * The dispatcher's undo and redo steps on the cache. A step holds the actions that reverse what the dispatcher did,
 * each naming the version of the record it acts on, and the versions it puts back. Undoing it stores the actions as
 * new mutations (so it works offline and syncs like any action) and puts their own reverse on the other stack.
 *
 * Taking a step writes new versions of records that are, in content, the versions it puts back; the steps that name
 * those as their base move onto the new ones, so any run of undos and redos of this console's own actions applies,
 * whether or not the server has seen them. A step whose base is not the version held now met a change made since
 * (by someone else, or by this console outside undo): it is kept, with whose, when and what, to take anyway or drop.
 */
export class UndoSteps {
  /** The undo step the latest dispatcher batch opened, which the next part of the same batch may continue. */
  private lastBatchStep: number | null = null;

  constructor(
    private readonly cache: Cache,
    private readonly records: StepRecords,
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
  batchStep(label: ActionLabel, continueStep: boolean): HistoryEntry | undefined {
    if (!continueStep) this.lastBatchStep = null;
    const top = continueStep ? this.cache.topHistory('undo') : null;
    return top && top.seq === this.lastBatchStep && JSON.stringify(top.label) === JSON.stringify(label)
      ? top
      : undefined;
  }

  /**
   * Records the reverse of what was just stored, inside the caller's transaction: `inverses` in the order their
   * actions were applied, `first` the first stored mutation id, `stored` how many actions were stored, `written` the
   * records they wrote with their versions before and after.
   */
  record(
    plan: StepPlan,
    first: number | null,
    inverses: readonly NamedMutation[],
    stored: number,
    written: readonly WrittenVersion[] = [],
  ): void {
    if (plan.consumes !== undefined && stored > 0) {
      this.cache.deleteHistory(plan.consumes.seq);
      this.moveOnto(plan.consumes.restores, written);
    }
    // Undoing reverses the actions last first.
    const reverse = [...inverses].reverse();
    const restores = restoredBy(plan.extend?.restores ?? [], written);
    if (plan.extend && reverse.length > 0) {
      this.cache.setHistoryInverse(plan.extend.seq, [...reverse, ...plan.extend.inverse]);
      this.cache.setHistoryRestores(plan.extend.seq, restores);
    } else if (first !== null && reverse.length > 0) {
      const seq = this.cache.pushHistory(plan.stack, first, plan.label, reverse, restores);
      this.cache.trimUndo(MAX_UNDO_STEPS);
      if (plan.opensBatch) this.lastBatchStep = seq;
    }
    if (plan.clearRedo && stored > 0) this.cache.clearHistory('redo');
  }

  /**
   * A step was taken: the records it wrote now hold, in content, the versions it put back. Every step that names one
   * of those versions (as its base, or as what it puts back) names the new one instead.
   */
  private moveOnto(restored: readonly RecordVersion[], written: readonly WrittenVersion[]): void {
    const moves = new Map<string, { from: BaseVersion; to: BaseVersion }>();
    for (const w of written) {
      const from = restored.find((r) => r.key === w.key);
      if (from) moves.set(w.key, { from, to: w.after });
    }
    if (moves.size === 0) return;
    const next = (key: string, base: BaseVersion) => {
      const m = moves.get(key);
      return m && same(m.from, base) ? { ...m.to } : undefined;
    };
    for (const entry of this.cache.allHistory()) {
      let changed = false;
      const inverse = entry.inverse.map((a) => {
        const args = mapBases(a.args, (key, base) => {
          const to = next(key, base);
          if (to) changed = true;
          return to;
        });
        return { ...a, args };
      });
      if (changed) this.cache.setHistoryInverse(entry.seq, inverse);
      let restoresChanged = false;
      const restores = entry.restores.map((r) => {
        const to = next(r.key, r);
        if (!to) return r;
        restoresChanged = true;
        return { key: r.key, ...to };
      });
      if (restoresChanged) this.cache.setHistoryRestores(entry.seq, restores);
    }
  }

  /**
   * Takes the latest undo (or redo) step; null when there is none. A step that met a later change of a record it
   * would put back is kept and answered with `blocked`; so is one the rules refuse. `force` takes it anyway, on the
   * versions held now.
   */
  take(from: StepStack, runner: StepRunner, force = false): StepDone {
    const to: StepStack = from === 'undo' ? 'redo' : 'undo';
    const top = this.cache.topHistory(from);
    if (!top) return null;
    const entry = force ? this.onCurrentVersions(top) : top;
    if (entry.inverse.length > 1) return this.takeBatch(entry, from, to, runner);
    if (!force) {
      const stale = this.staleRecords(entry);
      if (stale.length > 0) return { label: entry.label, blocked: this.blocked(entry, from, stale) };
    }
    const [inverse] = entry.inverse as [NamedMutation];
    try {
      const mutationId = runner.one(inverse, { stack: to, label: entry.label, clearRedo: false, consumes: entry });
      return { label: entry.label, mutationId };
    } catch (err) {
      if (!(err instanceof LocalRejection)) throw err;
      return {
        label: entry.label,
        blocked: {
          stack: from,
          label: entry.label,
          message: `cannot ${from} "${describeText(entry.label)}": ${err.message}`,
          ...(err.say && err.say.length > 0 ? { say: err.say.slice(0, 20) } : {}),
          changes: this.changesOf(entry),
          canForce: false,
        },
      };
    }
  }

  /** Forgets the latest undo (or redo) step without taking it. */
  drop(from: StepStack): void {
    const top = this.cache.topHistory(from);
    if (!top) throw new LocalRejection('not_found', `there is nothing to ${from}`);
    this.cache.deleteHistory(top.seq);
    this.changed();
  }

  /** The bases of the step that are not the version held now. */
  private staleRecords(entry: HistoryEntry): RecordVersion[] {
    const stale = new Map<string, RecordVersion>();
    for (const a of entry.inverse)
      for (const base of basesIn(a.args)) {
        const now = this.records.current(base.key);
        if (now && !same(now, base)) stale.set(base.key, base);
      }
    return [...stale.values()];
  }

  private blocked(entry: HistoryEntry, from: StepStack, stale: readonly RecordVersion[]): StepBlocked {
    const changes = stale.slice(0, 100).map((base) => this.records.lastChange(base.key, base));
    const first = changes[0];
    const whose = first?.mine ? 'you' : (first?.by ?? 'someone else');
    const more = changes.length > 1 ? ` (and ${changes.length - 1} more)` : '';
    return {
      stack: from,
      label: entry.label,
      message: `cannot ${from} "${describeText(entry.label)}": ${first ? (first.record ?? 'the SLA policy') : 'a record'} was changed since by ${whose}${more}`,
      changes,
      canForce: true,
    };
  }

  /** The latest change of every record the step acts on. */
  private changesOf(entry: HistoryEntry): StepChange[] {
    const bases = new Map(entry.inverse.flatMap((a) => basesIn(a.args).map((b) => [b.key, b] as const)));
    return [...bases.values()].slice(0, 100).map((base) => this.records.lastChange(base.key, base));
  }

  /** The step with every base moved to the version held now. */
  private onCurrentVersions(entry: HistoryEntry): HistoryEntry {
    return {
      ...entry,
      inverse: entry.inverse.map((a) => ({
        ...a,
        args: mapBases(a.args, (key) => this.records.current(key) ?? undefined),
      })),
    };
  }

  /**
   * Undoes or redoes a batch: every action that still applies is taken, as one new step the other way. Actions that
   * no longer apply (an imported order someone has since changed or cancelled) are left out and named; when none
   * applies, the step is kept and answered with `blocked`, as for a single action.
   */
  private takeBatch(entry: HistoryEntry, from: StepStack, to: StepStack, runner: StepRunner): StepDone {
    const { results, stored } = runner.many(entry.inverse, {
      stack: to,
      label: entry.label,
      clearRedo: false,
      consumes: entry,
    });
    const errors = results.flatMap((r) => ('error' in r ? [r.error] : []));
    const refused = errors.map((e) => e.message);
    const said = errors[0]?.say;
    const firstSay = said && said.length > 0 ? said.slice(0, 20) : undefined;
    if (stored === 0)
      return {
        label: entry.label,
        blocked: {
          stack: from,
          label: entry.label,
          message: `cannot ${from} "${describeText(entry.label)}": ${refused.slice(0, 3).join('; ')}`,
          ...(errors.slice(0, 3).every((e) => e.say)
            ? {
                say: errors
                  .slice(0, 3)
                  .flatMap((e) => e.say ?? [])
                  .slice(0, 20),
              }
            : {}),
          changes: this.changesOf(entry),
          canForce: errors.some((e) => e.code === 'stale'),
        },
      };
    if (refused.length === 0) return { label: entry.label };
    return {
      label: entry.label,
      notTaken: {
        count: refused.length,
        of: results.length,
        message: refused[0]!,
        ...(firstSay ? { say: firstSay } : {}),
      },
    };
  }
}

/** What a step puts back: each record's version before the first action of the step that wrote it. */
function restoredBy(earlier: readonly RecordVersion[], written: readonly WrittenVersion[]): RecordVersion[] {
  const out = [...earlier];
  for (const w of written)
    if (w.before && !out.some((r) => r.key === w.key))
      out.push({ key: w.key, version: w.before.version, rev: w.before.rev });
  return out;
}
