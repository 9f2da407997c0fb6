// A whole solution under search: one RouteState per vehicle, where each job sits, the unassigned jobs, and a
// journal that can roll a rejected ruin-and-recreate step back.
import type { CompiledModel } from './compile.js';
import { RouteState } from './route.js';

/** A frozen copy of a plan's routes and unassigned jobs. */
export interface PlanSnapshot {
  readonly routes: readonly Int32Array[];
  readonly unassigned: readonly number[];
}

/** The mutable solution the search works on. Every change goes through its methods. */
export class Plan {
  readonly routes: RouteState[];
  /** Route index of each job, -1 when unassigned. */
  readonly routeOf: Int32Array;
  /** Position (1-based) of each job in its route. */
  readonly posOf: Int32Array;
  unassigned: number[] = [];
  /**
   * Most routes the plan may use: no job is put in an empty route once this many are in use (see candidateRoutes).
   * Unbounded except during the search's fleet-minimisation phase.
   */
  maxRoutes = Infinity;
  // The journal: the sequence of every route touched since `begin`, in the order touched. The buffers are kept from
  // step to step, so recording allocates nothing once they have grown to the longest route.
  private readonly touched: number[] = [];
  private readonly isTouched: Uint8Array;
  private readonly saved: Int32Array[];
  private readonly savedLen: Int32Array;
  private savedUnassigned: number[] | undefined;
  // Each route's version: a number no other state of any route of this plan had, changed with every change of the
  // route and given back by a rollback with the sequence it had (see version).
  private readonly versions: Float64Array;
  private readonly savedVersions: Float64Array;
  private lastVersion = 0;

  constructor(readonly cm: CompiledModel) {
    this.routes = [];
    for (let v = 0; v < cm.nVehicles; v++) this.routes.push(new RouteState(cm, v));
    this.routeOf = new Int32Array(cm.nJobs).fill(-1);
    this.posOf = new Int32Array(cm.nJobs);
    this.isTouched = new Uint8Array(cm.nVehicles);
    this.saved = Array.from({ length: cm.nVehicles }, () => new Int32Array(16));
    this.savedLen = new Int32Array(cm.nVehicles);
    this.versions = new Float64Array(cm.nVehicles);
    this.savedVersions = new Float64Array(cm.nVehicles);
    for (let v = 0; v < cm.nVehicles; v++) this.versions[v] = ++this.lastVersion;
    for (let j = 0; j < cm.nJobs; j++) this.unassigned.push(j);
  }

  /**
   * Route ri's version: equal for two moments only if the route held the same sequence at both (a rollback gives
   * back the version with the sequence), so what was worked out from a route can be kept while its version stays.
   */
  version(ri: number): number {
    return this.versions[ri]!;
  }

  private changed(ri: number): void {
    this.versions[ri] = ++this.lastVersion;
  }

  /** Total objective: route costs plus the penalty of every unassigned job. */
  cost(): number {
    let total = 0;
    for (const r of this.routes) total += r.cost;
    for (const j of this.unassigned) total += this.cm.penalty[j]!;
    return total;
  }

  /** Rebuilds the unassigned list from the routes (in job order). */
  collectUnassigned(): void {
    this.unassigned = [];
    for (let j = 0; j < this.cm.nJobs; j++) if (this.routeOf[j]! < 0) this.unassigned.push(j);
  }

  /** Starts recording changes so that `rollback` can undo them. */
  begin(): void {
    this.forget();
    this.savedUnassigned = this.unassigned.slice();
  }

  /** Routes changed since `begin`. */
  changedRoutes(): number[] {
    return this.touched.slice();
  }

  /** Forgets the recorded changes. */
  commit(): void {
    this.forget();
    this.savedUnassigned = undefined;
  }

  private forget(): void {
    for (const ri of this.touched) this.isTouched[ri] = 0;
    this.touched.length = 0;
  }

