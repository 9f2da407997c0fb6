// Messages between core and the engine worker: zod-checked on both sides of the thread boundary.
import { z } from 'zod';
import { EpochMs, Id, WorkOrder } from '../../../shared/domain/index.js';
import {
  CandidateListSchema,
  DispatchDay,
  DispatchDays,
  DispatchScopeSchema,
  DropVerdictSchema,
  EngineProgressSchema,
  LaterDaySchema,
  ObjectiveModeSchema,
  ProposalSchema,
} from '../../../shared/dispatch/index.js';

const Budget = z.number().min(0).max(600_000);

/** One engine operation on the loaded day; `order` supplies an order the day does not hold yet (a call just taken). */
export const EngineRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('rankCandidates'), orderId: Id, order: WorkOrder.optional() }),
  z.object({ op: z.literal('verdictFor'), orderId: Id, engineerId: Id, start: EpochMs, order: WorkOrder.optional() }),
  z.object({
    op: z.literal('autoDispatch'),
    scope: DispatchScopeSchema,
    budgetMs: Budget,
    seed: z.number().int(),
    objective: ObjectiveModeSchema.optional(),
  }),
  z.object({ op: z.literal('resequenceDay'), engineerId: Id, budgetMs: Budget, seed: z.number().int() }),
  z.object({ op: z.literal('insertEmergency'), orderId: Id, order: WorkOrder.optional() }),
  /**
   * The first of the given days on which someone can take the order, and its earliest slot: answered from the days
   * sent with it (built one at a time, as far as needed), not the loaded day, which stays as it is.
   */
  z.object({ op: z.literal('firstDayFor'), order: WorkOrder, input: DispatchDays }),
]);
export type EngineRequest = z.infer<typeof EngineRequest>;

/** What each operation answers. */
export const EngineResult = z.discriminatedUnion('op', [
  z.object({ op: z.literal('rankCandidates'), value: CandidateListSchema }),
  z.object({ op: z.literal('verdictFor'), value: DropVerdictSchema }),
  z.object({ op: z.literal('autoDispatch'), value: ProposalSchema }),
  z.object({ op: z.literal('resequenceDay'), value: ProposalSchema }),
  z.object({ op: z.literal('insertEmergency'), value: ProposalSchema }),
  z.object({ op: z.literal('firstDayFor'), value: LaterDaySchema.nullable() }),
]);
export type EngineResult = z.infer<typeof EngineResult>;

const MessageId = z.number().int().min(1);

/** Core → worker. */
export const ToWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), id: MessageId, day: DispatchDay }),
  z.object({ type: z.literal('run'), id: MessageId, request: EngineRequest }),
  /** Skip a run that has not started yet (a started one is stopped through the shared cancel flag). */
  z.object({ type: z.literal('cancel'), id: MessageId }),
]);
export type ToWorker = z.infer<typeof ToWorker>;

/** Worker → core. */
export const FromWorker = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loaded'), id: MessageId, engineers: z.number().int(), queue: z.number().int() }),
  z.object({ type: z.literal('progress'), id: MessageId, progress: EngineProgressSchema }),
  z.object({ type: z.literal('result'), id: MessageId, result: EngineResult }),
  z.object({ type: z.literal('error'), id: MessageId, message: z.string(), cancelled: z.boolean() }),
]);
export type FromWorker = z.infer<typeof FromWorker>;

/** What the worker is started with. */
export const WorkerSetup = z.object({
  /** Int32Array over a SharedArrayBuffer: slot 0 holds the id of the run to stop. */
  cancelFlag: z.instanceof(SharedArrayBuffer),
  osrmUrl: z.string().url().nullable(),
});
export type WorkerSetup = z.infer<typeof WorkerSetup>;
