import { describe, expect, it } from 'vitest';
import { Buckets } from './rate-limit.js';

describe('the tracking pages’ token buckets', () => {
  it('keep at most maxKeys keys however many new ones come, and still limit the ones they keep', () => {
    const clock = { now: 0 };
    const buckets = new Buckets({ burst: 2, perSecond: 1, maxKeys: 1_000 }, () => clock.now);
    let largest = 0;
    // 100,000 addresses in one second, as a flood from many addresses would bring.
    for (let i = 0; i < 100_000; i++) {
      buckets.take(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      largest = Math.max(largest, buckets.size);
      if (i % 100 === 0) clock.now += 1;
    }
    expect(largest).toBeLessThanOrEqual(1_000);
    // A key kept is still limited: its burst of two, then refused.
    expect([buckets.take('k'), buckets.take('k'), buckets.take('k')]).toEqual([true, true, false]);
  });

  it('drop quiet keys first: only buckets that have refilled go when others remain', () => {
    const clock = { now: 0 };
    const buckets = new Buckets({ burst: 2, perSecond: 1, maxKeys: 4 }, () => clock.now);
    buckets.take('busy');
    buckets.take('busy');
    for (const k of ['a', 'b', 'c']) buckets.take(k);
    clock.now = 1_000;
    buckets.take('busy');
    // 2.5 s in, the three quiet keys have been quiet long enough to be full (2 tokens at 1/s); the busy one has not.
    clock.now = 2_500;
    buckets.take('new');
    expect(buckets.size).toBe(2);
    expect(buckets.take('busy')).toBe(true);
    expect(buckets.take('busy')).toBe(false);
  });

  it('keep limiting an address that keeps asking while a flood of new addresses forces sweeps', () => {
    const clock = { now: 0 };
    const buckets = new Buckets({ burst: 2, perSecond: 1, maxKeys: 100 }, () => clock.now);
    expect([buckets.take('flooder'), buckets.take('flooder')]).toEqual([true, true]);
    let allowed = 0;
    // 10,000 one-off addresses in under a second, the limited address asking between every ten of them.
    for (let i = 0; i < 10_000; i++) {
      buckets.take(`10.0.${(i >> 8) & 255}.${i & 255}`);
      if (i % 10 === 0 && buckets.take('flooder')) allowed++;
      if (i % 100 === 0) clock.now += 5;
    }
    // 500 ms at 1 a second refills half a token: the limited address gets nothing more, however many sweeps ran.
    expect(allowed).toBe(0);
  });
});
