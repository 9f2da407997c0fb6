// One vehicle's route and the prefix/suffix data that make move checks O(1): earliest service start forward,
// latest service start backward, travel-cost prefix sums and load prefix sums. Positions: 0 is the vehicle start,
// 1..len the jobs, len + 1 the end.
import type { CompiledModel } from './compile.js';
import { simulateRoute } from './schedule.js';
import { earliestStart, latestStart } from './windows.js';

/** A mutable route of one vehicle with its derived data kept up to date by `update()`. */
export class RouteState {
  len = 0;
  jobs: Int32Array;
  loc: Int32Array;
  /**
   * Earliest start of service (position 0: departure; len + 1: arrival at the end). For vehicles with breaks or
   * soft time costs these ignore the breaks: a relaxation that still rejects most infeasible moves in O(1).
   */
  es: Float64Array;
  /** Latest start of service keeping the rest of the route feasible (relaxed as `es`). */
  ls: Float64Array;
  /** Travel cost from the start up to each position. */
  cum: Float64Array;
  /** Per dimension: deliveries and pickups of positions 1..p, at [p * dims + d] (binding dimensions only). */
  del: Float64Array;
  pick: Float64Array;
  /** Per dimension: max over q ≤ p (fwd) or q ≥ p (bwd) of pick[q] - del[q]. Only with pickups. */
  fwdM: Float64Array;
  bwdM: Float64Array;
  /** Service time of positions 1..p. */
  svc: Float64Array;
  /** Travel, fixed, soft time and balance cost of the route; Infinity when infeasible. */
  cost = 0;
  /**
   * The part of `cost` that is lateness counted by priority class (see CompiledModel.lateClass), per class; empty
   * unless the model counts lateness so.
   */
  readonly late: Float64Array;
  /**
   * With lateness counted by class: the highest class (lowest index) of a job on the route whose lateness counts by
   * class, nClasses when none; and per class c, the last position holding a job of a class above c whose lateness
   * counts by class and which is late even at its earliest start (breaks left out), 0 when none.
   */
  lateTop = 0;
  readonly lateFrontier: Int32Array;
  /** Bumped on every change, so searches can skip pairs of routes that did not change. */
  stamp = 0;

  constructor(
    readonly cm: CompiledModel,
    readonly vehicle: number,
    capacity = 16,
  ) {
    this.jobs = new Int32Array(0);
    this.loc = new Int32Array(0);
    this.es = new Float64Array(0);
    this.ls = new Float64Array(0);
    this.cum = new Float64Array(0);
    this.del = new Float64Array(0);
    this.pick = new Float64Array(0);
    this.fwdM = new Float64Array(0);
    this.bwdM = new Float64Array(0);
    this.svc = new Float64Array(0);
    this.late = new Float64Array(cm.lateClasses ? cm.nClasses : 0);
    this.lateFrontier = new Int32Array(cm.lateClasses ? cm.nClasses + 1 : 0);
    this.grow(capacity);
    this.update();
  }

