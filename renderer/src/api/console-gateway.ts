import type { ApiClient, MutateArgs } from '../../../shared/ipc/index.js';
import { ApiError } from '../../../shared/ipc/index.js';
import type { ConsoleGateway } from '../store/gateway.js';

/**
 * The views' gateway over the typed API: each method is one call, each listener one subscription. The engine's
 * operations (drop verdicts, candidates, auto-dispatch) are not in the API until core hosts the engine: they fail as
 * `unavailable`, and their progress and proposal listeners hear nothing.
 */
export function consoleGateway(api: ApiClient): ConsoleGateway {
  const noEngine = () =>
    Promise.reject(new ApiError('unavailable', 'the dispatch engine is not connected to core yet'));
  return {
    snapshot: () => api.call('console.snapshot'),
    onChanges: (listener) => api.subscribe('console.changes', listener),
    onPositions: (listener) => api.subscribe('console.positions', listener),
    onStatus: (listener) => api.subscribe('console.status', listener),
    onHistory: (listener) => api.subscribe('console.history', listener),
    mutate: (name, args, label) =>
      api.call('console.mutate', { name, args, ...(label ? { label } : {}) } as MutateArgs),
    undo: () => api.call('console.undo'),
    redo: () => api.call('console.redo'),
    history: () => api.call('console.history'),
    conflicts: () => api.call('console.conflicts'),
    retryConflict: async (mutationId) => void (await api.call('console.retryConflict', { mutationId })),
    discardConflict: async (mutationId) => void (await api.call('console.discardConflict', { mutationId })),
    setWorkOffline: async (offline) => void (await api.call('console.setWorkOffline', { offline })),
    orderEvents: (orderId) => api.call('console.orderEvents', { orderId }),
    verdictFor: noEngine,
    rankCandidates: noEngine,
    autoDispatch: noEngine,
    cancelDispatch: noEngine,
    acceptProposal: noEngine,
    discardProposal: noEngine,
    onDispatchProgress: () => () => {},
    onProposal: () => () => {},
  };
}
