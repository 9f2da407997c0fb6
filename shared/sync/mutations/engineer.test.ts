import { describe, expect, it } from 'vitest';
import { MutationWorld, PRINCIPALS } from '../mutation-world.testing.js';

const newEngineer = {
  id: 'eng-imp-1',
  name: 'Wang Lei',
  team: 'team-pudong-1',
  skills: [{ skill: 'hvac', level: 3 }],
  homeBase: { lat: 31.22, lon: 121.54 },
};

describe('createEngineer', () => {
  it('adds an engineer, off duty with no position, for a supervisor only', () => {
    const w = new MutationWorld();
    expect(w.run('createEngineer', { engineer: newEngineer })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(w.reader.engineers.has('eng-imp-1')).toBe(false);
    expect(w.run('createEngineer', { engineer: newEngineer }, PRINCIPALS.supervisor).ok).toBe(true);
    expect(w.engineer('eng-imp-1')).toEqual({
      ...newEngineer,
      shifts: [],
      absences: [],
      vanStock: {},
      maxJobs: null,
      state: 'off',
      lastPosition: null,
      version: 1,
      rev: 'client-a:2',
    });
  });

  it('refuses a duplicate id, a skill listed twice and a bad field, writing nothing', () => {
    const w = new MutationWorld();
    const existing = [...w.reader.engineers.values()][0]!;
    expect(
      w.run('createEngineer', { engineer: { ...newEngineer, id: existing.id } }, PRINCIPALS.supervisor),
    ).toMatchObject({
      ok: false,
      code: 'exists',
      message: `an engineer with id ${existing.id} already exists`,
    });
    const twice = { ...newEngineer, skills: [newEngineer.skills[0], { skill: 'hvac', level: 1 }] };
    expect(w.run('createEngineer', { engineer: twice }, PRINCIPALS.supervisor)).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    const far = { ...newEngineer, homeBase: { lat: 120, lon: 0 } };
    const r = w.run('createEngineer', { engineer: far }, PRINCIPALS.supervisor);
    expect(!r.ok && r.message).toMatch(/^args\.engineer\.homeBase\.lat: /);
    expect(w.reader.engineers.has('eng-imp-1')).toBe(false);
  });

  it('is undone by taking away every shift, so nothing can be booked to the engineer', () => {
    const w = new MutationWorld();
    const shift = { start: w.now, end: w.now + 8 * 3_600_000, breaks: [] };
    const { outcome, inverse } = w.runUndoable(
      'createEngineer',
      { engineer: { ...newEngineer, shifts: [shift] } },
      PRINCIPALS.supervisor,
    );
    expect(outcome.ok).toBe(true);
    expect(inverse).not.toBeNull();
    expect(w.run(inverse!.name, inverse!.args, PRINCIPALS.supervisor).ok).toBe(true);
    expect(w.engineer('eng-imp-1')).toMatchObject({ shifts: [], version: 2 });
  });
});
