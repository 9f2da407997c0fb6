import { z } from 'zod';
import type { CustomerTier, Priority } from './primitives.js';
import { CUSTOMER_TIERS, EpochMs, Id, PRIORITIES, Rev, text } from './primitives.js';
import { isTimeZone } from '../time/index.js';
import { addBusinessMs } from '../sla/business-hours.js';

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
  .refine((t) => t.resolveMin >= t.respondMin, {
    message: 'resolve target must not be shorter than respond target',
    params: { say: 'resolveBeforeRespond' },
  });
export type SlaTarget = z.infer<typeof SlaTarget>;

const tierTargets = z.object(
  Object.fromEntries(CUSTOMER_TIERS.map((t) => [t, SlaTarget])) as Record<CustomerTier, typeof SlaTarget>,
);

/** Opening hours of one weekday, in minutes after local midnight (end may be 1440: open until midnight). */
export const OpeningHours = z
  .object({
    startMin: z
      .number()
      .int()
      .min(0)
      .max(24 * 60 - 1),
    endMin: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  })
  .refine((h) => h.endMin > h.startMin, {
    message: 'closing time must be after opening time',
    path: ['endMin'],
    params: { say: 'closesBeforeOpens' },
  });
export type OpeningHours = z.infer<typeof OpeningHours>;

/**
 * When SLA clocks count: the opening hours of each weekday (index 0 = Sunday; null = closed) in a time zone.
 * A policy without business hours counts every minute.
 */
export const BusinessHours = z
  .object({
    timeZone: z
      .string()
      .refine(isTimeZone, { message: 'not a known IANA time zone', params: { say: 'unknownTimeZone' } }),
    days: z.array(OpeningHours.nullable()).length(7),
  })
  .refine((b) => b.days.some((d) => d !== null), {
    message: 'at least one day must be open',
    path: ['days'],
    params: { say: 'noOpenDay' },
  });
export type BusinessHours = z.infer<typeof BusinessHours>;

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
  /** Absent in policies stored before business hours existed: those count around the clock. */
  businessHours: BusinessHours.nullable().optional(),
  /** Length of the appointment windows offered to a caller, in minutes; absent: two hours. */
  slotWindowMin: z
    .number()
    .int()
    .min(30)
    .max(8 * 60)
    .optional(),
  /** Percent of each team-day held back for P1 and P2 work, which slot-finding leaves alone; absent: 15. */
  emergencyBufferPct: z.number().min(0).max(50).optional(),
  /** Teams a supervisor has taken off the autopilot: a person dispatches them. Absent: every team is on it. */
  autopilotOff: z.array(Id).max(1_000).optional(),
  version: z.number().int().min(0),
  rev: Rev,
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

/** The appointment window offered to callers, in minutes (two hours unless the policy says otherwise). */
export function slotWindowMin(policy: Pick<SlaPolicy, 'slotWindowMin'> | null): number {
  return policy?.slotWindowMin ?? 120;
}

/** The percent of each team-day held back for P1 and P2 work (15 unless the policy says otherwise). */
export function emergencyBufferPct(policy: Pick<SlaPolicy, 'emergencyBufferPct'> | null): number {
  return policy?.emergencyBufferPct ?? 15;
}

/** Whether the autopilot may dispatch a team, by the centre's policy (on unless a supervisor took the team over). */
export function autopilotOn(policy: Pick<SlaPolicy, 'autopilotOff'> | null, team: string): boolean {
  return !(policy?.autopilotOff ?? []).includes(team);
}

/** The deadlines an order was promised. */
export const Sla = z.object({ respondBy: EpochMs, resolveBy: EpochMs }).refine((s) => s.resolveBy >= s.respondBy, {
  message: 'resolve-by must not be before respond-by',
  params: { say: 'resolveByFirst' },
});
export type Sla = z.infer<typeof Sla>;

/**
 * Deadlines for an order created at `createdAt`, from the policy cell for its priority and customer tier; with
 * business hours, the targets count only open time.
 */
export function slaFor(policy: SlaPolicy, priority: Priority, tier: CustomerTier, createdAt: EpochMs): Sla {
  const target = policy.targets[priority][tier];
  const hours = policy.businessHours ?? null;
  return {
    respondBy: addBusinessMs(createdAt, target.respondMin * MINUTE, hours),
    resolveBy: addBusinessMs(createdAt, target.resolveMin * MINUTE, hours),
  };
}

/** A sensible starting policy for a control centre; P1 platinum must be answered within 30 minutes. */
export function defaultSlaPolicy(): SlaPolicy {
  // Field-service targets: respond = an engineer on the way, resolve = the work done.
  const base: Record<Priority, SlaTarget> = {
    P1: { respondMin: 2 * 60, resolveMin: 6 * 60 },
    P2: { respondMin: 6 * 60, resolveMin: 12 * 60 },
    P3: { respondMin: 24 * 60, resolveMin: 48 * 60 },
    P4: { respondMin: 72 * 60, resolveMin: 120 * 60 },
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
