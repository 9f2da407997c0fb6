import type { StateCreator } from 'zustand';
import type { GhostBar } from '../features/board/paint.js';
import type { ConsoleState } from './index.js';

/** An auto-dispatch proposal being looked at: its moves as ghost bars on the board. */
export interface DispatchSlice {
  proposalGhosts: GhostBar[];
  setProposalGhosts(ghosts: GhostBar[]): void;
}

export const createDispatchSlice: StateCreator<ConsoleState, [], [], DispatchSlice> = (set) => ({
  proposalGhosts: [],
  setProposalGhosts: (proposalGhosts) => set({ proposalGhosts }),
});
