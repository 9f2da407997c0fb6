import { create } from 'zustand';

/** Which engineer's day the printable sheet shows, if it is open; set from the board, the details or the menu. */
interface SheetState {
  /** With `orderId`, the sheet holds that one order: its own page, printed or saved as the order's PDF. */
  sheet: { engineerId: string; date: string; orderId?: string } | null;
  openSheet(engineerId: string, date: string, orderId?: string): void;
  closeSheet(): void;
}

export const useSheet = create<SheetState>()((set) => ({
  sheet: null,
  openSheet: (engineerId, date, orderId) =>
    set({ sheet: orderId ? { engineerId, date, orderId } : { engineerId, date } }),
  closeSheet: () => set({ sheet: null }),
}));
