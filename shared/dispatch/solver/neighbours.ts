// Nearest-job lists. The local search only tries moves between a job and its nearest neighbours (granular
// neighbourhoods); string removal walks outward from a seed job by plain travel cost.

interface NeighbourSource {
  readonly nJobs: number;
  readonly nLocs: number;
  readonly cost: Float64Array;
  readonly dur: Float64Array;
  readonly jobLoc: Int32Array;
  readonly jobService: Float64Array;
  readonly jobEarliest: Float64Array;
  readonly jobLatest: Float64Array;
}

// Weights of waiting and of impossible time-window sequences in the proximity measure (Vidal et al. 2013).
const WAIT_WEIGHT = 0.2;
const LATE_WEIGHT = 1;

function proximity(m: NeighbourSource, u: number, v: number, timeAware: boolean): number {
  const lu = m.jobLoc[u]!;
  const lv = m.jobLoc[v]!;
  const c = m.cost[lu * m.nLocs + lv]!;
  if (!timeAware) return c + m.cost[lv * m.nLocs + lu]!;
  const t = m.dur[lu * m.nLocs + lv]!;
  const wait = Math.max(0, m.jobEarliest[v]! - m.jobService[u]! - t - m.jobLatest[u]!);
  const late = Math.max(0, m.jobEarliest[u]! + m.jobService[u]! + t - m.jobLatest[v]!);
  return c + WAIT_WEIGHT * wait + LATE_WEIGHT * late;
}

/**
 * For each job, the `count` other jobs closest to it, nearest first (the lower index first on a tie), flattened as
 * [job * count + k]. The measure is symmetric, so each pair is weighed once and offered to both lists; each list still
 * meets its candidates in index order.
 */
export function nearestJobs(m: NeighbourSource, count: number, timeAware: boolean): Int32Array {
  const n = m.nJobs;
  const out = new Int32Array(n * count);
  if (count === 0) return out;
  const keys = new Float64Array(n * count);
  const filled = new Int32Array(n);
  const offer = (u: number, v: number, key: number): void => {
    const base = u * count;
    const f = filled[u]!;
    if (f === count && key >= keys[base + count - 1]!) return;
    let k = f < count ? f : count - 1;
    if (f < count) filled[u] = f + 1;
    while (k > 0 && keys[base + k - 1]! > key) {
      keys[base + k] = keys[base + k - 1]!;
      out[base + k] = out[base + k - 1]!;
      k--;
    }
    keys[base + k] = key;
    out[base + k] = v;
  };
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      const key = timeAware ? Math.min(proximity(m, u, v, true), proximity(m, v, u, true)) : proximity(m, u, v, false);
      offer(u, v, key);
      offer(v, u, key);
    }
  }
  return out;
}