  /** Restores every route changed since `begin`. */
  rollback(): void {
    // Clear first: a job may have moved between two of the changed routes.
    for (const ri of this.touched) {
      const r = this.routes[ri]!;
      for (let p = 1; p <= r.len; p++) this.routeOf[r.jobs[p]!] = -1;
    }
    for (const ri of this.touched) {
      this.routes[ri]!.assign(this.saved[ri]!, this.savedLen[ri]!);
      this.refresh(ri);
      this.versions[ri] = this.savedVersions[ri]!;
    }
    if (this.savedUnassigned) {
      this.unassigned = this.savedUnassigned;
      for (const j of this.unassigned) this.routeOf[j] = -1;
    }
    this.commit();
  }

  private touch(ri: number): void {
    if (this.savedUnassigned === undefined || this.isTouched[ri]) return;
    const r = this.routes[ri]!;
    if (this.saved[ri]!.length < r.len) this.saved[ri] = new Int32Array(2 * r.len);
    this.saved[ri]!.set(r.jobs.subarray(1, r.len + 1));
    this.savedLen[ri] = r.len;
    this.savedVersions[ri] = this.versions[ri]!;
    this.isTouched[ri] = 1;
    this.touched.push(ri);
  }

  /** Updates a route's derived data and the job positions after its sequence changed. */
  refresh(ri: number): void {
    const r = this.routes[ri]!;
    r.update();
    for (let p = 1; p <= r.len; p++) {
      const j = r.jobs[p]!;
      this.routeOf[j] = ri;
      this.posOf[j] = p;
    }
  }

  /** Inserts a job (not in any route) at position p of route ri. */
  insert(ri: number, p: number, job: number): void {
    this.touch(ri);
    this.changed(ri);
    const r = this.routes[ri]!;
    r.insertJob(p, job);
    // Positions before p did not move.
    for (let q = p; q <= r.len; q++) {
      const j = r.jobs[q]!;
      this.routeOf[j] = ri;
      this.posOf[j] = q;
    }
  }

  /** Removes positions a..b of route ri and returns them to the caller (they become unrouted, not listed). */
  removeRange(ri: number, a: number, b: number, out?: number[]): void {
    this.touch(ri);
    this.changed(ri);
    const r = this.routes[ri]!;
    for (let p = a; p <= b; p++) {
      const j = r.jobs[p]!;
      this.routeOf[j] = -1;
      out?.push(j);
    }
    r.removeRange(a, b);
    this.refresh(ri);
  }

  /**
   * Replaces positions a..b of route ri by `kept[0..nKept)` (jobs of those positions, in their order). The others
   * become unrouted (not listed).
   */
  replaceRange(ri: number, a: number, b: number, kept: Int32Array, nKept: number): void {
    this.touch(ri);
    this.changed(ri);
    const r = this.routes[ri]!;
    for (let p = a; p <= b; p++) this.routeOf[r.jobs[p]!] = -1;
    r.replaceRange(a, b, kept, nKept);
    this.refresh(ri);
  }

  /** Replaces route ri's sequence. Jobs leaving the route become unrouted (not listed). */
  setRoute(ri: number, seq: ArrayLike<number>, n: number): void {
    this.touch(ri);
    this.changed(ri);
    const r = this.routes[ri]!;
    for (let p = 1; p <= r.len; p++) if (this.routeOf[r.jobs[p]!] === ri) this.routeOf[r.jobs[p]!] = -1;
    r.assign(seq, n);
    this.refresh(ri);
  }

  /** Copies the current routes and unassigned jobs. */
  snapshot(): PlanSnapshot {
    return {
      routes: this.routes.map((r) => r.jobs.slice(1, r.len + 1)),
      unassigned: this.unassigned.slice(),
    };
  }

  /** Replaces the whole plan with a snapshot. */
  restore(s: PlanSnapshot): void {
    this.routeOf.fill(-1);
    s.routes.forEach((jobs, ri) => {
      this.routes[ri]!.assign(jobs, jobs.length);
      this.refresh(ri);
      this.changed(ri);
    });
    this.unassigned = s.unassigned.slice();
    this.forget();
    this.savedUnassigned = undefined;
  }
}
