import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createBookingSlice, type BookingSlice } from './booking-slice.js';
import { createDataSlice, type DataSlice } from './data-slice.js';
import { createDispatchSlice, type DispatchSlice } from './dispatch-slice.js';
import { createSelectionSlice, type SelectionSlice } from './selection-slice.js';
import { createSlaSlice, type SlaSlice } from './sla-slice.js';
import { createSyncSlice, type SyncSlice } from './sync-slice.js';
import { createViewSlice, type ViewSlice } from './view-slice.js';

/** The console's one store, combined once from typed slices. */
export type ConsoleState = DataSlice & SelectionSlice & ViewSlice & SyncSlice & DispatchSlice & SlaSlice & BookingSlice;

export function createConsoleStore(): StoreApi<ConsoleState> {
  return createStore<ConsoleState>()((...a) => ({
    ...createDataSlice(...a),
    ...createSelectionSlice(...a),
    ...createViewSlice(...a),
    ...createSyncSlice(...a),
    ...createDispatchSlice(...a),
    ...createSlaSlice(...a),
    ...createBookingSlice(...a),
  }));
}

let current: StoreApi<ConsoleState> | null = null;

/** The store of the running console (set once at start-up). */
export function setConsoleStore(store: StoreApi<ConsoleState>): void {
  current = store;
}

export function consoleStore(): StoreApi<ConsoleState> {
  if (!current) throw new Error('the console store is not created yet');
  return current;
}

export type { LateBooking } from './booking-slice.js';
export { refusalOf } from './sync-slice.js';

/** Selects narrowly from the console's store. */
export function useConsole<T>(selector: (s: ConsoleState) => T): T {
  return useStore(consoleStore(), selector);
}
