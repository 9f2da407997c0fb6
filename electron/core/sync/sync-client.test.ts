import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../shared/sync/index.js';
import { PRINCIPALS } from '../../../shared/sync/mutation-world.testing.js';
import type { ConsoleCore } from '../console-core.js';
import { HANG_MS, Harness, settled, until } from '../harness.testing.js';

let h: Harness | undefined;
afterEach(() => h?.close());

/** A note of 2,000 Chinese characters: 6 kB on the wire, but 2,000 characters by `length`. */
const LONG_NOTE = '压缩机异响，客户要求上午到场'.repeat(143).slice(0, 2_000);

function notes(core: ConsoleCore, orderIds: string[], count: number, text = LONG_NOTE): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push(core.mutate('addNote', { orderId: orderIds[i % orderIds.length]!, text }).mutationId);
  return ids;
}

function online(): { h: Harness; core: ConsoleCore; orderIds: string[] } {
  h = new Harness();
  const { core } = h.console(PRINCIPALS.dispatcher);
  core.start();
  return { h, core, orderIds: h.city.orders.slice(0, 10).map((o) => o.id) };
}

describe('sync client pushes', () => {
  it('cuts an outbox of over a megabyte into pushes under the limit in UTF-8 bytes; each change lands once', async () => {
    const { h, core, orderIds } = online();
    await until(settled(core));
    core.setWorkOffline(true);
    const made = notes(core, orderIds, 200);
    core.setWorkOffline(false);
    await until(settled(core));
    const pushes = h.server.pushes.filter((p) => p.ids.length > 0);
    expect(pushes.length).toBeGreaterThan(1);
    for (const p of pushes) expect(p.bytes).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(h.server.clients.get(core.clientId)!.applied).toEqual(made);
    expect(core.status()).toMatchObject({ state: 'online', pending: 0, conflicts: 0, stuck: null });
  });

  it('sends a change the server refuses for good on its own, puts it in the conflicts with the reason, and sends the rest', async () => {
    const { h, core, orderIds } = online();
    await until(settled(core));
    core.setWorkOffline(true);
    const [before] = notes(core, orderIds, 1, 'before');
    const [poison] = notes(core, orderIds, 1, 'poison');
    const after = notes(core, orderIds, 3, 'after');
    h.server.refuse = (request, payload) =>
      request === 'push' && JSON.stringify(payload).includes('"poison"')
        ? { code: 'bad_request', message: 'push: mutations.0.args: unreadable' }
        : null;
    core.setWorkOffline(false);
    await until(settled(core));
    const server = h.server.clients.get(core.clientId)!;
    expect(server.applied).toEqual([before, ...after]);
    expect(server.rejections).toEqual([expect.objectContaining({ mutationId: poison, code: 'bad_args' })]);
    expect(core.conflicts()).toEqual([
      expect.objectContaining({
        mutationId: poison,
        message: expect.stringMatching(/cannot read this change.*unreadable/),
        // As data too, for the conflicts panel to word in the console's language, after the server's echo as well.
        say: [{ id: 'serverCannotRead', args: {} }],
      }),
    ]);
    expect(core.status()).toMatchObject({ pending: 0, conflicts: 1, stuck: null });
  });

  it('withdraws a change too large for any push without sending it, and the changes after it go on', async () => {
    const { h, core, orderIds } = online();
    await until(settled(core));
    core.setWorkOffline(true);
    const [before] = notes(core, orderIds, 1, 'before');
    // An outbox carried over from a console that took changes of any size.
    const huge = core.cache.maxOutboxId() + 1;
    core.cache.appendOutbox(huge, 'addNote', { orderId: orderIds[0], text: '修'.repeat(400_000) }, h.now);
    const after = notes(core, orderIds, 2, 'after');
    core.setWorkOffline(false);
    await until(settled(core));
    for (const p of h.server.pushes) expect(p.bytes).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const server = h.server.clients.get(core.clientId)!;
    expect(server.applied).toEqual([before, ...after]);
    expect(server.rejections).toEqual([
      expect.objectContaining({
        mutationId: huge,
        code: 'too_large',
        say: [expect.objectContaining({ id: 'changeTooLarge' })],
      }),
    ]);
    expect(core.conflicts()).toEqual([
      expect.objectContaining({
        mutationId: huge,
        code: 'too_large',
        message: expect.stringMatching(/too large to send: 1,201 kB/),
        say: [{ id: 'changeTooLarge', args: { size: '1,201 kB', max: expect.stringMatching(/ kB$/) } }],
      }),
    ]);
  });
});

