import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineerPosition } from '../../../shared/sync/index.js';
import { PositionTracker } from './tracker.js';

const NOW = Date.UTC(2026, 2, 2, 9, 0);

function tracker(intervalMs: number) {
  const batches: EngineerPosition[][] = [];
  const stored: Array<{ batch: EngineerPosition[]; crumbs: EngineerPosition[] }> = [];
  const t = new PositionTracker({
    store: {
      latestPositions: () => Promise.resolve([]),
      savePositions: (batch, crumbs) => {
        stored.push({ batch, crumbs });
        return Promise.resolve();
      },
    },
    broadcast: (batch) => batches.push(batch),
    now: () => NOW,
    intervalMs,
    breadcrumbEveryMs: 10_000,
  });
  return { t, batches, stored };
}

const at = (engineerId: string, lat: number, ms: number) => ({
  engineerId,
  report: { lat, lon: 121.4, heading: 0, speed: 5, at: NOW + ms },
});

describe('the position tracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('broadcasts each engineer at most once per interval, with the latest position only', async () => {
    const { t, batches } = tracker(1_000);
    t.start();
    for (const r of [at('e1', 31.2, -3000), at('e2', 31.3, -2500), at('e1', 31.21, -2000), at('e1', 31.22, -1000)])
      expect(t.report(r.engineerId, r.report)).toBeNull();
    await vi.advanceTimersByTimeAsync(999);
    expect(batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((p) => [p.engineerId, p.lat])).toEqual([
      ['e1', 31.22],
      ['e2', 31.3],
    ]);
    // Nothing new: the next interval sends nothing.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches).toHaveLength(1);
    t.report('e2', at('e2', 31.31, 0).report);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches.map((b) => b.map((p) => p.engineerId))).toEqual([['e1', 'e2'], ['e2']]);
    await t.stop();
  });

  it('keeps a breadcrumb at most once per breadcrumb period, and stores it with the batch', async () => {
    const { t, stored } = tracker(1_000);
    t.start();
    t.report('e1', at('e1', 31.2, -30_000).report);
    t.report('e1', at('e1', 31.21, -25_000).report);
    t.report('e1', at('e1', 31.22, -19_000).report);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.crumbs.map((p) => p.at - NOW)).toEqual([-30_000, -19_000]);
    expect(stored[0]!.batch.map((p) => p.lat)).toEqual([31.22]);
    await t.stop();
  });

  it('sends what is left when stopped, and nothing after', async () => {
    const { t, batches } = tracker(1_000);
    t.start();
    t.report('e1', at('e1', 31.2, 0).report);
    await t.stop();
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(batches).toHaveLength(1);
  });
});
