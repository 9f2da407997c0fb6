import type { EngineerView, OrderView } from '../../services/index.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import type { Locale } from '../../i18n/messages.js';

export const TEAM_ROW_HEIGHT = 24;
export const ENGINEER_ROW_HEIGHT = 34;

export type BoardRow =
  | { kind: 'team'; teamId: string; label: string; engineers: number }
  | { kind: 'engineer'; engineer: EngineerView; bookings: OrderView[]; bookedMin: number; shiftMin: number };

/** The board's rows with their vertical offsets, and the index to find an engineer's row. */
export interface BoardModel {
  rows: BoardRow[];
  /** Top of each row, plus the total height as the last entry. */
  offsets: Float64Array;
  rowOfEngineer: Map<string, number>;
  /** Engineers of the chosen teams left out because they are off shift for the whole range (see `isOffShift`). */
  hiddenOffShift: number;
}

/**
 * Whether an engineer has nothing to do with [rangeStart, rangeEnd): no shift overlaps it and none of their bookings
 * (`bookings`: bars only) does. Such rows can be hidden from the board without hiding any work.
 */
export function isOffShift(
  engineer: Pick<EngineerView, 'shifts'>,
  bookings: readonly OrderView[],
  rangeStart: number,
  rangeEnd: number,
): boolean {
  if (engineer.shifts.some((s) => overlap(s.start, s.end, rangeStart, rangeEnd) > 0)) return false;
  return !bookings.some((o) => {
    const b = o.booking!;
    // A zero-length booking still counts when it lies inside the range.
    return overlap(b.start, b.end, rangeStart, rangeEnd) > 0 || (b.start >= rangeStart && b.start < rangeEnd);
  });
}

/** Orders shown as bars: booked and not cancelled. */
function isBar(o: OrderView): boolean {
  return o.booking !== null && o.status !== 'cancelled';
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Rows grouped by team (teams in name order, engineers by name), each engineer's bookings sorted by start, and how
 * much of their shift time in [rangeStart, rangeEnd) is booked.
 */
export function buildBoardModel(
  engineers: ReadonlyMap<string, EngineerView>,
  orders: ReadonlyMap<string, OrderView>,
  teamsShown: readonly string[],
  rangeStart: number,
  rangeEnd: number,
  options: { hideOffShift?: boolean; locale?: Locale } = {},
): BoardModel {
  const shown = teamsShown.length > 0 ? new Set(teamsShown) : null;
  const byEngineer = new Map<string, OrderView[]>();
  for (const o of orders.values()) {
    if (!isBar(o)) continue;
    const id = o.booking!.engineerId;
    let list = byEngineer.get(id);
    if (!list) byEngineer.set(id, (list = []));
    list.push(o);
  }
  const teams = new Map<string, EngineerView[]>();
  for (const e of engineers.values()) {
    if (shown && !shown.has(e.team)) continue;
    let list = teams.get(e.team);
    if (!list) teams.set(e.team, (list = []));
    list.push(e);
  }
  const rows: BoardRow[] = [];
  let hiddenOffShift = 0;
  for (const teamId of [...teams.keys()].sort((a, b) => teamLabel(a, 'en').localeCompare(teamLabel(b, 'en')))) {
    const everyone = teams.get(teamId)!.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const members = options.hideOffShift
      ? everyone.filter((e) => !isOffShift(e, byEngineer.get(e.id) ?? [], rangeStart, rangeEnd))
      : everyone;
    hiddenOffShift += everyone.length - members.length;
    if (members.length === 0) continue;
    rows.push({ kind: 'team', teamId, label: teamLabel(teamId, options.locale ?? 'en'), engineers: members.length });
    for (const engineer of members) {
      const bookings = (byEngineer.get(engineer.id) ?? []).sort((a, b) => a.booking!.start - b.booking!.start);
      let shiftMin = 0;
      for (const s of engineer.shifts) {
        shiftMin += overlap(s.start, s.end, rangeStart, rangeEnd) / 60_000;
        for (const b of s.breaks) shiftMin -= overlap(b.start, b.end, rangeStart, rangeEnd) / 60_000;
      }
      let bookedMin = 0;
      for (const o of bookings) bookedMin += overlap(o.booking!.start, o.booking!.end, rangeStart, rangeEnd) / 60_000;
      rows.push({ kind: 'engineer', engineer, bookings, bookedMin, shiftMin });
    }
  }
  const offsets = new Float64Array(rows.length + 1);
  const rowOfEngineer = new Map<string, number>();
  rows.forEach((row, i) => {
    offsets[i + 1] = offsets[i]! + (row.kind === 'team' ? TEAM_ROW_HEIGHT : ENGINEER_ROW_HEIGHT);
    if (row.kind === 'engineer') rowOfEngineer.set(row.engineer.id, i);
  });
  return { rows, offsets, rowOfEngineer, hiddenOffShift };
}

/** The index of the row under a y coordinate (in board content space), or -1. */
export function rowAt(model: BoardModel, y: number): number {
  const { offsets } = model;
  const n = model.rows.length;
  if (y < 0 || y >= offsets[n]!) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rows that intersect [top, top + height). */
export function visibleRows(model: BoardModel, top: number, height: number): [first: number, last: number] {
  if (model.rows.length === 0) return [0, -1];
  const first = Math.max(0, rowAt(model, Math.max(0, top)));
  const bottom = Math.min(model.offsets[model.rows.length]! - 1, top + height);
  const last = rowAt(model, bottom);
  return [first, last < 0 ? model.rows.length - 1 : last];
}

/** The booking bar in a row under a time, if any (bars are sorted by start). */
export function barAt(row: BoardRow, t: number, slackMs: number): OrderView | null {
  if (row.kind !== 'engineer') return null;
  for (let i = row.bookings.length - 1; i >= 0; i--) {
    const b = row.bookings[i]!.booking!;
    if (t >= b.start - slackMs && t <= b.end + slackMs) return row.bookings[i]!;
    if (b.end + slackMs < t && i < row.bookings.length - 1) break;
  }
  return null;
}

/** The earliest start of a shift of the board's engineers that begins in [rangeStart, rangeEnd), or null. */
export function firstShiftStart(model: BoardModel, rangeStart: number, rangeEnd: number): number | null {
  let first: number | null = null;
  for (const row of model.rows) {
    if (row.kind !== 'engineer') continue;
    for (const s of row.engineer.shifts)
      if (s.start >= rangeStart && s.start < rangeEnd && (first === null || s.start < first)) first = s.start;
  }
  return first;
}
