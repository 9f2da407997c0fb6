import { describe, expect, it } from 'vitest';
import { evaluateSla } from './clock.js';
import { bookedLateness, bookingLateness } from './lateness.js';
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
