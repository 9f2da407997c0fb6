// npm run bench:server — one sync server (embedded SQLite) under 50 consoles pushing and 1,000 engineers reporting.
// npm run bench:server -- --fairness — only the fairness figure: another console's pull p50 under one user's flood.
// npm run bench:server -- --postgres-mixed — the Postgres store under consoles pushing mixed batches (see pg-mixed.ts).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Proc, bundle, freePort } from '../support/processes.testing.js';
import { runFairness, type FairnessRow } from './fairness.js';
import type { FloodVariant } from './flood-variants.js';
import { runLoad, type LoadResult } from './load.js';
import { benchPostgresMixed } from './pg-mixed.js';

if (process.argv.includes('--postgres-mixed')) {
  await benchPostgresMixed();
  process.exit(0);
}

const CONSOLES = Number(process.env.CONSOLES ?? 50);
const ENGINEERS = Number(process.env.ENGINEERS ?? 1000);
const RATE = Number(process.env.RATE ?? 2500);
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bench-server-'));
const artifacts = join(root, 'tests', 'artifacts', 'bench');
mkdirSync(artifacts, { recursive: true });
const bin = await bundle(
  { server: join(root, 'server', 'src', 'index.ts'), flooder: join(root, 'tests', 'bench', 'flooder.ts') },
  artifacts,
);
const fairnessOnly = process.argv.includes('--fairness');
const port = await freePort();
const server = new Proc(bin.server!, [
  '--port',
  String(port),
  '--data-dir',
  dir,
  '--warm-start',
  'off',
  '--engineers',
  String(ENGINEERS),
  '--orders',
  '3000',
  '--tokens-out',
  join(dir, 'tokens.json'),
]);
try {
  await server.waitFor(/written to/, 120_000);
  const tokens = JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'));
  const common = {
    urls: [`http://127.0.0.1:${port}`],
    tokens,
    consoles: CONSOLES,
    engineers: ENGINEERS,
    batch: 2,
    warmupMs: 2_000,
    durationMs: 10_000,
  };
  let steady: LoadResult | null = null;
  let peak: LoadResult | null = null;
  if (!fairnessOnly) {
    steady = await runLoad({ ...common, rate: RATE, label: 'one node, SQLite, steady load' });
    peak = await runLoad({ ...common, batch: 5, rate: 0, label: 'one node, SQLite, closed loop' });
    for (const r of [steady, peak])
      console.log(
        `${r.label} (offered ${r.offeredPerSecond}/s): ${r.appliedPerSecond} mutations/s applied; push→ack p50 ${r.pushToAckMs.p50} ms, ` +
          `p99 ${r.pushToAckMs.p99} ms; to another console p50 ${r.toOtherConsoleMs.p50} ms, p99 ${r.toOtherConsoleMs.p99} ms ` +
          `(${r.probes} probes); ${r.positionsSent} positions; ${r.errors} errors`,
      );
  }
  const people = Object.entries(tokens as Record<string, { token: string; role: string }>).filter(
    ([, t]) => t.role === 'dispatcher',
  );
  const fairness: FairnessRow[] = await runFairness({
    url: `http://127.0.0.1:${port}`,
    honestToken: people[0]![1].token,
    flooderToken: people[1]![1].token,
    flooderBin: bin.flooder!,
    sockets: 4,
    measureMs: Number(process.env.FAIR_MS ?? 5_000),
    flooderNice: Number(process.env.FLOODER_NICE ?? 19),
    ...(process.env.FLOODS ? { variants: process.env.FLOODS.split(',') as FloodVariant[] } : {}),
  });
  for (const f of fairness)
    console.log(
      `fairness, 4 sockets of one dispatcher flooding ${f.variant}: another console's pull p50 ${f.quietP50Ms} ms quiet, ` +
        `${f.floodP50Ms} ms flooded (p99 ${f.floodP99Ms} ms, ${f.pulls} pulls of ${f.floodChangesP50} changes): ratio ${f.ratio}; ` +
        `the flooder was answered ${JSON.stringify(f.flooderAnswers)}`,
    );
  // The figure is taken over floods of refused work; a flood of valid work is work every console must receive (its
  // pulls carry it), printed beside it.
  const worst = Math.max(...fairness.filter((f) => f.variant !== 'valid').map((f) => f.ratio));
  console.log(
    JSON.stringify({
      bench: 'server',
      ...(steady && peak
        ? {
            appliedPerSecond: steady.appliedPerSecond,
            pushToAckMs: steady.pushToAckMs,
            toOtherConsoleMs: steady.toOtherConsoleMs,
            peakAppliedPerSecond: peak.appliedPerSecond,
            peakPushToAckMs: peak.pushToAckMs,
            positionsPerSecond: Math.round(steady.positionsSent / 10),
            errors: steady.errors + peak.errors,
          }
        : {}),
      consoles: CONSOLES,
      engineers: ENGINEERS,
      fairnessRatio: worst,
      fairness: Object.fromEntries(fairness.map((f) => [f.variant, f.ratio])),
      targets: { appliedPerSecond: 2000, p99Ms: 50, fairnessRatio: 2 },
    }),
  );
} catch (err) {
  console.error(`the bench failed; the server's last words: ${server.stderr.slice(-2_000)}`);
  throw err;
} finally {
  await server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
