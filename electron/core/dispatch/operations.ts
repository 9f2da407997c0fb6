// The engine operations the worker runs, with road travel times fetched first when a routing service is configured.
import type { WorkOrder } from '../../../shared/domain/index.js';
import {
  autoDispatch,
  earliestCandidate,
  firstDayFor,
  insertEmergency,
  rankCandidates,
  RecordingTravel,
  resequenceDay,
  statesOfDays,
  StraightLineTravel,
  verdictFor,
  type DispatchState,
  type EngineHooks,
  type LaterDay,
} from '../../../shared/dispatch/index.js';
import { buildModel } from '../../../shared/dispatch/model.js';
import { resequenceScope } from '../../../shared/dispatch/resequence.js';
import type { OsrmRouter } from '../routing/osrm.js';
import type { EngineRequest, EngineResult } from './protocol.js';

function orderOf(state: DispatchState, req: { orderId: string; order?: WorkOrder | undefined }): WorkOrder {
  if (req.order) {
    if (req.order.id !== req.orderId) throw new Error(`order ${req.order.id} was sent for order ${req.orderId}`);
    return req.order;
  }
  const order = state.orders.get(req.orderId);
  if (!order) throw new Error(`order ${req.orderId} is not in the loaded day`);
  return order;
}

/** Runs one engine operation on the loaded day. */
export function runOperation(state: DispatchState, req: EngineRequest, hooks: EngineHooks = {}): EngineResult {
  switch (req.op) {
    case 'rankCandidates':
      return { op: req.op, value: rankCandidates(orderOf(state, req), state) };
    case 'verdictFor':
      return { op: req.op, value: verdictFor(orderOf(state, req), req.engineerId, req.start, state) };
    case 'autoDispatch':
      return { op: req.op, value: autoDispatch(req.scope, req.budgetMs, req.seed, state, hooks, req.objective) };
    case 'resequenceDay':
      return {
        op: req.op,
        value: resequenceDay(req.engineerId, state, { budgetMs: req.budgetMs, seed: req.seed, hooks }),
      };
    case 'insertEmergency':
      return { op: req.op, value: insertEmergency(orderOf(state, req), state) };
    case 'firstDayFor':
      return { op: req.op, value: firstDayFor(req.order, req.input) };
  }
}

/**
 * The first of the days sent on which someone can take the order, with its earliest slot; each day built and ranked
 * once, as far as the first that will do, with road travel times for each day's legs when a routing service is
 * configured (straight line otherwise). The loaded day is neither used nor changed.
 */
export async function firstDayOnRoads(
  req: Extract<EngineRequest, { op: 'firstDayFor' }>,
  router: OsrmRouter | null,
): Promise<LaterDay | null> {
  if (!router) return firstDayFor(req.order, req.input);
  for (const state of statesOfDays(req.input)) {
    await roadTravel(state, () => earliestCandidate(req.order, state), router);
    const candidate = earliestCandidate(req.order, state);
    if (candidate) return { dayStart: state.epoch, candidate };
  }
  return null;
}

/** Road travel times for exactly the legs `dryRun` asks for, fetched from the routing service and put in place. */
async function roadTravel(state: DispatchState, dryRun: () => void, router: OsrmRouter): Promise<void> {
  const recorder = new RecordingTravel(state.travel);
  state.travel = recorder;
  dryRun();
  state.travel = await router.travelFor(state, recorder.legs(), recorder.blocks());
}

/**
 * Puts the travel times an operation will use in place: straight line, or road times for exactly the legs a dry run
 * asks for (the whole matrix of a solver model), fetched from the routing service before the real run.
 */
export async function prepareTravel(
  state: DispatchState,
  req: EngineRequest,
  router: OsrmRouter | null,
): Promise<void> {
  state.travel = new StraightLineTravel(state.locations, state.policy.travel);
  if (!router) return;
  await roadTravel(
    state,
    () => {
      if (req.op === 'autoDispatch') buildModel(state, req.scope, req.objective);
      else if (req.op === 'resequenceDay') buildModel(state, resequenceScope(req.engineerId));
      else runOperation(state, req);
    },
    router,
  );
}
