import { describe, expect, it } from 'vitest';
import { parseTimeEntry, stepTimeEntry } from './time-entry.js';

describe('a time of day typed in', () => {
  it('reads as a dispatcher types it, in the 24-hour clock', () => {
    const read = (s: string) => parseTimeEntry(s);
    expect(['8', '08', '8:00', '08:00', '800', '0800', '8.00', '８：００', '8点', '8点00分'].map(read)).toEqual(
      Array(10).fill('08:00'),
    );
    expect(['14:30', '1430', '14.30', '14点30', '14点30分', '１４：３０', ' 14:30 '].map(read)).toEqual(
      Array(7).fill('14:30'),
    );
    expect(read('0:05')).toBe('00:05');
    expect(read('23:59')).toBe('23:59');
  });

  it('is refused when it is not a time of day', () => {
    for (const s of ['', '24:00', '8:60', '8:5', 'noon', '2 pm', '12345', '-1', '8:30:00'])
      expect([s, parseTimeEntry(s)]).toEqual([s, null]);
  });

  it('steps round the clock', () => {
    expect(stepTimeEntry('08:00', 15)).toBe('08:15');
    expect(stepTimeEntry('23:50', 15)).toBe('00:05');
    expect(stepTimeEntry('00:05', -15)).toBe('23:50');
  });
});
