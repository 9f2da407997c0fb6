import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../i18n/format.js';
import {
  at,
  booked,
  DAY_END,
  DAY_START,
  engineer,
  order,
  place,
  dayAt,
  TZ,
} from '../../../../shared/dispatch/fixtures.testing.js';
import {
  cardDay,
  latestPositionAt,
  planRows,
  positionAgeText,
  spanText,
  skillRows,
  stockRows,
  trailSummary,
  trailText,
  utilisation,
} from './card-model.js';

const MIN = 60_000;

describe("the card's plan of the day", () => {
  const e = engineer('e1');
  const orders = [
    booked(
      order('late', { customer: { id: 'c2', name: 'Bund Hotel', tier: 'gold', phone: '+86 21 1' } }),
      'e1',
      '14:00',
    ),
    booked(
      order('early', { customer: { id: 'c1', name: 'Jing An Mall', tier: 'silver', phone: '+86 21 2' } }),
      'e1',
      '09:00',
    ),
    booked(order('other'), 'e2', '10:00'),
    booked(order('tomorrow'), 'e1', '+1 09:00'),
    { ...booked(order('gone'), 'e1', '11:00'), status: 'cancelled' as const },
  ];

  it("lists the engineer's bookings of the day in start order with times, codes and customers", () => {
    const rows = planRows(e, orders, cardDay(e, at('10:00'), TZ));
    expect(rows.map((r) => [r.code, r.customer, r.start, r.end])).toEqual([
      ['WO-early', 'Jing An Mall', at('09:00'), at('10:00')],
      ['WO-late', 'Bund Hotel', at('14:00'), at('15:00')],
    ]);
  });

  it('measures utilisation: booked minutes over shift minutes less breaks', () => {
    const day = cardDay(e, at('10:00'), TZ);
    // 08:00–17:00 with a one-hour lunch: 480 working minutes, two one-hour bookings.
    expect(utilisation(day, planRows(e, orders, day))).toEqual({
      bookedMin: 120,
      workMin: 480,
      pct: 25,
    });
  });

  it('has no percentage on a day without a shift, and counts only the part of a booking inside the day', () => {
    const off = engineer('e1', { shifts: [] });
    const day = cardDay(off, at('10:00'), TZ);
    const overnight = booked(order('night'), 'e1', '23:30');
    expect(day.shifts).toEqual([]);
    expect(utilisation(day, planRows(off, [overnight], day))).toEqual({ bookedMin: 30, workMin: 0, pct: null });
  });
});

describe('skills and van stock', () => {
  it('names skills and parts from the catalogue, strongest skill first, parts in stock before those run out', () => {
    expect(
      skillRows(
        [
          { skill: 'electrical', level: 2 },
          { skill: 'hvac', level: 4 },
          { skill: 'welding', level: 3 },
        ],
        'en',
      ),
    ).toEqual([
      { id: 'hvac', name: 'HVAC', level: 4 },
      { id: 'welding', name: 'welding', level: 3 },
      { id: 'electrical', name: 'Electrical', level: 2 },
    ]);
    expect(stockRows({ 'p-hvac-filter': 0, 'p-hvac-capacitor': 3, 'p-unknown': 1 }, 'en')).toEqual([
      { id: 'p-unknown', name: 'p-unknown', qty: 1 },
      { id: 'p-hvac-capacitor', name: 'Run capacitor 45µF', qty: 3 },
      { id: 'p-hvac-filter', name: 'Air filter F7', qty: 0 },
    ]);
  });

  it('names them in Chinese in the Chinese console', () => {
    expect(stockRows({ 'p-hvac-capacitor': 3 }, 'zh-CN')).toEqual([
      { id: 'p-hvac-capacitor', name: '45µF 运行电容', qty: 3 },
    ]);
    expect(skillRows([{ skill: 'welding', level: 3 }], 'zh-CN')).toEqual([
      { id: 'welding', name: 'welding', level: 3 },
    ]);
  });
});

