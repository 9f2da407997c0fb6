import { z } from 'zod';
import { ReasonSchema } from '../../../shared/dispatch/reasons.js';
import type { PullResult } from '../../../shared/sync/index.js';
import type { AuditEntry, User } from './types.js';

/** An audit row as both stores keep it; SQLite holds the arguments as JSON text (`A` = string), Postgres as JSONB. */
export interface AuditRow<A = unknown> {
  at: number;
  user_id: string;
  role: AuditEntry['role'];
  client_id: string;
  mutation_id: number;
  name: string;
  outcome: AuditEntry['outcome'];
  code: string | null;
  message: string | null;
  args: A;
}

export function auditOfRow<A>(r: AuditRow<A>, args: (stored: A) => unknown = (a) => a): AuditEntry {
  return {
    at: r.at,
    userId: r.user_id,
    role: r.role,
    clientId: r.client_id,
    mutationId: r.mutation_id,
    name: r.name,
    outcome: r.outcome,
    code: r.code,
    message: r.message,
    args: args(r.args),
  };
}

/** A user row; SQLite keeps `disabled` as 0 or 1, Postgres as a boolean. */
export interface UserRow {
  id: string;
  name: string;
  role: User['role'];
  engineer_id: string | null;
  disabled: number | boolean;
}

export function userOfRow(r: UserRow): User {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    engineerId: r.engineer_id,
    disabled: r.disabled === true || r.disabled === 1,
  };
}

/**
 * A rejection kept for the console that sent the mutation, as both stores keep it; `say` is the refusal as data,
 * JSON text in SQLite (`S` = string), JSONB in Postgres, null for refusals without it or kept before it was stored.
 */
export interface RejectionRow<S = unknown> {
  mutation_id: number;
  name: string;
  code: PullResult['rejections'][number]['code'];
  message: string;
  say: S | null;
  at: number;
}

const StoredSay = z.array(ReasonSchema);

/**
 * A kept rejection as a pull sends it. Its `say` is read through the reasons' schema: one the store cannot read (a
 * reason this server no longer knows) is left out, and the console shows the English message instead.
 */
export function rejectionOfRow<S>(
  r: RejectionRow<S>,
  say: (stored: S) => unknown = (s) => s,
): PullResult['rejections'][number] {
  const parsed = r.say === null ? null : StoredSay.safeParse(say(r.say));
  return {
    mutationId: r.mutation_id,
    name: r.name,
    code: r.code,
    message: r.message,
    ...(parsed?.success ? { say: parsed.data } : {}),
    at: r.at,
  };
}
