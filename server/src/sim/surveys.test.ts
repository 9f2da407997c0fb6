import { describe, expect, it } from 'vitest';
import { Random } from '../../../shared/random/index.js';
import { customerScores, CustomerSurveys } from './surveys.js';
import { generateScenario } from '../../../shared/scenario/index.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("the simulated customers' surveys", () => {
  it('score a punctual first-time fix higher than a late visit that needed a revisit', () => {
    const rng = new Random(3);
    const good = Array.from({ length: 500 }, () => customerScores(rng, { onTime: true, firstTimeFix: true }));
    const bad = Array.from({ length: 500 }, () => customerScores(rng, { onTime: false, firstTimeFix: false }));
    expect(mean(good.map((a) => a.satisfaction))).toBeGreaterThan(mean(bad.map((a) => a.satisfaction)) + 1.5);
    expect(mean(good.map((a) => a.recommend))).toBeGreaterThan(mean(bad.map((a) => a.recommend)) + 3);
    for (const a of [...good, ...bad]) {
      expect(a.satisfaction).toBeGreaterThanOrEqual(1);
      expect(a.satisfaction).toBeLessThanOrEqual(5);
      expect(a.recommend).toBeGreaterThanOrEqual(0);
      expect(a.recommend).toBeLessThanOrEqual(10);
    }
  });

  it('are answered by about a quarter of customers, the same ones for the same seed', () => {
    const order = generateScenario({ seed: 1, engineers: 2, orders: 4 }).orders[0]!;
    const run = () => {
      // Nothing is sent: the server address refuses at once and failures are only counted.
      const s = new CustomerSurveys({ url: 'http://127.0.0.1:9', token: () => 'x', seed: 5, log: () => {} });
      return Array.from({ length: 1_000 }, () => s.completed(order, true) !== null);
    };
    const first = run();
    expect(run()).toEqual(first);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });
});
