// npm run bench:cluster — two server nodes (Postgres + Redis) against one, under 200 consoles and 1,000 engineers at 1 Hz.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Proc, bundle, freePort } from '../support/processes.testing.js';
import { runLoad, type LoadResult } from './load.js';

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONSOLES = Number(process.env.CONSOLES ?? 200);
const ENGINEERS = Number(process.env.ENGINEERS ?? 1000);
const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-'));
const schema = `bench_${randomBytes(4).toString('hex')}`;
const secret = randomBytes(24).toString('hex');
const artifacts = join(root, 'tests', 'artifacts', 'bench');
mkdirSync(artifacts, { recursive: true });
const bin = await bundle({ server: join(root, 'server', 'src', 'index.ts') }, artifacts);
const nodes: Proc[] = [];

async function startNode(name: string, extra: string[] = []): Promise<string> {
  const port = await freePort();
  const p = new Proc(
    bin.server!,
    [
      ...['--port', String(port), '--node-name', name, '--engineers', String(ENGINEERS), '--orders', '3000'],
      ...['--warm-start', 'off', ...extra],
    ],
    {
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL,
      DISPATCH_TOKEN_SECRET: secret,
      DISPATCH_DATA_DIR: join(dir, name),
    },
  );
  nodes.push(p);
  await p.waitFor(extra.includes('--tokens-out') ? /written to/ : /listening on/, 180_000);
  return `http://127.0.0.1:${port}`;
}

function line(r: LoadResult): string {
  return `${r.label}: ${r.appliedPerSecond} mutations/s; push→ack p50 ${r.pushToAckMs.p50} ms, p99 ${r.pushToAckMs.p99} ms; to another console p99 ${r.toOtherConsoleMs.p99} ms; ${r.errors} errors`;
}

try {
  const first = await startNode('node-1', ['--tokens-out', join(dir, 'tokens.json')]);
  const tokens = JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8'));
  const common = {
    tokens,
    consoles: CONSOLES,
    engineers: ENGINEERS,
    batch: 2,
    rate: 0,
    warmupMs: 3_000,
    durationMs: 10_000,
  };
  const one = await runLoad({ ...common, urls: [first], label: 'one node' });
  console.log(line(one));
  const second = await startNode('node-2');
  const two = await runLoad({ ...common, urls: [first, second], label: 'two nodes' });
  console.log(line(two));
  console.log(
    JSON.stringify({
      bench: 'cluster',
      consoles: CONSOLES,
      engineers: ENGINEERS,
      twoNodes: {
        appliedPerSecond: two.appliedPerSecond,
        p99Ms: two.pushToAckMs.p99,
        toOtherConsoleP99Ms: two.toOtherConsoleMs.p99,
        errors: two.errors,
      },
      oneNode: {
        appliedPerSecond: one.appliedPerSecond,
        p99Ms: one.pushToAckMs.p99,
        toOtherConsoleP99Ms: one.toOtherConsoleMs.p99,
        errors: one.errors,
      },
      note: 'all processes share this machine’s cores; the ratio two/one is the figure to read',
    }),
  );
} finally {
  for (const n of nodes) await n.kill('SIGTERM');
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
