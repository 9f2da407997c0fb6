import { describe, expect, it } from 'vitest';
import { addDays, epochAtLocal } from '../../../../shared/time/index.js';
import { scaleFor, timelineWidth, timeToX } from './time-scale.js';

const H = 3_600_000;

describe('the week on the board', () => {
  const zone = 'Asia/Shanghai';
  const monday = epochAtLocal('2026-12-07', 0, zone);
  const sundayEnd = epochAtLocal('2026-12-14', 0, zone);

  it('puts all seven days across the timeline, from Monday 00:00 to Sunday 24:00, however wide it is', () => {
    // 1366 and 1920 px windows with the queue and the details beside the board, and a board squeezed by a wide queue.
    for (const width of [90, 150, 485, 500, 905, 1400]) {
      const scale = scaleFor('week', monday, width, zone);
      expect(scale.rangeStart, `${width} px`).toBe(monday);
      expect(scale.rangeEnd, `${width} px`).toBe(sundayEnd);
      expect(timelineWidth(scale), `${width} px`).toBeCloseTo(width, 6);
      expect(timeToX(scale, sundayEnd), `${width} px`).toBeCloseTo(width, 6);
      // The seventh day starts six sevenths of the way across.
      expect(timeToX(scale, epochAtLocal('2026-12-13', 0, zone))).toBeCloseTo((width * 6) / 7, 6);
    }
  });

  it('keeps the whole of a week with a clock change: Sunday 1 November 2026 is 25 hours long in New York', () => {
    const york = 'America/New_York';
    const start = epochAtLocal('2026-10-26', 0, york);
    const end = epochAtLocal(addDays('2026-10-26', 7), 0, york);
    expect(end - start).toBe(169 * H);
    const scale = scaleFor('week', start, 700, york);
    expect(scale.rangeEnd).toBe(end);
    // Sunday's last hour, 23:00–24:00, is on the board, and its end is the timeline's right edge.
    expect(timeToX(scale, end - H)).toBeLessThan(700);
    expect(timeToX(scale, end)).toBeCloseTo(700, 6);
  });

  it('scrolls a day that is longer than the screen, to its last hour on the day the clocks go back', () => {
    const york = 'America/New_York';
    const sunday = epochAtLocal('2026-11-01', 0, york);
    const scale = scaleFor('day', sunday, 700, york);
    expect(scale.rangeEnd - scale.rangeStart).toBe(25 * H);
    // About 14 hours on screen at 700 px; the rest scrolls.
    expect(timelineWidth(scale)).toBeGreaterThan(700);
    expect(scale.msPerPx).toBeCloseTo((14 * H) / 700, 6);
  });
});
