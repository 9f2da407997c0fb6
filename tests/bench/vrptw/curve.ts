// npm run bench:vrptw -- --curve: the time-to-quality curve on the Solomon instances (or any folder of instances in
// the same format with a bks_distance_only.csv, e.g. Gehring–Homberger). Each instance is solved once per budget, in
// its own process on one core with the process CPU clock, and every solution is checked by the independent validator.
// With --traced, each instance is solved once, for the largest budget, and the solver's new-best trace gives the best
// solution at every smaller budget: cheaper (60 s instead of 71 s for 1, 10, 60), but it measures how far a long run
// has got, not what a short run reaches — the annealing temperature follows the share of the budget spent, so at 1 s
// of a 10 s run the search is still exploring (2-per-class subset, 1 s: 2.7 % read off 10 s runs, 1.2 % from 1 s
// runs). Prints the gap to the best known per instance, the average (and worst) per class at each budget, and one
// JSON line.
//   --budgets 1,10,60   CPU seconds          --class R1,RC2   classes (--only also takes instance names)
//   --instances N       N per class, spread evenly over the class (R101, R107 for 2 of R1)
//   --traced            one traced run per instance instead of one run per budget
//   --jobs 2, --seed 1, --tuning '{…}', --dir <folder>
// best@it: the iteration at which the largest budget's best solution was found; steps: the iterations that run made.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listSolomon, readBks, readSolomon, solomonClass } from './solomon.js';
import { validateSolomon } from './validate.js';

/** The options of run.ts that the curve reads. */
export interface CurveOptions {
  readonly dir: string;
  readonly only?: string;
  readonly class?: string;
  readonly instances?: string;
  readonly budgets: string;
  readonly traced: boolean;
  readonly seed: string;
  readonly jobs: string;
  readonly tuning?: string;
}

interface Point {
  gap: number;
  distance: number;
  vehicles: number;
  iterations: number;
  /** Steps the run made in all (the largest budget's run, for the traced curve). */
  steps: number;
  errors: string[];
}

interface Task {
  name: string;
  budgets: number[];
}

const child = fileURLToPath(new URL('./solve-one.ts', import.meta.url));

/** `n` names spread evenly over `names` (all of them when n is at least their number). */
export function spread<T>(names: readonly T[], n: number): T[] {
  if (n >= names.length) return [...names];
  return Array.from({ length: n }, (_, i) => names[Math.floor((i * names.length) / n)]!);
}

function runChild(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('close', (code) => resolve({ code, out, err }));
  });
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');

