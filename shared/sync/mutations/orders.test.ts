import { describe, expect, it } from 'vitest';
import { slaFor } from '../../domain/index.js';
import { MutationWorld, PRINCIPALS, devicePrincipal } from '../mutation-world.testing.js';

function newOrder(w: MutationWorld, id = 'wo-new-1', code = 'WO-N-0001') {
  const template = w.find(() => true);
  return {
    id,
    code,
    customer: template.customer,
    site: template.site,
    type: 'repair' as const,
    priority: 'P1' as const,
    summary: 'Lift stuck between floors',
    requiredSkills: [{ skill: 'elevator', level: 3 }],
    requiredParts: [],
    durationMin: 90,
    window: null,
  };
}

describe('createOrder', () => {
  it('creates a new order with SLA deadlines from the policy', () => {
    const w = new MutationWorld();
    const input = newOrder(w);
    const r = w.run('createOrder', { order: input });
    expect(r.ok).toBe(true);
    expect(w.order('wo-new-1')).toMatchObject({
      status: 'new',
      booking: null,
      createdAt: w.now,
      sla: slaFor(w.reader.currentPolicy, 'P1', input.customer.tier, w.now),
      preferredEngineerIds: [],
      parentOrderId: null,
      version: 1,
      rev: 'client-a:1',
    });
    expect(r.ok && r.writes.events[0]).toMatchObject({ kind: 'created', orderId: 'wo-new-1' });
  });

  it('books the call at once when asked, by the rules of any assignment; refused, nothing is stored', () => {
    const w = new MutationWorld();
    const e = [...w.reader.engineers.values()][0]!;
    const r = w.run('createOrder', { order: newOrder(w), booking: { engineerId: e.id, start: w.now + 3_600_000 } });
    expect(r.ok).toBe(true);
    expect(w.order('wo-new-1')).toMatchObject({ status: 'scheduled', booking: { engineerId: e.id }, version: 2 });
    expect(r.ok && r.writes.events.map((x) => x.kind)).toEqual(['created', 'assigned']);
    const nobody = w.run('createOrder', {
      order: newOrder(w, 'wo-new-2', 'WO-N-0002'),
      booking: { engineerId: 'no-such-engineer', start: w.now + 3_600_000 },
    });
    expect(nobody).toMatchObject({ ok: false });
    expect(w.reader.orders.has('wo-new-2')).toBe(false);
  });

  it('refuses duplicate ids and codes', () => {
    const w = new MutationWorld();
    w.run('createOrder', { order: newOrder(w) });
    expect(w.run('createOrder', { order: newOrder(w) })).toMatchObject({
      ok: false,
      code: 'exists',
      message: 'an order with id wo-new-1 already exists',
    });
    expect(w.run('createOrder', { order: newOrder(w, 'wo-new-2') })).toMatchObject({
      ok: false,
      code: 'exists',
      message: 'order code WO-N-0001 is already in use',
    });
  });

  it('names the bad field and writes nothing', () => {
    const w = new MutationWorld();
    const r = w.run('createOrder', { order: { ...newOrder(w), priority: 'urgent' } });
    expect(r).toMatchObject({ ok: false, code: 'bad_args' });
    expect(!r.ok && r.message).toMatch(/^args\.order\.priority: /);
    expect(w.reader.orders.has('wo-new-1')).toBe(false);
  });
});

describe('updateOrder', () => {
  it('recomputes the SLA when the priority changes and the booking when the duration changes', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'scheduled' && o.priority !== 'P2');
    expect(
      w.run('updateOrder', { orderId: order.id, base: w.base(order.id), patch: { priority: 'P2', durationMin: 120 } })
        .ok,
    ).toBe(true);
    const after = w.order(order.id);
    expect(after.sla).toEqual(slaFor(w.reader.currentPolicy, 'P2', order.customer.tier, order.createdAt));
    expect(after.booking!.end - after.booking!.start).toBe(120 * 60_000);
  });

  it('refuses an empty change', () => {
    const w = new MutationWorld();
    const order = w.find(() => true);
    expect(w.run('updateOrder', { orderId: order.id, base: w.base(order.id), patch: {} })).toMatchObject({
      ok: false,
      code: 'bad_args',
      message: 'args.patch: nothing to change',
    });
  });
});

