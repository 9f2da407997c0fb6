import { describe, expect, it } from 'vitest';
import { capacityGrid } from './capacity-grid.js';

const DAY = 86_400_000;
const day = (team: string, k: number, availableMin: number, workMin: number, travelMin: number) => ({
  team,
  dayStart: k * DAY,
  engineers: availableMin > 0 ? 1 : 0,
  availableMin,
  workMin,
  travelMin,
  remainingMin: availableMin - workMin - travelMin,
  bufferMin: Math.round(availableMin * 0.15),
});

describe('capacityGrid', () => {
  it('lays team-days out as teams × days in hours, graded from room to spare to overbooked', () => {
    const grid = capacityGrid([
      day('team-b', 0, 480, 60, 30),
      day('team-a', 1, 480, 300, 60),
      day('team-a', 0, 480, 360, 60),
      day('team-b', 1, 480, 420, 120),
      day('team-a', 2, 0, 0, 0),
    ]);
    expect(grid.dayStarts).toEqual([0, DAY, 2 * DAY]);
    expect(grid.rows.map((r) => r.team)).toEqual(['team-a', 'team-b']);
    const [a, b] = grid.rows;
    // 420 of 480 minutes booked leaves 60, under the 72-minute buffer.
    expect(a?.cells.map((c) => c.level)).toEqual(['buffer', 'high', 'none']);
    expect(a?.cells[0]).toMatchObject({ availableH: 8, workH: 6, travelH: 1, bookedH: 7, remainingH: 1, bufferH: 1.2 });
    expect(a?.cells[0]?.fullPct).toBe(88);
    // A day team-b has no entry for shows as no shifts.
    expect(b?.cells.map((c) => c.level)).toEqual(['low', 'over', 'none']);
    expect(b?.cells[1]?.remainingH).toBe(-1);
  });
});
