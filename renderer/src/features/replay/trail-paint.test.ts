import { describe, expect, it } from 'vitest';
import { fixStatuses, playedLine } from './trail-paint.js';
import { buildTrack, positionAt, REPLAY_STATUSES } from './timeline.js';

// A drive east along a parallel, one fix a minute, then parked: 0.01° of longitude is one pixel.
const fixes = Array.from({ length: 10 }, (_, i) => ({
  lat: 31.2,
  lon: 121.4 + Math.min(i, 5) * 0.01,
  heading: 90,
  speed: i < 5 ? 8 : 0,
  at: 1_000_000 + i * 60_000,
}));
const track = buildTrack(fixes);
const project = (lon: number, lat: number): [number, number] => [(lon - 121.4) * 100, (31.2 - lat) * 100];
const statuses = fixStatuses(track, (t) => (t < 1_000_000 + 5 * 60_000 ? 'travelling' : 'stopped'));

describe("the replay's played line", () => {
  it('runs through every fix played to where the engineer is now, in the status of each stretch', () => {
    const here = positionAt(track, 1_000_000 + 2.5 * 60_000)!;
    const line = playedLine(track, statuses, here, project);
    expect(line.count).toBe(4);
    expect(Array.from(line.xy.slice(0, 8)).map((v) => Math.round(v * 10) / 10)).toEqual([0, 0, 1, 0, 2, 0, 2.5, 0]);
    expect(Array.from(line.status.slice(0, 4)).map((s) => REPLAY_STATUSES[s])).toEqual([
      'travelling',
      'travelling',
      'travelling',
      'travelling',
    ]);
  });

  it('leaves out fixes that would not move the line (parked), and is empty before the first fix', () => {
    const end = playedLine(track, statuses, positionAt(track, 1_000_000 + 9 * 60_000)!, project);
    // Six fixes of the drive (the last one where the engineer parks, now stopped) and where the engineer is.
    expect(end.count).toBe(7);
    expect(REPLAY_STATUSES[end.status[5]!]).toBe('stopped');
    expect(playedLine(track, statuses, null, project).count).toBe(0);
  });
});