describe('cancelOrder and addNote', () => {
  it('cancels with a reason, and not once the engineer is on site', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'scheduled');
    expect(w.run('cancelOrder', { orderId: order.id, base: w.base(order.id), reason: 'Customer fixed it' }).ok).toBe(
      true,
    );
    expect(w.order(order.id)).toMatchObject({ status: 'cancelled', booking: null });

    const other = w.find((o) => o.status === 'scheduled' && o.id !== order.id);
    w.run('setOrderStatus', { orderId: other.id, status: 'dispatched', base: w.base(other.id) });
    const device = devicePrincipal(w.engineer(other.booking!.engineerId));
    w.run('setOrderStatus', { orderId: other.id, status: 'en_route' }, device);
    w.run('setOrderStatus', { orderId: other.id, status: 'on_site' }, device);
    expect(w.run('cancelOrder', { orderId: other.id, base: w.base(other.id), reason: 'x' })).toMatchObject({
      ok: false,
      code: 'field_wins',
    });
  });

  it('appends notes without a version check; devices only on their own orders', () => {
    const w = new MutationWorld();
    const order = w.find((o) => o.status === 'scheduled');
    const before = w.order(order.id).version;
    const r = w.run('addNote', { orderId: order.id, text: 'Gate code 4411' });
    expect(r.ok && r.writes.events[0]).toMatchObject({ kind: 'note_added', data: { text: 'Gate code 4411' } });
    expect(w.order(order.id).version).toBe(before);
    const stranger = [...w.reader.engineers.values()].find((e) => e.id !== order.booking!.engineerId)!;
    expect(w.run('addNote', { orderId: order.id, text: 'hi' }, devicePrincipal(stranger))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(w.run('addNote', { orderId: order.id, text: 'hi' }, PRINCIPALS.viewer)).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('updateEngineer and updateSlaPolicy', () => {
  it('changes shifts with a version check', () => {
    const w = new MutationWorld();
    const e = [...w.reader.engineers.values()][0]!;
    const base = { version: e.version, rev: e.rev };
    expect(w.run('updateEngineer', { engineerId: e.id, base, patch: { maxJobs: 4 } }).ok).toBe(true);
    expect(w.engineer(e.id).maxJobs).toBe(4);
    expect(w.run('updateEngineer', { engineerId: e.id, base, patch: { maxJobs: 5 } })).toMatchObject({
      ok: false,
      code: 'stale',
      // The engineer's id beside the name: the console names a namesake apart by it.
      say: [{ id: 'staleEngineer', args: { name: e.name, engineer: e.id } }],
    });
    const dup = {
      engineerId: e.id,
      base: { version: e.version + 1, rev: 'client-a:1' },
      patch: {
        skills: [
          { skill: 'hvac', level: 2 },
          { skill: 'hvac', level: 3 },
        ],
      },
    };
    expect(w.run('updateEngineer', dup)).toMatchObject({
      ok: false,
      code: 'invalid',
      message: 'each skill may be listed once',
    });
  });

  it('lets only supervisors change the SLA policy', () => {
    const w = new MutationWorld();
    const p = w.reader.currentPolicy;
    const args = {
      base: { version: p.version, rev: p.rev },
      policy: { name: p.name, targets: p.targets, jeopardyMin: 45 },
    };
    expect(w.run('updateSlaPolicy', args)).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: 'a dispatcher may not change the SLA policy',
    });
    expect(w.run('updateSlaPolicy', args, PRINCIPALS.supervisor).ok).toBe(true);
    expect(w.reader.currentPolicy).toMatchObject({ jeopardyMin: 45, version: p.version + 1 });
  });
});

describe('raiseSlaAlert', () => {
  it('records each alert once however often it is raised', () => {
    const w = new MutationWorld();
    const order = w.find(() => true);
    const args = {
      orderId: order.id,
      kind: 'escalated',
      deadline: 'respond',
      dueAt: order.sla.respondBy,
      detectedAt: order.sla.respondBy + 60_000,
    };
    w.now = args.detectedAt;
    const first = w.run('raiseSlaAlert', args);
    expect(first.ok && first.writes.events).toEqual([
      expect.objectContaining({ id: `sla:${order.id}:escalated:respond`, kind: 'escalated' }),
    ]);
    const second = w.run('raiseSlaAlert', args, PRINCIPALS.dispatcher, 'client-b');
    expect(second.ok && second.writes.events).toEqual([]);
  });

  it('refuses an alert at a time nobody could have seen it, so it cannot stand in for the real one later', () => {
    const w = new MutationWorld();
    const order = w.find(() => true);
    const dueAt = Math.min(order.sla.respondBy, order.sla.resolveBy);
    w.now = dueAt - 3_600_000;
    const base = { orderId: order.id, kind: 'escalated', deadline: 'respond', dueAt };
    const future = w.run('raiseSlaAlert', { ...base, detectedAt: Date.UTC(2200, 0, 1) });
    expect(future).toMatchObject({ ok: false, code: 'invalid', message: expect.stringMatching(/not believable/) });
    const early = w.run('raiseSlaAlert', { ...base, detectedAt: w.now });
    expect(early).toMatchObject({ ok: false, code: 'invalid', message: expect.stringMatching(/not due yet/) });
    const beforeLogged = w.run('raiseSlaAlert', { ...base, dueAt: order.createdAt - 1, detectedAt: w.now });
    expect(beforeLogged).toMatchObject({ ok: false, code: 'invalid' });
    // When the deadline truly passes, the alert is recorded.
    w.now = dueAt + 60_000;
    const real = w.run('raiseSlaAlert', { ...base, detectedAt: w.now });
    expect(real.ok && real.writes.events).toEqual([
      expect.objectContaining({ id: `sla:${order.id}:escalated:respond`, at: w.now }),
    ]);
  });
});
