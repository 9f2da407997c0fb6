import { z } from 'zod';

/** What a signed-in principal may do (DESIGN §7). Devices act only for their own engineer. */
export const ROLES = ['viewer', 'dispatcher', 'supervisor', 'device'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that plan work: create, book, move and cancel orders. */
export const PLANNERS: readonly Role[] = ['dispatcher', 'supervisor'];
