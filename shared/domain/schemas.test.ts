import { describe, expect, it } from 'vitest';
import {
  Engineer,
  WorkOrder,
  defaultSlaPolicy,
  followUpOrder,
  SlaPolicy,
  slaFor,
  skillLevel,
  positionAgeMs,
} from './index.js';

const T0 = Date.UTC(2026, 10, 23, 0, 0); // 08:00 in Shanghai
const H = 3_600_000;

function engineer(): Engineer {
  return {
    id: 'eng-001',
    name: 'Wang Lei',
    team: 'team-pudong',
    skills: [
      { skill: 'hvac', level: 4 },
      { skill: 'electrical', level: 2 },
    ],
    homeBase: { lat: 31.22, lon: 121.54 },
    shifts: [{ start: T0, end: T0 + 9 * H, breaks: [{ start: T0 + 4 * H, end: T0 + 5 * H }] }],
    absences: [],
    vanStock: { 'part-filter': 4 },
    maxJobs: 8,
    state: 'available',
    lastPosition: { lat: 31.2, lon: 121.5, heading: 90, speed: 8, at: T0 },
    version: 0,
    rev: 'seed',
  };
}

function order(): WorkOrder {
  const policy = defaultSlaPolicy();
  return {
    id: 'wo-1',
    code: 'WO-1123-0001',
    customer: { id: 'cus-1', name: 'Lujiazui Tower Management', tier: 'gold', phone: '+86 21 5555 0101' },
    site: { address: '100 Century Avenue, Pudong', lat: 31.234, lon: 121.507 },
    type: 'repair',
    priority: 'P2',
    summary: 'Chiller fault on floor 12',
    requiredSkills: [{ skill: 'hvac', level: 3 }],
    requiredParts: [{ part: 'part-filter', qty: 1 }],
    durationMin: 90,
    window: { start: T0 + 2 * H, end: T0 + 4 * H },
    sla: slaFor(policy, 'P2', 'gold', T0),
    status: 'scheduled',
    booking: { engineerId: 'eng-001', start: T0 + 2 * H, end: T0 + 2 * H + 90 * 60_000, pinned: false },
    preferredEngineerIds: [],
    excludedEngineerIds: [],
    firstTimeFix: null,
    parentOrderId: null,
    createdAt: T0,
    updatedAt: T0,
    version: 3,
    rev: 'client-a:12',
  };
}

describe('domain schemas', () => {
  it('accept a realistic engineer and order', () => {
    expect(Engineer.parse(engineer())).toEqual(engineer());
    expect(WorkOrder.parse(order())).toEqual(order());
  });

  it('reject a skill level outside 1 to 5', () => {
    const e = engineer();
    e.skills[0] = { skill: 'hvac', level: 6 };
    const result = Engineer.safeParse(e);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['skills', 0, 'level']);
  });

  it("take an engineer's phone when one is on file, checked as a customer's is", () => {
    expect(Engineer.parse({ ...engineer(), phone: '+86 21 7001 1234' }).phone).toBe('+86 21 7001 1234');
    expect(Engineer.parse(engineer()).phone).toBeUndefined();
    expect(Engineer.safeParse({ ...engineer(), phone: 'call me' }).error?.issues[0]?.message).toBe(
      'a phone number uses digits, spaces, + ( ) - only',
    );
  });

  it('reject a break outside its shift', () => {
    const e = engineer();
    e.shifts[0]!.breaks = [{ start: T0 + 10 * H, end: T0 + 11 * H }];
    expect(Engineer.safeParse(e).error?.issues[0]?.message).toBe('breaks must lie inside their shift');
  });

  it('require a booking exactly when the status implies one', () => {
    const noBooking = { ...order(), booking: null };
    expect(WorkOrder.safeParse(noBooking).error?.issues[0]?.message).toBe('a scheduled order needs a booking');
    const newWithBooking = { ...order(), status: 'new' as const };
    expect(WorkOrder.safeParse(newWithBooking).error?.issues[0]?.message).toBe('a new order has no booking');
    const onHoldWithBooking = { ...order(), status: 'on_hold' as const };
    expect(WorkOrder.safeParse(onHoldWithBooking).success).toBe(true);
  });

  it('require a booking to last the estimated duration', () => {
    const o = order();
    o.booking = { ...o.booking!, end: o.booking!.start + 60 * 60_000 };
    expect(WorkOrder.safeParse(o).error?.issues[0]?.message).toBe('a booking lasts exactly the estimated duration');
  });

  it('reject ids with spaces and unknown priorities', () => {
    expect(WorkOrder.safeParse({ ...order(), id: 'wo 1' }).success).toBe(false);
    expect(WorkOrder.safeParse({ ...order(), priority: 'P0' }).success).toBe(false);
  });

  it('give the highest held skill level, 0 when missing', () => {
    expect(skillLevel(engineer(), 'hvac')).toBe(4);
    expect(skillLevel(engineer(), 'plumbing')).toBe(0);
  });

  it('age a position from the time it was reported', () => {
    expect(positionAgeMs(engineer(), T0 + 6 * 60_000)).toBe(6 * 60_000);
    expect(positionAgeMs({ lastPosition: null }, T0)).toBeNull();
  });
});

describe('SLA policy', () => {
  it('is valid by default and tighter for better tiers (P1 platinum: an engineer on the way within the hour)', () => {
    const policy = SlaPolicy.parse(defaultSlaPolicy());
    expect(policy.targets.P1.platinum.respondMin).toBe(60);
    expect(policy.targets.P1.bronze.respondMin).toBe(180);
    expect(policy.targets.P4.silver.resolveMin).toBe(120 * 60);
  });

  it('derives deadlines from creation time and the policy cell', () => {
    expect(slaFor(defaultSlaPolicy(), 'P2', 'gold', T0)).toEqual({ respondBy: T0 + 4.5 * H, resolveBy: T0 + 9 * H });
  });

  it('rejects a resolve target shorter than the respond target', () => {
    const policy = defaultSlaPolicy();
    policy.targets.P3.gold = { respondMin: 120, resolveMin: 60 };
    expect(SlaPolicy.safeParse(policy).success).toBe(false);
  });
});

describe('follow-up orders', () => {
  it('link a revisit to its parent and put it back in the queue', () => {
    const parent = { ...order(), status: 'completed' as const, firstTimeFix: false };
    const sla = slaFor(defaultSlaPolicy(), parent.priority, parent.customer.tier, T0 + 5 * H);
    const next = followUpOrder(parent, { id: 'wo-2', code: 'WO-1123-0002', rev: 'client-a:13' }, T0 + 5 * H, sla);
    expect(WorkOrder.parse(next)).toMatchObject({
      id: 'wo-2',
      parentOrderId: 'wo-1',
      status: 'new',
      booking: null,
      firstTimeFix: null,
      version: 0,
      summary: 'Revisit: Chiller fault on floor 12',
    });
  });
});
