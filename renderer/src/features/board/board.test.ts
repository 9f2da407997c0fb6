import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../../shared/scenario/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import {
  ENGINEER_ROW_HEIGHT,
  TEAM_ROW_HEIGHT,
  barAt,
  buildBoardModel,
  firstShiftStart,
  rowAt,
  visibleRows,
} from './model.js';
import { scaleFor, snapTime, ticks, timeToX, xToTime } from './time-scale.js';

const city = generateScenario({ seed: 3, engineers: 25, orders: 200 });
const engineers = new Map<string, EngineerView>(city.engineers.map((e) => [e.id, { ...e, pending: false }]));
const orders = new Map<string, OrderView>(city.orders.map((o) => [o.id, { ...o, pending: false }]));
const day = city.meta.dayStart;
const H = 3_600_000;

describe('board model', () => {
  const model = buildBoardModel(engineers, orders, [], day, day + 24 * H);

  it('groups engineers under their teams, names sorted, with every booking on its engineer', () => {
    const teams = model.rows.filter((r) => r.kind === 'team');
    expect(teams.length).toBe(new Set(city.engineers.map((e) => e.team)).size);
    expect(model.rows.filter((r) => r.kind === 'engineer')).toHaveLength(25);
    const bars = model.rows.flatMap((r) =>
      r.kind === 'engineer' ? r.bookings.map((o) => [r.engineer.id, o.booking!.engineerId]) : [],
    );
    expect(bars.length).toBe(city.orders.filter((o) => o.booking).length);
    for (const [row, booked] of bars) expect(row).toBe(booked);
    expect(model.offsets[model.rows.length]).toBe(teams.length * TEAM_ROW_HEIGHT + 25 * ENGINEER_ROW_HEIGHT);
  });

  it("finds a day's first shift start among the shown engineers, leaving out a night shift begun the evening before", () => {
    const third = day + 3 * 24 * H;
    const starts = city.engineers.flatMap((e) => e.shifts.map((s) => s.start)).filter((t) => t >= third);
    const inDay = starts.filter((t) => t < third + 24 * H);
    const shown = buildBoardModel(engineers, orders, [], third, third + 24 * H);
    expect(firstShiftStart(shown, third, third + 24 * H)).toBe(Math.min(...inDay));
    // Past the rota's last day there is none.
    const after = day + 20 * 24 * H;
    expect(firstShiftStart(buildBoardModel(engineers, orders, [], after, after + 24 * H), after, after + 24 * H)).toBe(
      null,
    );
  });

  it('tells apart two engineers of the same name in one team by short id on their rows (the team heads them)', () => {
    const [first, second, third] = city.engineers;
    const twins = new Map<string, EngineerView>([
      [first!.id, { ...first!, name: 'Li Wei', team: 'team-pudong-1', pending: false }],
      [second!.id, { ...second!, name: 'Li Wei', team: 'team-pudong-2', pending: false }],
      [third!.id, { ...third!, name: 'Li Wei', team: 'team-pudong-2', pending: false }],
    ]);
    const rows = buildBoardModel(twins, orders, [], day, day + 24 * H).rows.flatMap((r) =>
      r.kind === 'engineer' ? [[r.engineer.id, r.label]] : [],
    );
    expect(Object.fromEntries(rows)).toEqual({
      [first!.id]: 'Li Wei',
      [second!.id]: `Li Wei (#${second!.id.split('-').at(-1)})`,
      [third!.id]: `Li Wei (#${third!.id.split('-').at(-1)})`,
    });
    // In Chinese as everywhere else in Chinese: the short id in full-width brackets.
    const zh = buildBoardModel(twins, orders, [], day, day + 24 * H, { locale: 'zh-CN' }).rows;
    expect(zh.find((r) => r.kind === 'engineer' && r.engineer.id === second!.id)).toMatchObject({
      label: `Li Wei（#${second!.id.split('-').at(-1)}）`,
    });
    // Engineers whose names differ keep them as they are.
    const plain = model.rows.find((r) => r.kind === 'engineer');
    expect(plain?.kind === 'engineer' && plain.label).toBe(plain?.kind === 'engineer' && plain.engineer.name);
  });

  it('shows only the chosen teams', () => {
    const team = city.engineers[0]!.team;
    const one = buildBoardModel(engineers, orders, [team], day, day + 24 * H);
    expect(
      one.rows.filter((r) => r.kind === 'engineer').every((r) => r.kind === 'engineer' && r.engineer.team === team),
    ).toBe(true);
  });

  it('computes booked share of shift time net of breaks', () => {
    const row = model.rows.find((r) => r.kind === 'engineer' && r.bookings.length > 0 && r.shiftMin > 0);
    expect(row && row.kind === 'engineer' && row.bookedMin).toBeGreaterThan(0);
  });

  it('finds rows by y and bars by time', () => {
    expect(rowAt(model, 0)).toBe(0);
    expect(rowAt(model, TEAM_ROW_HEIGHT + 1)).toBe(1);
    expect(rowAt(model, -1)).toBe(-1);
    expect(rowAt(model, 1e9)).toBe(-1);
    const i = model.rows.findIndex((r) => r.kind === 'engineer' && r.bookings.length > 0);
    const row = model.rows[i]!;
    if (row.kind !== 'engineer') throw new Error('expected an engineer row');
    const first = row.bookings[0]!;
    expect(barAt(row, first.booking!.start + 60_000, 0)?.id).toBe(first.id);
    expect(barAt(row, first.booking!.start - 10 * 60_000, 0)).toBeNull();
    const [a, b] = visibleRows(model, model.offsets[i]!, ENGINEER_ROW_HEIGHT * 2);
    expect(a).toBe(i);
    expect(b).toBeGreaterThanOrEqual(i + 1);
  });
});

