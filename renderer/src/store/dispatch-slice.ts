import type { StateCreator } from 'zustand';
import type { GhostBooking } from '../services/views.js';
import type { ConsoleState } from './index.js';

/** An auto-dispatch proposal being looked at: its moves as ghost bars on the board. */
export interface DispatchSlice {
  proposalGhosts: GhostBooking[];
  setProposalGhosts(ghosts: GhostBooking[]): void;
}

export const createDispatchSlice: StateCreator<ConsoleState, [], [], DispatchSlice> = (set) => ({
  proposalGhosts: [],
  setProposalGhosts: (proposalGhosts) => set({ proposalGhosts }),
});
