import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';
import { arbitraryModel } from './instances.testing.js';
import { RouteState } from './route.js';

/** The derived data of positions 0..len+1 (and the cost) that move checks read. */
function derived(r: RouteState): unknown {
  const end = r.len + 2;
  const dims = r.cm.dims;
  return {
    len: r.len,
    cost: r.cost,
    jobs: Array.from(r.jobs.subarray(1, r.len + 1)),
    loc: Array.from(r.loc.subarray(0, end)),
    es: Array.from(r.es.subarray(0, end)),
    ls: Array.from(r.ls.subarray(0, end)),
    cum: Array.from(r.cum.subarray(0, end)),
    svc: Array.from(r.svc.subarray(0, r.len + 1)),
    del: Array.from(r.del.subarray(0, (r.len + 1) * dims)),
    pick: Array.from(r.pick.subarray(0, (r.len + 1) * dims)),
  };
}

describe('RouteState.insertJob', () => {
  it('leaves exactly the derived data of a full update, whatever the position and however the windows bind', () => {
    // Without breaks, soft costs and pickups, so that the partial update is the one at work (the others take the full
    // update); multiple windows, skills and open ends stay in.
    fc.assert(
      fc.property(
        arbitraryModel({ skills: true, openEnds: true, assignments: true }),
        fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
        (model, draws) => {
          const cm = compileModel(model);
          for (let v = 0; v < cm.nVehicles; v++) {
            // A small capacity, so that growing the route is covered too.
            const partial = new RouteState(cm, v, 2);
            const full = new RouteState(cm, v, 2);
            for (let j = 0; j < cm.nJobs; j++) {
              const p = 1 + (draws[j % draws.length]! % (partial.len + 1));
              partial.insertJob(p, j);
              full.insertAt(p, j);
              full.update();
              expect(derived(partial)).toEqual(derived(full));
            }
          }
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
