import type { RejectionCode } from '../../../shared/sync/index.js';

/**
 * Refusals whose reason the sender could know before sending: its role, the mutation's name, the shape of its
 * arguments. They are counted in the audit trail, not kept one by one with their arguments, so a client sending them
 * by the thousand costs the store a row per kind and push, not its payload.
 */
export const FORESEEABLE_REFUSALS: ReadonlySet<string> = new Set<RejectionCode>([
  'forbidden',
  'bad_args',
  'unknown_mutation',
]);

/** Rejections kept per client for its console to learn their fate from a pull: the most recent this many ids. */
export const KEPT_REJECTIONS_PER_CLIENT = 1_000;

export interface AuditDraft {
  at: number;
  mutation_id: number;
  name: string;
  outcome: 'applied' | 'rejected';
  code: string | null;
  message: string | null;
  args: unknown;
}

/**
 * A push's audit entries as stored: each applied or conflicting mutation with its arguments, in order; foreseeable
 * refusals folded into one entry per mutation name and reason, at the first one's place, carrying how many there were
 * (`{ refused: n }`) instead of arguments.
 */
export function auditEntries(drafts: readonly AuditDraft[]): AuditDraft[] {
  const out: AuditDraft[] = [];
  const folded = new Map<string, { entry: AuditDraft; refused: number }>();
  for (const d of drafts) {
    if (d.outcome !== 'rejected' || d.code === null || !FORESEEABLE_REFUSALS.has(d.code)) {
      out.push(d);
      continue;
    }
    const key = `${d.name}\u0000${d.code}`;
    const seen = folded.get(key);
    if (seen) {
      seen.refused += 1;
      seen.entry.args = { refused: seen.refused };
      continue;
    }
    const entry = { ...d, args: { refused: 1 } };
    folded.set(key, { entry, refused: 1 });
    out.push(entry);
  }
  return out;
}