describe('the age of the last position', () => {
  it('takes the newer of the live stream and the record', () => {
    const e = engineer('e1', { lastPosition: { ...place(0, 0), heading: 0, speed: 0, at: at('09:00') } });
    expect(latestPositionAt(e, { at: at('09:05') })).toBe(at('09:05'));
    expect(latestPositionAt(e, { at: at('08:00') })).toBe(at('09:00'));
    expect(latestPositionAt(e, undefined)).toBe(at('09:00'));
    expect(latestPositionAt(engineer('e2'), undefined)).toBeNull();
  });

  it('says how long ago in minutes, hours or days, in English and Chinese', () => {
    const now = at('12:00');
    expect(positionAgeText(now - 3 * MIN - 20_000, now, 'en')).toBe('position 3 min ago');
    expect(positionAgeText(now - 3 * MIN, now, 'zh-CN')).toBe('位置 3 分钟前');
    expect(positionAgeText(now - 30_000, now, 'en')).toBe('position just now');
    expect(positionAgeText(now - 125 * MIN, now, 'en')).toBe('position 2 h 5 min ago');
    expect(positionAgeText(now - 3 * 1440 * MIN, now, 'en')).toBe('position 3 d ago');
    expect(positionAgeText(null, now, 'en')).toBe('no position yet');
    // A clock a little behind the device's is not "in the future".
    expect(positionAgeText(now + 5_000, now, 'en')).toBe('position just now');
  });
});

describe("the day's trail", () => {
  it('sums the distance along the positions in time order, whatever order they came in', () => {
    const p = (east: number, hhmm: string) => ({ ...place(east, 0), at: at(hhmm) });
    const summary = trailSummary([p(2, '09:20'), p(0, '09:00'), p(1, '09:10')]);
    expect(summary).toMatchObject({ points: 3, from: at('09:00'), to: at('09:20') });
    expect(summary!.km).toBeCloseTo(2, 1);
    expect(trailSummary([])).toBeNull();
  });
});

describe('night shifts and the trail on the card', () => {
  const H = 3_600_000;
  const zone = 'Asia/Shanghai';

  it('dates the end or start of a shift on another day, so two night shifts of one day read apart', () => {
    const lastNight = { start: DAY_START - 4 * H, end: DAY_START + 8 * H };
    const tonight = { start: DAY_START + 20 * H, end: DAY_END + 8 * H };
    const a = spanText(lastNight, DAY_START, DAY_END, 'zh-CN', zone);
    const b = spanText(tonight, DAY_START, DAY_END, 'zh-CN', zone);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^\d+月\d+日.*20:00–08:00$/);
    expect(b).toMatch(/^20:00–\d+月\d+日.*08:00$/);
    expect(spanText({ start: DAY_START + 8 * H, end: DAY_START + 17 * H }, DAY_START, DAY_END, 'en', zone)).toBe(
      '08:00–17:00',
    );
  });

  it('never says there are no positions today next to a position reported today', () => {
    const now = DAY_START + 10 * H;
    expect(positionAgeText(now, now, 'zh-CN')).toBe('位置刚刚更新');
    expect(trailText(null, now, DAY_START, 'zh-CN', zone)).toBe('今天目前只有最新位置（10:00），尚无轨迹');
    expect(trailText(null, DAY_START - H, DAY_START, 'zh-CN', zone)).toBe('今天没有位置记录');
    expect(trailText(null, null, DAY_START, 'en', zone)).toBe('No positions recorded today');
  });
});

