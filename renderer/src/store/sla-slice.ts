import type { StateCreator } from 'zustand';
import type { SlaAlertView } from '../services/views.js';
import type { ConsoleState } from './index.js';

/** Escalations core raised, newest last, for the in-app list (shown when desktop notifications are denied). */
export interface SlaSlice {
  slaAlerts: SlaAlertView[];
  /** Alerts waiting to be announced (desktop notification or in-app toast). */
  slaUnannounced: SlaAlertView[];
  /** Ids already queued, so an alert heard live and again in core's list at a reload is announced once. */
  slaSeen: Set<string>;
  raiseSlaAlert(alert: SlaAlertView): void;
  takeUnannounced(): SlaAlertView[];
  /** Shows an alert in the in-app list. */
  toastSlaAlert(alert: SlaAlertView): void;
  dismissSlaAlert(id: string): void;
}

const KEEP = 50;

export const createSlaSlice: StateCreator<ConsoleState, [], [], SlaSlice> = (set, get) => ({
  slaAlerts: [],
  slaUnannounced: [],
  slaSeen: new Set(),
  raiseSlaAlert(alert) {
    const seen = get().slaSeen;
    if (seen.has(alert.id)) return;
    seen.add(alert.id);
    set((s) => ({ slaUnannounced: [...s.slaUnannounced, alert] }));
  },
  takeUnannounced() {
    const out = get().slaUnannounced;
    if (out.length) set({ slaUnannounced: [] });
    return out;
  },
  toastSlaAlert: (alert) =>
    set((s) => (s.slaAlerts.some((a) => a.id === alert.id) ? s : { slaAlerts: [...s.slaAlerts, alert].slice(-KEEP) })),
  dismissSlaAlert: (id) => set((s) => ({ slaAlerts: s.slaAlerts.filter((a) => a.id !== id) })),
});
