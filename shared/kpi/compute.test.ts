import { describe, expect, it } from 'vitest';
import { type Engineer, type OrderEvent, type WorkOrder } from '../domain/index.js';
import { generateScenario } from '../scenario/index.js';
import { computeKpis } from './compute.js';

// A hand-written day in UTC (2026-03-02), two engineers and four orders; every expectation below is worked out by hand.
const D = Date.UTC(2026, 2, 2);
const at = (h: number, m = 0) => D + h * 3_600_000 + m * 60_000;
const base = generateScenario({ seed: 1, engineers: 2, orders: 4 });
const shift = (breaks: Array<[number, number]>) => ({
  start: at(8),
  end: at(16),
  breaks: breaks.map(([s, e]) => ({ start: at(s), end: at(e) })),
});
const engineers: Engineer[] = [
  { ...base.engineers[0]!, id: 'e1', team: 'A', shifts: [shift([[12, 12.5]])] },
  { ...base.engineers[1]!, id: 'e2', team: 'B', shifts: [shift([])] },
];
const order = (id: string, created: number, resolveBy: number, window: [number, number] | null): WorkOrder => ({
  ...base.orders[0]!,
  id,
  code: id.toUpperCase(),
  createdAt: created,
  sla: { respondBy: created + 3_600_000, resolveBy },
  window: window ? { start: window[0], end: window[1] } : null,
});
const orders = [
  order('o1', at(7), at(12), [at(8), at(10)]),
  order('o2', at(6), at(11), [at(9), at(10)]),
  order('o3', at(13), at(20), null),
  order('o4', at(10), at(22), null),
];
let n = 0;
const ev = (
  orderId: string,
  kind: OrderEvent['kind'],
  time: number,
  data: Record<string, unknown> = {},
): OrderEvent => ({
  id: `ev-${n++}`,
  orderId,
  kind,
  at: time,
  actor: { kind: 'user', id: 'u', name: 'U' },
  clientId: null,
  mutationId: null,
  data,
});
const status = (orderId: string, to: string, time: number) => ev(orderId, 'status_changed', time, { to });
const events: OrderEvent[] = [
  ev('o1', 'created', at(7)),
  ev('o1', 'assigned', at(7, 10), { engineerId: 'e1' }),
  status('o1', 'en_route', at(8)),
  status('o1', 'on_site', at(8, 30)),
  status('o1', 'completed', at(9, 30)),
  ev('o2', 'created', at(6)),
  ev('o2', 'assigned', at(6, 30), { engineerId: 'e1' }),
  status('o2', 'en_route', at(10)),
  status('o2', 'on_site', at(10, 45)),
  status('o2', 'completed', at(12)),
  ev('o2', 'revisit_created', at(12), { orderId: 'o2-r' }),
  ev('o3', 'created', at(13)),
  ev('o3', 'assigned', at(13, 5), { engineerId: 'e2' }),
  status('o3', 'en_route', at(15, 30)),
  status('o3', 'on_site', at(16)),
  status('o3', 'completed', at(17)),
  ev('o4', 'created', at(10)),
  ev('o4', 'assigned', at(10, 5), { engineerId: 'e2' }),
].reverse(); // the log may come in any order

const period = { from: D, to: D + 2 * 86_400_000, timeZone: 'UTC' };

describe('KPIs from the event log', () => {
  const all = computeKpis({ orders, engineers, events, ...period, team: null });

  it('first response and resolution times', () => {
    // Responses: o1 07:00→08:00 = 60, o2 06:00→10:00 = 240, o3 13:00→15:30 = 150; mean 150 over 3.
    expect(all.firstResponseMin).toEqual({ value: 150, n: 3 });
    // Resolutions: o1 150, o2 360, o3 240; mean 250.
    expect(all.resolutionMin).toEqual({ value: 250, n: 3 });
  });

  it('on-time arrival, first-time fix and SLA attainment', () => {
    // Arrivals with a window: o1 08:30 in 08–10 (on time), o2 10:45 after 10:00 (late): 1 of 2.
    expect(all.onTimeArrival).toEqual({ value: 0.5, of: 2 });
    // o2 needed a revisit: 2 of 3 fixed first time.
    expect(all.firstTimeFix).toEqual({ value: 2 / 3, of: 3 });
    // o2 completed 12:00 after its 11:00 deadline, and o4 was due 22:00 and never done: 2 of 4 in time.
    expect(all.slaAttainment).toEqual({ value: 2 / 4, of: 4 });
  });

  it('completions per engineer-day, utilisation, travel and overtime', () => {
    // 3 completions over 2 engineer shifts.
    expect(all.completedPerEngineerDay).toEqual({ value: 1.5, n: 2 });
    // Busy: o1 08:00–09:30 (90) + o2 10:00–12:00 (120) + o3 15:30–17:00 (90) = 300 min;
    // rostered: e1 480 − 30 break = 450, e2 480: 930 min.
    expect(all.utilisation.of).toBe(930);
    expect(all.utilisation.value).toBeCloseTo(300 / 930, 10);
    // Travel: 30, 45, 30 → 35.
    expect(all.travelPerOrderMin).toEqual({ value: 35, n: 3 });
    // Only o3 ran past a shift: 16:00–17:00.
    expect(all.overtimeMin).toBe(60);
    expect(all.completed).toBe(3);
  });

  it('a daily series in the centre’s calendar', () => {
    expect(all.days).toEqual([
      { date: '2026-03-02', completed: 3, slaAttainment: 2 / 4, firstResponseMin: 150 },
      { date: '2026-03-03', completed: 0, slaAttainment: null, firstResponseMin: null },
    ]);
  });

  it('one team: only its engineers and the work they did', () => {
    const a = computeKpis({ orders, engineers, events, ...period, team: 'A' });
    expect(a.firstResponseMin).toEqual({ value: 150, n: 2 }); // (60 + 240) / 2
    expect(a.resolutionMin).toEqual({ value: 255, n: 2 }); // (150 + 360) / 2
    expect(a.completedPerEngineerDay).toEqual({ value: 2, n: 1 });
    expect(a.utilisation).toEqual({ value: 210 / 450, of: 450 });
    expect(a.travelPerOrderMin).toEqual({ value: 37.5, n: 2 });
    expect(a.overtimeMin).toBe(0);
    expect(a.slaAttainment).toEqual({ value: 0.5, of: 2 }); // o4 is team B's miss, not A's
  });

  it('a period with nothing in it has no values rather than zeros', () => {
    const empty = computeKpis({
      orders,
      engineers,
      events,
      from: D + 5 * 86_400_000,
      to: D + 6 * 86_400_000,
      timeZone: 'UTC',
      team: null,
    });
    expect(empty.firstResponseMin).toEqual({ value: null, n: 0 });
    expect(empty.slaAttainment).toEqual({ value: null, of: 0 });
    expect(empty.utilisation.value).toBeNull();
  });
});

