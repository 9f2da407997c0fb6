import { z } from 'zod';
import type { CustomerTier, Priority } from './primitives.js';
import { CUSTOMER_TIERS, EpochMs, Id, PRIORITIES, Rev, text } from './primitives.js';

const MINUTE = 60_000;

/** Respond and resolve targets in minutes for one priority × tier cell. */
export const SlaTarget = z
  .object({
    respondMin: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 60),
    resolveMin: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90),
  })
  .refine((t) => t.resolveMin >= t.respondMin, { message: 'resolve target must not be shorter than respond target' });
export type SlaTarget = z.infer<typeof SlaTarget>;

const tierTargets = z.object(
  Object.fromEntries(CUSTOMER_TIERS.map((t) => [t, SlaTarget])) as Record<CustomerTier, typeof SlaTarget>,
);

/** The SLA policy: targets by priority × customer tier, and when an order counts as in jeopardy. */
export const SlaPolicy = z.object({
  id: Id,
  name: text(120),
  targets: z.object(
    Object.fromEntries(PRIORITIES.map((p) => [p, tierTargets])) as Record<Priority, typeof tierTargets>,
  ),
  /** An order is in jeopardy when less than this many minutes of slack remain before a deadline. */
  jeopardyMin: z
    .number()
    .int()
    .min(0)
    .max(60 * 24),
  version: z.number().int().min(0),
  rev: Rev,
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** The deadlines an order was promised. */
export const Sla = z
  .object({ respondBy: EpochMs, resolveBy: EpochMs })
  .refine((s) => s.resolveBy >= s.respondBy, { message: 'resolve-by must not be before respond-by' });
export type Sla = z.infer<typeof Sla>;

/** Deadlines for an order created at `createdAt`, from the policy cell for its priority and customer tier. */
export function slaFor(policy: SlaPolicy, priority: Priority, tier: CustomerTier, createdAt: EpochMs): Sla {
  const target = policy.targets[priority][tier];
  return { respondBy: createdAt + target.respondMin * MINUTE, resolveBy: createdAt + target.resolveMin * MINUTE };
}

/** A sensible starting policy for a control centre; P1 platinum must be answered within 30 minutes. */
export function defaultSlaPolicy(): SlaPolicy {
  const base: Record<Priority, SlaTarget> = {
    P1: { respondMin: 60, resolveMin: 4 * 60 },
    P2: { respondMin: 4 * 60, resolveMin: 8 * 60 },
    P3: { respondMin: 8 * 60, resolveMin: 24 * 60 },
    P4: { respondMin: 24 * 60, resolveMin: 72 * 60 },
  };
  const factor: Record<CustomerTier, number> = { platinum: 0.5, gold: 0.75, silver: 1, bronze: 1.5 };
  const targets = Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      Object.fromEntries(
        CUSTOMER_TIERS.map((t) => [
          t,
          {
            respondMin: Math.round(base[p].respondMin * factor[t]),
            resolveMin: Math.round(base[p].resolveMin * factor[t]),
          },
        ]),
      ),
    ]),
  ) as SlaPolicy['targets'];
  return { id: 'default', name: 'Standard service levels', targets, jeopardyMin: 30, version: 0, rev: 'seed' };
}
