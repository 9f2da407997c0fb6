// Wrong tracking links at a steady rate, answers counted and otherwise ignored: started by bench:tracking in a process
// of its own (at low CPU priority, standing in for another machine).
// node tracking-flooder.mjs URL RATE SECONDS KIND — KIND is one-address (random well-formed tokens), many-addresses
// (the same, each request naming a random client in X-Forwarded-For), malformed (tokens of the wrong length, from
// many addresses) or other-path (a path outside the tracking pages, from many addresses: the cost of any request). Prints `flooding` when it starts and one line of JSON when every request has been answered.
import { randomBytes, randomInt } from 'node:crypto';
import { Agent, request } from 'node:http';

import { TRACKING_FLOODS, type TrackingFlood } from './tracking-floods.js';

const [url, rateArg, secondsArg, kindArg] = process.argv.slice(2);
const kind = kindArg as TrackingFlood;
const rate = Number(rateArg);
const seconds = Number(secondsArg);
if (!url || !(rate > 0) || !(seconds > 0) || !TRACKING_FLOODS.includes(kind)) {
  console.error(`usage: tracking-flooder URL RATE SECONDS (${TRACKING_FLOODS.join('|')})`);
  process.exit(2);
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const byStatus: Record<string, number> = {};
const took: number[] = [];
let sent = 0;

function path(): string {
  if (kind === 'other-path') return `/nowhere/${randomBytes(18).toString('base64url')}`;
  // A real token is 18 random bytes, 24 characters of base64url; a malformed one is 16 bytes (22 characters).
  return `/t/${randomBytes(kind === 'malformed' ? 16 : 18).toString('base64url')}/state`;
}

function one(): Promise<void> {
  const headers: Record<string, string> =
    kind === 'one-address'
      ? {}
      : { 'x-forwarded-for': `${randomInt(1, 224)}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request(`${url}${path()}`, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        const k = String(res.statusCode ?? 0);
        byStatus[k] = (byStatus[k] ?? 0) + 1;
        took.push(performance.now() - started);
        resolve();
      });
    });
    req.on('error', () => {
      byStatus.error = (byStatus.error ?? 0) + 1;
      resolve();
    });
    req.end();
  });
}

console.log('flooding');
const inFlight: Promise<void>[] = [];
const start = performance.now();
// `rate` requests a second, sent in 10 ms slices; a slice sent late sends what the missed ones owed.
const total = Math.round(rate * seconds);
while (sent < total) {
  const due = Math.min(total, Math.round(((performance.now() - start) / 1000) * rate) + Math.round(rate / 100));
  for (; sent < due; sent++) inFlight.push(one());
  await new Promise((r) => setTimeout(r, 10));
}
const sendingMs = performance.now() - start;
await Promise.all(inFlight);
agent.destroy();
took.sort((a, b) => a - b);
const pct = (p: number) => Number((took[Math.min(took.length - 1, Math.floor(p * took.length))] ?? NaN).toFixed(1));
console.log(
  JSON.stringify({
    sent,
    perSecond: Math.round(sent / (sendingMs / 1000)),
    answered: byStatus,
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
  }),
);
process.exit(0);
