import { describe, expect, it } from 'vitest';
import { generateScenario } from '../scenario/index.js';
import { epochAtLocal } from '../time/index.js';
import { parseCsv, toCsv } from './csv.js';
import { toIcs } from './ics.js';
import { localDateTime, scheduleColumns, scheduleEvents, scheduleRows } from './schedule.js';
import { readXlsx, toXlsx } from './xlsx.js';

const ZONE = 'Asia/Shanghai';
const city = generateScenario({ seed: 5, engineers: 8, orders: 60 });
const date = city.meta.date;
const day = { from: epochAtLocal(date, 0, ZONE), to: epochAtLocal(date, 24 * 60, ZONE) };

describe('the schedule export', () => {
  const rows = scheduleRows(city.orders, city.engineers, day);

  it("lists the day's bookings by engineer then start, leaving out cancelled orders", () => {
    const booked = city.orders.filter(
      (o) => o.booking && o.status !== 'cancelled' && o.booking.start < day.to && o.booking.end > day.from,
    );
    expect(booked.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.orderId).sort()).toEqual(booked.map((o) => o.id).sort());
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a.engineer.localeCompare(b.engineer) < 0 || (a.engineerId === b.engineerId && a.start <= b.start)).toBe(
        true,
      );
    }
    const one = rows[0]!.engineerId;
    expect(scheduleRows(city.orders, city.engineers, day, new Set([one])).every((r) => r.engineerId === one)).toBe(
      true,
    );
  });

  it('writes CSV and XLSX that read back with times in the centre zone', () => {
    const columns = scheduleColumns(ZONE);
    const first = rows[0]!;
    const expected = [
      first.engineer,
      first.code,
      first.customer,
      first.address,
      localDateTime(first.start, ZONE),
      localDateTime(first.end, ZONE),
      first.status,
      first.priority,
    ];
    const csv = parseCsv(toCsv(rows, columns)).rows;
    expect(csv[0]).toEqual(['Engineer', 'Order', 'Customer', 'Address', 'Start', 'End', 'Status', 'Priority']);
    expect(csv[1]).toEqual(expected);
    expect(csv).toHaveLength(rows.length + 1);
    const xlsx = readXlsx(toXlsx(rows, columns, 'Schedule'));
    expect(xlsx).toEqual(csv);
    expect(localDateTime(Date.UTC(2026, 6, 6, 1, 30), ZONE)).toBe('2026-07-06 09:30');
  });

  it("gives an engineer's day as calendar events, one per booking", () => {
    const mine = rows.filter((r) => r.engineerId === rows[0]!.engineerId);
    const text = toIcs(scheduleEvents(mine), { name: mine[0]!.engineer, now: day.from });
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(mine.length);
    expect(lines).toContain(`UID:${mine[0]!.orderId}@dispatch-console`);
    expect(lines).toContain(`SEQUENCE:${mine[0]!.version}`);
  });
});
