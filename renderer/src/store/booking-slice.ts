import type { StateCreator } from 'zustand';
import type { BookingLateness } from '../../../shared/sla/index.js';
import type { ConsoleState } from './index.js';

/** "Book the best candidate" held back because the best slot misses the order's SLA: what the dispatcher decides on. */
export interface LateBooking {
  orderId: string;
  code: string;
  engineerId: string;
  name: string;
  start: number;
  end: number;
  lateness: BookingLateness;
  /** Nobody could take it today: this is the earliest slot on a later day. */
  laterDay?: boolean;
  /** The dispatcher picked this engineer and time (a row of the candidate list), not the engine's best. */
  picked?: boolean;
}

/** The late booking the console asks about, if any (one at a time). */
export interface BookingSlice {
  lateBooking: LateBooking | null;
  askLateBooking(prompt: LateBooking | null): void;
  /** Whether the candidate list for the focused order is open. */
  candidatesOpen: boolean;
  showCandidates(open: boolean): void;
}

export const createBookingSlice: StateCreator<ConsoleState, [], [], BookingSlice> = (set) => ({
  lateBooking: null,
  askLateBooking: (lateBooking) => set({ lateBooking }),
  candidatesOpen: false,
  showCandidates: (candidatesOpen) => set({ candidatesOpen }),
});
