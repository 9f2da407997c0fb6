import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestJobs } from './neighbours.js';

/** Random jobs on few locations (ties in plenty), an asymmetric matrix, windows and service times. */
const source = fc
  .record({ nLocs: fc.integer({ min: 1, max: 6 }), nJobs: fc.integer({ min: 1, max: 14 }) })
  .chain(({ nLocs, nJobs }) =>
    fc.record({
      nLocs: fc.constant(nLocs),
      nJobs: fc.constant(nJobs),
      cost: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: nLocs * nLocs, maxLength: nLocs * nLocs }),
      dur: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: nLocs * nLocs, maxLength: nLocs * nLocs }),
      jobLoc: fc.array(fc.integer({ min: 0, max: nLocs - 1 }), { minLength: nJobs, maxLength: nJobs }),
      jobService: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: nJobs, maxLength: nJobs }),
      jobEarliest: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: nJobs, maxLength: nJobs }),
      width: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: nJobs, maxLength: nJobs }),
      count: fc.integer({ min: 0, max: 15 }),
    }),
  )
  .map((r) => ({
    nJobs: r.nJobs,
    nLocs: r.nLocs,
    cost: Float64Array.from(r.cost),
    dur: Float64Array.from(r.dur),
    jobLoc: Int32Array.from(r.jobLoc),
    jobService: Float64Array.from(r.jobService),
    jobEarliest: Float64Array.from(r.jobEarliest),
    jobLatest: Float64Array.from(r.jobEarliest.map((e, j) => e + r.width[j]!)),
    count: Math.min(r.count, r.nJobs - 1),
  }));

type Source = typeof source extends fc.Arbitrary<infer T> ? T : never;

/** The definition: every other job sorted by its measure to u, then by index; the first `count`. */
function byDefinition(m: Source, timeAware: boolean): number[][] {
  const cost = (a: number, b: number) => m.cost[m.jobLoc[a]! * m.nLocs + m.jobLoc[b]!]!;
  const dur = (a: number, b: number) => m.dur[m.jobLoc[a]! * m.nLocs + m.jobLoc[b]!]!;
  const directed = (u: number, v: number) =>
    cost(u, v) +
    0.2 * Math.max(0, m.jobEarliest[v]! - m.jobService[u]! - dur(u, v) - m.jobLatest[u]!) +
    Math.max(0, m.jobEarliest[u]! + m.jobService[u]! + dur(u, v) - m.jobLatest[v]!);
  const measure = (u: number, v: number) =>
    timeAware ? Math.min(directed(u, v), directed(v, u)) : cost(u, v) + cost(v, u);
  return Array.from({ length: m.nJobs }, (_, u) =>
    Array.from({ length: m.nJobs }, (_, v) => v)
      .filter((v) => v !== u)
      .sort((a, b) => measure(u, a) - measure(u, b) || a - b)
      .slice(0, m.count),
  );
}

describe('nearestJobs', () => {
  it('lists for each job the nearest others, nearest first and the lower index first on a tie', () => {
    fc.assert(
      fc.property(source, fc.boolean(), (m, timeAware) => {
        const flat = nearestJobs(m, m.count, timeAware);
        const lists = Array.from({ length: m.nJobs }, (_, u) => [...flat.subarray(u * m.count, (u + 1) * m.count)]);
        expect(lists).toEqual(byDefinition(m, timeAware));
      }),
      { numRuns: 300 },
    );
  });
});
