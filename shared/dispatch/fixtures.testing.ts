/** Small hand-made days for the engine's tests: Shanghai, Monday 2 March 2026, times written as local "HH:MM". */
import type { Engineer, GeoPoint, WorkOrder } from '../domain/index.js';
import { epochAtLocal } from '../time/zoned.js';
import { defaultDispatchPolicy, type DispatchPolicy } from './policy.js';
import { buildDispatchState, type DispatchState } from './state.js';

export const TZ = 'Asia/Shanghai';
export const DATE = '2026-03-02';
export const DAY_START = epochAtLocal(DATE, 0, TZ);
export const DAY = 24 * 3_600_000;
export const DAY_END = DAY_START + DAY;

/** The instant of a local time on the fixture day ("08:30"; "+1 08:30" for the next day). */
export function at(hhmm: string): number {
  const m = /^(?:\+(\d) )?(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`bad time ${hhmm}`);
  return DAY_START + (Number(m[1] ?? 0) * 1440 + Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** People's Square; other places are given as km east and north of it. */
export const CENTRE: GeoPoint = { lat: 31.2304, lon: 121.4737 };
export function place(eastKm: number, northKm: number): GeoPoint {
  return {
    lat: CENTRE.lat + northKm / 111.2,
    lon: CENTRE.lon + eastKm / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180)),
  };
}

export function engineer(id: string, overrides: Partial<Engineer> = {}): Engineer {
  return {
    id,
    name: `Engineer ${id}`,
    team: 'team-a',
    skills: [{ skill: 'hvac', level: 3 }],
    homeBase: CENTRE,
    shifts: [{ start: at('08:00'), end: at('17:00'), breaks: [{ start: at('12:00'), end: at('13:00') }] }],
    absences: [],
    vanStock: { 'p-filter': 4 },
    maxJobs: null,
    state: 'off',
    lastPosition: null,
    version: 1,
    rev: 'seed',
    ...overrides,
  };
}

let serial = 0;
export function order(id: string, overrides: Partial<WorkOrder> = {}): WorkOrder {
  serial += 1;
  return {
    id,
    code: `WO-${id}`,
    customer: { id: `c-${id}`, name: `Customer ${id}`, tier: 'silver', phone: '+86 21 5555 0000' },
    site: { ...place(3, 0), address: `${serial} Nanjing Road` },
    type: 'repair',
    priority: 'P3',
    summary: 'Air conditioning not cooling',
    requiredSkills: [{ skill: 'hvac', level: 2 }],
    requiredParts: [],
    durationMin: 60,
    window: null,
    sla: { respondBy: at('+1 08:00'), resolveBy: at('+1 20:00') },
    status: 'new',
    booking: null,
    preferredEngineerIds: [],
    excludedEngineerIds: [],
    firstTimeFix: null,
    parentOrderId: null,
    createdAt: at('07:00') - 86_400_000,
    updatedAt: at('07:00') - 86_400_000,
    version: 1,
    rev: 'seed',
    ...overrides,
  };
}

/** The order booked to an engineer at a local time (scheduled unless another status is given). */
export function booked(
  o: WorkOrder,
  engineerId: string,
  hhmm: string,
  opts: { pinned?: boolean; status?: WorkOrder['status'] } = {},
): WorkOrder {
  const start = at(hhmm);
  return {
    ...o,
    status: opts.status ?? 'scheduled',
    booking: { engineerId, start, end: start + o.durationMin * 60_000, pinned: opts.pinned ?? false },
  };
}

/** A state of the fixture day at a local time, default policy unless changed. */
export function dayAt(
  now: string,
  engineers: Engineer[],
  orders: WorkOrder[],
  policy: Partial<DispatchPolicy> = {},
): DispatchState {
  return buildDispatchState({
    now: at(now),
    day: { start: DAY_START, end: DAY_END },
    timeZone: TZ,
    engineers,
    orders,
    policy: { ...defaultDispatchPolicy(), ...policy },
    skills: [
      { id: 'hvac', name: 'HVAC' },
      { id: 'electrical', name: 'Electrical' },
    ],
    parts: [{ id: 'p-filter', name: 'Air filter F7' }],
  });
}

/** Engineers a and b (7 km apart), 08:00–17:00 with lunch at noon on the fixture day and the next. */
export function twoDayCrew(): Engineer[] {
  const shift = (k: number) => ({
    start: at('08:00') + k * DAY,
    end: at('17:00') + k * DAY,
    breaks: [{ start: at('12:00') + k * DAY, end: at('13:00') + k * DAY }],
  });
  return [
    engineer('a', { shifts: [shift(0), shift(1)] }),
    engineer('b', { shifts: [shift(0), shift(1)], homeBase: place(5, 5) }),
  ];
}

/** A P1 whose SLA ran out on the fixture day's morning (respond by 10:00, resolve by 12:00). */
export function breachedP1(): WorkOrder {
  return order('p1', {
    priority: 'P1',
    sla: { respondBy: at('10:00'), resolveBy: at('12:00') },
    site: { ...place(2, 2), address: '1 Fuzhou Road' },
  });
}

/** The day after the fixture day, planned at 17:30 on the fixture day, default policy. */
export function nextDayAt1730(engineers: Engineer[], orders: WorkOrder[]): DispatchState {
  return buildDispatchState({
    now: at('17:30'),
    day: { start: DAY_START + DAY, end: DAY_END + DAY },
    timeZone: TZ,
    engineers,
    orders,
    policy: defaultDispatchPolicy(),
  });
}
