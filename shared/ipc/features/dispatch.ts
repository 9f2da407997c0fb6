import { z } from 'zod';
import {
  BookingViolationSchema,
  CandidateListSchema,
  DropVerdictSchema,
  EngineProgressSchema,
  LaterDaySchema,
  ProposalSchema,
  SlotPreferences,
  SlotSearch,
  TeamDayCapacity,
} from '../../dispatch/index.js';
import { NewOrder } from '../../sync/index.js';
import { EpochMs, Id } from '../../domain/index.js';
import { method } from '../define.js';

const RunRef = z.strictObject({ runId: z.number().int().min(1) });

/** The dispatch engine as the console asks it (it runs in core's worker threads, never on the page). */
export const DISPATCH_METHODS = {
  'dispatch.rankCandidates': method(
    "every engineer for an order: best slot, each rule, cost delta, on the day holding dayStart (if absent, the day of the order's booking or window when ahead, else today); with the day ranked",
    z.strictObject({ orderId: Id, dayStart: EpochMs.optional() }),
    CandidateListSchema.extend({ dayStart: EpochMs }),
  ),
  'dispatch.laterDay': method(
    'the first of the next seven days on which someone can take an order, with the earliest slot that day (null: none)',
    z.strictObject({ orderId: Id }),
    z.strictObject({ later: LaterDaySchema.nullable() }),
  ),
  'dispatch.verdictFor': method(
    "the rules and cost of dropping an order on an engineer at a time, on the planning day of that work (or on the day holding dayStart: the candidate list's, for a booking from it)",
    z.strictObject({ orderId: Id, engineerId: Id, start: EpochMs, dayStart: EpochMs.optional() }),
    DropVerdictSchema,
  ),
  'dispatch.emergency': method(
    'the earliest an order can go today, bumping lower-priority work where that gets it there sooner: a proposal',
    z.strictObject({ orderId: Id }),
    z.strictObject({ runId: z.number().int().min(1), proposal: ProposalSchema }),
  ),
  'dispatch.violations': method(
    'the bookings starting in [from, to) that break a hard rule, with the rule and why (at most eight days)',
    z.strictObject({ from: EpochMs, to: EpochMs }).refine((r) => r.to > r.from && r.to - r.from <= 8 * 86_400_000, {
      message: 'a period of up to eight days, ending after it starts',
    }),
    z.strictObject({ violations: z.array(BookingViolationSchema).max(200_000) }),
  ),
  'dispatch.findSlots': method(
    'the best appointment windows of the next seven days for an open order or a call being logged, graded, with why',
    z.strictObject({
      target: z.union([z.strictObject({ orderId: Id }), z.strictObject({ draft: NewOrder })]),
      preferences: SlotPreferences.optional(),
      limit: z.number().int().min(1).max(20).optional(),
    }),
    SlotSearch,
  ),
  'dispatch.capacity': method(
    "every team's hours on each day from the one holding `from`: available, booked (work and travel), left, buffer",
    z.strictObject({ from: EpochMs, days: z.number().int().min(1).max(14) }),
    z.strictObject({ days: z.array(TeamDayCapacity).max(100_000) }),
  ),
  'dispatch.autoDispatch': method(
    'start planning the queue; progress and the proposal come as events',
    z.strictObject({
      teams: z.array(Id).max(1_000),
      budgetMs: z.number().int().min(500).max(120_000),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31),
      dayStart: EpochMs,
    }),
    RunRef,
  ),
  'dispatch.cancel': method('stop a run early (it answers with the best plan so far)', RunRef, z.null()),
  'dispatch.accept': method(
    'apply a proposal, whole or exactly the chosen orders, as one plan',
    z.strictObject({
      runId: z.number().int().min(1),
      orderIds: z.array(Id).max(20_000).nullable(),
      label: z.string().trim().min(1).max(200),
    }),
    z.strictObject({ mutationId: z.number().int().min(1), moves: z.number().int().min(1) }),
  ),
  'dispatch.needs': method(
    'the other moves of a proposal that the chosen ones need with them (they free a slot), and which chosen ones need them',
    z.strictObject({ runId: z.number().int().min(1), orderIds: z.array(Id).max(20_000) }),
    z.strictObject({ needs: z.array(Id), needing: z.array(Id) }),
  ),
  'dispatch.discard': method('forget a proposal', RunRef, z.null()),
};

export const DISPATCH_EVENTS = {
  'dispatch.progress': z.strictObject({ runId: z.number().int(), progress: EngineProgressSchema }),
  'dispatch.proposal': z.strictObject({
    runId: z.number().int(),
    proposal: ProposalSchema.nullable(),
    error: z.string().nullable(),
  }),
};