describe('sync client while pushes fail', () => {
  it('keeps pulling, says what is stuck and since when, and drains once the server takes the push again', async () => {
    const { h, core, orderIds } = online();
    const other = h.console({ ...PRINCIPALS.dispatcher, id: 'u-disp-2', name: 'Dispatcher 2' }).core;
    other.start();
    await until(() => settled(core)() && settled(other)());
    h.server.refuse = (request, payload) =>
      request === 'push' && JSON.stringify(payload).includes('"held"')
        ? { code: 'unavailable', message: 'the store is busy' }
        : null;
    const stuckAt = h.now;
    const [held] = notes(core, orderIds, 1, 'held');
    await until(() => h.server.pushes.some((p) => p.ids.includes(held!)));

    // Someone else's change still arrives while this console's own work waits.
    const order = other.order(orderIds[1]!)!;
    other.mutate('addNote', { orderId: order.id, text: 'from the other desk' });
    await until(() => settled(other)());
    await until(
      () => core.orderEvents(order.id).some((e) => !e.pending && JSON.stringify(e.data).includes('other desk')),
      HANG_MS,
      "the other console's note",
    );

    await until(() => core.status().stuck !== null);
    h.now += 60_000;
    expect(core.status()).toMatchObject({
      pending: 1,
      stuck: {
        what: 'sending',
        since: stuckAt,
        change: expect.objectContaining({ key: 'addNote' }),
        message: expect.stringMatching(/store is busy/),
      },
    });

    h.server.refuse = null;
    await until(settled(core));
    expect(h.server.clients.get(core.clientId)!.applied).toContain(held);
    expect(core.status().stuck).toBeNull();
  });

  it('names a move of time only that is stuck by its new time, as the undo menu does, not as a reassignment', async () => {
    const { h, core } = online();
    await until(settled(core));
    const order = [...core.state.orders.values()].find(
      (o) => o.status === 'new' && o.excludedEngineerIds.length === 0,
    )!;
    const engineer = h.city.engineers[0]!;
    const base = () => ({ version: core.order(order.id)!.version, rev: core.order(order.id)!.rev });
    const H = 3_600_000;
    core.mutate('assignOrder', { orderId: order.id, base: base(), engineerId: engineer.id, start: h.now + H });
    await until(settled(core));
    h.server.refuse = (request) => (request === 'push' ? { code: 'unavailable', message: 'the store is busy' } : null);
    core.mutate('moveBooking', { orderId: order.id, base: base(), engineerId: engineer.id, start: h.now + 2 * H });
    const retimed = { key: 'moveBookingTime', values: { order: order.code, start: h.now + 2 * H, from: h.now + H } };
    expect(core.history()).toMatchObject({ undoLabel: retimed });
    await until(() => core.status().stuck !== null);
    expect(core.status().stuck).toMatchObject({ what: 'sending', change: retimed });

    h.server.refuse = null;
    await until(settled(core));
    expect(core.status().stuck).toBeNull();
  });

  it('waits as told when a push is rate limited, without pulling in between', async () => {
    const { h, core, orderIds } = online();
    await until(settled(core));
    let pulls = 0;
    h.server.refuse = (request, payload) => {
      if (request === 'pull') pulls += 1;
      return request === 'push' && JSON.stringify(payload).includes('"held"')
        ? { code: 'rate_limited', message: 'try again in 60 s', details: { retryAfterMs: 60_000 } }
        : null;
    };
    const pullsBefore = pulls;
    notes(core, orderIds, 1, 'held');
    await until(() => /sync failed: try again in 60 s/.test(core.status().message ?? ''), HANG_MS, 'the refused round');
    expect(pulls).toBe(pullsBefore);
    expect(core.status()).toMatchObject({ pending: 1, stuck: { what: 'sending', message: 'try again in 60 s' } });
  });
});
