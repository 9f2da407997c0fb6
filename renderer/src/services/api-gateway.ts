import type { ApiClient, MethodResult, MutateArgs } from '../../../shared/ipc/index.js';
import { batchParts } from './batch-parts.js';
import type { ConsoleGateway } from './gateway.js';
import type { BatchItemOutcome, CandidateView, DropVerdict } from './views.js';

/** The engine's verdicts in the board's words: the failed hard rules and soft costs, with their reasons. */
function toDropVerdict(v: MethodResult<'dispatch.verdictFor'>): DropVerdict {
  return {
    feasible: v.feasible,
    verdicts: v.verdicts
      .filter((x) => x.status !== 'skipped')
      .map((x) => ({ rule: x.rule, hard: x.hard, ok: x.status === 'pass', message: x.reason, say: x.say })),
    costDelta: v.cost?.total ?? null,
    travelMin: v.cost?.travelMin ?? null,
    lateMin: v.cost?.lateMin ?? null,
    overtimeMin: v.cost?.overtimeMin ?? null,
  };
}

/** An engineer as the actions take a candidate: the slot, the cost and the rules that rule them out. */
function toCandidateView(c: MethodResult<'dispatch.rankCandidates'>['candidates'][number]): CandidateView {
  return {
    engineerId: c.engineerId,
    name: c.name,
    feasible: c.feasible,
    start: c.slot?.start ?? null,
    end: c.slot?.end ?? null,
    costDelta: c.cost?.total ?? null,
    travelMin: c.cost?.travelMin ?? null,
    reasons: c.verdicts.filter((v) => v.status === 'fail').map((v) => v.reason),
  };
}

/** The views' gateway over the typed API: each method is one call, each listener one subscription. */
export function consoleGateway(api: ApiClient): ConsoleGateway {
  return {
    settings: () => api.call('settings.get'),
    saveSettings: (patch) => api.call('settings.set', patch),
    onSettings: (listener) => api.subscribe('settings.changed', listener),
    snapshot: () => api.call('console.snapshot'),
    onChanges: (listener) => api.subscribe('console.changes', listener),
    onPositions: (listener) => api.subscribe('console.positions', listener),
    onStatus: (listener) => api.subscribe('console.status', listener),
    onHistory: (listener) => api.subscribe('console.history', listener),
    mutate: (name, args, label) =>
      api.call('console.mutate', { name, args, ...(label ? { label } : {}) } as MutateArgs),
    mutateAll: async (actions, label, onProgress) => {
      const results: BatchItemOutcome[] = [];
      let failed: string | null = null;
      for (const part of batchParts(actions)) {
        // Once a part fails as a whole (the core went away), it and every later part are answered as not stored;
        // the parts before it stand.
        if (failed === null) {
          try {
            const answer = await api.call('console.mutateAll', {
              label,
              actions: part as MutateArgs[],
              ...(results.length > 0 ? { continueStep: true } : {}),
            });
            results.push(...answer.results);
            onProgress?.(results.length);
            continue;
          } catch (err) {
            failed = err instanceof Error ? err.message : String(err);
          }
        }
        for (let i = 0; i < part.length; i++) results.push({ ok: false, code: 'unavailable', message: failed });
      }
      return results;
    },
    undo: () => api.call('console.undo'),
    redo: () => api.call('console.redo'),
    forceStep: (stack) => api.call('console.forceStep', { stack }),
    dropStep: async (stack) => void (await api.call('console.dropStep', { stack })),
    history: () => api.call('console.history'),
    conflicts: () => api.call('console.conflicts'),
    retryConflict: async (mutationId, overrides) =>
      void (await api.call('console.retryConflict', { mutationId, ...(overrides ? { overrides } : {}) })),
    discardConflict: async (mutationId) => void (await api.call('console.discardConflict', { mutationId })),
    setWorkOffline: async (offline) => void (await api.call('console.setWorkOffline', { offline })),
    orderEvents: (orderId) => api.call('console.orderEvents', { orderId }),
    kpis: (from, to, team) => api.call('console.kpis', { from, to, team }),
    breadcrumbs: (engineerId, from, to) => api.call('console.breadcrumbs', { engineerId, from, to }),
    trackingLink: async (orderId) => (await api.call('console.trackingLink', { orderId })).url,
    slaTimelines: (orderIds) => api.call('console.slaTimelines', { orderIds }),
    onSlaAlert: (listener) => api.subscribe('console.slaAlert', listener),
    slaAlerts: () => api.call('console.slaAlerts'),
    ackSlaAlerts: async (ids) => void (await api.call('console.ackSlaAlerts', { ids })),
    onSlaAlertsAcked: (listener) => api.subscribe('console.slaAlertsAcked', (e) => listener(e.ids)),
    verdictFor: async (orderId, engineerId, start, dayStart) =>
      toDropVerdict(
        await api.call(
          'dispatch.verdictFor',
          dayStart === undefined ? { orderId, engineerId, start } : { orderId, engineerId, start, dayStart },
        ),
      ),
    violations: async (from, to) => (await api.call('dispatch.violations', { from, to })).violations,
    rankCandidates: async (orderId, dayStart) =>
      (
        await api.call('dispatch.rankCandidates', dayStart === undefined ? { orderId } : { orderId, dayStart })
      ).candidates.map(toCandidateView),
    laterDay: async (orderId) => {
      const { later } = await api.call('dispatch.laterDay', { orderId });
      return later ? toCandidateView(later.candidate) : null;
    },
    findSlots: (query) => api.call('dispatch.findSlots', query),
    capacity: async (from, days) => (await api.call('dispatch.capacity', { from, days })).days,
    candidateList: (orderId) => api.call('dispatch.rankCandidates', { orderId }),
    emergency: (orderId) => api.call('dispatch.emergency', { orderId }),
    autoDispatch: (request) => api.call('dispatch.autoDispatch', request),
    cancelDispatch: async (runId) => void (await api.call('dispatch.cancel', { runId })),
    acceptProposal: async (runId, orderIds, label) => {
      const { mutationId, moves } = await api.call('dispatch.accept', { runId, orderIds, label });
      return { mutationId, moves };
    },
    proposalNeeds: (runId, orderIds) => api.call('dispatch.needs', { runId, orderIds }),
    discardProposal: async (runId) => void (await api.call('dispatch.discard', { runId })),
    onDispatchProgress: (listener) =>
      api.subscribe('dispatch.progress', (p) =>
        listener({ runId: p.runId, fraction: p.progress.fraction, bestCost: p.progress.bestCost }),
      ),
    onProposal: (listener) => api.subscribe('dispatch.proposal', (p) => listener(p as Parameters<typeof listener>[0])),
    printToPdf: (fileName) => api.call('print.toPdf', { fileName }),
  };
}
