import type { ConsoleGateway, DropVerdict } from '../src/services/index.js';

/**
 * The gateway of the benchmark pages: no core behind it. Reads answer with nothing and writes are refused, so the
 * pages measure only the views' own work.
 */
export function benchGateway(): ConsoleGateway {
  const none = () => () => undefined;
  const refuse = () => Promise.reject(new Error('the benchmark page has no core'));
  const verdict: DropVerdict = {
    feasible: true,
    verdicts: [],
    costDelta: null,
    travelMin: null,
    lateMin: null,
    overtimeMin: null,
  };
  return {
    settings: refuse,
    saveSettings: refuse,
    onSettings: none,
    snapshot: refuse,
    onChanges: none,
    onPositions: none,
    onStatus: none,
    onHistory: none,
    mutate: refuse,
    mutateAll: refuse,
    undo: async () => null,
    redo: async () => null,
    forceStep: async () => null,
    dropStep: async () => undefined,
    history: async () => ({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null }),
    conflicts: async () => [],
    retryConflict: refuse,
    discardConflict: refuse,
    setWorkOffline: async () => undefined,
    orderEvents: async () => [],
    breadcrumbs: async () => [],
    trackingLink: async () => 'http://127.0.0.1/t/bench',
    kpis: () => Promise.reject(new Error('no KPIs in the benchmark')),
    slaTimelines: async () => [],
    onSlaAlert: none,
    slaAlerts: async () => [],
    ackSlaAlerts: async () => undefined,
    onSlaAlertsAcked: none,
    verdictFor: async () => verdict,
    rankCandidates: async () => [],
    laterDay: async () => null,
    candidateList: async (orderId) => ({
      orderId,
      candidates: [],
      travelSource: '',
      notes: [],
      changes: [],
      noChange: null,
      dayStart: 0,
    }),
    findSlots: refuse,
    capacity: async () => [],
    emergency: refuse,
    violations: async () => [],
    autoDispatch: refuse,
    cancelDispatch: async () => undefined,
    acceptProposal: refuse,
    proposalNeeds: async () => ({ needs: [], needing: [] }),
    discardProposal: async () => undefined,
    onDispatchProgress: none,
    onProposal: none,
    printToPdf: async () => null,
  };
}
