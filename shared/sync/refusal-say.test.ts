import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MutationWorld, PRINCIPALS, devicePrincipal } from './mutation-world.testing.js';
import { validateWrites } from './run.js';
import type { Writes } from './tx.js';

const H = 3_600_000;

/** A refused outcome's refusal as data: what a console words in its own language. */
function sayOf(outcome: { ok: boolean; say?: unknown }): unknown {
  expect(outcome.ok).toBe(false);
  return outcome.ok ? undefined : outcome.say;
}

describe('every refusal carries its reason as data (say), not only English', () => {
  it('names the role and the action a role may not take', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const [e] = [...w.reader.engineers.values()];
    const r = w.run(
      'assignOrder',
      { orderId: order.id, base: w.base(order.id), engineerId: e!.id, start: w.now + H },
      PRINCIPALS.viewer,
    );
    expect(r).toMatchObject({ code: 'forbidden', message: 'a viewer may not assign an order' });
    expect(sayOf(r)).toEqual([{ id: 'roleMayNot', args: { role: 'viewer', mutation: 'assignOrder' } }]);
  });

  it('names a mutation that does not exist', () => {
    const r = new MutationWorld().run('teleportOrder', {});
    expect(sayOf(r)).toEqual([{ id: 'unknownMutation', args: { name: 'teleportOrder' } }]);
  });

  it("gives an args check's fields and what is wrong with each, the domain's rules by their reason", () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const [e] = [...w.reader.engineers.values()];
    const r = w.run('assignOrder', {
      orderId: order.id,
      base: w.base(order.id),
      engineerId: e!.id,
      start: w.now + H + 30_000,
    });
    expect(r).toMatchObject({ code: 'bad_args', message: 'args.start: a start time is a whole minute' });
    expect(sayOf(r)).toEqual([
      { id: 'fieldIssue', args: { field: 'args.start', why: [{ id: 'wholeMinute', args: {} }] } },
    ]);
    const many = w.run('addNote', { orderId: order.id, text: 7 });
    expect(sayOf(many)).toEqual([
      { id: 'fieldIssue', args: { field: 'args.text', why: [{ id: 'expectedType', args: { type: 'string' } }] } },
    ]);
  });

  it("refuses a dispatcher's status change that names no version with a reason", () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const r = w.run('setOrderStatus', { orderId: order.id, status: 'cancelled' });
    expect(r).toMatchObject({ code: 'bad_args', message: expect.stringMatching(/^args\.base: /) });
    expect(sayOf(r)).toEqual([{ id: 'baseMissing', args: {} }]);
  });

  it('refuses the three unbelievable SLA alerts with reasons', () => {
    const w = new MutationWorld();
    const order = w.find(() => true);
    const dueAt = Math.min(order.sla.respondBy, order.sla.resolveBy);
    w.now = dueAt - H;
    const base = { orderId: order.id, kind: 'escalated', deadline: 'respond', dueAt };
    const future = Date.UTC(2200, 0, 1);
    expect(sayOf(w.run('raiseSlaAlert', { ...base, detectedAt: future }))).toEqual([
      { id: 'slaAlertNotBelievable', args: { at: new Date(future).toISOString() } },
    ]);
    expect(sayOf(w.run('raiseSlaAlert', { ...base, detectedAt: w.now }))).toEqual([
      { id: 'respondNotDue', args: { order: order.code } },
    ]);
    expect(sayOf(w.run('raiseSlaAlert', { ...base, deadline: 'resolve', detectedAt: w.now }))).toEqual([
      { id: 'resolveNotDue', args: { order: order.code } },
    ]);
    const early = order.createdAt - 1;
    const logged = w.run('raiseSlaAlert', { ...base, dueAt: early, detectedAt: w.now });
    expect(logged).toMatchObject({
      message: `an SLA deadline of ${new Date(early).toISOString()} is before the order was logged`,
    });
    expect(sayOf(logged)).toEqual([{ id: 'slaDueBeforeLogged', args: { at: new Date(early).toISOString() } }]);
  });

  it('refuses a service report using more parts than the van holds with a reason', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new' && o.excludedEngineerIds.length === 0);
    const [a] = [...w.reader.engineers.values()];
    w.run('assignOrder', { orderId: order.id, base: w.base(order.id), engineerId: a!.id, start: w.now + H });
    const device = devicePrincipal(a!);
    for (const status of ['en_route', 'on_site']) w.run('setOrderStatus', { orderId: order.id, status }, device);
    const part = 'p-not-on-any-van';
    const r = w.run(
      'submitServiceReport',
      {
        orderId: order.id,
        report: { workDone: 'Done', partsUsed: [{ part, qty: 2 }], timeOnSiteMin: 30, signature: null, signedBy: 'Li' },
      },
      device,
    );
    expect(r).toMatchObject({
      code: 'invalid',
      message: `the van holds 0 of part ${part}, fewer than the 2 the report says were used`,
    });
    expect(sayOf(r)).toEqual([{ id: 'vanHoldsFewer', args: { have: 0, part, qty: 2 } }]);
  });

  it('says which record a change would leave invalid, and why, as data and in the same English as before', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'new');
    const writes: Writes = {
      orders: new Map([[order.id, { ...order, status: 'scheduled' as const }]]),
      engineers: new Map(),
      policy: null,
      events: [],
    };
    expect(validateWrites(writes)).toEqual({
      message: `order ${order.code} would be invalid: booking: a scheduled order needs a booking`,
      say: [
        {
          id: 'orderWouldBeInvalid',
          args: {
            name: order.code,
            why: [
              {
                id: 'fieldIssue',
                args: { field: 'booking', why: [{ id: 'statusNeedsBooking', args: { status: 'scheduled' } }] },
              },
            ],
          },
        },
      ],
    });
  });

  it("gives an engineer's id beside the name of one a change would leave invalid (namesakes read apart)", () => {
    const w = new MutationWorld();
    const [e] = [...w.reader.engineers.values()];
    const writes: Writes = {
      orders: new Map(),
      engineers: new Map([[e!.id, { ...e!, name: '', team: '' }]]),
      policy: null,
      events: [],
    };
    const say = validateWrites(writes)?.say;
    expect(say?.[0]).toMatchObject({ id: 'engineerWouldBeInvalid', args: { name: e!.id, engineer: e!.id } });
  });

  it('leaves no refusal in the mutators made without its reason as data', () => {
    // A mutator refuses through refused(code, id, args); the only direct uses pass a refusal's say on (a plan's move)
    // or repeat what a console already said in its own words (a withdrawn change).
    const dir = join(import.meta.dirname, 'mutations');
    const direct = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .filter((f) => readFileSync(join(dir, f), 'utf8').includes('new MutationRejected('));
    expect(direct.sort()).toEqual(['booking.ts', 'withdraw.ts']);
    expect(readFileSync(join(dir, 'booking.ts'), 'utf8')).toMatch(/new MutationRejected\([^)]*err\.say/);
  });
});
