import { describe, expect, it } from 'vitest';
import { Random } from './index.js';

describe('Random', () => {
  it('replays the same sequence for a seed (the simulated city and the engine depend on it)', () => {
    const r = new Random(7);
    expect([r.next(), r.next(), r.next()]).toEqual([0.19514828245155513, 0.36103195301257074, 0.8405470312573016]);
    const a = new Random(123);
    const b = new Random(123);
    for (let i = 0; i < 1_000; i++) expect(a.next()).toBe(b.next());
  });

  it('draws integers in range and shuffles without losing an entry', () => {
    const r = new Random(1);
    for (let i = 0; i < 1_000; i++) {
      const k = r.below(5);
      expect(k >= 0 && k < 5 && Number.isInteger(k)).toBe(true);
      const j = r.int(3, 6);
      expect(j >= 3 && j <= 6 && Number.isInteger(j)).toBe(true);
    }
    const values = Int32Array.from({ length: 50 }, (_, i) => i);
    r.shuffle(values, 40);
    expect([...values.slice(0, 40)].sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
    expect([...values.slice(40)]).toEqual([40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
  });
});
