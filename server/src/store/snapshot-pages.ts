import type { Change, PullResult } from '../../../shared/sync/index.js';
import { PHASES, changesCursor, snapshotCursor, type Cursor, type SnapshotPhase } from '../sync/cursor.js';

/** One read of a snapshot's phase: the rows read (sent or not), the last id read, and the changes they make. */
export interface PhaseRows {
  read: number;
  lastId: string;
  changes: Change[];
}

/** What to read next: up to `limit` rows of `phase` after `afterId`. */
export interface PhaseRead {
  phase: SnapshotPhase;
  afterId: string;
  limit: number;
}

/**
 * A page of a reset snapshot (engineers, orders, policy, then events, each by id), for both stores and for both the
 * full snapshot and a device's. The store reads the rows (`next()` says which, `took()` hands them back), synchronously
 * inside a SQLite transaction or awaited inside a Postgres one; the pager keeps the position and writes the cursor.
 * Rows read count against the page, whether sent or not, so a page stays bounded whatever a device's filter keeps.
 */
export class SnapshotPager {
  /** The snapshot's position in the change log: where the changes after it start. */
  readonly seq: number;
  readonly starting: boolean;
  readonly changes: Change[] = [];
  private phaseIndex: number;
  private afterId: string;
  private read = 0;

  /** `cursor` is a reset (a new snapshot taken at `mark`) or a snapshot cursor to go on from. */
  constructor(
    cursor: Exclude<Cursor, { kind: 'changes' }>,
    mark: number,
    private readonly limit: number,
  ) {
    this.starting = cursor.kind === 'reset';
    const snap = cursor.kind === 'snapshot' ? cursor : { seq: mark, phase: PHASES[0]!, afterId: '' };
    this.seq = snap.seq;
    this.phaseIndex = PHASES.indexOf(snap.phase);
    this.afterId = snap.afterId;
  }

  /** The next read, or null when the page is full or the snapshot done. */
  next(): PhaseRead | null {
    if (this.done || this.read >= this.limit) return null;
    return { phase: PHASES[this.phaseIndex]!, afterId: this.afterId, limit: this.limit - this.read };
  }

  /** The rows of the read `next()` asked for: fewer than asked means the phase is done. */
  took(rows: PhaseRows): void {
    const want = this.limit - this.read;
    this.read += rows.read;
    this.changes.push(...rows.changes);
    if (rows.read < want) {
      this.phaseIndex += 1;
      this.afterId = '';
    } else this.afterId = rows.lastId;
  }

  get done(): boolean {
    return this.phaseIndex >= PHASES.length;
  }

  /** The page; `changedSince` says whether the log holds changes after the snapshot's position (asked once done). */
  page(epoch: string, changedSince: boolean): Pick<PullResult, 'kind' | 'changes' | 'cursor' | 'more'> {
    const done = this.done;
    return {
      kind: this.starting ? 'reset' : 'changes',
      changes: this.changes,
      cursor: done
        ? changesCursor(epoch, this.seq)
        : snapshotCursor(epoch, this.seq, PHASES[this.phaseIndex]!, this.afterId),
      more: !done || changedSince,
    };
  }
}

/** The rows of a snapshot read that sends each row it reads as one change. */
export function everyRow<R extends { id: string }>(rows: readonly R[], change: (row: R) => Change): PhaseRows {
  return { read: rows.length, lastId: rows[rows.length - 1]?.id ?? '', changes: rows.map(change) };
}