describe("a night engineer's card: the whole shift, once, on the day it starts", () => {
  const H = 3_600_000;
  const D = 24 * H;
  /** 22:00–06:00 every night from the evening before the fixture day to the one after it, half an hour at 02:00. */
  const night = engineer('n', {
    shifts: [-1, 0, 1].map((d) => ({
      start: at('22:00') + d * D,
      end: at('+1 06:00') + d * D,
      breaks: [{ start: at('+1 02:00') + d * D, end: at('+1 02:30') + d * D }],
    })),
  });
  const lastNight = night.shifts[0]!;
  const tonight = night.shifts[1]!;
  /** An hour's job of the night engineer `days` days from the fixture day at a local time. */
  const job = (id: string, hhmm: string, days = 0) => {
    const o = booked(order(id), 'n', hhmm);
    const shift = days * D;
    return { ...o, booking: { ...o.booking!, start: o.booking!.start + shift, end: o.booking!.end + shift } };
  };
  const orders = [
    // Last night's shift: before and after midnight.
    job('last-2300', '23:00', -1),
    job('last-0300', '03:00'),
    // Tonight's: before midnight, across it, and after it.
    job('t-2215', '22:15'),
    job('t-2330', '23:30'),
    job('t-0100', '+1 01:00'),
    job('t-0400', '+1 04:00'),
    // Tomorrow night's.
    job('next-2300', '+1 23:00'),
  ];
  const tonightsJobs = ['WO-t-2215', 'WO-t-2330', 'WO-t-0100', 'WO-t-0400'];

  it("at 23:00 shows tonight's whole shift with its jobs either side of midnight, and none of last night's", () => {
    const day = cardDay(night, at('23:00'), TZ);
    expect(day.shifts).toEqual([tonight]);
    const plan = planRows(night, orders, day);
    expect(plan.map((r) => r.code)).toEqual(tonightsJobs);
    // 8 hours less the half-hour break; four one-hour jobs, the one across midnight counted whole.
    expect(utilisation(day, plan)).toEqual({ bookedMin: 240, workMin: 450, pct: 53 });
    expect(spanText(day.shifts[0]!, day.day.start, day.day.end, 'en', TZ)).toMatch(/^22:00–.*\b06:00$/);
    // The jobs after midnight carry their date, so 01:00 reads as tomorrow's and not this morning's.
    expect(plan.map((r) => spanText(r, day.day.start, day.day.end, 'en', TZ))).toEqual([
      '22:15–23:15',
      `23:30–${formatDateTime(at('+1 00:30'), 'en', TZ)}`,
      `${formatDateTime(at('+1 01:00'), 'en', TZ)}–02:00`,
      `${formatDateTime(at('+1 04:00'), 'en', TZ)}–05:00`,
    ]);
    expect(formatDateTime(at('+1 01:00'), 'en', TZ)).toMatch(/\b3\b.*01:00$/);
  });

  it("counts tonight's shift as the engine plans the night engineer's day", () => {
    const day = cardDay(night, at('23:00'), TZ);
    const engine = dayAt('23:00', [night], orders).engineerById.get('n')!;
    expect(planRows(night, orders, day).map((r) => r.orderId)).toEqual(
      engine.stops
        .map((s) => s.order.id)
        .sort((a, b) => orders.findIndex((o) => o.id === a) - orders.findIndex((o) => o.id === b)),
    );
  });

  it('at 02:00 the morning after still shows the shift that began the evening before, with the same figures', () => {
    const evening = cardDay(night, at('23:00'), TZ);
    const morning = cardDay(night, at('+1 02:00'), TZ);
    // The card's calendar day is the new one; the shift it counts is the one the engineer is on.
    expect(morning.day.start).toBe(DAY_END);
    expect(morning.shifts).toEqual([tonight]);
    expect(planRows(night, orders, morning)).toEqual(planRows(night, orders, evening));
    expect(utilisation(morning, planRows(night, orders, morning))).toEqual({ bookedMin: 240, workMin: 450, pct: 53 });
    // Its start on the evening before carries that evening's date.
    expect(spanText(morning.shifts[0]!, morning.day.start, morning.day.end, 'en', TZ)).toMatch(/\b22:00–06:00$/);
  });

  it("after the shift has ended, in the morning, shows tonight's shift to come", () => {
    const day = cardDay(night, at('09:00'), TZ);
    expect(day.shifts).toEqual([tonight]);
    expect(planRows(night, orders, day).map((r) => r.code)).toEqual(tonightsJobs);
    // At 03:00 it is still last night's.
    const early = cardDay(night, at('03:00'), TZ);
    expect(early.shifts).toEqual([lastNight]);
    expect(planRows(night, orders, early).map((r) => r.code)).toEqual(['WO-last-2300', 'WO-last-0300']);
  });

  it('leaves a day engineer as before: the day shift, the jobs of the day, the same utilisation', () => {
    const e = engineer('e1');
    const jobs = [
      booked(order('d1'), 'e1', '09:00'),
      booked(order('d2'), 'e1', '14:00'),
      booked(order('d3'), 'e1', '+1 09:00'),
    ];
    for (const now of ['07:00', '12:00', '23:00']) {
      const day = cardDay(e, at(now), TZ);
      expect(day.shifts).toEqual(e.shifts);
      const plan = planRows(e, jobs, day);
      expect(plan.map((r) => r.code)).toEqual(['WO-d1', 'WO-d2']);
      expect(utilisation(day, plan)).toEqual({ bookedMin: 120, workMin: 480, pct: 25 });
    }
  });
});
