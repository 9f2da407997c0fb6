import { z } from 'zod';
import type { Engineer, EpochMs, OrderEvent, OrderStatus, SlaPolicy, WorkOrder } from '../domain/index.js';
import { label } from '../domain/index.js';
import { isStatusArg, reasonText, type Reason, type ReasonId } from '../dispatch/reasons.js';
import type { RejectionCode } from './protocol.js';
import { Role } from './roles.js';

/** Who is acting, as the server authenticated them (or as the console knows its own user). */
export const Principal = z.strictObject({
  kind: z.enum(['user', 'device', 'system']),
  id: z.string().min(1),
  name: z.string(),
  role: Role,
  /** For devices: the engineer whose device this is. */
  engineerId: z.string().nullable(),
});
export type Principal = z.infer<typeof Principal>;

/** Everything a mutator may know besides its args: time, actor and the mutation's identity. */
export interface MutationContext {
  now: EpochMs;
  actor: Principal;
  clientId: string;
  mutationId: number;
}

/** A record a mutator reads; declared up front so an async store can load and lock it first. */
export type EntityKey =
  | { kind: 'order'; id: string }
  | { kind: 'orderCode'; code: string }
  | { kind: 'engineer'; id: string }
  | { kind: 'policy' }
  | { kind: 'event'; id: string };

/** The synchronous view of the store a mutator works through: reads, then whole-record writes. */
export interface MutationTx {
  order(id: string): WorkOrder | null;
  orderIdByCode(code: string): string | null;
  engineer(id: string): Engineer | null;
  policy(): SlaPolicy;
  hasEvent(id: string): boolean;
  putOrder(order: WorkOrder): void;
  putEngineer(engineer: Engineer): void;
  putPolicy(policy: SlaPolicy): void;
  addEvent(event: OrderEvent): void;
}

/**
 * Thrown by a mutator to refuse a change. The message is the refusal in English (logs, the audit trail, older
 * consoles); `say`, when given, is the same refusal as data, which a console words in its own language.
 */
export class MutationRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly say?: Reason[],
  ) {
    super(message);
    this.name = 'MutationRejected';
  }
}

/** A refusal as a reason (shared/dispatch/reasons.ts): its English message and its data, from the same template. */
export function refused(code: RejectionCode, id: ReasonId, args: Reason['args'] = {}): MutationRejected {
  const reason: Reason = { id, args };
  return new MutationRejected(code, refusalText([reason]), [reason]);
}

/** The English of refusals as data: ids, codes and names as they are, statuses by name. */
export function refusalText(reasons: readonly Reason[]): string {
  return reasons
    .map((r) => reasonText(r, (arg, value) => (isStatusArg(arg) ? label(String(value) as OrderStatus) : String(value))))
    .join(', ');
}

/** A named mutation: its args, who may run it, what it reads, and the change it makes. */
export interface MutatorDef<A> {
  name: string;
  /** What it does, as a verb phrase for messages: "assign an order". */
  title: string;
  args: z.ZodType<A>;
  roles: readonly Role[];
  reads(args: A, ctx: MutationContext): EntityKey[];
  apply(tx: MutationTx, args: A, ctx: MutationContext): void;
  /** The mutation that undoes this one, computed from the state before it ran; null when it cannot be undone. */
  inverse?(before: MutationTx, args: A, ctx: MutationContext): { name: string; args: unknown } | null;
}

/** Defines a mutator with its name kept literal and its args type inferred from the schema. */
export function defineMutator<const N extends string, S extends z.ZodType>(
  def: MutatorDef<z.infer<S>> & { name: N; args: S },
): MutatorDef<z.infer<S>> & { name: N; args: S } {
  return def;
}
