import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import { generateScenario } from '../../../../shared/scenario/index.js';
import type { EngineerView, OrderView } from '../../services/index.js';
import { bookedMisses, nextDeadline, orderSla, slaState } from '../../../../shared/sla/index.js';
import { queueRows, teamOf, teamCentres, type QueueFilter } from './filter.js';

const city = generateScenario({ seed: 21, engineers: 30, orders: 300 });
const orders: OrderView[] = city.orders.map((o) => ({ ...o, pending: false }));
const engineers = new Map<string, EngineerView>(city.engineers.map((e) => [e.id, { ...e, pending: false }]));
const now = city.meta.dayStart + 11 * 3_600_000;
const policy = defaultSlaPolicy();
const all: QueueFilter = { tab: 'unassigned', team: null, skill: null, priority: null, sla: 'all', search: '' };

describe('queue', () => {
  it('lists unassigned orders, least slack first', () => {
    const rows = queueRows(orders, engineers, all, now, policy);
    expect(rows.length).toBe(orders.filter((o) => o.status === 'new').length);
    for (let i = 1; i < rows.length; i++)
      expect(nextDeadline(rows[i - 1]!, now, policy).at).toBeLessThanOrEqual(nextDeadline(rows[i]!, now, policy).at);
  });

  it('filters by priority, skill, SLA state and text', () => {
    const p1 = queueRows(orders, engineers, { ...all, priority: 'P1' }, now, policy);
    expect(p1.length).toBeGreaterThan(0);
    expect(p1.every((o) => o.priority === 'P1')).toBe(true);
    const hvac = queueRows(orders, engineers, { ...all, skill: 'hvac' }, now, policy);
    expect(hvac.every((o) => o.requiredSkills.some((s) => s.skill === 'hvac'))).toBe(true);
    const breached = queueRows(orders, engineers, { ...all, sla: 'breached' }, now, policy);
    expect(breached.every((o) => slaState(o, now, policy) === 'breached')).toBe(true);
    const one = orders.find((o) => o.status === 'new')!;
    expect(
      queueRows(orders, engineers, { ...all, search: one.code.toLowerCase() }, now, policy).map((o) => o.id),
    ).toEqual([one.id]);
  });

  it('shows at-risk work whether booked or not, and never closed work', () => {
    const risky = queueRows(orders, engineers, { ...all, tab: 'atRisk' }, now, policy);
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.every((o) => o.status !== 'completed' && o.status !== 'cancelled')).toBe(true);
    // In jeopardy, breached, or booked to miss a deadline: every open order that is, and no other.
    const open = orders.filter((o) => o.status !== 'completed' && o.status !== 'cancelled');
    const expected = open.filter(
      (o) => slaState(o, now, policy) !== 'ok' || bookedMisses(orderSla(o, now, policy), o.booking).length > 0,
    );
    expect(risky.map((o) => o.id).sort()).toEqual(expected.map((o) => o.id).sort());
  });

  it('lists a P1 knowingly booked late as at risk at once, while its clock still has more than the threshold left', () => {
    const base = orders.find((o) => o.status === 'new')!;
    const engineerId = city.engineers[0]!.id;
    const p1 = {
      ...base,
      priority: 'P1' as const,
      status: 'scheduled' as const,
      createdAt: now - 10 * 60_000,
      sla: { respondBy: now + 3 * 3_600_000, resolveBy: now + 5 * 3_600_000 },
      // Arrives 2 h 35 min after respond-by: its clock has 3 h left, far over the 30-minute threshold.
      booking: { engineerId, start: now + 335 * 60_000, end: now + 395 * 60_000, pinned: false },
    };
    expect(slaState(p1, now, policy)).toBe('ok');
    const risky = queueRows([p1], engineers, { ...all, tab: 'atRisk' }, now, policy);
    expect(risky.map((o) => o.id)).toEqual([p1.id]);
    // Booked on time, the same order is not at risk yet.
    const onTime = { ...p1, booking: { ...p1.booking, start: now + 60 * 60_000, end: now + 120 * 60_000 } };
    expect(queueRows([onTime], engineers, { ...all, tab: 'atRisk' }, now, policy)).toEqual([]);
  });

  it('files unbooked work under the nearest team, booked work under its engineer', () => {
    const centres = teamCentres(engineers.values());
    const booked = orders.find((o) => o.booking)!;
    expect(teamOf(booked, engineers, centres)).toBe(engineers.get(booked.booking!.engineerId)!.team);
    const team = city.engineers[0]!.team;
    const mine = queueRows(orders, engineers, { ...all, team }, now, policy);
    expect(mine.every((o) => teamOf(o, engineers, centres) === team)).toBe(true);
  });

  it('counts an order in jeopardy when its slack is under the threshold', () => {
    const o = {
      ...orders[0]!,
      status: 'new' as const,
      createdAt: now - 2 * 3_600_000,
      sla: { respondBy: now + 10 * 60_000, resolveBy: now + 5 * 3_600_000 },
    };
    expect(slaState(o, now, policy)).toBe('jeopardy');
    expect(slaState(o, now + 11 * 60_000, policy)).toBe('breached');
    expect(slaState(o, now - 60 * 60_000, policy)).toBe('ok');
  });

  it('pauses the clock for the time on hold, from the timeline core sends', () => {
    const o = {
      ...orders[0]!,
      status: 'new' as const,
      createdAt: now - 60 * 60_000,
      sla: { respondBy: now + 10 * 60_000, resolveBy: now + 5 * 3_600_000 },
    };
    // On hold for the last 40 minutes and released now: the respond deadline moves 40 minutes later.
    const timeline = {
      respondedAt: null,
      resolvedAt: null,
      cancelledAt: null,
      holds: [{ from: now - 40 * 60_000, to: now }],
    };
    expect(nextDeadline(o, now, policy, timeline)).toEqual({ kind: 'respond', at: now + 50 * 60_000 });
    expect(slaState(o, now, policy, timeline)).toBe('ok');
    expect(slaState(o, now + 21 * 60_000, policy, timeline)).toBe('jeopardy');
    // Without the hold the same order would be breached by now + 11 minutes; with it, it is not.
    const breached = { ...all, sla: 'breached' as const };
    expect(queueRows([o], engineers, breached, now + 11 * 60_000, policy)).toHaveLength(1);
    expect(queueRows([o], engineers, breached, now + 11 * 60_000, policy, new Map([[o.id, timeline]]))).toHaveLength(0);
  });
});