  private grow(capacity: number): void {
    const size = capacity + 2;
    const dims = this.cm.dims;
    const copyInt = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a.subarray(0, Math.min(a.length, size)));
      return b;
    };
    this.jobs = copyInt(this.jobs);
    this.loc = new Int32Array(size);
    this.es = new Float64Array(size);
    this.ls = new Float64Array(size);
    this.cum = new Float64Array(size);
    this.del = new Float64Array(size * dims);
    this.pick = new Float64Array(size * dims);
    this.fwdM = new Float64Array(this.cm.hasPickups ? size * dims : 0);
    this.bwdM = new Float64Array(this.cm.hasPickups ? size * dims : 0);
    this.svc = new Float64Array(size);
  }

  /** Makes room for at least `n` jobs. */
  reserve(n: number): void {
    if (n + 2 > this.jobs.length) this.grow(Math.max(n, Math.ceil(this.jobs.length * 1.5)));
  }

  /** Job at position p (1-based). */
  job(p: number): number {
    return this.jobs[p]!;
  }

  /** Replaces the whole sequence (does not update derived data). */
  assign(seq: ArrayLike<number>, n: number): void {
    this.reserve(n);
    for (let i = 0; i < n; i++) this.jobs[i + 1] = seq[i]!;
    this.len = n;
  }

  /** Inserts `job` so that it becomes position p (1..len+1); derived data must be updated afterwards. */
  insertAt(p: number, job: number): void {
    this.reserve(this.len + 1);
    this.jobs.copyWithin(p + 1, p, this.len + 1);
    this.jobs[p] = job;
    this.len++;
  }

  /** Replaces positions a..b inclusive by `mid[0..midLen)` (at most b - a + 1 jobs); update derived data after. */
  replaceRange(a: number, b: number, mid: Int32Array, midLen: number): void {
    this.jobs.set(mid.subarray(0, midLen), a);
    this.jobs.copyWithin(a + midLen, b + 1, this.len + 1);
    this.len -= b - a + 1 - midLen;
  }

  /**
   * Inserts `job` at position p (1..len+1) and brings the derived data up to date: like insertAt and update, but
   * only the part that can change is recomputed (travel, service and loads from p on, earliest starts from p until
   * they meet the old ones, latest starts from p back until they do), which is most of a recreate step's work on
   * long routes. Routes that need a full simulation, pickups, a first job or more room take the full update.
   */
  insertJob(p: number, job: number): void {
    const cm = this.cm;
    const v = this.vehicle;
    const n = this.len;
    if (n === 0 || n + 3 > this.jobs.length || cm.slow[v] || cm.hasPickups || this.cost === Infinity) {
      this.insertAt(p, job);
      this.update();
      return;
    }
    this.stamp++;
    const { jobs, loc, es, ls, cum, svc } = this;
    const { cost, dur, jobService, twOffset, twStart, twEnd } = cm;
    const nL = cm.nLocs;
    jobs.copyWithin(p + 1, p, n + 1);
    jobs[p] = job;
    loc.copyWithin(p + 1, p, n + 2);
    loc[p] = cm.jobLoc[job]!;
    es.copyWithin(p + 1, p, n + 2);
    ls.copyWithin(p + 1, p, n + 2);
    const m = n + 1;
    this.len = m;
    for (let q = p; q <= m + 1; q++) cum[q] = cum[q - 1]! + cost[loc[q - 1]! * nL + loc[q]!]!;
    for (let q = p; q <= m; q++) svc[q] = svc[q - 1]! + jobService[jobs[q]!]!;
    if (cm.anyLoadDims.length > 0) {
      const dims = cm.dims;
      const used = cm.anyLoadDims;
      for (let q = p; q <= m; q++) {
        const j = jobs[q]!;
        for (let k = 0; k < used.length; k++) {
          const d = used[k]!;
          this.del[q * dims + d] = this.del[(q - 1) * dims + d]! + cm.delivery[j * dims + d]!;
          this.pick[q * dims + d] = this.pick[(q - 1) * dims + d]! + cm.pickup[j * dims + d]!;
        }
      }
    }
    // Earliest starts from p on; once one equals the old value of its job, the rest of the route is unchanged.
    let ok = true;
    let t = p === 1 ? es[0]! : es[p - 1]! + jobService[jobs[p - 1]!]!;
    let q = p;
    for (; q <= m; q++) {
      const j = jobs[q]!;
      const arrival = t + dur[loc[q - 1]! * nL + loc[q]!]!;
      const w = twOffset[j]!;
      let start: number;
      if (twOffset[j + 1]! - w === 1)
        start = arrival > twEnd[w]! ? Infinity : arrival > twStart[w]! ? arrival : twStart[w]!;
      else start = earliestStart(cm, j, arrival);
      if (start === Infinity) ok = false;
      if (q > p && start === es[q]) break;
      es[q] = start;
      t = start + jobService[j]!;
    }
    if (q > m) es[m + 1] = t + dur[loc[m]! * nL + loc[m + 1]!]!;
    if (es[m + 1]! > cm.vHardEnd[v]!) ok = false;
    // Latest starts from p back; the ones after p belong to the unchanged tail.
    for (q = p; q >= 1; q--) {
      const j = jobs[q]!;
      const latest = ls[q + 1]! - dur[loc[q]! * nL + loc[q + 1]!]! - jobService[j]!;
      const w = twOffset[j]!;
      let l: number;
      if (twOffset[j + 1]! - w === 1) l = latest < twStart[w]! ? -Infinity : latest < twEnd[w]! ? latest : twEnd[w]!;
      else l = latestStart(cm, j, latest);
      if (q < p && l === ls[q]) break;
      ls[q] = l;
    }
    if (q < 1) ls[0] = ls[1]! - dur[loc[0]! * nL + loc[1]!]!;
    this.cost = (ok ? cum[m + 1]! : Infinity) + cm.vFixed[v]! + cm.wBalance * svc[m]! * svc[m]!;
  }

  /** Removes positions a..b inclusive; derived data must be updated afterwards. */
  removeRange(a: number, b: number): void {
    this.jobs.copyWithin(a, b + 1, this.len + 1);
    this.len -= b - a + 1;
  }

  /** Recomputes every derived array and the cost from the job sequence. */
  update(): void {
    const cm = this.cm;
    const v = this.vehicle;
    const n = this.len;
    const nL = cm.nLocs;
    const loc = this.loc;
    this.stamp++;
    loc[0] = cm.vStartLoc[v]!;
    for (let p = 1; p <= n; p++) loc[p] = cm.jobLoc[this.jobs[p]!]!;
    loc[n + 1] = cm.vEndLoc[v]!;
    const cum = this.cum;
    cum[0] = 0;
    for (let p = 1; p <= n + 1; p++) cum[p] = cum[p - 1]! + cm.cost[loc[p - 1]! * nL + loc[p]!]!;
    const svc = this.svc;
    svc[0] = 0;
    for (let p = 1; p <= n; p++) svc[p] = svc[p - 1]! + cm.jobService[this.jobs[p]!]!;
    if (cm.anyLoadDims.length > 0) this.updateLoads();
    if (n === 0) {
      this.es[0] = cm.vStart[v]!;
      this.ls[0] = cm.vHardEnd[v]!;
      this.es[1] = cm.vStart[v]!;
      this.ls[1] = cm.vHardEnd[v]!;
      this.cost = 0;
      this.late.fill(0);
      this.lateTop = cm.nClasses;
      this.lateFrontier.fill(0);
      return;
    }
    let cost = this.updateTimes() ? cum[n + 1]! : Infinity;
    this.lateTop = cm.nClasses;
    this.lateFrontier.fill(0);
    if (this.late.length > 0) this.updateLateFrontier(cost !== Infinity);
    // Lateness makes every vehicle slow: a route not simulated has none, nor has one without a job whose lateness
    // counts by class (that one is simulated without the split).
    this.late.fill(0);
    if (cm.slow[v] && cost !== Infinity) {
      const byClass = this.lateTop < cm.nClasses;
      cost = simulateRoute(cm, v, this.jobs.subarray(1), n, byClass ? this.late : undefined);
    }
    this.cost = cost + cm.vFixed[v]! + cm.wBalance * svc[n]! * svc[n]!;
  }

  private updateLateFrontier(timed: boolean): void {
    const cm = this.cm;
    for (let q = 1; q <= this.len; q++) {
      const w = this.jobs[q]!;
      const c = cm.lateClass[w]!;
      if (c < 0) continue;
      if (c < this.lateTop) this.lateTop = c;
      if (timed && this.es[q]! + cm.jobService[w]! > cm.deadline[w]!) {
        for (let above = c + 1; above <= cm.nClasses; above++) this.lateFrontier[above] = q;
      }
    }
  }

  private updateTimes(): boolean {
    const cm = this.cm;
    const v = this.vehicle;
    const n = this.len;
    const nL = cm.nLocs;
    const { es, ls, loc, jobs } = this;
    const { dur, jobService, twOffset, twStart, twEnd } = cm;
    es[0] = cm.vStart[v]!;
    let t = es[0];
    let ok = true;
    // A job with one window (the common case) is checked inline: this runs on every insertion and removal.
    for (let p = 1; p <= n; p++) {
      const job = jobs[p]!;
      const arrival = t + dur[loc[p - 1]! * nL + loc[p]!]!;
      const w = twOffset[job]!;
      let s: number;
      if (twOffset[job + 1]! - w === 1)
        s = arrival > twEnd[w]! ? Infinity : arrival > twStart[w]! ? arrival : twStart[w]!;
      else s = earliestStart(cm, job, arrival);
      es[p] = s;
      if (s === Infinity) ok = false;
      t = s + jobService[job]!;
    }
    es[n + 1] = t + dur[loc[n]! * nL + loc[n + 1]!]!;
    if (es[n + 1]! > cm.vHardEnd[v]!) ok = false;
    ls[n + 1] = cm.vHardEnd[v]!;
    let l = ls[n + 1]!;
    for (let p = n; p >= 1; p--) {
      const job = jobs[p]!;
      const latest = l - dur[loc[p]! * nL + loc[p + 1]!]! - jobService[job]!;
      const w = twOffset[job]!;
      if (twOffset[job + 1]! - w === 1) l = latest < twStart[w]! ? -Infinity : latest < twEnd[w]! ? latest : twEnd[w]!;
      else l = latestStart(cm, job, latest);
      ls[p] = l;
    }
    ls[0] = l - dur[loc[0]! * nL + loc[1]!]!;
    return ok;
  }

  private updateLoads(): void {
    const cm = this.cm;
    const dims = cm.dims;
    const n = this.len;
    const { del, pick, jobs } = this;
    const used = cm.anyLoadDims;
    for (const d of used) {
      del[d] = 0;
      pick[d] = 0;
    }
    for (let p = 1; p <= n; p++) {
      const job = jobs[p]!;
      for (let k = 0; k < used.length; k++) {
        const d = used[k]!;
        del[p * dims + d] = del[(p - 1) * dims + d]! + cm.delivery[job * dims + d]!;
        pick[p * dims + d] = pick[(p - 1) * dims + d]! + cm.pickup[job * dims + d]!;
      }
    }
    if (!cm.hasPickups) return;
    const { fwdM, bwdM } = this;
    for (const d of used) {
      let m = -Infinity;
      for (let p = 0; p <= n; p++) {
        const x = pick[p * dims + d]! - del[p * dims + d]!;
        if (x > m) m = x;
        fwdM[p * dims + d] = m;
      }
      m = -Infinity;
      for (let p = n; p >= 0; p--) {
        const x = pick[p * dims + d]! - del[p * dims + d]!;
        if (x > m) m = x;
        bwdM[p * dims + d] = m;
      }
    }
  }

  /** Copies this route's job sequence into `out` and returns its length. */
  copyJobs(out: Int32Array): number {
    out.set(this.jobs.subarray(1, this.len + 1));
    return this.len;
  }

  /** The job sequence as a plain array. */
  toArray(): number[] {
    return Array.from(this.jobs.subarray(1, this.len + 1));
  }
}
