// One dispatcher console for the chaos test: makes random mutations, reports each one it was told was stored,
// then on "finish" syncs once more and writes its view to a file.
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { LocalRejection } from '../../electron/core/cache/local-state.js';
import { SocketIoTransport } from '../../electron/core/sync/socketio-transport.js';
import { Random } from '../../shared/scenario/index.js';

const [dataDir, url, token, totalText, seedText, dumpPath] = process.argv.slice(2);
if (!dataDir || !url || !token || !totalText || !seedText || !dumpPath)
  throw new Error('usage: console-runner dataDir url token total seed dumpPath');
const total = Number(totalText);
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

async function main(): Promise<void> {
  // Wait for the first sync so there is something to dispatch.
  while (core.state.orders.size === 0) await new Promise((r) => setTimeout(r, 20));
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
