// npm run bench:tracking — wrong tracking links at 1,000 a second against a server while a console works. The server
// runs in a process of its own; the flood comes from another (tests/bench/tracking-flooder.ts) at the lowest CPU
// priority, standing in for another machine; the console's pushes and pulls come from this one. For each flood: the
// console's pull round trip quiet before, during and quiet after the flood, how the flood was answered, and the CPU
// time the server process spent per 1,000 wrong links (from /proc, over the quiet rate), which does not depend on how
// loaded the machine is.
// RATE (1000), FLOOD_SECONDS (5), QUIET_MS (5000, each quiet side), FLOODER_NICE (19; 0 shares the CPU as an equal),
// FLOODS (one-address,many-addresses,malformed,other-path), SERVER_BIN (a bundled server to measure instead of this tree's).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Proc, bundle, freePort } from '../support/processes.testing.js';
import { connectHonest, honestPulls } from './fairness.js';
import { TRACKING_FLOODS, type TrackingFlood } from './tracking-floods.js';

const RATE = Number(process.env.RATE ?? 1_000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 5);
const QUIET_MS = Number(process.env.QUIET_MS ?? 5_000);
const NICE = Number(process.env.FLOODER_NICE ?? 19);
const FLOODS = (process.env.FLOODS?.split(',') ?? TRACKING_FLOODS) as TrackingFlood[];
for (const f of FLOODS)
  if (!TRACKING_FLOODS.includes(f)) throw new Error(`FLOODS: no flood "${f}" (${TRACKING_FLOODS.join(', ')})`);

const root = process.cwd();
const artifacts = join(root, 'tests', 'artifacts', 'bench');
mkdirSync(artifacts, { recursive: true });
const bin = await bundle(
  {
    ...(process.env.SERVER_BIN ? {} : { server: join(root, 'server', 'src', 'index.ts') }),
    flooder: join(root, 'tests', 'bench', 'tracking-flooder.ts'),
  },
  artifacts,
);
const serverBin = process.env.SERVER_BIN ?? bin.server!;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const r1 = (x: number) => Math.round(x * 10) / 10;
const load = () => loadavg().map((x) => Number(x.toFixed(2)));

/** Clock ticks a second for /proc's CPU times. */
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
/** CPU time (user + system) the process has used, in ms, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICK) * 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'bench-tracking-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
// The flooder's many addresses reach the server as a local reverse proxy would name them.
const server = new Proc(
  serverBin,
  [
    '--port',
    String(port),
    '--data-dir',
    dir,
    '--warm-start',
    'off',
    '--engineers',
    '200',
    '--orders',
    '2000',
    '--notify-interval-ms',
    '0',
    '--tokens-out',
    join(dir, 'tokens.json'),
  ],
  { DISPATCH_TRUST_PROXY: 'loopback' },
);
const pid = server.child.pid!;
const loadAtStart = load();
const rows = [];
try {
  await server.waitFor(/written to/, 120_000);
  const tokens = JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')) as Record<string, { token: string }>;
  const { socket, state } = await connectHonest(url, tokens['dispatcher-1']!.token);
  // Warm up: the first pulls of a fresh process are slower than the rest, and so are its first thousands of HTTP
  // requests (the first flood measured cost up to twice what the same flood did later in the run).
  await honestPulls(socket, state, 2_000);
  for (const flood of FLOODS) {
    const warm = new Proc(bin.flooder!, [url, String(RATE), '1', flood]);
    await warm.waitFor(/^\{/, 120_000);
    await warm.kill();
  }
  for (const flood of FLOODS) {
    const q0 = { cpu: cpuMs(pid), at: performance.now() };
    const before = await honestPulls(socket, state, QUIET_MS);
    const q1 = { cpu: cpuMs(pid), at: performance.now() };

    const flooder = new Proc(bin.flooder!, [url, String(RATE), String(SECONDS), flood]);
    if (flooder.child.pid && NICE > 0) setPriority(flooder.child.pid, NICE);
    await flooder.waitFor(/^flooding$/, 30_000);
    const f0 = { cpu: cpuMs(pid), at: performance.now() };
    let f1 = f0;
    let done = false;
    const result = flooder.waitFor(/^\{/, 120_000).then((line) => {
      f1 = { cpu: cpuMs(pid), at: performance.now() };
      done = true;
      return JSON.parse(line) as { sent: number; perSecond: number; answered: Record<string, number>; p95Ms: number };
    });
    result.catch(() => (done = true));
    const during = await honestPulls(socket, state, () => !done);
    const bad = await result;
    await flooder.kill();

    const a0 = { cpu: cpuMs(pid), at: performance.now() };
    const after = await honestPulls(socket, state, QUIET_MS);
    const a1 = { cpu: cpuMs(pid), at: performance.now() };

    // The server's CPU while quiet (the console's own work, timers) is taken off what it spent during the flood.
    const quietRate = (q1.cpu - q0.cpu + (a1.cpu - a0.cpu)) / (q1.at - q0.at + (a1.at - a0.at));
    const floodCpu = f1.cpu - f0.cpu;
    const extra = floodCpu - quietRate * (f1.at - f0.at);
    const row = {
      flood,
      sent: bad.sent,
      perSecond: bad.perSecond,
      answered: bad.answered,
      floodP95Ms: bad.p95Ms,
      serverCpuMsPer1000: r1((extra / bad.sent) * 1000),
      serverCpuShareDuringFlood: Number((floodCpu / (f1.at - f0.at)).toFixed(3)),
      serverCpuShareQuiet: Number(quietRate.toFixed(3)),
      consolePullMs: {
        before: { p50: r1(pct(before.took, 0.5)), p95: r1(pct(before.took, 0.95)), n: before.took.length },
        during: { p50: r1(pct(during.took, 0.5)), p95: r1(pct(during.took, 0.95)), n: during.took.length },
        after: { p50: r1(pct(after.took, 0.5)), p95: r1(pct(after.took, 0.95)), n: after.took.length },
      },
    };
    rows.push(row);
    const p = row.consolePullMs;
    console.log(
      `${flood}: ${bad.sent} wrong links at ${bad.perSecond}/s answered ${JSON.stringify(bad.answered)} (p95 ${bad.p95Ms} ms); ` +
        `server CPU ${row.serverCpuMsPer1000} ms per 1,000 over its quiet rate; console pull p50 ${p.before.p50} ms before, ` +
        `${p.during.p50} ms during (p95 ${p.during.p95}), ${p.after.p50} ms after`,
    );
  }
  socket.disconnect();
  console.log(
    JSON.stringify({
      bench: 'tracking',
      rate: RATE,
      seconds: SECONDS,
      flooderNice: NICE,
      load: [loadAtStart, load()],
      rows,
    }),
  );
} catch (err) {
  console.error(`the bench failed; the server's last words: ${server.stderr.slice(-2_000)}`);
  throw err;
} finally {
  await server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
