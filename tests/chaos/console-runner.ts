// One dispatcher console for the chaos test: makes random mutations, reports each one it was told was stored,
// then on "finish" syncs once more and writes its view to a file.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { LocalRejection } from '../../electron/core/cache/local-state.js';
import { SocketIoTransport } from '../../electron/core/sync/socketio-transport.js';
import { Random } from '../../shared/scenario/index.js';

const [dataDir, url, token, totalText, seedText, dumpPath, offlineText = '0'] = process.argv.slice(2);
if (!dataDir || !url || !token || !totalText || !seedText || !dumpPath)
  throw new Error('usage: console-runner dataDir url token total seed dumpPath [offline]');
const total = Number(totalText);
/** How many of its mutations this console makes offline first, as large ones: a multi-megabyte outbox to drain. */
const offline = Number(offlineText);
const rng = new Random(Number(seedText) + Date.now());
const core = new ConsoleCore({
  dataDir,
  token,
  transport: new SocketIoTransport(url, { reconnectDelayMs: 50, reconnectDelayMaxMs: 500 }),
  sync: { retryBaseMs: 25, retryMaxMs: 400, requestTimeoutMs: 2_000 },
  // The checker accounts for every mutation it makes; SLA escalations have their own tests.
  slaWatch: false,
});
core.start();
const say = (line: string) => process.stdout.write(`${line}\n`);
say(`client ${core.clientId}`);

const stored = () => Number(core.cache.meta('nextMutationId') ?? 1) - 1;
const HOUR = 3_600_000;

function act(): void {
  const orders = [...core.state.orders.values()].filter((o) => o.status !== 'cancelled' && o.status !== 'completed');
  const engineers = [...core.state.engineers.values()];
  if (orders.length === 0 || engineers.length === 0) return;
  const o = rng.pick(orders);
  const base = { version: o.version, rev: o.rev };
  const engineerId = rng.pick(engineers).id;
  const start = Math.ceil(Date.now() / HOUR) * HOUR + rng.int(0, 8) * HOUR;
  const roll = rng.next();
  try {
    let id: number;
    if (roll < 0.3)
      id = core.mutate(o.booking ? 'moveBooking' : 'assignOrder', {
        orderId: o.id,
        base,
        engineerId,
        start,
      }).mutationId;
    else if (roll < 0.45) id = core.mutate('unassignOrder', { orderId: o.id, base }).mutationId;
    else if (roll < 0.6)
      id = core.mutate(o.booking?.pinned ? 'unpinBooking' : 'pinBooking', { orderId: o.id, base }).mutationId;
    else if (roll < 0.7) id = core.mutate('setOrderStatus', { orderId: o.id, status: 'dispatched', base }).mutationId;
    else id = core.mutate('addNote', { orderId: o.id, text: `chaos ${rng.int(0, 1e6)}` }).mutationId;
    say(`ack ${id}`);
  } catch (err) {
    if (!(err instanceof LocalRejection)) throw err;
  }
}

/**
 * Offline, as a dispatcher cut off for an afternoon would: auto-dispatch plans accepted (several bookings in one
 * change) and long notes in Chinese, 6 kB each on the wire; then back online, into the cuts and the server kills.
 */
function workOffline(): void {
  core.setWorkOffline(true);
  const text = '压缩机异响，客户要求上午到场，请带备件'.repeat(106).slice(0, 2_000);
  const engineers = [...core.state.engineers.values()];
  const open = [...core.state.orders.values()].filter((o) => o.status === 'new' && !o.booking);
  for (let plan = 0; plan < 4 && stored() < offline; plan++) {
    const moves = open.slice(plan * 3, plan * 3 + 3).map((o, i) => ({
      orderId: o.id,
      base: { version: o.version, rev: o.rev },
      engineerId: rng.pick(engineers).id,
      start: Math.ceil(Date.now() / HOUR) * HOUR + (plan * 3 + i) * HOUR,
    }));
    if (moves.length === 0) break;
    try {
      say(`ack ${core.mutate('applyPlan', { moves, label: `Plan ${plan + 1}` }).mutationId}`);
    } catch (err) {
      if (!(err instanceof LocalRejection)) throw err;
    }
  }
  const orders = [...core.state.orders.values()];
  while (stored() < offline) say(`ack ${core.mutate('addNote', { orderId: rng.pick(orders).id, text }).mutationId}`);
  say(`offline outbox ${core.status().pending}`);
  core.setWorkOffline(false);
}

async function main(): Promise<void> {
  // Wait for the first sync so there is something to dispatch.
  while (core.state.orders.size === 0) await new Promise((r) => setTimeout(r, 20));
  if (offline > 0 && stored() === 0) workOffline();
  while (stored() < total) {
    act();
    await new Promise((r) => setTimeout(r, 3 + rng.int(0, 12)));
  }
  say('written');
}

async function settle(since: number): Promise<void> {
  let told = Date.now();
  for (;;) {
    const s = core.status();
    if (s.state === 'online' && s.pending === 0 && core.cache.outboxCounts().acked === 0 && (s.lastSyncAt ?? 0) > since)
      return;
    // Every few seconds, where it stands: the checker names it if this console never settles.
    if (Date.now() - told > 5_000) {
      told = Date.now();
      say(`waiting ${JSON.stringify({ ...s, outbox: core.cache.outboxCounts() })}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'settle') {
    void settle(0).then(() => say('settled'));
  } else if (line === 'finish') {
    const asked = Date.now();
    // A fresh round after everyone stopped writing, so this cache holds the final server state.
    core.setWorkOffline(true);
    core.setWorkOffline(false);
    void settle(asked).then(() => {
      const view = [...core.state.orders.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      writeFileSync(
        dumpPath,
        JSON.stringify({ clientId: core.clientId, orders: view, conflicts: core.conflicts().length }),
      );
      say('dumped');
      core.close();
      process.exit(0);
    });
  }
});

void main();
