import { describe, expect, it } from 'vitest';
import { at, booked, DAY_START, engineer, order, TZ } from '../../../../shared/dispatch/fixtures.testing.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import { cardDay, planRows, utilisation } from '../engineer/card-model.js';
import { buildBoardModel } from './model.js';

const D = 24 * 3_600_000;

describe("a night engineer's board row", () => {
  // 22:00–06:00 every night with a half-hour break at 02:00.
  const night: EngineerView = {
    ...engineer('n', {
      shifts: [-1, 0, 1].map((d) => ({
        start: at('22:00') + d * D,
        end: at('+1 06:00') + d * D,
        breaks: [{ start: at('+1 02:00') + d * D, end: at('+1 02:30') + d * D }],
      })),
    }),
    pending: false,
  };
  const job = (id: string, hhmm: string, days = 0): OrderView => {
    const o = booked(order(id), 'n', hhmm);
    return {
      ...o,
      booking: { ...o.booking!, start: o.booking!.start + days * D, end: o.booking!.end + days * D },
      pending: false,
    };
  };
  const jobs = [
    // Last night's shift, its morning end on today's calendar day.
    job('last-2300', '23:00', -1),
    job('last-0300', '03:00'),
    job('last-0400', '04:00'),
    // Tonight's: before midnight, across it and after it.
    job('t-2215', '22:15'),
    job('t-2330', '23:30'),
    job('t-0100', '+1 01:00'),
  ];
  const orders = new Map(jobs.map((o) => [o.id, o]));
  const engineers = new Map([[night.id, night]]);
  const row = (now: number, from = DAY_START, days = 1) => {
    const model = buildBoardModel(engineers, orders, [], from, from + days * D, { timeZone: TZ, now });
    const r = model.rows.find((x) => x.kind === 'engineer');
    if (r?.kind !== 'engineer') throw new Error('no engineer row');
    return { bookedMin: r.bookedMin, shiftMin: r.shiftMin, pct: Math.round((r.bookedMin / r.shiftMin) * 100) };
  };

  it("counts tonight's whole shift and its jobs after midnight, not the morning end of last night's", () => {
    // 8 hours less the break; three one-hour jobs of tonight, the one across midnight whole.
    expect(row(at('12:00'))).toEqual({ bookedMin: 180, shiftMin: 450, pct: 40 });
  });

  it('shows the same figures as the engineer card, in the evening and at 02:00 on the shift', () => {
    for (const now of [at('23:00'), at('+1 02:00')]) {
      const day = cardDay(night, now, TZ);
      const card = utilisation(day, planRows(night, jobs, day));
      const start = day.day.start;
      expect(row(now, start)).toEqual({ bookedMin: card.bookedMin, shiftMin: card.workMin, pct: card.pct });
    }
  });

  it("counts each night once on a week's view", () => {
    // Last night's shift began before the week and is not on it; tonight's and tomorrow night's are.
    expect(row(at('12:00'), DAY_START, 2)).toEqual({ bookedMin: 180, shiftMin: 900, pct: 20 });
  });
});
