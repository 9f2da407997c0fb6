import type { Engineer, OrderStatus, Priority, WorkOrder } from '../domain/index.js';
import { localParts } from '../time/index.js';
import type { IcsEvent } from './ics.js';
import type { Column } from './table.js';

/** One booking of the schedule, ready for a table: who, what, where, when. */
export interface ScheduleRow {
  engineerId: string;
  engineer: string;
  team: string;
  orderId: string;
  code: string;
  customer: string;
  phone: string;
  address: string;
  start: number;
  end: number;
  status: OrderStatus;
  priority: Priority;
  summary: string;
  version: number;
}

/**
 * The bookings that overlap [from, to), by engineer (name order) and then by start. Cancelled orders are left out;
 * completed ones stay (the day as it was worked). `engineerIds` narrows the export to some engineers.
 */
export function scheduleRows(
  orders: Iterable<WorkOrder>,
  engineers: Iterable<Engineer>,
  range: { from: number; to: number },
  engineerIds?: ReadonlySet<string>,
): ScheduleRow[] {
  const byId = new Map<string, Engineer>();
  for (const e of engineers) byId.set(e.id, e);
  const rows: ScheduleRow[] = [];
  for (const o of orders) {
    const b = o.booking;
    if (!b || o.status === 'cancelled' || b.end <= range.from || b.start >= range.to) continue;
    if (engineerIds && !engineerIds.has(b.engineerId)) continue;
    const engineer = byId.get(b.engineerId);
    rows.push({
      engineerId: b.engineerId,
      engineer: engineer?.name ?? b.engineerId,
      team: engineer?.team ?? '',
      orderId: o.id,
      code: o.code,
      customer: o.customer.name,
      phone: o.customer.phone,
      address: o.site.address,
      start: b.start,
      end: b.end,
      status: o.status,
      priority: o.priority,
      summary: o.summary,
      version: o.version,
    });
  }
  return rows.sort(
    (a, b) => a.engineer.localeCompare(b.engineer) || a.engineerId.localeCompare(b.engineerId) || a.start - b.start,
  );
}

/** An instant as the control centre's wall clock: `2026-07-06 09:30`. */
export function localDateTime(epochMs: number, timeZone: string): string {
  const p = localParts(epochMs, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** Column headings of the schedule export, in the dispatcher's language. */
export interface ScheduleHeaders {
  engineer: string;
  order: string;
  customer: string;
  address: string;
  start: string;
  end: string;
  status: string;
  priority: string;
}

export const ENGLISH_SCHEDULE_HEADERS: ScheduleHeaders = {
  engineer: 'Engineer',
  order: 'Order',
  customer: 'Customer',
  address: 'Address',
  start: 'Start',
  end: 'End',
  status: 'Status',
  priority: 'Priority',
};

/** The schedule's columns; times in the control centre's zone, statuses through `statusLabel` (translated). */
export function scheduleColumns(
  timeZone: string,
  headers: ScheduleHeaders = ENGLISH_SCHEDULE_HEADERS,
  statusLabel: (s: OrderStatus) => string = (s) => s,
): Column<ScheduleRow>[] {
  return [
    { header: headers.engineer, value: (r) => r.engineer, width: 20 },
    { header: headers.order, value: (r) => r.code, width: 16 },
    { header: headers.customer, value: (r) => r.customer, width: 28 },
    { header: headers.address, value: (r) => r.address, width: 40 },
    { header: headers.start, value: (r) => localDateTime(r.start, timeZone), width: 17 },
    { header: headers.end, value: (r) => localDateTime(r.end, timeZone), width: 17 },
    { header: headers.status, value: (r) => statusLabel(r.status), width: 12 },
    { header: headers.priority, value: (r) => r.priority, width: 9 },
  ];
}

/** The schedule's bookings as calendar events; UIDs follow the order, so a re-export updates the same events. */
export function scheduleEvents(rows: readonly ScheduleRow[], host = 'dispatch-console'): IcsEvent[] {
  return rows.map((r) => ({
    uid: `${r.orderId}@${host}`,
    sequence: r.version,
    start: r.start,
    end: r.end,
    summary: `${r.code} ${r.priority} – ${r.customer}`,
    location: r.address,
    description: [r.summary, `${r.customer} ${r.phone}`].filter((s) => s.trim() !== '').join('\n'),
  }));
}