describe('time scale', () => {
  it('maps times to x and back', () => {
    const s = scaleFor('day', day, 1400, city.meta.timeZone);
    expect(timeToX(s, day + H)).toBeCloseTo(100, 5);
    expect(xToTime(s, 100)).toBe(day + H);
    const w = scaleFor('week', day, 1400, city.meta.timeZone);
    expect(timeToX(w, day + 7 * 24 * H)).toBeCloseTo(1400, 5);
  });

  it("snaps to the local clock's steps", () => {
    const t = day + 9 * H + 7 * 60_000;
    expect(snapTime(t, 15, 'Asia/Shanghai')).toBe(day + 9 * H);
    expect(snapTime(day + 9 * H + 8 * 60_000, 15, 'Asia/Shanghai')).toBe(day + 9 * H + 15 * 60_000);
    expect(snapTime(day + 9 * H + 2 * 60_000, 5, 'Asia/Shanghai')).toBe(day + 9 * H);
    // Kathmandu is UTC+5:45: its quarter hours are not UTC's.
    const k = Date.UTC(2026, 2, 2, 3, 0);
    expect(new Date(snapTime(k, 30, 'Asia/Kathmandu')).getUTCMinutes()).toBe(15);
  });

  it('ticks every hour on a day and marks midnight', () => {
    const s = scaleFor('day', day, 1400, city.meta.timeZone);
    const t = ticks(s, 0, timeToX(s, day + 24 * H), 'Asia/Shanghai');
    expect(t[0]).toEqual({ t: day, major: true });
    expect(t.filter((x) => x.major)).toHaveLength(2);
  });
});

describe('dragging and nudging bars', async () => {
  const { dropTargets, nudge, isMovable } = await import('./drag.js');
  const { scaleFor, timeToX } = await import('./time-scale.js');
  const model = buildBoardModel(engineers, orders, [], day, day + 24 * H);
  const scale = scaleFor('day', day, 1400, city.meta.timeZone);
  const rowIndex = model.rows.findIndex((r) => r.kind === 'engineer' && r.bookings.some((o) => isMovable(o)));
  const row = model.rows[rowIndex]!;
  if (row.kind !== 'engineer') throw new Error('expected an engineer row');
  const bar = row.bookings.find((o) => isMovable(o))!;
  const otherIndex = model.rows.findIndex((r, i) => r.kind === 'engineer' && i !== rowIndex);

  it('moves a bar by the snapped time shift onto the engineer under the pointer', () => {
    const startX = timeToX(scale, bar.booking!.start + 10 * 60_000);
    const drag = {
      orderIds: [bar.id],
      primaryId: bar.id,
      startX,
      startY: 0,
      startTime: bar.booking!.start + 10 * 60_000,
      startRow: rowIndex,
    };
    const x = startX + (47 * 60_000) / scale.msPerPx; // 47 minutes later → snapped to 45
    const [move] = dropTargets(drag, model, scale, orders, x, model.offsets[otherIndex]! + 5, 15, 'Asia/Shanghai');
    const target = model.rows[otherIndex]!;
    expect(move).toEqual({
      orderId: bar.id,
      engineerId: target.kind === 'engineer' ? target.engineer.id : null,
      start: bar.booking!.start + 45 * 60_000,
    });
  });

  it('nudges with the keys by one snap step or one engineer', () => {
    expect(nudge([bar.id], orders, model, 'ArrowRight', 30)).toEqual([
      { orderId: bar.id, engineerId: bar.booking!.engineerId, start: bar.booking!.start + 30 * 60_000 },
    ]);
    const down = nudge([bar.id], orders, model, 'ArrowDown', 15)[0];
    expect(down?.engineerId).not.toBe(bar.booking!.engineerId);
    expect(down?.start).toBe(bar.booking!.start);
  });

  it('never moves work that is under way', () => {
    const busy = { ...bar, status: 'on_site' as const };
    expect(nudge([busy.id], new Map([[busy.id, busy]]), model, 'ArrowLeft', 15)).toEqual([]);
  });
});

describe('bar labels', () => {
  const width = (s: string) => s.length * 7;
  it('show code and customer when both fit, the customer alone when not', async () => {
    const { barLabel } = await import('./paint.js');
    expect(barLabel('WO-000123', 'Jinqiao Mall', 400, width)).toBe('WO-000123  Jinqiao Mall');
    // Too narrow for both: the customer, not "WO-0…".
    expect(barLabel('WO-000123', 'Jinqiao Mall', 120, width)).toBe('Jinqiao Mall');
  });
});
