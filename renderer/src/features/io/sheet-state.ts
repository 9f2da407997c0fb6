import { create } from 'zustand';

/** Which engineer's day the printable sheet shows, if it is open; set from the board, the details or the menu. */
interface SheetState {
  sheet: { engineerId: string; date: string } | null;
  openSheet(engineerId: string, date: string): void;
  closeSheet(): void;
}

export const useSheet = create<SheetState>()((set) => ({
  sheet: null,
  openSheet: (engineerId, date) => set({ sheet: { engineerId, date } }),
  closeSheet: () => set({ sheet: null }),
}));
