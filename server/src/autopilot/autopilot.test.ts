import { describe, expect, it } from 'vitest';
import type { Engineer, WorkOrder } from '../../../shared/domain/index.js';
import { at, booked, engineer, order, place, TZ } from '../../../shared/dispatch/fixtures.testing.js';
import { FieldWorld } from '../sim/world.js';
import { Autopilot } from './autopilot.js';

/** A world of the fixture day, and the autopilot on it with what it sends and says kept. */
function autopilotOn(engineers: Engineer[], orders: WorkOrder[]) {
  const world = new FieldWorld();
  for (const e of engineers) world.engineers.set(e.id, e);
  for (const o of orders) world.putOrder(o);
  const sent: Array<{ name: string; args: Record<string, unknown> }> = [];
  const log: string[] = [];
  const autopilot = new Autopilot(world, (name, args) => sent.push({ name, args: args as Record<string, unknown> }), {
    timeZone: TZ,
    replanBudgetMs: 20,
    log: (line) => log.push(line),
  });
  /** The moves it sent for an order: in a plan, or alone. */
  const movesOf = (orderId: string) =>
    sent.flatMap((s) =>
      s.name === 'applyPlan'
        ? (s.args.moves as Array<{ orderId: string }>).filter((m) => m.orderId === orderId)
        : s.args.orderId === orderId
          ? [s.args]
          : [],
    );
  return { autopilot, sent, log, movesOf };
}

const marked = (o: WorkOrder): WorkOrder => ({ ...o, booking: { ...o.booking!, overridden: true } });

describe('the autopilot and bookings made against a rule on purpose', () => {
  // Li Wei works next to the emergency and is booked with routine work; Wang Fang is free but far away.
  const li = engineer('li', { name: 'Li Wei', homeBase: place(0, 0), maxJobs: 2 });
  const wang = engineer('wang', { name: 'Wang Fang', homeBase: place(14, 0) });
  const near = (id: string, hhmm: string, priority: WorkOrder['priority']) =>
    booked(order(id, { priority, durationMin: 100, site: { ...place(0.5, 0.5), address: 'Next door' } }), 'li', hhmm);

  it('inserts a P1 without bumping one (as a person’s console would ask to), and says it kept it', () => {
    const emergency = order('e1', {
      code: 'WO-000412',
      priority: 'P1',
      site: { ...place(0.3, 0), address: 'Hospital' },
      createdAt: at('07:55'),
    });
    const { autopilot, sent, log, movesOf } = autopilotOn(
      [li, wang],
      [marked(near('r1', '08:30', 'P4')), near('r2', '13:30', 'P4'), emergency],
    );
    autopilot.tick(at('08:00'));
    expect(sent.some((s) => s.name === 'applyPlan' && String(s.args.label).includes('P1 WO-000412'))).toBe(true);
    expect(movesOf('e1')).toHaveLength(1);
    expect(movesOf('r1')).toEqual([]);
    expect(log.filter((l) => l.includes('WO-r1 stays with Li Wei at 08:30'))).toHaveLength(1);
  });

  it('keeps one where it is at every re-plan, and says so once', () => {
    const { autopilot, sent, log, movesOf } = autopilotOn([li, wang], [marked(near('r1', '14:00', 'P4'))]);
    for (const hhmm of ['08:00', '09:00', '10:00']) autopilot.tick(at(hhmm));
    expect(autopilot.counts.replans).toBe(3);
    expect(sent).toEqual([]);
    expect(movesOf('r1')).toEqual([]);
    expect(log).toEqual([
      'autopilot: re-plan team-a: P4 WO-r1 stays with Li Wei at 14:00: it was booked there against a rule on purpose',
    ]);
  });

  it('sends one back to the queue when its engineer is off sick, and says it loses its override mark', () => {
    const sick = { ...li, absences: [{ start: at('09:00'), end: at('17:00'), reason: 'sick' }] };
    const { autopilot, log, movesOf } = autopilotOn([sick, wang], [marked(near('r1', '10:00', 'P4'))]);
    autopilot.tick(at('09:30'));
    expect(movesOf('r1')[0]).toMatchObject({ orderId: 'r1' });
    expect(autopilot.counts).toMatchObject({ released: 1, overridesReleased: 1 });
    expect(log).toContain(
      'autopilot: WO-r1 goes back to the queue: Li Wei is away (sick); it was booked there against a rule on purpose, ' +
        'and loses its override mark',
    );
  });
});
