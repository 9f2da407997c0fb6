import type { OrderStatus, Priority } from '../../../shared/domain/index.js';
import type { Palette } from '../../../shared/ipc/index.js';
import type { OrderView } from '../services/views.js';

/** Bar fill by status: calm blues for planned work, warm for work under way, grey for done. */
export const STATUS_COLOURS: Record<OrderStatus, string> = {
  new: '#94a3b8',
  scheduled: '#3b82f6',
  dispatched: '#6366f1',
  en_route: '#f59e0b',
  on_site: '#10b981',
  completed: '#64748b',
  on_hold: '#a855f7',
  cancelled: '#cbd5e1',
};

export const PRIORITY_COLOURS: Record<Priority, string> = {
  P1: '#dc2626',
  P2: '#ea580c',
  P3: '#2563eb',
  P4: '#64748b',
};

export function barColour(order: OrderView, palette: Palette): string {
  return palette === 'status' ? STATUS_COLOURS[order.status] : PRIORITY_COLOURS[order.priority];
}

/**
 * Engineer state dot, on the board, the engineer card and the map alike. On site is blue, not a second green: beside
 * available's green it could not be told apart at a dot's size.
 */
export const STATE_COLOURS: Record<string, string> = {
  off: '#94a3b8',
  available: '#22c55e',
  en_route: '#f59e0b',
  on_site: '#2563eb',
};
