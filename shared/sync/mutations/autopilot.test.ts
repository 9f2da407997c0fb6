import { describe, expect, it } from 'vitest';
import { PRINCIPALS, MutationWorld } from '../mutation-world.testing.js';
import { autopilotOn } from '../../domain/index.js';

describe('setAutopilot', () => {
  it('lets a supervisor take a team off the autopilot and hand it back; the switch lives in the policy', () => {
    const w = new MutationWorld();
    expect(autopilotOn(w.reader.policy(), 'team-a')).toBe(true);
    expect(w.run('setAutopilot', { team: 'team-a', on: false }, PRINCIPALS.supervisor).ok).toBe(true);
    const off = w.reader.policy();
    expect(autopilotOn(off, 'team-a')).toBe(false);
    expect(autopilotOn(off, 'team-b')).toBe(true);
    // Switching to what it already is changes nothing (no new version).
    expect(w.run('setAutopilot', { team: 'team-a', on: false }, PRINCIPALS.supervisor).ok).toBe(true);
    expect(w.reader.policy().version).toBe(off.version);
    const { inverse } = w.runUndoable('setAutopilot', { team: 'team-a', on: true }, PRINCIPALS.supervisor);
    expect(autopilotOn(w.reader.policy(), 'team-a')).toBe(true);
    expect(inverse).toEqual({ name: 'setAutopilot', args: { team: 'team-a', on: false } });
  });

  it('is a supervisor’s decision', () => {
    const w = new MutationWorld();
    const r = w.run('setAutopilot', { team: 'team-a', on: false }, PRINCIPALS.dispatcher);
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
