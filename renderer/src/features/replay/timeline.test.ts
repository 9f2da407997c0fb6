import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../../shared/domain/index.js';
import {
  buildTrack,
  fixBefore,
  fractionOf,
  paint,
  periodOfDays,
  positionAt,
  segmentAt,
  siteVisits,
  startOf,
  statusSegments,
  step,
  timeAt,
} from './timeline.js';

const T0 = Date.UTC(2026, 2, 2, 0, 0); // 08:00 in Shanghai
const MIN = 60_000;
const fix = (minute: number, lat: number, lon: number, speed = 0) => ({
  at: T0 + minute * MIN,
  lat,
  lon,
  heading: 0,
  speed,
});

describe('a trail as a track', () => {
  const track = buildTrack([fix(10, 31.2, 121.5), fix(0, 31.0, 121.3), fix(20, 31.2, 121.7), fix(10, 40, 40)]);

  it('is in time order, one fix an instant', () => {
    expect([...track.at]).toEqual([T0, T0 + 10 * MIN, T0 + 20 * MIN]);
    expect(track.lat[1]).toBe(31.2);
  });

  it('finds the last fix at or before an instant', () => {
    expect(fixBefore(track, T0 - 1)).toBe(-1);
    expect(fixBefore(track, T0)).toBe(0);
    expect(fixBefore(track, T0 + 10 * MIN - 1)).toBe(0);
    expect(fixBefore(track, T0 + 10 * MIN)).toBe(1);
    expect(fixBefore(track, T0 + 99 * MIN)).toBe(2);
  });

  it('places the engineer between two fixes in proportion to the time', () => {
    const here = positionAt(track, T0 + 5 * MIN)!;
    expect(here.lat).toBeCloseTo(31.1, 9);
    expect(here.lon).toBeCloseTo(121.4, 9);
    expect(here.index).toBe(0);
    expect(positionAt(track, T0 + 15 * MIN)!.lon).toBeCloseTo(121.6, 9);
  });

  it('holds the first fix before the trail begins and the last after it ends', () => {
    expect(positionAt(track, T0 - 5 * MIN)).toMatchObject({ lat: 31.0, lon: 121.3, index: -1 });
    expect(positionAt(track, T0 + 50 * MIN)).toMatchObject({ lat: 31.2, lon: 121.7, index: 2 });
    expect(positionAt(buildTrack([]), T0)).toBeNull();
  });

  it('answers a day of 10,000 fixes without scanning it', () => {
    const day = buildTrack(Array.from({ length: 10_000 }, (_, i) => fix(i / 6, 31 + i * 1e-5, 121, 5)));
    expect(positionAt(day, T0 + 1000 * MIN + 5_000)!.lat).toBeCloseTo(31 + 6000.5 * 1e-5, 9);
  });
});

describe('the scrubber', () => {
  const period = { from: T0, to: T0 + 100 * MIN };
  it('maps time to a fraction and back, clamped to the period', () => {
    expect(fractionOf(period, T0 + 25 * MIN)).toBe(0.25);
    expect(fractionOf(period, T0 - MIN)).toBe(0);
    expect(fractionOf(period, T0 + 200 * MIN)).toBe(1);
    expect(timeAt(period, 0.25)).toBe(T0 + 25 * MIN);
    expect(timeAt(period, 2)).toBe(period.to);
  });

  it('steps by a fixed time and stops at the ends', () => {
    expect(step(period, T0 + 10 * MIN, 1, MIN)).toBe(T0 + 11 * MIN);
    expect(step(period, T0 + 10 * MIN, -1, 10 * MIN)).toBe(T0);
    expect(step(period, T0, -1, MIN)).toBe(T0);
    expect(step(period, period.to, 1, MIN)).toBe(period.to);
  });

  it('starts at the first fix of the period, not at its empty start', () => {
    // A day from midnight whose trail begins at 13:29: the playhead stands at 13:29.
    const day = { from: T0 - 8 * 60 * MIN, to: T0 + 16 * 60 * MIN };
    const afternoon = buildTrack([fix(5 * 60 + 29, 31.2, 121.5), fix(5 * 60 + 30, 31.2, 121.6)]);
    expect(startOf(day, afternoon)).toBe(T0 + (5 * 60 + 29) * MIN);
    // A fix before the period is not where it starts; the first inside it is.
    const early = buildTrack([fix(-9 * 60, 31, 121), fix(-7 * 60, 31.1, 121.1), fix(60, 31.2, 121.2)]);
    expect(startOf(day, early)).toBe(T0 - 7 * 60 * MIN);
    expect(startOf(day, buildTrack([fix(-8 * 60, 31, 121)]))).toBe(day.from);
    // No fix inside the period (or none at all): its start.
    expect(startOf(day, buildTrack([fix(-9 * 60, 31, 121)]))).toBe(day.from);
    expect(startOf(day, buildTrack([fix(17 * 60, 31, 121)]))).toBe(day.from);
    expect(startOf(day, buildTrack([]))).toBe(day.from);
  });

  it('spans whole local days, cut at now, at most three', () => {
    const now = Date.UTC(2026, 2, 3, 6, 30); // 14:30 on 3 March in Shanghai
    expect(periodOfDays('2026-03-02', '2026-03-02', 'Asia/Shanghai', now)).toEqual({
      from: Date.UTC(2026, 2, 1, 16),
      to: Date.UTC(2026, 2, 2, 16),
    });
    expect(periodOfDays('2026-03-02', '2026-03-03', 'Asia/Shanghai', now)).toEqual({
      from: Date.UTC(2026, 2, 1, 16),
      to: now,
    });
    expect(periodOfDays('2026-03-01', '2026-03-04', 'Asia/Shanghai', now)).toEqual({ problem: 'too_long' });
    expect(periodOfDays('2026-03-03', '2026-03-02', 'Asia/Shanghai', now)).toEqual({ problem: 'backwards' });
    expect(periodOfDays('2026-03-04', '2026-03-04', 'Asia/Shanghai', now)).toEqual({ problem: 'future' });
  });
});

