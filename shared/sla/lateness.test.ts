import { describe, expect, it } from 'vitest';
import { evaluateSla } from './clock.js';
import { atRisk, bookedLateness, bookedMisses, bookingLateness } from './lateness.js';
import { slaTimeline } from './sla-timeline.js';

const M = 60_000;
const created = Date.UTC(2026, 2, 4, 8, 0);
const order = { createdAt: created, sla: { respondBy: created + 60 * M, resolveBy: created + 240 * M } };
const policy = { jeopardyMin: 30, businessHours: null };
const clocks = (events: Parameters<typeof slaTimeline>[1] = []) =>
  evaluateSla(order, slaTimeline({ id: 'o1', status: 'new', updatedAt: created }, events), policy, created + M);

describe('how late a booking leaves an order', () => {
  it('names respond-by and how long after it the engineer arrives', () => {
    // Respond-by is 09:00; arriving 12:45 is 3 h 45 min after it (and finishing 12:46 only 46 min past resolve-by).
    expect(bookingLateness(clocks(), created + 285 * M, created + 286 * M)).toEqual({
      deadline: 'respond',
      dueAt: created + 60 * M,
      lateMs: 225 * M,
    });
  });

  it('names the clock missed by most', () => {
    // Arrives 30 min after respond-by; finishes 2 h after resolve-by.
    expect(bookingLateness(clocks(), created + 90 * M, created + 360 * M)).toEqual({
      deadline: 'resolve',
      dueAt: created + 240 * M,
      lateMs: 120 * M,
    });
  });

  it('is null for a booking on time, and on the very deadline', () => {
    expect(bookingLateness(clocks(), created + 30 * M, created + 90 * M)).toBeNull();
    expect(bookingLateness(clocks(), created + 60 * M, created + 240 * M)).toBeNull();
  });
});

describe('how late a booking made by anyone leaves an order', () => {
  it('marks a booking that arrives after respond-by, by how much', () => {
    // Booked for the next morning: 9 h 6 min after respond-by (09:00).
    const booking = { start: created + 60 * M + 546 * M, end: created + 60 * M + 606 * M };
    expect(bookedLateness(clocks(), booking)).toEqual({
      deadline: 'respond',
      dueAt: created + 60 * M,
      lateMs: 546 * M,
    });
  });

  it('leaves an on-time booking, and no booking, unmarked', () => {
    expect(bookedLateness(clocks(), { start: created + 30 * M, end: created + 90 * M })).toBeNull();
    expect(bookedLateness(clocks(), null)).toBeNull();
  });
});

describe('every clock a booking misses', () => {
  it('names respond-by and resolve-by when the booking misses both, respond first', () => {
    // Arrives 2 h 35 min after respond-by (09:00) and finishes 1 h 05 min after resolve-by (12:00).
    expect(bookedMisses(clocks(), { start: created + 215 * M, end: created + 305 * M })).toEqual([
      { deadline: 'respond', dueAt: created + 60 * M, lateMs: 155 * M },
      { deadline: 'resolve', dueAt: created + 240 * M, lateMs: 65 * M },
    ]);
  });

  it('names only the clock missed, and none for an on-time booking or no booking', () => {
    expect(bookedMisses(clocks(), { start: created + 90 * M, end: created + 150 * M })).toEqual([
      { deadline: 'respond', dueAt: created + 60 * M, lateMs: 30 * M },
    ]);
    expect(bookedMisses(clocks(), { start: created + 30 * M, end: created + 90 * M })).toEqual([]);
    expect(bookedMisses(clocks(), null)).toEqual([]);
  });
});

describe('whether an order is at risk', () => {
  it('is at risk as soon as its booking will miss a deadline, long before its clock runs under the threshold', () => {
    // A minute after logging, 59 minutes of a 60-minute respond clock are left: well over the 30-minute threshold.
    const sla = clocks();
    expect(sla.state).toBe('ok');
    expect(atRisk(sla, { start: created + 215 * M, end: created + 305 * M })).toBe(true);
  });

  it('is not at risk with an on-time booking or none while its clocks have time left', () => {
    expect(atRisk(clocks(), { start: created + 30 * M, end: created + 90 * M })).toBe(false);
    expect(atRisk(clocks(), null)).toBe(false);
  });

  it('is at risk in jeopardy whatever its booking', () => {
    const late = evaluateSla(
      order,
      slaTimeline({ id: 'o1', status: 'new', updatedAt: created }, []),
      policy,
      created + 40 * M,
    );
    expect(late.state).toBe('jeopardy');
    expect(atRisk(late, { start: created + 45 * M, end: created + 100 * M })).toBe(true);
  });
});
