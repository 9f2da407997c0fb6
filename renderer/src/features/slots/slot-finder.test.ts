import { describe, expect, it } from 'vitest';
import { epochAtLocal } from '../../../../shared/time/index.js';
import type { SlotOffer } from '../../services/index.js';
import { bookSlotAction, createWithSlot } from '../../services/slot-booking.js';
import {
  SEARCH_DAYS,
  dayProblem,
  daysPressed,
  daysTyped,
  rowAfterKey,
  searchDays,
  slotPreferences,
  toggle,
} from './slot-finder.js';

const TZ = 'Asia/Shanghai';
// 23:30 in Shanghai on 2026-03-10: the day searched first is still the 10th.
const NOW = epochAtLocal('2026-03-10', 23 * 60 + 30, TZ);
const H = 3_600_000;

const slot: SlotOffer = {
  start: NOW + 10 * H,
  end: NOW + 12 * H,
  plannedStart: NOW + 10.5 * H,
  engineerId: 'e7',
  engineerName: 'Wang Fang',
  team: 'team-a',
  grade: 'good',
  travelAddedMin: 12,
  slaFit: 'met',
  slaSlackMin: 300,
  dayFullPct: 40,
  dipsIntoBuffer: false,
  cost: 30,
};

describe('Find a time: the days and the preferences', () => {
  it('offers the seven days searched, today first, at their local midnights', () => {
    const days = searchDays(NOW, TZ);
    expect(days).toHaveLength(SEARCH_DAYS);
    expect(days[0]).toEqual({ date: '2026-03-10', dayStart: epochAtLocal('2026-03-10', 0, TZ) });
    expect(days[6]?.date).toBe('2026-03-16');
  });

  it('says what is wrong with a day typed in: over, past the days searched, or no date', () => {
    expect(dayProblem('2026-03-09', NOW, TZ)).toBe('past');
    expect(dayProblem('2026-03-10', NOW, TZ)).toBeNull();
    expect(dayProblem('2026-03-16', NOW, TZ)).toBeNull();
    expect(dayProblem('2026-03-17', NOW, TZ)).toBe('beyond');
    expect(dayProblem('10/03/2026', NOW, TZ)).toBe('invalid');
  });

  it('sends the chosen days in order and the halves as the engine names them; none chosen means any', () => {
    expect(slotPreferences([3, 1], ['afternoon', 'morning'])).toEqual({
      days: [1, 3],
      halves: ['morning', 'afternoon'],
    });
    expect(slotPreferences([], [])).toEqual({ days: [], halves: [] });
    expect(toggle([1, 2], 2)).toEqual([1]);
    expect(toggle([1], 2)).toEqual([1, 2]);
  });

  it('shows pressed only the days searched: a typed day that cannot be searched leaves "any day" unpressed', () => {
    const choices = searchDays(NOW, TZ);
    const tomorrow = choices[1]!;
    // Nothing chosen or typed: any day, and that is what is searched.
    expect(daysPressed([], '').any).toBe(true);
    // A day typed among those searched: that day alone.
    const typed = daysTyped(choices, tomorrow.date);
    expect(typed).toEqual([tomorrow.dayStart]);
    expect(daysPressed(typed, tomorrow.date)).toMatchObject({ any: false });
    expect(daysPressed(typed, tomorrow.date).day(tomorrow.dayStart)).toBe(true);
    // Then a day that is over: no search runs, so neither "any day" nor the day chosen before reads as pressed.
    const past = daysTyped(choices, '2026-03-09');
    expect(past).toEqual([]);
    expect(daysPressed(past, '2026-03-09').any).toBe(false);
    expect(daysPressed(past, '2026-03-09').day(tomorrow.dayStart)).toBe(false);
    // The typed day cleared: any day again.
    expect(daysPressed(daysTyped(choices, ''), '').any).toBe(true);
  });

  it('moves through the list with the arrows, Home and End, and stays inside it', () => {
    expect(rowAfterKey('ArrowDown', 0, 5)).toBe(1);
    expect(rowAfterKey('ArrowDown', 4, 5)).toBe(4);
    expect(rowAfterKey('ArrowUp', 0, 5)).toBe(0);
    expect(rowAfterKey('End', 1, 5)).toBe(4);
    expect(rowAfterKey('Home', 3, 5)).toBe(0);
    expect(rowAfterKey('Enter', 3, 5)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('Find a time: the action a picked window becomes', () => {
  const order = {
    id: 'o-1',
    code: 'WO-260310-ABCD',
    customer: { id: 'c1', name: 'Acme', tier: 'gold' as const, phone: '1' },
    site: { lat: 31.2, lon: 121.4, address: 'Nanjing Rd 1' },
    type: 'repair' as const,
    priority: 'P3' as const,
    summary: 'Leak',
    requiredSkills: [],
    requiredParts: [],
    durationMin: 60,
    window: null,
  };

  it('creates the call with the window and books it to the engineer at the planned start', () => {
    expect(createWithSlot(order, slot, true)).toEqual({
      order: { ...order, window: { start: slot.start, end: slot.end } },
      booking: { engineerId: 'e7', start: slot.plannedStart },
    });
  });

  it('"any engineer" creates it with the window and no booking', () => {
    const args = createWithSlot(order, slot, false);
    expect(args).toEqual({ order: { ...order, window: { start: slot.start, end: slot.end } } });
    expect('booking' in args).toBe(false);
  });

  it('books an open order with the window, or only promises the window', () => {
    const base = { version: 3, rev: 'c:9' };
    expect(bookSlotAction('o-2', base, slot, true)).toEqual({
      name: 'assignOrder',
      args: {
        orderId: 'o-2',
        base,
        engineerId: 'e7',
        start: slot.plannedStart,
        window: { start: slot.start, end: slot.end },
      },
    });
    expect(bookSlotAction('o-2', base, slot, false)).toEqual({
      name: 'updateOrder',
      args: { orderId: 'o-2', base, patch: { window: { start: slot.start, end: slot.end } } },
    });
  });
});
