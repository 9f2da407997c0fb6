import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, SCHEMA_VERSION, type Reply } from '../../shared/sync/index.js';
import { epochAtLocal, localDate } from '../../shared/time/index.js';
import type { ClientToServerEvents, PullResult, ServerToClientEvents } from '../../shared/sync/index.js';
import { signToken } from '../../server/src/auth/tokens.js';
import { cityForToday } from '../../server/src/seed.js';
import { onDuty } from '../../server/src/sim/engineer.js';
import type { SimulatorStats } from '../../server/src/sim/simulator.js';
import { Proc, bundle, freePort } from '../support/processes.testing.js';

const ENGINEERS = 1_000;
const RUN_SECONDS = 20;
const dir = mkdtempSync(join(tmpdir(), 'sim-scale-'));
const procs: Proc[] = [];
let console_: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
let bin: Record<string, string>;

beforeAll(async () => {
  const artifacts = join(process.cwd(), 'tests', 'artifacts', 'sim-scale');
  mkdirSync(artifacts, { recursive: true });
  bin = await bundle(
    {
      server: join(process.cwd(), 'server', 'src', 'index.ts'),
      sim: join(process.cwd(), 'server', 'src', 'sim', 'main.ts'),
    },
    artifacts,
  );
});

afterAll(async () => {
  console_?.disconnect();
  for (const p of procs) await p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the field simulator at city scale', () => {
  it(`runs ${ENGINEERS} engineer devices against one server, every on-duty engineer on the map`, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
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
    ]);
    procs.push(server);
    await server.waitFor(/listening on/, 90_000);

    // A supervisor's console watching the map while the field runs.
    const secret = readFileSync(join(dir, 'token-secret'), 'utf8').trim();
    const token = signToken(secret, { sub: 'supervisor', name: 'Chen Jie', role: 'supervisor' }, 600);
    console_ = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth: { token, clientId: 'scale-console', protocolVersion: PROTOCOL_VERSION, schemaVersion: SCHEMA_VERSION },
    });
    const onMap = new Set<string>();
    let batches = 0;
    let positions = 0;
    console_.on('positions', (b) => {
      batches += 1;
      positions += b.positions.length;
      for (const p of b.positions) if (p.at > Date.now() - 60_000) onMap.add(p.engineerId);
    });
    await new Promise<void>((resolve, reject) => {
      console_!.once('connect', () => resolve());
      console_!.once('connect_error', reject);
    });

    const lines: string[] = [];
    const sim = new Proc(
      bin.sim!,
      [
        ...['--url', url, '--data-dir', dir, '--speed', '60', '--start', '10:00', '--seconds', String(RUN_SECONDS)],
        ...['--position-every', '2', '--report-every', '0', '--city-orders', '3000'],
      ],
      {},
      (line) => lines.push(line),
    );
    procs.push(sim);
    await sim.waitFor(/devices connected/, 60_000);
    const runStart = Date.now();
    const positionsAtStart = positions;

    // The server keeps serving consoles while the field runs.
    const pull = await new Promise<Reply<PullResult>>((resolve, reject) =>
      console_!
        .timeout(15_000)
        .emit('pull', { cursor: null, resultsAfter: 0 }, (err: Error | null, r: Reply<PullResult>) =>
          err ? reject(err) : resolve(r),
        ),
    );
    expect(pull.ok).toBe(true);

    const summaryLine = await sim.waitFor(/^\{"simTime"/, (RUN_SECONDS + 40) * 1000);
    const runMs = Date.now() - runStart;
    const stats = JSON.parse(summaryLine) as SimulatorStats;

    expect(stats.devices).toMatchObject({ total: ENGINEERS, connected: ENGINEERS, refused: 0 });
    expect(stats.mutations).toMatchObject({ lost: 0, queued: 0 });
    const onShift = ENGINEERS - stats.engineers.off;
    expect(stats.mutations.applied).toBeGreaterThanOrEqual(onShift); // each came on shift (a fresh server): available
    // Every engineer whose shift covers the whole simulated run (10:00 to past 10:20) reaches the map: the last
    // positions the simulator sent go out with the server's next batch, so wait for them rather than for a time.
    const city = cityForToday({ seed: 7, engineers: ENGINEERS, orders: 3000, area: 'shanghai' }, Date.now());
    const tz = city.meta.timeZone;
    const from = epochAtLocal(localDate(Date.now(), tz), 10 * 60, tz);
    const working = city.engineers.filter((e) => onDuty(e, from) && onDuty(e, from + 40 * 60_000));
    expect(working.length).toBeGreaterThan(0);
    await vi
      .waitUntil(() => working.every((e) => onMap.has(e.id)), { timeout: 60_000, interval: 100 })
      .catch(() => undefined);
    expect(working.filter((e) => !onMap.has(e.id)).map((e) => e.id)).toEqual([]);
    expect(onMap.size).toBeGreaterThanOrEqual(Math.floor(onShift * 0.98));
    expect(stats.field.departures).toBeGreaterThan(0);

    console.log(
      `sim at ${ENGINEERS} engineers: connected in ${(stats.devices.connectMs / 1000).toFixed(1)} s; ` +
        `over ${(runMs / 1000).toFixed(0)} s it used ${(stats.process.cpuMs / 1000).toFixed(1)} s CPU ` +
        `(${((100 * stats.process.cpuMs) / runMs).toFixed(0)}% of a core incl. start-up), ${stats.process.rssMb} MB, ` +
        `event-loop delay p99 ${stats.process.loopDelayP99Ms} ms; ${stats.mutations.applied} field mutations applied, ` +
        `${stats.positions} positions sent; the console got ${positions - positionsAtStart} positions in ${batches} ` +
        `batches, ${onMap.size}/${onShift} on-duty engineers on its map`,
    );
    console.log(JSON.stringify({ bench: 'sim-scale', runMs, ...stats }));
  }, 240_000);
});
