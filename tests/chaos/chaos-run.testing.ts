import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WorkOrder } from '../../shared/domain/index.js';
import { Random } from '../../shared/scenario/index.js';
import { DeviceClient } from '../support/device-client.testing.js';
import { Proc, bundle, freePort } from '../support/processes.testing.js';
import { ChaosProxy } from './tcp-proxy.testing.js';

export interface ChaosOptions {
  consoles: number;
  mutationsPerConsole: number;
  serverKills: number;
  consoleKills: number;
  /** Switch the server's exactly-once check off (the control run). */
  unsafeNoDedupe: boolean;
  settleTimeoutMs: number;
  seed: number;
  /**
   * Sockets of one more dispatcher that flood the server with invalid pushes the whole run, answers ignored (the
   * bench's flooder); they talk to the server directly and come back after each restart.
   */
  floodSockets?: number;
  /** Console 0 makes this many of its mutations offline first, large ones (about 6 kB each): an outbox of megabytes. */
  offlineOutbox?: number;
}

export interface ChaosReport {
  consoles: number;
  acknowledged: number;
  applied: number;
  rejected: number;
  serverKills: number;
  consoleKills: number;
  connectionCuts: number;
  swallowedReplyBytes: number;
  /** What the flooder was answered, by kind (`ok`, error codes, `unanswered`). */
  flooderAnswers: Record<string, number>;
  /** Changes console 0 had waiting when it came back online (0 without offlineOutbox). */
  offlineOutbox: number;
  /** Pulls made by the engineers' devices that must see only their own. */
  devicePulls: number;
  violations: string[];
  /** What the server processes wrote to stderr (errors it logged), when the run found a violation. */
  serverLog?: string;
}

/** JSON with object keys sorted, so two equal records compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const USERS = ['dispatcher-1', 'dispatcher-2', 'dispatcher-3', 'supervisor', 'intake'];
/** The flooding user: a dispatcher's account none of the consoles uses. */
const FLOODER = 'autopilot';
/** Engineers whose devices pull through the same proxy while the consoles move their work around. */
const DEVICE_ENGINEERS = ['eng-0001', 'eng-0002', 'eng-0003'];
const root = process.cwd();

/**
 * Consoles in their own processes make random mutations through a TCP proxy that cuts connections at random, while
 * the server is SIGKILLed and restarted and a console is SIGKILLed mid-write. Then the checker: nothing lost, nothing
 * applied twice, every console's cache equal to the server's.
 */
