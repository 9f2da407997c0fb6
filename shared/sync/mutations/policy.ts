import { z } from 'zod';
import { SlaPolicy } from '../../domain/index.js';
import { defineMutator, refused } from '../mutation.js';
import { Base, baseAfter, revOf } from './common.js';

export const updateSlaPolicy = defineMutator({
  name: 'updateSlaPolicy',
  title: 'change the SLA policy',
  // Business hours left out keep the current ones (consoles from before they existed); null clears them.
  args: z.object({
    base: Base,
    policy: SlaPolicy.pick({
      name: true,
      targets: true,
      jeopardyMin: true,
      businessHours: true,
      slotWindowMin: true,
      emergencyBufferPct: true,
    }),
  }),
  roles: ['supervisor'],
  reads: () => [{ kind: 'policy' }],
  apply(tx, { base, policy }, ctx) {
    const current = tx.policy();
    if (current.version !== base.version || current.rev !== base.rev) throw refused('stale', 'stalePolicy');
    // Deadlines already promised stay as they were; the new targets apply to orders created from now on.
    tx.putPolicy({ ...current, ...policy, version: current.version + 1, rev: revOf(ctx) });
  },
  inverse(before, _args, ctx) {
    const p = before.policy();
    return {
      name: 'updateSlaPolicy',
      args: {
        base: baseAfter(p, ctx),
        policy: {
          name: p.name,
          targets: p.targets,
          jeopardyMin: p.jeopardyMin,
          businessHours: p.businessHours ?? null,
          ...(p.slotWindowMin === undefined ? {} : { slotWindowMin: p.slotWindowMin }),
          ...(p.emergencyBufferPct === undefined ? {} : { emergencyBufferPct: p.emergencyBufferPct }),
        },
      },
    };
  },
});
