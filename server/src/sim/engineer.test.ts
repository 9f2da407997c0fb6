import { describe, expect, it } from 'vitest';
import type { Engineer, EngineerState, WorkOrder } from '../../../shared/domain/index.js';
import { haversineKm } from '../../../shared/geo/index.js';
import { Random, generateScenario } from '../../../shared/scenario/index.js';
import {
  FIELD_NOTES,
  FieldEngineer,
  revisitIds,
  type DeviceActions,
  type FieldBehaviour,
  type FieldStatus,
} from './engineer.js';
import { FieldWorld } from './world.js';

const MIN = 60_000;
const TZ = 'Asia/Shanghai';
const city = generateScenario({ seed: 4, engineers: 10, orders: 40 });
const day = city.meta.dayStart;
const at = (h: number, m = 0) => day + (h * 60 + m) * MIN;

type Call =
  | {
      kind: 'status';
      at: number;
      orderId: string;
      status: FieldStatus;
      revisit?: { id: string; code: string };
      note?: string;
    }
  | { kind: 'state'; at: number; state: EngineerState }
  | { kind: 'note'; at: number; orderId: string; text: string }
  | { kind: 'sick'; at: number; until: number };

/** One engineer on a known 08:00–17:00 shift, living in the city centre, and the jobs booked to them. */
function setup(
  jobs: Array<{ startH: number; km: number; durationMin?: number; status?: WorkOrder['status'] }>,
  behaviour?: Partial<FieldBehaviour>,
  /** The control centre's zone the engineer works for (the jobs stay on the Shanghai fixture's clock). */
  centreZone = TZ,
) {
  const base = city.engineers[0]!;
  const engineer: Engineer = {
    ...base,
    homeBase: { lat: 31.23, lon: 121.47 },
    lastPosition: { lat: 31.23, lon: 121.47, heading: 0, speed: 0, at: at(6) },
    shifts: [{ start: at(8), end: at(17), breaks: [] }],
    absences: [],
    state: 'off',
  };
  const world = new FieldWorld();
  world.apply('reset', [{ entity: 'engineer', value: engineer }]);
  const orders = jobs.map((j, i) => {
    const template = city.orders[i]!;
    const durationMin = j.durationMin ?? 60;
    const order: WorkOrder = {
      ...template,
      id: `wo-t${i + 1}`,
      code: `WO-T${i + 1}`,
      site: { ...template.site, lat: 31.23 + j.km / 110.574, lon: 121.47 },
      durationMin,
      status: j.status ?? 'scheduled',
      booking: { engineerId: engineer.id, start: at(j.startH), end: at(j.startH) + durationMin * MIN, pinned: false },
      version: 2,
    };
    world.putOrder(order);
    return order;
  });
  const calls: Call[] = [];
  const refusals: Array<{ orderId: string; status: FieldStatus; settled: (applied: boolean, reason: string) => void }> =
    [];
  let clock = 0;
  let refuseNext: FieldStatus | null = null;
  const actions: DeviceActions = {
    setOrderStatus(args, settled) {
      calls.push({ kind: 'status', at: clock, ...args });
      if (refuseNext === args.status) {
        refuseNext = null;
        refusals.push({ orderId: args.orderId, status: args.status, settled });
        settled(false, 'WO-T1 is not booked to this device’s engineer');
      } else settled(true, '');
    },
    setEngineerState: (state) => calls.push({ kind: 'state', at: clock, state }),
    addNote: (orderId, text) => calls.push({ kind: 'note', at: clock, orderId, text }),
    reportSick: (until) => calls.push({ kind: 'sick', at: clock, until }),
  };
  const field = new FieldEngineer(engineer.id, world, new Random(12), actions, centreZone, {
    revisitShare: 0,
    holdShare: 0,
    noteShare: 0,
    ...behaviour,
  });
  const run = (fromMs: number, toMs: number, stepMs = 30_000) => {
    for (clock = fromMs; clock <= toMs; clock += stepMs) field.tick(clock, stepMs);
  };
  return {
    engineer,
    world,
    orders,
    calls,
    field,
    run,
    refuse: (s: FieldStatus) => (refuseNext = s),
    statuses: () => calls.filter((c): c is Extract<Call, { kind: 'status' }> => c.kind === 'status'),
    states: () => calls.filter((c): c is Extract<Call, { kind: 'state' }> => c.kind === 'state'),
  };
}

