import { onPlanningDay, workingDay } from '../../../../shared/domain/index.js';
import { addDays, epochAtLocal, localDate } from '../../../../shared/time/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { engineerNames } from '../../i18n/names.js';
import type { Locale } from '../../i18n/messages.js';

export const TEAM_ROW_HEIGHT = 24;
export const ENGINEER_ROW_HEIGHT = 34;

export type BoardRow =
  | { kind: 'team'; teamId: string; label: string; engineers: number }
  | {
      kind: 'engineer';
      engineer: EngineerView;
      /** The name shown: with the short id when another engineer of the team has the same name (engineerNames). */
      label: string;
      bookings: OrderView[];
      bookedMin: number;
      shiftMin: number;
    };

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
 * Booked and working minutes (shift less breaks) of an engineer's working days that fall in [rangeStart, rangeEnd),
 * as the engineer card and the engine count a day (workingDay, onPlanningDay): a night shift whole on the evening it
 * starts on, its jobs after midnight included, and not the morning end of last night's shift. A shift or a booking
 * that is on two of the days (a week's view) counts once.
 */
export function rowUtilisation(
  engineer: Pick<EngineerView, 'shifts'>,
  bookings: readonly OrderView[],
  rangeStart: number,
  rangeEnd: number,
  timeZone: string,
  now: number,
): { bookedMin: number; shiftMin: number } {
  const shifts = new Set<EngineerView['shifts'][number]>();
  const booked = new Map<string, number>();
  for (let date = localDate(rangeStart, timeZone); ; date = addDays(date, 1)) {
    const day = { start: epochAtLocal(date, 0, timeZone), end: epochAtLocal(addDays(date, 1), 0, timeZone) };
    if (day.start >= rangeEnd) break;
    if (day.end <= rangeStart) continue;
    const { shift, span } = workingDay(engineer.shifts, day, now);
    if (shift) shifts.add(shift);
    for (const o of bookings) {
      const b = o.booking!;
      if (booked.has(o.id) || !onPlanningDay(b, engineer.shifts, shift, day)) continue;
      const ms = overlap(b.start, b.end, span.start, span.end);
      if (ms > 0) booked.set(o.id, ms);
    }
  }
  let shiftMs = 0;
  for (const s of shifts) {
    shiftMs += s.end - s.start;
    for (const b of s.breaks) shiftMs -= overlap(b.start, b.end, s.start, s.end);
  }
  let bookedMs = 0;
  for (const ms of booked.values()) bookedMs += ms;
  return { bookedMin: bookedMs / 60_000, shiftMin: shiftMs / 60_000 };
}

/**
 * Rows grouped by team (teams in name order, engineers by name), each engineer's bookings sorted by start, and how
 * much of their working time on the days of [rangeStart, rangeEnd) is booked (rowUtilisation, in the centre's
 * `timeZone`, `now` deciding whether last night's shift is still the working day's).
 */
export function buildBoardModel(
  engineers: ReadonlyMap<string, EngineerView>,
  orders: ReadonlyMap<string, OrderView>,
  teamsShown: readonly string[],
  rangeStart: number,
  rangeEnd: number,
  options: { hideOffShift?: boolean; locale?: Locale; timeZone?: string; now?: number } = {},
): BoardModel {
  const timeZone = options.timeZone ?? 'UTC';
  const now = options.now ?? rangeStart;
  // Rows stand under their team's heading: a namesake is told apart by the short id where the team does not.
  const names = engineerNames(engineers.values(), options.locale ?? 'en', { underTeams: true });
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
      const { bookedMin, shiftMin } = rowUtilisation(engineer, bookings, rangeStart, rangeEnd, timeZone, now);
      const label = names.get(engineer.id) ?? engineer.name;
      rows.push({ kind: 'engineer', engineer, label, bookings, bookedMin, shiftMin });
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
