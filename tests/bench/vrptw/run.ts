// npm run bench:vrptw — the 56 Solomon VRPTW instances (distance-only objective), each solved in its own process
// on one core with a CPU-time budget, every solution checked by the independent validator. One infeasible route
// fails the run. Options: --only R2 (or C101,R2), --time-limit 10 (CPU seconds), --seed 1, --jobs 2, --iterations N,
// --tuning '{"blinkRate":0.02}' (search knobs, for experiments).
// --curve: a time-to-quality curve instead (see curve.ts): the average gap per class at --budgets 1,10,60 (CPU
// seconds), one run per budget; --class R1 (or C1,R2) and --instances N (N per class, spread over the class) pick a
// subset, --traced runs once per instance for the largest budget and reads the others off its new-best trace.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listSolomon, readBks, readSolomon, SOLOMON_DIR, solomonClass } from './solomon.js';
import { validateSolomon } from './validate.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    'time-limit': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '1' },
    iterations: { type: 'string' },
    tuning: { type: 'string' },
    dir: { type: 'string', default: SOLOMON_DIR },
    curve: { type: 'boolean', default: false },
    class: { type: 'string' },
    instances: { type: 'string' },
    budgets: { type: 'string', default: '1,10,60' },
    traced: { type: 'boolean', default: false },
  },
});

if (values.curve) {
  const { runCurve } = await import('./curve.js');
  process.exit(await runCurve(values));
}

const dir = values.dir;
const bks = readBks(readFileSync(join(dir, 'bks_distance_only.csv'), 'utf8'));
const filters = (values.only ?? '').split(',').filter(Boolean);
const names = listSolomon(dir).filter(
  (n) => filters.length === 0 || filters.some((f) => n === f || solomonClass(n) === f),
);
if (names.length === 0) {
  console.error(`no instance matches --only ${values.only}`);
  process.exit(2);
}
const parallel = Math.max(1, Number(values.jobs));
const child = fileURLToPath(new URL('./solve-one.ts', import.meta.url));

interface Row {
  name: string;
  cls: string;
  vehicles: number;
  distance: number;
  bks: number;
  gap: number;
  cpuS: number;
  iterations: number;
  errors: string[];
}

function runOne(name: string): Promise<Row> {
  const args = ['--import', 'tsx', child, '--instance', name, '--dir', dir, '--time-limit', values['time-limit']!];
  args.push('--seed', values.seed!);
  if (values.iterations) args.push('--iterations', values.iterations);
  if (values.tuning) args.push('--tuning', values.tuning);
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('close', (code) => {
      const best = bks.get(name)?.distance ?? NaN;
      const failed = (message: string): Row => ({
        name,
        cls: solomonClass(name),
        vehicles: 0,
        distance: NaN,
        bks: best,
        gap: NaN,
        cpuS: NaN,
        iterations: 0,
        errors: [message],
      });
      if (code !== 0)
        return resolve(failed(`solver exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      try {
        const parsed = JSON.parse(out) as { cpuMs: number; iterations: number; solution: unknown };
        const check = validateSolomon(readSolomon(name, dir), parsed.solution);
        resolve({
          name,
          cls: solomonClass(name),
          vehicles: check.vehicles,
          distance: check.distance,
          bks: best,
          gap: (100 * (check.distance - best)) / best,
          cpuS: parsed.cpuMs / 1000,
          iterations: parsed.iterations,
          errors: check.errors,
        });
      } catch (e) {
        resolve(failed(`unreadable solver output: ${String(e)}`));
      }
    });
  });
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
console.log(
  `VRPTW benchmark: ${names.length} Solomon instances, ${values['time-limit']} s CPU time each (process CPU clock), ` +
    `seed ${values.seed}, ${parallel} at once${values.iterations ? `, at most ${values.iterations} iterations` : ''}` +
    (values.tuning ? `, tuning ${values.tuning}` : ''),
);
console.log(
  `${'instance'.padEnd(9)}${pad('veh', 4)}${pad('distance', 11)}${pad('bks', 10)}${pad('gap %', 8)}${pad('cpu s', 7)}${pad('iters', 9)}`,
);

const rows: Row[] = new Array<Row>(names.length);
let printed = 0;
let next = 0;
const printReady = (): void => {
  while (printed < names.length && rows[printed]) {
    const r = rows[printed++]!;
    const line = `${r.name.padEnd(9)}${pad(r.vehicles, 4)}${pad(r.distance.toFixed(2), 11)}${pad(r.bks.toFixed(2), 10)}${pad(r.gap.toFixed(2), 8)}${pad(r.cpuS.toFixed(1), 7)}${pad(r.iterations, 9)}`;
    console.log(r.errors.length ? `${line}  INFEASIBLE: ${r.errors.slice(0, 3).join('; ')}` : line);
  }
};
async function worker(): Promise<void> {
  while (next < names.length) {
    const i = next++;
    rows[i] = await runOne(names[i]!);
    printReady();
  }
}
await Promise.all(Array.from({ length: Math.min(parallel, names.length) }, worker));

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const classes = [...new Set(rows.map((r) => r.cls))];
const summary: Record<string, { instances: number; avgGapPct: number; avgVehicles: number; avgCpuS: number }> = {};
console.log(
  `\n${'class'.padEnd(9)}${pad('n', 3)}${pad('avg veh', 9)}${pad('avg gap %', 11)}${pad('max gap %', 11)}${pad('avg cpu s', 11)}`,
);
for (const cls of [...classes, 'all']) {
  const rs = cls === 'all' ? rows : rows.filter((r) => r.cls === cls);
  const gaps = rs.map((r) => r.gap);
  const s = {
    instances: rs.length,
    avgGapPct: mean(gaps),
    avgVehicles: mean(rs.map((r) => r.vehicles)),
    avgCpuS: mean(rs.map((r) => r.cpuS)),
  };
  if (cls !== 'all') summary[cls] = s;
  console.log(
    `${cls.padEnd(9)}${pad(rs.length, 3)}${pad(s.avgVehicles.toFixed(2), 9)}${pad(s.avgGapPct.toFixed(2), 11)}${pad(Math.max(...gaps).toFixed(2), 11)}${pad(s.avgCpuS.toFixed(2), 11)}`,
  );
}
const infeasible = rows.filter((r) => r.errors.length > 0).map((r) => r.name);
const avgGap = mean(rows.map((r) => r.gap));
console.log(
  JSON.stringify({
    bench: 'vrptw',
    instances: rows.length,
    timeLimitS: Number(values['time-limit']),
    clock: 'process CPU time',
    seed: Number(values.seed),
    parallel,
    ...(values.tuning ? { tuning: JSON.parse(values.tuning) as unknown } : {}),
    avgGapPct: Number(avgGap.toFixed(3)),
    maxClassGapPct: Number(Math.max(...Object.values(summary).map((s) => s.avgGapPct)).toFixed(3)),
    avgCpuS: Number(mean(rows.map((r) => r.cpuS)).toFixed(2)),
    classes: Object.fromEntries(Object.entries(summary).map(([k, s]) => [k, Number(s.avgGapPct.toFixed(3))])),
    infeasible,
  }),
);
if (infeasible.length > 0) {
  console.error(`infeasible or failed: ${infeasible.join(', ')}`);
  process.exit(1);
}
