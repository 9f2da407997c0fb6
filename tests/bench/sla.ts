/**
 * The SLA watcher on a big cache: how long one reading of every open order's clocks takes on 20,000 orders, the first
 * time (every audit trail read from SQLite, every breach escalated through the outbox) and on every 15-second tick
 * after that; and one clock evaluation with and without business hours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { seedFromScenario } from '../../electron/core/seed.testing.js';
import { generateScenario } from '../../shared/scenario/index.js';
import { evaluateSla, slaTimeline } from '../../shared/sla/index.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';

const ORDERS = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'bench-sla-'));

function time<T>(f: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = f();
  return { ms: performance.now() - started, value };
}

try {
  const city = generateScenario({ seed: 7, engineers: 1000, orders: ORDERS });
  const token = claimsToken(PRINCIPALS.dispatcher);
  const seeding = new ConsoleCore({ dataDir: dir, token, transport: null });
  seedFromScenario(seeding, city);
  seeding.close();

  // Late afternoon of the scenario's day: the backlog and the morning's work have breaches to escalate.
  const now = city.meta.dayStart + 17 * 3_600_000;
  const core = new ConsoleCore({ dataDir: dir, token, transport: null, clock: () => now, slaWatch: false });
  const open = [...core.state.orders.values()].filter((o) => o.status !== 'completed' && o.status !== 'cancelled');
  const first = time(() => core.checkSla());
  const tick = time(() => core.checkSla());
  const ticks = 5;
  const again = time(() => {
    for (let i = 0; i < ticks; i++) core.checkSla();
  });
  core.close();

  const policy = city.slaPolicy;
  const londonWeek = {
    timeZone: 'Europe/London',
    days: [null, ...Array.from({ length: 5 }, () => ({ startMin: 8 * 60, endMin: 18 * 60 })), null],
  };
  const trails = open.map((o) => ({ o, t: slaTimeline(o, []) }));
  const plain = time(() => trails.map(({ o, t }) => evaluateSla(o, t, policy, now)));
  const hours = time(() => trails.map(({ o, t }) => evaluateSla(o, t, { ...policy, businessHours: londonWeek }, now)));

  console.log(`open orders: ${open.length} of ${ORDERS}`);
  console.log(`first reading: ${first.ms.toFixed(0)} ms (${first.value.length} breaches escalated into the outbox)`);
  console.log(`each later tick: ${(again.ms / ticks).toFixed(0)} ms (first later tick ${tick.ms.toFixed(0)} ms)`);
  console.log(
    `evaluateSla per order: ${((plain.ms * 1000) / open.length).toFixed(1)} µs around the clock, ${((hours.ms * 1000) / open.length).toFixed(1)} µs with business hours`,
  );
  console.log(
    JSON.stringify({
      bench: 'sla',
      orders: ORDERS,
      openOrders: open.length,
      firstReadingMs: Math.round(first.ms),
      escalated: first.value.length,
      tickMs: Math.round(again.ms / ticks),
      evaluateUs: Number(((plain.ms * 1000) / open.length).toFixed(1)),
      evaluateBusinessHoursUs: Number(((hours.ms * 1000) / open.length).toFixed(1)),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
