import type { DISPATCH_METHODS, Handlers } from '../../../../shared/ipc/index.js';
import { ApiError } from '../../../../shared/ipc/index.js';
import { LocalRejection } from '../../cache/local-state.js';
import type { DispatchService } from '../../dispatch/service.js';
import type { ApiEventBus } from '../event-bus.js';

/** Forwards the engine's progress and proposals to subscribers; returns the way to stop. */
export function forwardDispatchEvents(service: DispatchService, events: ApiEventBus): () => void {
  const stops = [
    service.on('progress', (p) => events.emit('dispatch.progress', p)),
    service.on('proposal', (p) => events.emit('dispatch.proposal', p)),
  ];
  return () => stops.forEach((stop) => stop());
}

/** The engine's methods over core's dispatch service; without a console (no server) they answer unavailable. */
export function dispatchHandlers(service: DispatchService | null): Handlers<typeof DISPATCH_METHODS> {
  const need = (): DispatchService => {
    if (service) return service;
    throw new ApiError('unavailable', 'the dispatch engine needs a signed-in console');
  };
  return {
    'dispatch.rankCandidates': ({ orderId, dayStart }) => need().rankCandidates(orderId, dayStart),
    'dispatch.laterDay': async ({ orderId }) => {
      try {
        return { later: await need().laterDay(orderId) };
      } catch (err) {
        if (err instanceof Error && !(err instanceof ApiError)) throw new ApiError('not_found', err.message);
        throw err;
      }
    },
    'dispatch.verdictFor': ({ orderId, engineerId, start, dayStart }) =>
      need().verdictFor(orderId, engineerId, start, dayStart),
    'dispatch.emergency': ({ orderId }) => need().emergency(orderId),
    'dispatch.violations': ({ from, to }) => ({ violations: need().violations(from, to) }),
    'dispatch.findSlots': ({ target, preferences, limit }) => {
      try {
        return need().findSlots(target, preferences, limit);
      } catch (err) {
        if (err instanceof Error && !(err instanceof ApiError)) throw new ApiError('not_found', err.message);
        throw err;
      }
    },
    'dispatch.capacity': ({ from, days }) => ({ days: need().capacity(from, days) }),
    'dispatch.autoDispatch': ({ teams, budgetMs, seed, dayStart }) =>
      need().autoDispatch({ scope: teams.length > 0 ? { teams } : {}, budgetMs, seed, dayStart }),
    'dispatch.cancel': ({ runId }) => {
      need().cancel(runId);
      return null;
    },
    'dispatch.accept': ({ runId, orderIds, label }) => {
      try {
        return need().accept(runId, orderIds, label);
      } catch (err) {
        if (err instanceof LocalRejection) throw new ApiError('conflict', err.message, err.say);
        if (err instanceof Error && !(err instanceof ApiError)) throw new ApiError('conflict', err.message);
        throw err;
      }
    },
    'dispatch.needs': ({ runId, orderIds }) => {
      try {
        return need().needs(runId, orderIds);
      } catch (err) {
        if (err instanceof Error && !(err instanceof ApiError)) throw new ApiError('conflict', err.message);
        throw err;
      }
    },
    'dispatch.discard': ({ runId }) => {
      need().discard(runId);
      return null;
    },
  };
}