describe('utilisation while the day is under way', () => {
  // At 10:00 e1 has been driving to o1 since 08:00 and on site since 08:30, nothing completed yet; e2 is idle.
  const underway: OrderEvent[] = [
    ev('o1', 'created', at(7)),
    ev('o1', 'assigned', at(7, 10), { engineerId: 'e1' }),
    status('o1', 'en_route', at(8)),
    status('o1', 'on_site', at(8, 30)),
  ];
  const day = { from: D, to: D + 86_400_000, timeZone: 'UTC', team: null };

  it('counts the drive and the time on site of a visit still going on, up to now', () => {
    const k = computeKpis({ orders, engineers, events: underway, ...day, now: at(10) });
    // Busy 08:00–10:00 = 120 min of e1; rostered so far: e1 08:00–10:00 (120), e2 08:00–10:00 (120) = 240 min.
    expect(k.utilisation).toEqual({ value: 120 / 240, of: 240 });
  });

  it('ends a visit when the order is taken off the engineer on the way', () => {
    const events = [...underway.slice(0, 3), ev('o1', 'moved', at(8, 20), { engineerId: 'e2' })];
    const k = computeKpis({ orders, engineers, events, ...day, now: at(10) });
    expect(k.utilisation.value).toBeCloseTo(20 / 240, 10);
  });

  it('counts a deadline that passed with the work still open as missed, but only once it has passed', () => {
    // o2 (due 11:00) is open: at 10:00 nothing is due yet; at 12:00 it is one miss and nothing met.
    const open = [ev('o2', 'created', at(6)), ev('o2', 'assigned', at(6, 30), { engineerId: 'e1' })];
    expect(computeKpis({ orders, engineers, events: open, ...day, now: at(10) }).slaAttainment).toEqual({
      value: null,
      of: 0,
    });
    expect(computeKpis({ orders, engineers, events: open, ...day, now: at(12) }).slaAttainment).toEqual({
      value: 0,
      of: 1,
    });
  });

  it('estimates the distance driven per arrival from where the engineer set off', () => {
    const k = computeKpis({ orders, engineers, events: underway, ...day, now: at(10) });
    expect(k.travelPerOrderKm.n).toBe(1);
    expect(k.travelPerOrderKm.value).toBeGreaterThan(0);
  });
});

describe('CSAT and NPS in the KPIs', () => {
  const survey = (orderId: string, time: number, satisfaction: number, recommend: number) =>
    ev(orderId, 'survey_answered', time, { satisfaction, recommend, comment: '' });
  // o1 and o2 were completed by e1 (team A), o3 by e2 (team B); o4 was never completed, so its answer is not counted.
  const withSurveys = [
    ...events,
    survey('o1', at(10), 5, 10),
    survey('o2', at(13), 2, 3),
    survey('o3', at(18), 4, 8),
    survey('o4', at(18), 1, 0),
  ];

  it('by centre, team and engineer', () => {
    const all = computeKpis({ orders, engineers, events: withSurveys, ...period, team: null });
    // Satisfied (4–5): o1, o3 of o1, o2, o3 → 2 of 3. NPS: promoter o1, detractor o2, passive o3 → (1 − 1) / 3 = 0.
    expect(all.csat).toEqual({ value: 2 / 3, of: 3 });
    expect(all.nps).toEqual({ value: 0, n: 3 });
    // e1: o1 (5, 10) and o2 (2, 3) → CSAT 1 of 2, NPS (1 − 1) / 2 = 0; e2: o3 (4, 8) → CSAT 1 of 1, NPS 0.
    expect(all.surveysByEngineer).toEqual([
      { engineerId: 'e1', csat: { value: 0.5, of: 2 }, nps: { value: 0, n: 2 } },
      { engineerId: 'e2', csat: { value: 1, of: 1 }, nps: { value: 0, n: 1 } },
    ]);
    const b = computeKpis({ orders, engineers, events: withSurveys, ...period, team: 'B' });
    expect(b.csat).toEqual({ value: 1, of: 1 });
    expect(b.nps).toEqual({ value: 0, n: 1 });
  });

  it('by period: a survey counts in the period it was answered in', () => {
    // Until 12:00 only o1's answer (5, 10) is in: CSAT 1 of 1, NPS +100.
    const morning = computeKpis({
      orders,
      engineers,
      events: withSurveys,
      from: D,
      to: at(12),
      timeZone: 'UTC',
      team: null,
    });
    expect(morning.csat).toEqual({ value: 1, of: 1 });
    expect(morning.nps).toEqual({ value: 100, n: 1 });
  });
});