const event = (orderId: string, minute: number, to: string): OrderEvent => ({
  id: `${orderId}:${minute}`,
  orderId,
  kind: 'status_changed',
  at: T0 + minute * MIN,
  actor: { kind: 'device', id: 'e1', name: 'Li' },
  clientId: 'dev-1',
  mutationId: minute,
  data: { from: 'x', to },
});

describe('time on site from the audit trail', () => {
  it('runs from the change to on_site until the next change of that order', () => {
    const visits = siteVisits(
      [
        event('o1', 30, 'en_route'),
        event('o1', 40, 'on_site'),
        event('o2', 50, 'on_site'),
        event('o1', 70, 'completed'),
        { ...event('o2', 55, 'x'), kind: 'note_added' },
      ],
      T0 + 90 * MIN,
    );
    expect(visits).toEqual([
      { orderId: 'o1', start: T0 + 40 * MIN, end: T0 + 70 * MIN },
      { orderId: 'o2', start: T0 + 50 * MIN, end: T0 + 90 * MIN },
    ]);
  });
});

describe("the engineer's statuses along the period", () => {
  it('paints a status over some statuses only', () => {
    const base = [
      { start: 0, end: 10, status: 'stopped' as const },
      { start: 10, end: 20, status: 'travelling' as const },
    ];
    expect(paint(base, 5, 15, 'break', new Set(['stopped']))).toEqual([
      { start: 0, end: 5, status: 'stopped' },
      { start: 5, end: 10, status: 'break' },
      { start: 10, end: 20, status: 'travelling' },
    ]);
    expect(paint(base, 5, 15, 'on_site')).toEqual([
      { start: 0, end: 5, status: 'stopped' },
      { start: 5, end: 15, status: 'on_site' },
      { start: 15, end: 20, status: 'travelling' },
    ]);
  });

  // 08:00–09:00 driving (a 1-minute red light at 08:20), 09:00–10:00 parked at a site it reported arriving at, a
  // planned break 10:00–10:30 parked, quiet 10:30–11:00, driving 11:00–11:30; the shift ends at 11:15.
  const fixes = [
    ...Array.from({ length: 61 }, (_, m) => fix(m, 31 + (m > 20 ? m - 1 : m) * 0.001, 121, m === 20 ? 0 : 8)),
    ...Array.from({ length: 90 }, (_, m) => fix(61 + m, 31.06, 121, 0)),
    ...Array.from({ length: 31 }, (_, m) => fix(180 + m, 31.06 + m * 0.001, 121, 9)),
  ];
  const period = { from: T0, to: T0 + 240 * MIN };
  const segments = statusSegments(buildTrack(fixes), period, {
    shifts: [{ start: T0, end: T0 + 195 * MIN, breaks: [{ start: T0 + 120 * MIN, end: T0 + 150 * MIN }] }],
    visits: siteVisits([event('o1', 60, 'on_site'), event('o1', 120, 'completed')], period.to),
  });
  const at = (minute: number) => segmentAt(segments, T0 + minute * MIN)?.status;

  it('tells travelling from stopping, a red light being travel', () => {
    expect(at(5)).toBe('travelling');
    expect(at(20.5)).toBe('travelling');
    expect(at(185)).toBe('travelling');
  });

  it('takes time on site from the status changes and breaks from the shift', () => {
    expect(at(90)).toBe('on_site');
    expect(at(130)).toBe('break');
  });

  it('marks where the device was quiet and where the shift was over', () => {
    expect(at(160)).toBe('no_signal');
    expect(at(215)).toBe('off_shift');
  });

  it('covers the period with no gap and no overlap', () => {
    expect(segments[0]!.start).toBe(period.from);
    expect(segments.at(-1)!.end).toBe(period.to);
    segments.slice(1).forEach((s, i) => expect(s.start).toBe(segments[i]!.end));
    segments.slice(1).forEach((s, i) => expect(s.status).not.toBe(segments[i]!.status));
  });
});
