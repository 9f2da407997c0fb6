import { z } from 'zod';
import { Id, ServiceReport } from '../../domain/index.js';
import type { EntityKey } from '../mutation.js';
import { defineMutator, refused } from '../mutation.js';
import { EventLog, nextEngineer, nextOrder, requireEngineer, requireOrder } from './common.js';

/**
 * The engineer's device submits the signed service report of a job it has on site or has completed: the report goes on
 * the order, the parts used come off the van's stock, and the trail records it. Once per order.
 */
export const submitServiceReport = defineMutator({
  name: 'submitServiceReport',
  title: 'submit a service report',
  args: z.object({ orderId: Id, report: ServiceReport.omit({ submittedAt: true }) }),
  roles: ['device'],
  reads: (args, ctx) => {
    const keys: EntityKey[] = [{ kind: 'order', id: args.orderId }];
    if (ctx.actor.engineerId) keys.push({ kind: 'engineer', id: ctx.actor.engineerId });
    return keys;
  },
  apply(tx, args, ctx) {
    const order = requireOrder(tx, args.orderId);
    const engineerId = ctx.actor.engineerId;
    if (!engineerId) throw refused('forbidden', 'reportDeviceOnly');
    if (order.status !== 'completed' && order.status !== 'on_site')
      throw refused('illegal_transition', 'reportTooEarly', { order: order.code, status: order.status });
    // A completed order keeps its booking: it names who did the work.
    if (order.booking?.engineerId !== engineerId) throw refused('forbidden', 'notThisDevice', { order: order.code });
    if (order.report) throw refused('exists', 'reportExists', { order: order.code });

    const engineer = requireEngineer(tx, engineerId);
    const stock = { ...engineer.vanStock };
    for (const used of args.report.partsUsed) {
      const have = stock[used.part] ?? 0;
      if (have < used.qty) throw refused('invalid', 'vanHoldsFewer', { have, part: used.part, qty: used.qty });
      stock[used.part] = have - used.qty;
    }
    tx.putOrder(nextOrder(order, ctx, { report: { ...args.report, submittedAt: ctx.now } }));
    if (args.report.partsUsed.length > 0) tx.putEngineer(nextEngineer(engineer, ctx, { vanStock: stock }));
    new EventLog(tx, ctx).add(order.id, 'report_submitted', {
      signed: args.report.signature !== null,
      parts: args.report.partsUsed.reduce((n, p) => n + p.qty, 0),
    });
  },
});
