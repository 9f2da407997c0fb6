import { z } from 'zod';
import { Absence, GeoPoint, Id, Phone, Shift, SkillLevel, VanStock, type Engineer } from '../../domain/index.js';
import { engineerArgs } from '../../dispatch/reasons.js';
import { defineMutator } from '../mutation.js';
import { refused } from '../mutation.js';
import { PLANNERS } from '../roles.js';
import { Base, baseAfter, nextEngineer, requireEngineer, revOf } from './common.js';

const EngineerPatch = z
  .object({
    name: z.string().trim().min(1).max(120),
    team: Id,
    skills: z.array(SkillLevel).max(50),
    shifts: z.array(Shift).max(62),
    absences: z.array(Absence).max(100),
    vanStock: VanStock,
    maxJobs: z.number().int().min(1).max(100).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change', params: { say: 'nothingToChange' } });

export const updateEngineer = defineMutator({
  name: 'updateEngineer',
  title: 'change an engineer',
  args: z.object({ engineerId: Id, base: Base, patch: EngineerPatch }),
  roles: PLANNERS,
  reads: (args) => [{ kind: 'engineer', id: args.engineerId }],
  apply(tx, { engineerId, base, patch }, ctx) {
    const engineer = requireEngineer(tx, engineerId);
    if (engineer.version !== base.version || engineer.rev !== base.rev)
      throw refused('stale', 'staleEngineer', engineerArgs(engineer));
    if (patch.skills && new Set(patch.skills.map((s) => s.skill)).size !== patch.skills.length)
      throw refused('invalid', 'skillListedTwice');
    tx.putEngineer(nextEngineer(engineer, ctx, patch));
  },
  inverse(before, args, ctx) {
    const engineer = before.engineer(args.engineerId);
    if (!engineer) return null;
    const patch = Object.fromEntries(Object.keys(args.patch).map((k) => [k, engineer[k as keyof Engineer]]));
    return { name: 'updateEngineer', args: { engineerId: engineer.id, base: baseAfter(engineer, ctx), patch } };
  },
});

/** A new engineer as the control centre enters them: state and position come later from the device. */
export const NewEngineer = z.object({
  id: Id,
  name: z.string().trim().min(1).max(120),
  team: Id,
  phone: Phone.optional(),
  skills: z.array(SkillLevel).max(50),
  homeBase: GeoPoint,
  shifts: z.array(Shift).max(62).default([]),
  absences: z.array(Absence).max(100).default([]),
  vanStock: VanStock.default({}),
  maxJobs: z.number().int().min(1).max(100).nullable().default(null),
});
export type NewEngineer = z.input<typeof NewEngineer>;

export const createEngineer = defineMutator({
  name: 'createEngineer',
  title: 'add an engineer',
  args: z.object({ engineer: NewEngineer }),
  // Adding people to the roster is a supervisor's decision; dispatchers plan with the engineers they have.
  roles: ['supervisor'],
  reads: (args) => [{ kind: 'engineer', id: args.engineer.id }],
  apply(tx, { engineer: input }, ctx) {
    if (tx.engineer(input.id)) throw refused('exists', 'engineerIdTaken', { id: input.id });
    if (new Set(input.skills.map((s) => s.skill)).size !== input.skills.length)
      throw refused('invalid', 'skillListedTwice');
    tx.putEngineer({ ...input, state: 'off', lastPosition: null, version: 1, rev: revOf(ctx) });
  },
  inverse(_before, args, ctx) {
    // Engineers are never deleted (bookings and the audit trail name them): undoing the creation takes away every
    // shift, so nothing can be booked to them.
    return {
      name: 'updateEngineer',
      args: { engineerId: args.engineer.id, base: { version: 1, rev: revOf(ctx) }, patch: { shifts: [] } },
    };
  },
});
