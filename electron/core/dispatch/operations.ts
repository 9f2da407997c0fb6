// The engine operations the worker runs, with road travel times fetched first when a routing service is configured.
import type { WorkOrder } from '../../../shared/domain/index.js';
import {
  autoDispatch,
  insertEmergency,
  rankCandidates,
  RecordingTravel,
  resequenceDay,
  StraightLineTravel,
  verdictFor,
  type DispatchState,
  type EngineHooks,
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
  }
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
  const recorder = new RecordingTravel(state.travel);
  state.travel = recorder;
  if (req.op === 'autoDispatch') buildModel(state, req.scope, req.objective);
  else if (req.op === 'resequenceDay') buildModel(state, resequenceScope(req.engineerId));
  else runOperation(state, req);
  state.travel = await router.travelFor(state, recorder.legs(), recorder.blocks());
}
