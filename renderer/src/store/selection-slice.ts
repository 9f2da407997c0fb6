import type { StateCreator } from 'zustand';
import type { ConsoleState } from './index.js';

/** What the dispatcher is looking at, shared by board, map, queue and details. */
export interface SelectionSlice {
  selectedOrderIds: ReadonlySet<string>;
  /** The order whose details are open (the last one clicked). */
  focusedOrderId: string | null;
  selectedEngineerId: string | null;
  /** The engineer whose card is open (it also selects them, so the map draws their plan and trail), or null. */
  engineerCardId: string | null;
  /** Counts the card's openings: opening it again (for the same engineer) brings the focus back to it. */
  engineerCardOpenings: number;
  selectOrder(id: string, mode?: 'replace' | 'toggle' | 'add'): void;
  selectOrders(ids: string[]): void;
  selectEngineer(id: string | null): void;
  showEngineerCard(id: string | null): void;
  clearSelection(): void;
}

/**
 * The engineer selected with an order: the one it is booked to, or none. The map draws the selected engineer's plan, so
 * it follows the order chosen rather than keeping an engineer chosen before.
 */
function engineerOf(s: ConsoleState, orderId: string | null): string | null {
  return (orderId && s.orders.get(orderId)?.booking?.engineerId) || null;
}

export const createSelectionSlice: StateCreator<ConsoleState, [], [], SelectionSlice> = (set) => ({
  selectedOrderIds: new Set(),
  focusedOrderId: null,
  selectedEngineerId: null,
  engineerCardId: null,
  engineerCardOpenings: 0,
  selectOrder(id, mode = 'replace') {
    set((s) => {
      const next = new Set(mode === 'replace' ? [] : s.selectedOrderIds);
      if (mode === 'toggle' && next.has(id)) next.delete(id);
      else next.add(id);
      const focusedOrderId = next.has(id) ? id : s.focusedOrderId === id ? null : s.focusedOrderId;
      return { selectedOrderIds: next, focusedOrderId, selectedEngineerId: engineerOf(s, focusedOrderId) };
    });
  },
  selectOrders(ids) {
    set((s) => {
      const focusedOrderId = ids.at(-1) ?? null;
      return { selectedOrderIds: new Set(ids), focusedOrderId, selectedEngineerId: engineerOf(s, focusedOrderId) };
    });
  },
  selectEngineer(id) {
    set({ selectedEngineerId: id });
  },
  showEngineerCard(id) {
    set((s) =>
      id
        ? { engineerCardId: id, selectedEngineerId: id, engineerCardOpenings: s.engineerCardOpenings + 1 }
        : { engineerCardId: null },
    );
  },
  clearSelection() {
    set({ selectedOrderIds: new Set(), focusedOrderId: null });
  },
});
