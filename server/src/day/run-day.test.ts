import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../../shared/scenario/index.js';
import { runDay, type DayOptions } from './run-day.js';

const H = 3_600_000;
// Each test simulates two to three hours of a centre with the engine searching (a few seconds on a quiet machine, many
// times that beside other builds): the timeouts below only catch a hang.
const HANG = 300_000;
const city = generateScenario({ seed: 5, engineers: 20 });
const morning = (o: Partial<DayOptions>): DayOptions => ({
  city,
  policy: 'engine',
  seed: 3,
  from: city.meta.dayStart + 7 * H,
  to: city.meta.dayStart + 10 * H,
  autopilot: { replanBudgetMs: 30 },
  ...o,
});

describe('a simulated day', () => {
  it(
    'replays exactly from the same seed: the same KPIs and the same audit trail',
    () => {
      const a = runDay(morning({}));
      const b = runDay(morning({}));
      expect(a.kpis.completed).toBeGreaterThan(0);
      expect(b.kpis).toEqual(a.kpis);
      expect(b.centre.events).toEqual(a.centre.events);
      expect(b.field).toEqual(a.field);
    },
    HANG,
  );

  it(
    'plays another day from another seed of the field',
    () => {
      const a = runDay(morning({ policy: 'greedy' }));
      const b = runDay(morning({ policy: 'greedy', seed: 4 }));
      expect(b.centre.events).not.toEqual(a.centre.events);
    },
    HANG,
  );

  it(
    'books through the dispatcher of the policy: nobody, a person, or the autopilot under its own name',
    () => {
      const bookers = (policy: DayOptions['policy']) =>
        new Set(
          runDay(morning({ policy }))
            .centre.events.filter((e) => e.kind === 'assigned' && e.clientId !== null)
            .map((e) => e.actor.id),
        );
      expect(bookers('none')).toEqual(new Set());
      expect(bookers('greedy')).toEqual(new Set(['dispatcher-greedy']));
      expect(bookers('engine')).toEqual(new Set(['autopilot']));
    },
    HANG,
  );
});
