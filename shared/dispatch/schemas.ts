// zod schemas for what crosses a process or thread boundary to and from the engine (worker messages, IPC): the
// engine's input day and its answers. Compile-time checks below keep them equal to the engine's own types.
import { z } from 'zod';
import { Engineer, EpochMs, Id, Part, PRIORITIES, Skill, WorkOrder } from '../domain/index.js';
import type { CandidateList, LaterDay } from './candidates.js';
import type { FitChange } from './fit-changes.js';
import type { DropVerdict } from './verdict.js';
import type { PlanKpis } from './kpis.js';
import type { DispatchScope } from './model.js';
import { DispatchPolicy } from './policy.js';
import type { Proposal } from './proposal.js';
import { RULES } from './rules.js';
import { ReasonSchema, SaidReasonSchema } from './reasons.js';
import type { EngineProgress } from './search-budget.js';
import type { BookingViolation } from './violations.js';

/** The domain data of one planning day, as the engine takes it. */
export const DispatchDay = z
  .object({
    now: EpochMs,
    day: z.object({ start: EpochMs, end: EpochMs }),
    timeZone: z.string().min(1).max(64),
    engineers: z.array(Engineer).max(10_000),
    orders: z.array(WorkOrder).max(200_000),
    policy: DispatchPolicy.optional(),
    jeopardyMin: z.number().int().min(0).max(1440).optional(),
    skills: z.array(Skill).max(1_000).optional(),
    parts: z.array(Part).max(10_000).optional(),
  })
  .refine((d) => d.day.end > d.day.start, {
    message: 'the planning day must end after it starts',
    path: ['day', 'end'],
  });
export type DispatchDay = z.infer<typeof DispatchDay>;

/**
 * The domain data of the coming days, as the engine takes it to look for the first day someone can take an order:
 * what DispatchDay holds, for several days (each [start, end), usually local midnight to midnight, in order).
 */
export const DispatchDays = z.object({
  now: EpochMs,
  days: z
    .array(z.object({ start: EpochMs, end: EpochMs }).refine((d) => d.end > d.start, 'a day must end after it starts'))
    .min(1)
    .max(14),
  timeZone: z.string().min(1).max(64),
  engineers: z.array(Engineer).max(10_000),
  orders: z.array(WorkOrder).max(200_000),
  policy: DispatchPolicy.optional(),
  jeopardyMin: z.number().int().min(0).max(1440).optional(),
  skills: z.array(Skill).max(1_000).optional(),
  parts: z.array(Part).max(10_000).optional(),
});
export type DispatchDays = z.infer<typeof DispatchDays>;

/** Which part of the plan auto-dispatch may change. */
export const DispatchScopeSchema = z.object({
  teams: z.array(Id).max(1_000).readonly().optional(),
  engineerIds: z.array(Id).max(10_000).readonly().optional(),
  orderIds: z.array(Id).max(200_000).readonly().optional(),
  rearrange: z.boolean().optional(),
  keepBooked: z.boolean().optional(),
});

const ByPriority = z.object({ P1: z.number(), P2: z.number(), P3: z.number(), P4: z.number() });
const Priority = z.enum(PRIORITIES);

const CostDeltaSchema = z.object({
  total: z.number(),
  terms: z.object({
    travel: z.number(),
    lateness: z.number(),
    overtime: z.number(),
    balance: z.number(),
    preference: z.number(),
  }),
  travelMin: z.number(),
  lateMin: z.number(),
  overtimeMin: z.number(),
});

/** One of the rules the engine plans by (RULES). */
export const RuleIdSchema = z.enum(Object.keys(RULES) as [keyof typeof RULES, ...Array<keyof typeof RULES>]);

const VerdictSchema = z.object({
  rule: RuleIdSchema,
  hard: z.boolean(),
  status: z.enum(['pass', 'fail', 'skipped']),
  reason: z.string(),
  say: z.array(ReasonSchema).optional(),
});

const SlotSchema = z.object({
  start: z.number(),
  end: z.number(),
  travelBeforeMin: z.number(),
  travelBeforeKm: z.number(),
  afterOrderId: z.string().nullable(),
  beforeOrderId: z.string().nullable(),
});

const FitChangeBase = {
  engineerId: z.string(),
  name: z.string(),
  slot: SlotSchema,
  lateMin: z.number(),
  summary: z.string(),
};

/** A change that would let an engineer take an order nobody can take as things stand. */
export const FitChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    ...FitChangeBase,
    kind: z.literal('partTransfer'),
    transfers: z.array(
      z.object({
        part: z.string(),
        partName: z.string(),
        qty: z.number(),
        fromEngineerId: z.string(),
        fromName: z.string(),
        km: z.number(),
      }),
    ),
  }),
  z.object({ ...FitChangeBase, kind: z.literal('longerShift'), extraMin: z.number() }),
  z.object({
    ...FitChangeBase,
    kind: z.literal('bump'),
    bumped: z.object({ orderId: z.string(), code: z.string(), priority: Priority, durationMin: z.number() }),
  }),
]);

