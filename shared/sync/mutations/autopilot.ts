import { z } from 'zod';
import { Id } from '../../domain/index.js';
import { defineMutator } from '../mutation.js';
import { revOf } from './common.js';

/**
 * A supervisor hands a team to the autopilot or takes it over for people to dispatch. The setting lives in the
 * centre's policy, so every console and the autopilot itself see it; two supervisors switching different teams both
 * apply, and switching a team to what it already is changes nothing.
 */
export const setAutopilot = defineMutator({
  name: 'setAutopilot',
  title: 'switch the autopilot for a team',
  args: z.object({ team: Id, on: z.boolean() }),
  roles: ['supervisor'],
  reads: () => [{ kind: 'policy' }],
  apply(tx, { team, on }, ctx) {
    const current = tx.policy();
    const off = current.autopilotOff ?? [];
    if (off.includes(team) !== on) return;
    const next = on ? off.filter((t) => t !== team) : [...off, team].sort();
    tx.putPolicy({ ...current, autopilotOff: next, version: current.version + 1, rev: revOf(ctx) });
  },
  inverse(before, { team }) {
    return { name: 'setAutopilot', args: { team, on: !(before.policy().autopilotOff ?? []).includes(team) } };
  },
});
