import { Engineer, OrderEvent, SlaPolicy, WorkOrder } from '../domain/index.js';
import type { MutationContext, MutatorDef } from './mutation.js';
import type { z } from 'zod';
import { MutationRejected, refusalText } from './mutation.js';
import { describeIssues, issuesSay } from '../validation/issues.js';
import type { RejectionCode } from './protocol.js';
import type { Reason, ReasonId } from '../dispatch/reasons.js';
import type { Role } from './roles.js';
import { RecordingTx, type StateReader, type Writes } from './tx.js';

export type RunOutcome =
  | { ok: true; writes: Writes }
  | { ok: false; code: RejectionCode; message: string; say?: Reason[]; internal?: unknown };

/**
 * Runs one named mutation against a store's state: role check, args validation, the mutator, then validation of every
 * record it wrote. Nothing is written by this function; the caller persists `writes` in its own transaction.
 */
export function runMutation(
  registry: ReadonlyMap<string, MutatorDef<unknown>>,
  name: string,
  rawArgs: unknown,
  ctx: MutationContext,
  reader: StateReader,
  options: { strictReads?: boolean } = {},
): RunOutcome {
  const def = registry.get(name);
  if (!def)
    return {
      ok: false,
      code: 'unknown_mutation',
      message: `there is no mutation called "${name}"`,
      say: [{ id: 'unknownMutation', args: { name } }],
    };
  if (!def.roles.includes(ctx.actor.role))
    return {
      ok: false,
      code: 'forbidden',
      message: `${roleName(ctx.actor.role)} may not ${def.title}`,
      say: [{ id: 'roleMayNot', args: { role: ctx.actor.role, mutation: def.name } }],
    };
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success)
    return {
      ok: false,
      code: 'bad_args',
      message: describeIssues(parsed.error, 'args'),
      say: issuesSay(parsed.error, 'args'),
    };
  const args = parsed.data;
  const tx = new RecordingTx(reader, options.strictReads ? def.reads(args, ctx) : null);
  try {
    def.apply(tx, args, ctx);
  } catch (err) {
    if (err instanceof MutationRejected)
      return { ok: false, code: err.code, message: err.message, ...(err.say ? { say: err.say } : {}) };
    return {
      ok: false,
      code: 'internal',
      message: `could not ${def.title}: an internal error occurred`,
      say: [{ id: 'internalError', args: { mutation: def.name } }],
      internal: err,
    };
  }
  const invalid = validateWrites(tx.writes);
  if (invalid) return { ok: false, code: 'invalid', message: invalid.message, say: invalid.say };
  return { ok: true, writes: tx.writes };
}

/**
 * Checks every written record against the domain schemas; returns a readable problem (and the same as data, for a
 * console to word) or null.
 */
export function validateWrites(writes: Writes): { message: string; say: Reason[] } | null {
  const problem = (id: ReasonId, named: Record<string, string>, error: z.ZodError) => {
    const reason: Reason = { id, args: { ...named, why: issuesSay(error) } };
    return {
      message: refusalText([{ ...reason, args: { ...reason.args, why: describeIssues(error) } }]),
      say: [reason],
    };
  };
  for (const o of writes.orders.values()) {
    const r = WorkOrder.safeParse(o);
    if (!r.success) return problem('orderWouldBeInvalid', { name: o.code || o.id }, r.error);
  }
  for (const e of writes.engineers.values()) {
    const r = Engineer.safeParse(e);
    // The engineer's id beside the name, so that a console names a namesake apart (see engineerArgs).
    if (!r.success) return problem('engineerWouldBeInvalid', { name: e.name || e.id, engineer: e.id }, r.error);
  }
  if (writes.policy) {
    const r = SlaPolicy.safeParse(writes.policy);
    if (!r.success) return problem('policyWouldBeInvalid', {}, r.error);
  }
  for (const ev of writes.events) {
    const r = OrderEvent.safeParse(ev);
    if (!r.success) return problem('eventWouldBeInvalid', { name: ev.id }, r.error);
  }
  return null;
}

/** How a role is named in a message. */
export function roleName(role: Role): string {
  switch (role) {
    case 'viewer':
      return 'a viewer';
    case 'dispatcher':
      return 'a dispatcher';
    case 'supervisor':
      return 'a supervisor';
    case 'device':
      return "an engineer's device";
  }
}

/**
 * The mutation that would undo `name(args)` if it were applied now with `ctx`, or null when it cannot be undone.
 * Call it before applying: it reads the state the mutation starts from.
 */
export function inverseOf(
  registry: ReadonlyMap<string, MutatorDef<unknown>>,
  name: string,
  rawArgs: unknown,
  ctx: MutationContext,
  reader: StateReader,
): { name: string; args: unknown } | null {
  const def = registry.get(name);
  if (!def?.inverse) return null;
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success) return null;
  return def.inverse(new RecordingTx(reader), parsed.data, ctx);
}