describe('an engineer’s day in the field', () => {
  it('starts the shift, works the booked jobs in order on time, and drives home after the shift', () => {
    const t = setup([
      { startH: 9, km: 4, durationMin: 60 },
      { startH: 13, km: 6, durationMin: 90 },
    ]);
    t.field.resume(at(7, 30));
    t.run(at(7, 30), at(7, 59));
    expect(t.calls).toEqual([]);
    expect(t.field.position(Date.now())).toBeNull(); // the device is off before the shift
    t.run(at(8), at(18));

    expect(t.states()[0]).toEqual({ kind: 'state', at: at(8), state: 'available' });
    const s = t.statuses();
    expect(s.map((c) => `${c.orderId} ${c.status}`)).toEqual([
      'wo-t1 en_route',
      'wo-t1 on_site',
      'wo-t1 completed',
      'wo-t2 en_route',
      'wo-t2 on_site',
      'wo-t2 completed',
    ]);
    const [leave1, arrive1, done1, leave2, arrive2] = s.map((c) => c.at) as number[];
    // Sets off in time for 09:00 (a 4 km drive at city speed, plus a margin), not long before.
    expect(leave1).toBeGreaterThanOrEqual(at(8, 20));
    expect(leave1).toBeLessThanOrEqual(at(8, 55));
    // The drive takes what 4–6 km through streets takes at 13–45 km/h.
    expect(arrive1! - leave1!).toBeGreaterThanOrEqual(((4 * 1.0) / 45) * 60 * MIN);
    expect(arrive1! - leave1!).toBeLessThanOrEqual(((4 * 1.45) / 12) * 60 * MIN);
    // Work takes about the estimate.
    expect(done1! - arrive1!).toBeGreaterThanOrEqual(0.4 * 60 * MIN);
    expect(done1! - arrive1!).toBeLessThanOrEqual(2.5 * 60 * MIN);
    expect(leave2).toBeGreaterThan(done1!);
    expect(arrive2).toBeLessThanOrEqual(at(13, 30));
    // After 17:00 the van goes home and the device reports off there.
    const off = t.states().at(-1)!;
    expect(off.state).toBe('off');
    expect(off.at).toBeGreaterThanOrEqual(at(17));
    expect(haversineKm(t.field.pos, t.engineer.homeBase)).toBeLessThan(0.31);
    expect(t.field.position(Date.now())).toBeNull();
    expect(t.field.counts).toMatchObject({ departures: 2, arrivals: 2, completions: 2, abandoned: 0 });
  });

  it('reports positions along the drive, moving toward the site and facing the way it goes', () => {
    const t = setup([{ startH: 9, km: 5 }]);
    t.field.resume(at(8));
    const trail: Array<{ lat: number; speed: number; heading: number }> = [];
    for (let clock = at(8); clock <= at(9, 30); clock += 30_000) {
      t.field.tick(clock, 30_000);
      const p = t.field.position(1_000_000 + clock / 1000);
      if (p && t.field.moving) trail.push(p);
    }
    expect(trail.length).toBeGreaterThan(5);
    expect(trail.at(-1)!.lat).toBeGreaterThan(trail[0]!.lat); // the site is north of home
    expect(trail.every((p) => p.speed > 0 && p.speed < 20)).toBe(true);
    expect(trail.some((p) => Math.abs(p.heading) < 1 || Math.abs(p.heading - 360) < 1)).toBe(true);
  });

  it('asks for a revisit on completion when the job needs one, with ids derived from the order', () => {
    const t = setup([{ startH: 9, km: 2 }], { revisitShare: 1 });
    t.field.resume(at(8));
    t.run(at(8), at(12));
    const done = t.statuses().find((c) => c.status === 'completed')!;
    expect(done.revisit).toEqual({ id: 'wo-t1-rv', code: 'WO-T1-R' });
    expect(done.note).toMatch(/再次上门/);
    expect(t.field.counts.revisits).toBe(1);
    expect(revisitIds({ id: 'x'.repeat(64), code: 'C'.repeat(40) })).toEqual({
      id: `rv-${'x'.repeat(58)}`,
      code: `R-${'C'.repeat(38)}`,
    });
  });

  it('puts a job on hold on site, with the reason, when it cannot be finished', () => {
    const t = setup([{ startH: 9, km: 2 }], { holdShare: 1 });
    t.field.resume(at(8));
    t.run(at(8), at(12));
    const hold = t.statuses().at(-1)!;
    expect(hold).toMatchObject({ orderId: 'wo-t1', status: 'on_hold', note: expect.stringMatching(/等待/) });
  });

  it('turns back when the control centre cancels the job on the way, and goes on to the next', () => {
    const t = setup([
      { startH: 9, km: 8 },
      { startH: 10, km: 2 },
    ]);
    t.field.resume(at(8));
    t.run(at(8), at(8, 40));
    expect(t.statuses().map((c) => c.status)).toEqual(['en_route']);
    expect(t.field.moving).toBe(true);
    t.world.putOrder({ ...t.orders[0]!, status: 'cancelled', booking: null, version: 3 });
    t.run(at(8, 41), at(12));
    const s = t.statuses().map((c) => `${c.orderId} ${c.status}`);
    expect(s).not.toContain('wo-t1 on_site');
    expect(s).toContain('wo-t2 completed');
    expect(t.states().map((c) => c.state)).toContain('available');
    expect(t.field.counts.abandoned).toBe(1);
  });

  it('gives up a job the server refused and tries it again only once the order has changed', () => {
    const t = setup([{ startH: 9, km: 3 }]);
    t.field.resume(at(8));
    t.refuse('en_route');
    t.run(at(8), at(9, 30));
    expect(t.statuses().map((c) => c.status)).toEqual(['en_route']);
    expect(t.field.moving).toBe(false);
    expect(t.field.counts.refused).toBe(1);
    // The dispatcher sends it again (a new version): the engineer sets off.
    t.world.putOrder({ ...t.orders[0]!, status: 'dispatched', version: 3 });
    t.run(at(9, 31), at(12));
    expect(t.statuses().map((c) => c.status)).toEqual(['en_route', 'en_route', 'on_site', 'completed']);
  });

  it('drives back to base to wait when the next job is hours away, without telling the server anything', () => {
    const t = setup([{ startH: 15, km: 3 }]);
    t.field.pos = { lat: 31.3, lon: 121.55 }; // left somewhere across town
    t.field.resume(at(9));
    t.run(at(9), at(11));
    expect(t.statuses()).toEqual([]);
    expect(haversineKm(t.field.pos, t.engineer.homeBase)).toBeLessThan(0.31);
    expect(t.states().map((c) => c.state)).toEqual(['available']);
  });

  it('writes notes of the same kinds in each language, none of them about a signature (the report tells that)', () => {
    const { en, zh } = FIELD_NOTES;
    for (const kind of ['completion', 'revisit', 'hold'] as const) expect(zh[kind].length).toBe(en[kind].length);
    const all = [en, zh].flatMap((n) => [...n.completion, ...n.revisit, ...n.hold, n.sick]);
    expect(all.filter((text) => /sign|签/i.test(text))).toEqual([]);
  });

  it('tells the control centre when it will be late', () => {
    const t = setup([{ startH: 8, km: 12 }]);
    t.field.resume(at(8));
    t.run(at(8), at(8, 5));
    const note = t.calls.find((c) => c.kind === 'note');
    // In the centre's language: Chinese in Shanghai, English in London.
    expect(note).toMatchObject({ orderId: 'wo-t1', text: expect.stringMatching(/^预计晚到约 \d+ 分钟。$/) });
    const london = setup([{ startH: 8, km: 12 }], {}, 'Europe/London');
    london.field.resume(at(8));
    london.run(at(8), at(8, 5));
    expect(london.calls.find((c) => c.kind === 'note')).toMatchObject({
      text: expect.stringMatching(/^Running about \d+ minutes late\.$/),
    });
  });

  it('picks up mid-job after a restart: on site keeps working, en route keeps driving', () => {
    const onSite = setup([{ startH: 9, km: 2, status: 'on_site' }]);
    onSite.world.apply('changes', [{ entity: 'engineer', value: { ...onSite.engineer, state: 'on_site' } }]);
    const fresh = new FieldEngineer(
      onSite.engineer.id,
      onSite.world,
      new Random(1),
      {
        setOrderStatus: (a, settled) => (onSite.calls.push({ kind: 'status', at: 0, ...a }), settled(true, '')),
        setEngineerState: (state) => onSite.calls.push({ kind: 'state', at: 0, state }),
        addNote: () => {},
      },
      TZ,
      { revisitShare: 0, holdShare: 0, noteShare: 0 },
    );
    fresh.resume(at(9, 30));
    for (let c = at(9, 30); c < at(11); c += 30_000) fresh.tick(c, 30_000);
    expect(onSite.statuses().map((c) => c.status)).toEqual(['completed']);

    const enRoute = setup([{ startH: 9, km: 2, status: 'en_route' }]);
    enRoute.field.resume(at(8, 50));
    expect(enRoute.field.moving).toBe(true);
    enRoute.run(at(8, 50), at(11));
    expect(enRoute.statuses().map((c) => c.status)).toEqual(['on_site', 'completed']);
  });

  it('after a restart on site, reports the time on site from the recorded arrival, or from halfway without one', () => {
    const resumed = (arrivedAt: number | null) => {
      const t = setup([{ startH: 9, km: 2, status: 'on_site', durationMin: 60 }]);
      t.world.apply('changes', [{ entity: 'engineer', value: { ...t.engineer, state: 'on_site' } }]);
      if (arrivedAt !== null)
        t.world.apply('changes', [
          {
            entity: 'event',
            value: {
              id: 'dev-1:4:0',
              orderId: 'wo-t1',
              kind: 'status_changed',
              at: arrivedAt,
              actor: { kind: 'device', id: t.engineer.id, name: t.engineer.name },
              clientId: 'dev-1',
              mutationId: 4,
              data: { from: 'en_route', to: 'on_site' },
            },
          },
        ]);
      const done: Array<{ at: number; onSiteMin: number }> = [];
      let clock = 0;
      const field = new FieldEngineer(
        t.engineer.id,
        t.world,
        new Random(1),
        {
          setOrderStatus: (_, settled) => settled(true, ''),
          setEngineerState: () => {},
          addNote: () => {},
          submitServiceReport: (_, report) => done.push({ at: clock, onSiteMin: report.timeOnSiteMin }),
        },
        TZ,
        { revisitShare: 0, holdShare: 0, noteShare: 0 },
      );
      field.resume(at(9, 30));
      for (clock = at(9, 30); clock < at(11); clock += 30_000) field.tick(clock, 30_000);
      return done;
    };
    // Arrived at 09:05 and restarted at 09:30: the hour-long job ends at 10:05, an hour on site.
    expect(resumed(at(9, 5))).toEqual([{ at: at(10, 5), onSiteMin: 60 }]);
    // Arrived at 07:45, an overrun already: it ends at once, with the whole time since the arrival on site.
    expect(resumed(at(7, 45))).toEqual([{ at: at(9, 30), onSiteMin: 105 }]);
    // No arrival in the view: taken as halfway through, so half an hour more and an hour on site, not half of it.
    expect(resumed(null)).toEqual([{ at: at(10), onSiteMin: 60 }]);
    // An arrival longer ago than any job runs (a simulated day started at another hour than the real clock's): the same.
    expect(resumed(at(3))).toEqual([{ at: at(10), onSiteMin: 60 }]);
  });

  it('stays off on a day without a shift even with work booked', () => {
    const t = setup([{ startH: 9, km: 2 }]);
    t.world.apply('changes', [{ entity: 'engineer', value: { ...t.engineer, shifts: [] } }]);
    t.field.resume(at(8));
    t.run(at(8), at(18));
    expect(t.calls).toEqual([]);
  });

  it('falls ill on some shifts: leaves the job on hold, phones in sick until the shift ends, and goes home', () => {
    const t = setup(
      [
        { startH: 9, km: 2, durationMin: 180 },
        { startH: 16, km: 3, durationMin: 60 },
      ],
      { sickShare: 1 },
    );
    t.field.resume(at(7, 30));
    t.run(at(7, 30), at(17, 30));
    const sick = t.calls.find((c) => c.kind === 'sick')!;
    // Illness strikes between a sixth and three quarters into what is left of the shift, reported until its end.
    expect(sick).toMatchObject({ until: at(17) });
    expect(sick.at).toBeGreaterThan(at(9));
    expect(sick.at).toBeLessThan(at(15));
    expect(t.field.counts.sick).toBe(1);
    const before = t.statuses().filter((c) => c.at < sick.at);
    const after = t.statuses().filter((c) => c.at >= sick.at);
    // A job on site is put on hold, never finished; nothing else is started; the device says off at once.
    if (before.at(-1)?.status === 'on_site') expect(after.map((c) => c.status)).toEqual(['on_hold']);
    else expect(after).toEqual([]);
    expect(t.statuses().some((c) => c.orderId === 'wo-t2')).toBe(false);
    expect(t.states().find((c) => c.at >= sick.at)?.state).toBe('off');
  });
});