export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const artifacts = join(root, 'tests', 'artifacts', 'chaos');
  mkdirSync(artifacts, { recursive: true });
  const bin = await bundle(
    {
      server: join(root, 'server', 'src', 'index.ts'),
      console: join(root, 'tests', 'chaos', 'console-runner.ts'),
      flooder: join(root, 'tests', 'bench', 'flooder.ts'),
    },
    artifacts,
  );
  const dir = mkdtempSync(join(tmpdir(), 'chaos-'));
  const rng = new Random(o.seed);
  const serverPort = await freePort();
  const serverDir = join(dir, 'server');
  const env = { DISPATCH_UNSAFE_NO_DEDUPE: o.unsafeNoDedupe ? '1' : '0' };
  const startServer = async () => {
    const p = new Proc(
      bin.server!,
      [
        '--port',
        String(serverPort),
        '--data-dir',
        serverDir,
        '--warm-start',
        'off',
        '--engineers',
        '30',
        '--orders',
        '200',
        '--tokens-out',
        join(serverDir, 'tokens.json'),
      ],
      env,
    );
    await p.waitFor(/written to/, 30_000);
    return p;
  };
  let server = await startServer();
  const serverLogs: string[] = [];
  const tokens = JSON.parse(readFileSync(join(serverDir, 'tokens.json'), 'utf8')) as Record<string, { token: string }>;
  const proxy = new ChaosProxy(serverPort);
  const url = `http://127.0.0.1:${await proxy.listen()}`;

  const acknowledged = new Map<number, Set<number>>(); // console index → mutation ids it was told were stored
  const clientIds = new Map<number, string>();
  let totalAcks = 0;
  let offlineOutbox = 0;
  const consoleArgs = (i: number) => [
    join(dir, `console-${i}`),
    url,
    tokens[USERS[i % USERS.length]!]!.token,
    String(o.mutationsPerConsole),
    String(o.seed * 10 + i),
    join(dir, `dump-${i}.json`),
    String(i === 0 ? (o.offlineOutbox ?? 0) : 0),
  ];
  const startConsole = (i: number) =>
    new Proc(bin.console!, consoleArgs(i), {}, (line) => {
      if (line.startsWith('ack ')) {
        const set = acknowledged.get(i) ?? new Set<number>();
        set.add(Number(line.slice(4)));
        acknowledged.set(i, set);
        totalAcks += 1;
      } else if (line.startsWith('client ')) clientIds.set(i, line.slice(7));
      else if (line.startsWith('offline outbox ')) offlineOutbox = Number(line.slice(15));
    });
  let flooderTally = '{}';
  const flooder = o.floodSockets
    ? new Proc(
        bin.flooder!,
        [`http://127.0.0.1:${serverPort}`, tokens[FLOODER]!.token, 'invalid', String(o.floodSockets), 'none'],
        {},
        (line) => {
          if (line.startsWith('answers ')) flooderTally = line.slice(8);
        },
      )
    : null;
  await flooder?.waitFor(/^flooding$/, 30_000);
  const consoles = Array.from({ length: o.consoles }, (_, i) => startConsole(i));
  const devices = DEVICE_ENGINEERS.map(
    (e) => new DeviceClient(url, tokens[`dev-${e}`]!.token, `chaos-dev-${e}-${o.seed}`, e),
  );
  proxy.startCutting(150, 600, () => rng.next());

  // Faults, keyed to how far the run has got.
  const total = o.consoles * o.mutationsPerConsole;
  const faults = [
    ...Array.from({ length: o.serverKills }, (_, k) => ({
      at: ((k + 1) / (o.serverKills + 1.5)) * total,
      kind: 'server' as const,
    })),
    ...Array.from({ length: o.consoleKills }, (_, k) => ({
      at: ((k + 0.6) / (o.consoleKills + 1)) * total,
      kind: 'console' as const,
      which: (k + 1) % o.consoles,
    })),
  ].sort((a, b) => a.at - b.at);
  let serverKills = 0;
  let consoleKills = 0;
  const written = () => consoles.every((c) => c.lines.includes('written'));
  const deadline = Date.now() + 180_000;
  while (!written()) {
    if (Date.now() > deadline) throw new Error('the consoles did not finish writing in time');
    const fault = faults[0];
    if (fault && totalAcks >= fault.at) {
      faults.shift();
      if (fault.kind === 'server') {
        await server.kill('SIGKILL');
        serverLogs.push(server.stderr);
        serverKills += 1;
        await new Promise((r) => setTimeout(r, 300 + rng.int(0, 500)));
        server = await startServer();
      } else {
        await consoles[fault.which]!.kill('SIGKILL');
        consoleKills += 1;
        consoles[fault.which] = startConsole(fault.which);
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  proxy.stopCutting();

  const violations: string[] = [];
  // The flood goes on while the consoles settle: they must settle beside it.
  for (const c of consoles) c.send('settle');
  await Promise.all(
    consoles.map((c, i) =>
      c
        .waitFor(/^settled$/, o.settleTimeoutMs)
        .catch(() =>
          violations.push(
            `console ${i} did not converge: it still had unsettled mutations; last seen ${
              c.lines.filter((l) => l.startsWith('waiting ')).at(-1) ?? '(no status)'
            }`,
          ),
        ),
    ),
  );
  if (violations.length === 0) {
    for (const c of consoles) c.send('finish');
    await Promise.all(
      consoles.map((c, i) =>
        c
          .waitFor(/^dumped$/, o.settleTimeoutMs)
          .catch(() => violations.push(`console ${i} could not finish its last sync`)),
      ),
    );
  }
  // Each device catches up, then must hold exactly its own jobs, as the server has them.
  for (const d of devices)
    await d.settle().catch((err: Error) => violations.push(`device ${d.engineerId}: ${err.message}`));
  let flooderAnswers: Record<string, number> = {};
  if (flooder) {
    flooder.child.stdin!.end();
    // Its last account, or the running one if the last never came.
    const line = await flooder.waitFor(/^\{/, 30_000).catch(() => flooderTally);
    flooderAnswers = JSON.parse(line) as Record<string, number>;
    await flooder.kill('SIGKILL');
  }
  for (const c of consoles) await c.kill('SIGKILL');
  await server.kill('SIGTERM');
  serverLogs.push(server.stderr);
  for (const d of devices) d.close();
  await proxy.close();

  // The checker reads the server's own database: the audit log is written in the same transaction as each change.
  const db = new Database(join(serverDir, 'server.sqlite'), { readonly: true });
  const audit = db.prepare('SELECT client_id, mutation_id, outcome FROM audit').all() as Array<{
    client_id: string;
    mutation_id: number;
    outcome: string;
  }>;
  const seen = new Map<string, number>();
  for (const a of audit)
    seen.set(`${a.client_id}#${a.mutation_id}`, (seen.get(`${a.client_id}#${a.mutation_id}`) ?? 0) + 1);
  let acknowledgedCount = 0;
  for (const [i, ids] of acknowledged) {
    const clientId = clientIds.get(i)!;
    for (const id of ids) {
      acknowledgedCount += 1;
      const n = seen.get(`${clientId}#${id}`) ?? 0;
      if (n === 0)
        violations.push(`lost: console ${i} was told mutation ${id} was stored, the server never settled it`);
    }
  }
  for (const [key, n] of seen) if (n > 1) violations.push(`applied ${n} times: mutation ${key}`);
  // Each console stored exactly mutationsPerConsole mutations (ids 1..N); each must be settled exactly once.
  for (const [i, clientId] of clientIds) {
    const rows = audit.filter((a) => a.client_id === clientId);
    const ids = new Set(rows.map((a) => a.mutation_id));
    if (ids.size !== o.mutationsPerConsole)
      violations.push(`console ${i}: ${ids.size} of its ${o.mutationsPerConsole} mutations reached the server`);
    if (rows.length !== ids.size)
      violations.push(`console ${i}: ${rows.length - ids.size} mutations were applied more than once`);
  }
  const serverOrders = new Map(
    (db.prepare('SELECT id, data FROM orders').all() as Array<{ id: string; data: string }>).map((r) => [
      r.id,
      JSON.parse(r.data) as WorkOrder,
    ]),
  );
  db.close();
  for (const d of devices) violations.push(...d.violations, ...d.compare(serverOrders.values(), Date.now()));
  if (violations.length === 0) {
    for (let i = 0; i < o.consoles; i++) {
      const dump = JSON.parse(readFileSync(join(dir, `dump-${i}.json`), 'utf8')) as { orders: WorkOrder[] };
      if (dump.orders.length !== serverOrders.size)
        violations.push(`console ${i} holds ${dump.orders.length} orders, the server ${serverOrders.size}`);
      for (const order of dump.orders)
        if (canonical(order) !== canonical(serverOrders.get(order.id)))
          violations.push(`console ${i} differs from the server on ${order.code}`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    consoles: o.consoles,
    acknowledged: acknowledgedCount,
    applied: audit.filter((a) => a.outcome === 'applied').length,
    rejected: audit.filter((a) => a.outcome === 'rejected').length,
    serverKills,
    consoleKills,
    connectionCuts: proxy.cuts,
    swallowedReplyBytes: proxy.swallowed,
    flooderAnswers,
    offlineOutbox,
    devicePulls: devices.reduce((n, d) => n + d.pulls, 0),
    violations: violations.slice(0, 20),
    ...(violations.length > 0 ? { serverLog: serverLogs.join('\n--- restart ---\n').slice(-3000) } : {}),
  };
}
