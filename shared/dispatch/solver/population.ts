// A population of good, different plans for the genetic side of the search (after Vidal's hybrid genetic search):
// plans are ranked by score and by their contribution to diversity (the broken-pairs distance to the closest others),
// parents are drawn by binary tournament on the blend of both ranks (biased fitness), and when the population
// outgrows its size the plans that are clones or bring least are dropped.
import type { CompiledModel } from './compile.js';
import type { PlanSnapshot } from './plan.js';
import { compareClasses, restOf, type Score } from './priority.js';
import type { Random } from '../../random/index.js';

/** A plan in the population with what the diversity measure needs: each job's neighbours in its route. */
export interface Individual {
  readonly plan: PlanSnapshot;
  readonly score: Score;
  /** Next and previous job of each job; -1 for the vehicle's start or end, -2 for an unassigned job. */
  readonly succ: Int32Array;
  readonly pred: Int32Array;
}

const DEPOT = -1;
const NONE = -2;

export function individual(cm: CompiledModel, plan: PlanSnapshot, score: Score): Individual {
  const succ = new Int32Array(cm.nJobs).fill(NONE);
  const pred = new Int32Array(cm.nJobs).fill(NONE);
  for (const jobs of plan.routes) {
    for (let p = 0; p < jobs.length; p++) {
      const j = jobs[p]!;
      pred[j] = p > 0 ? jobs[p - 1]! : DEPOT;
      succ[j] = p + 1 < jobs.length ? jobs[p + 1]! : DEPOT;
    }
  }
  return { plan, score: score.slice(), succ, pred };
}

/**
 * Broken-pairs distance: the share of jobs whose next job in `x` is next to them in `y` in neither direction (and of
 * jobs that start a route in `x` but sit inside one in `y`), 0 for the same routes in any vehicle order, up to 1.
 */
export function brokenPairs(x: Individual, y: Individual): number {
  const n = x.succ.length;
  if (n === 0) return 0;
  let broken = 0;
  for (let j = 0; j < n; j++) {
    const s = x.succ[j]!;
    if (s === NONE) {
      if (y.succ[j] !== NONE) broken++;
      continue;
    }
    if (s !== y.succ[j] && s !== y.pred[j]) broken++;
    if (x.pred[j] === DEPOT && y.pred[j] !== DEPOT && y.succ[j] !== DEPOT) broken++;
  }
  return broken / n;
}

/** Sign of a − b by score: classes first, then the rest. */
export function compareScores(a: Score, b: Score): number {
  const byClass = compareClasses(a, b);
  if (byClass !== 0) return byClass;
  const x = restOf(a);
  const y = restOf(b);
  const tolerance = 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return x < y - tolerance ? -1 : x > y + tolerance ? 1 : 0;
}

/** Sizes of the population (HGS: μ = 25, λ = 40, 4 elite, 5 closest). */
export interface PopulationParams {
  /** Plans kept after a survivor selection. */
  readonly size: number;
  /** Plans added before the next survivor selection. */
  readonly generation: number;
  /** Best plans whose rank by score outweighs their diversity. */
  readonly elite: number;
  /** Closest plans whose distance makes a plan's diversity. */
  readonly close: number;
}

/** The plans kept, with their pairwise distances. */
export class Population {
  readonly members: Individual[] = [];
  private distance: number[][] = [];
  private fitness: number[] = [];

  constructor(private readonly params: PopulationParams) {}

  get length(): number {
    return this.members.length;
  }

  /** Adds a plan; returns false (and keeps nothing) for a clone of one already kept. */
  add(ind: Individual): boolean {
    const row = this.members.map((m) => brokenPairs(ind, m));
    for (let i = 0; i < row.length; i++) {
      if (row[i] === 0 && compareScores(ind.score, this.members[i]!.score) === 0) return false;
    }
    this.members.push(ind);
    this.distance.forEach((r, i) => r.push(row[i]!));
    this.distance.push([...row, 0]);
    if (this.members.length > this.params.size + this.params.generation) {
      while (this.members.length > this.params.size) this.removeWorst();
    }
    this.updateFitness();
    return true;
  }

  /** Average distance of plan i to its `close` nearest others. */
  private diversity(i: number): number {
    const ds = this.distance[i]!.filter((_, k) => k !== i).sort((x, y) => x - y);
    const k = Math.min(this.params.close, ds.length);
    if (k === 0) return 0;
    let sum = 0;
    for (let q = 0; q < k; q++) sum += ds[q]!;
    return sum / k;
  }

  private updateFitness(): void {
    const n = this.members.length;
    this.fitness = new Array<number>(n).fill(0);
    if (n <= 1) return;
    const byScore = [...Array(n).keys()].sort((x, y) => compareScores(this.members[x]!.score, this.members[y]!.score));
    const div = this.members.map((_, i) => this.diversity(i));
    const byDiversity = [...Array(n).keys()].sort((x, y) => div[y]! - div[x]! || x - y);
    const rankDiv = new Array<number>(n);
    byDiversity.forEach((i, r) => (rankDiv[i] = r / (n - 1)));
    const weight = 1 - Math.min(this.params.elite, n) / n;
    byScore.forEach((i, r) => (this.fitness[i] = r / (n - 1) + weight * rankDiv[i]!));
  }

  /** Drops a clone if there is one, else the plan of worst biased fitness. */
  private removeWorst(): void {
    this.updateFitness();
    let worst = -1;
    let worstClone = false;
    for (let i = 0; i < this.members.length; i++) {
      const clone = this.distance[i]!.some((d, k) => k !== i && d === 0);
      if (worst < 0 || (clone && !worstClone) || (clone === worstClone && this.fitness[i]! > this.fitness[worst]!)) {
        worst = i;
        worstClone = clone;
      }
    }
    this.members.splice(worst, 1);
    this.distance.splice(worst, 1);
    for (const r of this.distance) r.splice(worst, 1);
  }

  /** A parent by binary tournament on biased fitness (lower is better). */
  select(rng: Random): Individual {
    const n = this.members.length;
    const x = rng.below(n);
    const y = rng.below(n);
    return this.members[this.fitness[y]! < this.fitness[x]! ? y : x]!;
  }

  /** The best plan kept. */
  best(): Individual | undefined {
    let best: Individual | undefined;
    for (const m of this.members) if (!best || compareScores(m.score, best.score) < 0) best = m;
    return best;
  }
}
