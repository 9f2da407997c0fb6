import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplayPlayer } from './player.js';

const MIN = 60_000;
const period = { from: 0, to: 24 * 60 * MIN };
const firstFix = 13 * 60 * MIN + 29 * MIN;

describe('the replay clock', () => {
  // Frames are run by hand: each call of `frame` advances the page's clock by one frame's worth.
  let queued: Array<(now: number) => void> = [];
  let now = 0;
  const frame = (ms: number) => {
    now += ms;
    const run = queued;
    queued = [];
    run.forEach((f) => f(now));
  };
  beforeEach(() => {
    queued = [];
    now = 0;
    vi.stubGlobal('requestAnimationFrame', (f: (now: number) => void) => queued.push(f));
    vi.stubGlobal('cancelAnimationFrame', () => (queued = []));
    vi.stubGlobal('performance', { now: () => now });
  });
  afterEach(() => vi.unstubAllGlobals());

  const player = (start: number) => {
    const seen: number[] = [];
    const p = new ReplayPlayer(period, start, { draw: () => {}, frame: (t) => seen.push(t) });
    return { p, seen };
  };

  it('stands at its start (the first fix) and plays on from there', () => {
    const { p, seen } = player(firstFix);
    expect(p.time).toBe(firstFix);
    p.speed = 60;
    p.play();
    frame(1000);
    expect(p.time).toBe(firstFix + 60_000);
    expect(seen.at(-1)).toBe(firstFix + 60_000);
  });

  it('plays again from its start, not the period’s empty start, once it has reached the end', () => {
    const { p, seen } = player(firstFix);
    p.seek(period.to);
    p.play();
    expect(seen.at(-1)).toBe(firstFix);
    // The scrubber still reaches the whole period.
    p.seek(period.from);
    expect(p.time).toBe(period.from);
  });

  it('keeps its start inside the period', () => {
    expect(player(-5).p.time).toBe(period.from);
    expect(player(period.to + 5).p.start).toBe(period.to);
  });
});
