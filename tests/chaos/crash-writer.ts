// A console core that writes as fast as it can and reports each mutation it was told succeeded, until it is killed.
import { ConsoleCore } from '../../electron/core/console-core.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer <dataDir>');
const core = new ConsoleCore({ dataDir, token: claimsToken(PRINCIPALS.dispatcher), transport: null });
const orders = [...core.state.orders.values()].filter(
  (o) => (o.status === 'new' || o.status === 'scheduled') && o.excludedEngineerIds.length === 0,
);
if (orders.length === 0) throw new Error('no plannable orders in the cache');
const engineers = [...core.state.engineers.values()];
let i = 0;
for (;;) {
  const order = core.order(orders[i % orders.length]!.id)!;
  const base = { version: order.version, rev: order.rev };
  let id: number;
  if (i % 3 === 0) id = core.mutate('addNote', { orderId: order.id, text: `call ${i}` }).mutationId;
  else if (order.status === 'new')
    id = core.mutate('assignOrder', {
      orderId: order.id,
      base,
      engineerId: engineers[i % engineers.length]!.id,
      start: 1_772_409_600_000 + (i % 8) * 3_600_000,
    }).mutationId;
  else id = core.mutate('unassignOrder', { orderId: order.id, base }).mutationId;
  process.stdout.write(`${id}\n`);
  i += 1;
}
