/**
 * Cursors are opaque to clients. `epoch:c:pos` is a position in the change log; `epoch:s:pos:phase:afterId` is a
 * position inside a reset snapshot taken at position `pos` (engineers, orders, policy, then events). What a position
 * is belongs to the store: a change sequence number in SQLite, a transaction-id watermark in Postgres, which may also
 * page inside a closed window with `epoch:c:pos:upto:afterSeq`.
 */
export type SnapshotPhase = 'e' | 'o' | 'p' | 'v';
export const PHASES: readonly SnapshotPhase[] = ['e', 'o', 'p', 'v'];

export type Cursor =
  | { kind: 'changes'; seq: number; window?: { upto: number; afterSeq: number } }
  | { kind: 'snapshot'; seq: number; phase: SnapshotPhase; afterId: string }
  | { kind: 'reset' };

/** Reads a client's cursor; anything unknown, foreign or malformed means: start over with a snapshot. */
export function parseCursor(raw: string | null, epoch: string): Cursor {
  if (!raw) return { kind: 'reset' };
  const parts = raw.split(':');
  if (parts[0] !== epoch) return { kind: 'reset' };
  const seq = Number(parts[2]);
  if (!Number.isSafeInteger(seq) || seq < 0) return { kind: 'reset' };
  if (parts[1] === 'c' && parts.length === 3) return { kind: 'changes', seq };
  if (parts[1] === 'c' && parts.length === 5) {
    const upto = Number(parts[3]);
    const afterSeq = Number(parts[4]);
    if (Number.isSafeInteger(upto) && Number.isSafeInteger(afterSeq) && upto >= seq)
      return { kind: 'changes', seq, window: { upto, afterSeq } };
  }
  if (parts[1] === 's' && parts.length >= 5 && PHASES.includes(parts[3] as SnapshotPhase))
    return { kind: 'snapshot', seq, phase: parts[3] as SnapshotPhase, afterId: parts.slice(4).join(':') };
  return { kind: 'reset' };
}

export function changesCursor(epoch: string, seq: number, window?: { upto: number; afterSeq: number }): string {
  return window ? `${epoch}:c:${seq}:${window.upto}:${window.afterSeq}` : `${epoch}:c:${seq}`;
}

export function snapshotCursor(epoch: string, seq: number, phase: SnapshotPhase, afterId: string): string {
  return `${epoch}:s:${seq}:${phase}:${afterId}`;
}
