import type { StateCreator } from 'zustand';
import type { SlaAlertView } from '../services/views.js';
import type { ConsoleState } from './index.js';

/** Escalations core raised and nobody dismissed, newest last: the console's alert list. */
export interface SlaSlice {
  slaAlerts: SlaAlertView[];
  /** Alerts waiting to be announced as desktop notifications (when the dispatcher allows them). */
  slaUnannounced: SlaAlertView[];
  /** Ids already taken in, so an alert heard live and again in core's list at a reload is listed once. */
  slaSeen: Set<string>;
  raiseSlaAlert(alert: SlaAlertView): void;
  takeUnannounced(): SlaAlertView[];
  /** Takes dismissed alerts off the list (dismissed here or in another window). */
  dropSlaAlerts(ids: readonly string[]): void;
}

const KEEP = 100;

export const createSlaSlice: StateCreator<ConsoleState, [], [], SlaSlice> = (set, get) => ({
  slaAlerts: [],
  slaUnannounced: [],
  slaSeen: new Set(),
  raiseSlaAlert(alert) {
    const seen = get().slaSeen;
    if (seen.has(alert.id)) return;
    seen.add(alert.id);
    set((s) => ({
      slaAlerts: [...s.slaAlerts, alert].slice(-KEEP),
      slaUnannounced: [...s.slaUnannounced, alert],
    }));
  },
  takeUnannounced() {
    const out = get().slaUnannounced;
    if (out.length) set({ slaUnannounced: [] });
    return out;
  },
  dropSlaAlerts(ids) {
    const gone = new Set(ids);
    set((s) =>
      s.slaAlerts.some((a) => gone.has(a.id)) ? { slaAlerts: s.slaAlerts.filter((a) => !gone.has(a.id)) } : s,
    );
  },
});
