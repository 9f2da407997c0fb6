// npm run bench:tracking — wrong tracking links against a live server while a console works: 1,000 requests a second
// with random tokens (from one address, and as if from many: the per-address limit lifted), how they are answered, and
// a console's pull round trip meanwhile against the same server idle.
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { generateScenario } from '../../shared/scenario/index.js';
import { TestServer, request as socketRequest } from '../../server/src/test-server.testing.js';

const RATE = Number(process.env.RATE ?? 1_000);
const SECONDS = Number(process.env.SECONDS ?? 5);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => Number(x.toFixed(2));

async function pulls(t: TestServer, n: number): Promise<number[]> {
  const socket = await t.connect({ userId: 'dispatcher-1' });
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await socketRequest(socket, 'pull', { cursor: null, resultsAfter: 0 }, 30_000);
    times.push(performance.now() - started);
  }
  socket.disconnect();
  return times;
}

async function flood(
  url: string,
  seconds: number,
): Promise<{ sent: number; byStatus: Record<string, number>; p95: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const byStatus: Record<string, number> = {};
  const times: number[] = [];
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(`${url}/t/${randomBytes(18).toString('base64url')}/state`, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          byStatus[res.statusCode ?? 0] = (byStatus[res.statusCode ?? 0] ?? 0) + 1;
          times.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => {
        byStatus.error = (byStatus.error ?? 0) + 1;
        resolve();
      });
      req.end();
    });
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  // RATE requests a second, sent in 10 ms slices.
  for (let slice = 0; slice < seconds * 100; slice++) {
    for (let i = 0; i < RATE / 100; i++, sent++) inFlight.push(one());
    const next = start + (slice + 1) * 10;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { sent, byStatus, p95: ms(pct(times, 0.95)) };
}

const city = generateScenario({ seed: 4, engineers: 200, orders: 2_000 });
for (const variant of ['one address', 'many addresses (per-address limit lifted)'] as const) {
  const t = await TestServer.start({
    city,
    ...(variant === 'one address'
      ? {}
      : { customer: { limits: { ip: { burst: 1e9, perSecond: 1e9 }, token: { burst: 30, perSecond: 0.5 } } } }),
  });
  try {
    const idle = await pulls(t, 40);
    const [during, bad] = await Promise.all([pulls(t, 40), flood(t.server.url, SECONDS)]);
    console.log(
      JSON.stringify({
        variant,
        badTokens: { sent: bad.sent, perSecond: RATE, answered: bad.byStatus, p95Ms: bad.p95 },
        consolePullMs: {
          idle: { p50: ms(pct(idle, 0.5)), p95: ms(pct(idle, 0.95)) },
          duringFlood: { p50: ms(pct(during, 0.5)), p95: ms(pct(during, 0.95)) },
        },
      }),
    );
  } finally {
    await t.close();
  }
}
process.exit(0);