/** One engineer for an order: the best slot, each rule's verdict and the cost delta. */
const CandidateSchema = z.object({
  engineerId: z.string(),
  name: z.string(),
  team: z.string(),
  feasible: z.boolean(),
  slot: SlotSchema.nullable(),
  cost: CostDeltaSchema.nullable(),
  slaSlackMin: z.number().nullable(),
  verdicts: z.array(VerdictSchema),
  summary: z.string(),
});

/** The ranked candidates for one order. */
export const CandidateListSchema = z.object({
  orderId: z.string(),
  candidates: z.array(CandidateSchema),
  travelSource: z.string(),
  notes: z.array(z.string()),
  changes: z.array(FitChangeSchema),
  noChange: SaidReasonSchema.nullable(),
});

/** The verdicts and cost of one proposed drop. */
export const DropVerdictSchema = z.object({
  orderId: z.string(),
  engineerId: z.string(),
  start: z.number(),
  feasible: z.boolean(),
  verdicts: z.array(VerdictSchema),
  cost: CostDeltaSchema.nullable(),
});

/** The first of some days on which someone can take an order (its local midnight), and the earliest slot that day. */
export const LaterDaySchema = z.object({ dayStart: EpochMs, candidate: CandidateSchema });

/** A booking that breaks a hard rule as it stands. */
export const BookingViolationSchema = z.object({
  orderId: z.string(),
  engineerId: z.string(),
  rule: RuleIdSchema,
  reason: z.string(),
  say: z.array(ReasonSchema).optional(),
});

const PlanKpisSchema = z.object({
  travelMin: z.number(),
  travelKm: z.number(),
  lateMin: z.number(),
  slaAtRisk: z.number(),
  overtimeMin: z.number(),
  assigned: z.number(),
  unassigned: ByPriority,
});

/** A proposal of moves with KPI deltas. */
export const ProposalSchema = z.object({
  kind: z.enum(['auto-dispatch', 'resequence', 'emergency']),
  createdAt: z.number(),
  moves: z.array(
    z.object({
      kind: z.enum(['assign', 'move', 'unassign']),
      orderId: z.string(),
      code: z.string(),
      priority: Priority,
      from: z.object({ engineerId: z.string(), start: z.number() }).nullable(),
      to: z.object({ engineerId: z.string(), start: z.number(), end: z.number() }).nullable(),
      base: z.object({ version: z.number(), rev: z.string() }),
      reason: z.string(),
      say: z.array(ReasonSchema).optional(),
      dependsOn: z.array(z.string()),
    }),
  ),
  unassigned: z.array(
    z.object({
      orderId: z.string(),
      code: z.string(),
      priority: Priority,
      reason: z.string(),
      say: z.array(ReasonSchema).optional(),
    }),
  ),
  kpis: z.object({ before: PlanKpisSchema, after: PlanKpisSchema, delta: PlanKpisSchema }),
  cost: z.object({ before: z.number(), after: z.number() }),
  notes: z.array(SaidReasonSchema),
  otherDays: z.number().int().min(0).optional(),
  search: z.object({
    seed: z.number(),
    iterations: z.number(),
    elapsedMs: z.number(),
    stoppedBy: z.enum(['budget', 'cancelled', 'complete', 'time cap']),
  }),
});

/** Progress of a long engine run. */
export const EngineProgressSchema = z.object({
  phase: z.enum(['construction', 'search']),
  bestCost: z.number().nullable(),
  fraction: z.number().min(0).max(1),
  iterations: z.number().int().min(0),
});

// The schemas describe exactly the engine's types; a change to one without the other fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _SchemasMatch = [
  Assert<Same<z.infer<typeof CandidateListSchema>, CandidateList>>,
  Assert<Same<z.infer<typeof LaterDaySchema>, LaterDay>>,
  Assert<Same<z.infer<typeof FitChangeSchema>, FitChange>>,
  Assert<Same<z.infer<typeof DropVerdictSchema>, DropVerdict>>,
  Assert<Same<z.infer<typeof ProposalSchema>, Proposal>>,
  Assert<Same<z.infer<typeof PlanKpisSchema>, PlanKpis>>,
  Assert<Same<z.infer<typeof EngineProgressSchema>, EngineProgress>>,
  Assert<Same<z.infer<typeof DispatchScopeSchema>, DispatchScope>>,
  Assert<Same<z.infer<typeof BookingViolationSchema>, BookingViolation>>,
];
