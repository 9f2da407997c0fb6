import { describe, expect, it } from 'vitest';
import { addDays, epochAtLocal, isIsoDate, localDate, localParts, utcOffsetMin } from './zoned.js';

describe('zoned time', () => {
  it('places 08:00 in Shanghai at 00:00 UTC', () => {
    expect(epochAtLocal('2026-11-23', 8 * 60, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 23, 0, 0));
    expect(utcOffsetMin(Date.UTC(2026, 10, 23), 'Asia/Shanghai')).toBe(480);
  });

  it('follows daylight saving in London', () => {
    expect(epochAtLocal('2026-07-01', 9 * 60, 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 8, 0));
    expect(epochAtLocal('2026-12-01', 9 * 60, 'Europe/London')).toBe(Date.UTC(2026, 11, 1, 9, 0));
    // 29 March 2026: clocks go forward at 01:00 UTC; 03:00 local is 02:00 UTC.
    expect(epochAtLocal('2026-03-29', 3 * 60, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 2, 0));
  });

  it('reads local fields back', () => {
    const t = epochAtLocal('2026-11-23', 13 * 60 + 45, 'Asia/Shanghai');
    expect(localParts(t, 'Asia/Shanghai')).toMatchObject({
      year: 2026,
      month: 11,
      day: 23,
      hour: 13,
      minute: 45,
      weekday: 1,
    });
    expect(localDate(Date.UTC(2026, 10, 22, 17, 0), 'Asia/Shanghai')).toBe('2026-11-23');
  });

  it('validates and steps calendar dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => epochAtLocal('2026-13-01', 0, 'UTC')).toThrow(/calendar date/);
  });
});