/** Runs the curve; returns the process exit code (1 when a solution is infeasible or a run failed). */
export async function runCurve(o: CurveOptions): Promise<number> {
  const budgets = [...new Set(o.budgets.split(',').map(Number))].sort((a, b) => a - b);
  if (budgets.length === 0 || budgets.some((b) => !(b > 0))) {
    console.error(`--budgets: positive CPU seconds expected, got ${o.budgets}`);
    return 2;
  }
  const bks = readBks(readFileSync(join(o.dir, 'bks_distance_only.csv'), 'utf8'));
  const filters = [o.only, o.class].flatMap((f) => (f ?? '').split(',')).filter(Boolean);
  const perClass = o.instances === undefined ? Infinity : Number(o.instances);
  if (!(perClass >= 1)) {
    console.error(`--instances: a count of at least 1 expected, got ${o.instances}`);
    return 2;
  }
  const matching = listSolomon(o.dir).filter(
    (n) => filters.length === 0 || filters.some((f) => n === f || solomonClass(n) === f),
  );
  const classes = [...new Set(matching.map(solomonClass))];
  const names = classes.flatMap((c) =>
    spread(
      matching.filter((n) => solomonClass(n) === c),
      perClass,
    ),
  );
  if (names.length === 0) {
    console.error(`no instance matches ${filters.join(',')}`);
    return 2;
  }
  const tasks: Task[] = o.traced
    ? names.map((name) => ({ name, budgets }))
    : names.flatMap((name) => budgets.map((b) => ({ name, budgets: [b] })));
  const parallel = Math.max(1, Number(o.jobs));
  const points = new Map<string, Map<number, Point>>(names.map((n) => [n, new Map()]));
  const failures: string[] = [];

  const solveTask = async (task: Task): Promise<void> => {
    const args = ['--instance', task.name, '--dir', o.dir, '--checkpoints', task.budgets.join(','), '--seed', o.seed];
    if (o.tuning) args.push('--tuning', o.tuning);
    const { code, out, err } = await runChild(args);
    const best = bks.get(task.name)?.distance ?? NaN;
    if (code !== 0) {
      failures.push(`${task.name}: solver exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`);
      return;
    }
    try {
      const parsed = JSON.parse(out) as {
        iterations: number;
        checkpoints: { budgetS: number; iterations?: number; solution: unknown }[];
      };
      const instance = readSolomon(task.name, o.dir);
      for (const cp of parsed.checkpoints) {
        if (cp.solution === null) {
          points.get(task.name)!.set(cp.budgetS, {
            gap: NaN,
            distance: NaN,
            vehicles: 0,
            iterations: 0,
            steps: parsed.iterations,
            errors: [],
          });
          continue;
        }
        const check = validateSolomon(instance, cp.solution);
        points.get(task.name)!.set(cp.budgetS, {
          gap: (100 * (check.distance - best)) / best,
          distance: check.distance,
          vehicles: check.vehicles,
          iterations: cp.iterations ?? 0,
          steps: parsed.iterations,
          errors: check.errors,
        });
      }
    } catch (e) {
      failures.push(`${task.name}: unreadable solver output: ${String(e)}`);
    }
  };

  console.log(
    `VRPTW time-to-quality curve: ${names.length} instances (${classes.join(', ')}), budgets ${budgets.join(', ')} s of ` +
      `process CPU time, ${o.traced ? 'one run per instance traced at each budget' : 'one run per budget'}, ` +
      `seed ${o.seed}, ${parallel} at once` +
      (o.tuning ? `, tuning ${o.tuning}` : ''),
  );
  console.log(
    `${'instance'.padEnd(9)}${budgets.map((b) => pad(`${b} s gap %`, 12)).join('')}${pad('best@it', 9)}${pad('steps', 9)}`,
  );
  let next = 0;
  let printed = 0;
  const done = new Set<string>();
  const remaining = new Map(names.map((n) => [n, tasks.filter((t) => t.name === n).length]));
  const printReady = (): void => {
    while (printed < names.length && done.has(names[printed]!)) {
      const name = names[printed++]!;
      const ps = points.get(name)!;
      const errors = [...ps.values()].flatMap((p) => p.errors);
      const line = `${name.padEnd(9)}${budgets.map((b) => pad(fmt(ps.get(b)?.gap ?? NaN), 12)).join('')}${pad(ps.get(budgets.at(-1)!)?.iterations ?? 0, 9)}${pad(ps.get(budgets.at(-1)!)?.steps ?? 0, 9)}`;
      console.log(errors.length ? `${line}  INFEASIBLE: ${errors.slice(0, 3).join('; ')}` : line);
    }
  };
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await solveTask(task);
      const left = remaining.get(task.name)! - 1;
      remaining.set(task.name, left);
      if (left === 0) done.add(task.name);
      printReady();
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, tasks.length) }, worker));

  const gapsOf = (ns: string[], b: number): number[] => ns.map((n) => points.get(n)!.get(b)?.gap ?? NaN);
  const stats = (ns: string[]) =>
    Object.fromEntries(
      budgets.map((b) => {
        const gaps = gapsOf(ns, b);
        return [
          String(b),
          { avgGapPct: Number(mean(gaps).toFixed(3)), maxGapPct: Number(Math.max(...gaps).toFixed(3)) },
        ];
      }),
    );
  console.log(
    `\n${'class'.padEnd(9)}${pad('n', 3)}${budgets.map((b) => pad(`avg@${b}s`, 10) + pad(`max@${b}s`, 10)).join('')}`,
  );
  const summary: Record<string, ReturnType<typeof stats>> = {};
  for (const cls of [...classes, 'all']) {
    const ns = cls === 'all' ? names : names.filter((n) => solomonClass(n) === cls);
    const s = stats(ns);
    summary[cls] = s;
    console.log(
      `${cls.padEnd(9)}${pad(ns.length, 3)}${budgets.map((b) => pad(fmt(s[String(b)]!.avgGapPct), 10) + pad(fmt(s[String(b)]!.maxGapPct), 10)).join('')}`,
    );
  }
  const infeasible = names.filter((n) => [...points.get(n)!.values()].some((p) => p.errors.length > 0));
  const missing = names.filter((n) => budgets.some((b) => !Number.isFinite(points.get(n)!.get(b)?.gap ?? NaN)));
  const { all, ...perClassSummary } = summary;
  console.log(
    JSON.stringify({
      bench: 'vrptw-curve',
      instances: names.length,
      perClass: Number.isFinite(perClass) ? perClass : 'all',
      budgetsS: budgets,
      clock: 'process CPU time',
      runs: o.traced ? 'one per instance, traced' : 'one per budget',
      seed: Number(o.seed),
      parallel,
      ...(o.tuning ? { tuning: JSON.parse(o.tuning) as unknown } : {}),
      all,
      classes: perClassSummary,
      infeasible,
      noSolutionAtBudget: missing,
    }),
  );
  for (const f of failures) console.error(f);
  if (infeasible.length > 0) console.error(`infeasible: ${infeasible.join(', ')}`);
  return failures.length > 0 || infeasible.length > 0 ? 1 : 0;
}
