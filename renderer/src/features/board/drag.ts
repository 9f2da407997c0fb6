import type { GhostBooking, Move, OrderView } from '../../services/index.js';
import { rowAt, type BoardModel } from './model.js';
import { snapTime, xToTime, type TimeScale } from './time-scale.js';

/** Statuses a dispatcher may still move on the board; work under way or done belongs to the field. */
export const MOVABLE = new Set(['new', 'scheduled', 'dispatched', 'on_hold']);

export function isMovable(o: OrderView): boolean {
  return MOVABLE.has(o.status);
}

/** A drag of one or more bars: where it started and what was picked up. */
export interface BarDrag {
  orderIds: string[];
  /** The bar under the pointer when the drag started; its verdict is the one shown. */
  primaryId: string;
  startX: number;
  startY: number;
  startTime: number;
  startRow: number;
}

/**
 * Where the dragged bars would land for a pointer at content (x, y): the time shift (snapped on the primary bar's
 * start) applies to all; a change of row moves all to the engineer under the pointer when they shared one engineer,
 * otherwise each keeps its own engineer.
 */
export function dropTargets(
  drag: BarDrag,
  model: BoardModel,
  scale: TimeScale,
  orders: ReadonlyMap<string, OrderView>,
  x: number,
  y: number,
  snapMin: number,
  timeZone: string,
): Move[] {
  const primary = orders.get(drag.primaryId);
  if (!primary?.booking) return [];
  const dt = xToTime(scale, x) - drag.startTime;
  const newPrimaryStart = snapTime(primary.booking.start + dt, snapMin, timeZone);
  const shift = newPrimaryStart - primary.booking.start;
  const row = rowAt(model, y);
  const target = row >= 0 ? model.rows[row] : undefined;
  const targetEngineer = target?.kind === 'engineer' ? target.engineer.id : null;
  const picked = drag.orderIds.map((id) => orders.get(id)).filter((o): o is OrderView => !!o?.booking);
  const oneEngineer = new Set(picked.map((o) => o.booking!.engineerId)).size === 1;
  return picked.map((o) => ({
    orderId: o.id,
    engineerId: oneEngineer && targetEngineer ? targetEngineer : o.booking!.engineerId,
    start: o.booking!.start + shift,
  }));
}

/** The ghost bars for a set of moves. */
export function ghostsFor(
  moves: readonly Move[],
  orders: ReadonlyMap<string, OrderView>,
  feasible: boolean | null,
): GhostBooking[] {
  return moves.flatMap((m) => {
    const o = orders.get(m.orderId);
    if (!o || !m.engineerId || m.start === null) return [];
    return [
      {
        orderId: m.orderId,
        engineerId: m.engineerId,
        start: m.start,
        end: m.start + o.durationMin * 60_000,
        feasible,
        kind: 'drag' as const,
      },
    ];
  });
}

/** The moves an arrow key makes: left/right by one snap step, up/down to the neighbouring engineer. */
export function nudge(
  orderIds: readonly string[],
  orders: ReadonlyMap<string, OrderView>,
  model: BoardModel,
  key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown',
  snapMin: number,
): Move[] {
  const step = snapMin * 60_000;
  return orderIds.flatMap((id) => {
    const o = orders.get(id);
    if (!o?.booking || !isMovable(o)) return [];
    const { engineerId, start } = o.booking;
    if (key === 'ArrowLeft' || key === 'ArrowRight')
      return [{ orderId: id, engineerId, start: start + (key === 'ArrowLeft' ? -step : step) }];
    const here = model.rowOfEngineer.get(engineerId);
    if (here === undefined) return [];
    const dir = key === 'ArrowUp' ? -1 : 1;
    for (let i = here + dir; i >= 0 && i < model.rows.length; i += dir) {
      const row = model.rows[i]!;
      if (row.kind === 'engineer') return [{ orderId: id, engineerId: row.engineer.id, start }];
    }
    return [];
  });
}
