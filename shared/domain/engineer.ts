import { z } from 'zod';
import { EpochMs, GeoPoint, Id, Phone, Rev, TimeWindow, text } from './primitives.js';

/** A skill an engineer can hold and an order can require (e.g. "hvac", "fibre-splicing"). */
export const Skill = z.object({ id: Id, name: text(80) });
export type Skill = z.infer<typeof Skill>;

/** A skill at a level from 1 (trainee) to 5 (expert); on an order it is the minimum level required. */
export const SkillLevel = z.object({ skill: Id, level: z.number().int().min(1).max(5) });
export type SkillLevel = z.infer<typeof SkillLevel>;

/** A spare part carried on vans and required by orders. */
export const Part = z.object({ id: Id, name: text(120) });
export type Part = z.infer<typeof Part>;

/** A paid break inside a shift, during which no work is booked. */
export const Break = TimeWindow;
export type Break = z.infer<typeof Break>;

/** One working shift with its breaks; breaks must lie inside the shift. */
export const Shift = z
  .object({ start: EpochMs, end: EpochMs, breaks: z.array(Break).max(8) })
  .refine((s) => s.end > s.start, { message: 'a shift must end after it starts', params: { say: 'shiftEndsFirst' } })
  .refine((s) => s.breaks.every((b) => b.start >= s.start && b.end <= s.end), {
    message: 'breaks must lie inside their shift',
    params: { say: 'breaksOutsideShift' },
  });
export type Shift = z.infer<typeof Shift>;

/** Time an engineer is unavailable (leave, training, sickness). */
export const Absence = z.object({ start: EpochMs, end: EpochMs, reason: text(200) }).refine((a) => a.end > a.start, {
  message: 'an absence must end after it starts',
  params: { say: 'absenceEndsFirst' },
});
export type Absence = z.infer<typeof Absence>;

/** What the engineer is doing now, as last reported. */
export const ENGINEER_STATES = ['off', 'available', 'en_route', 'on_site'] as const;
export const EngineerState = z.enum(ENGINEER_STATES);
export type EngineerState = z.infer<typeof EngineerState>;

/** The last position a device reported; heading in degrees from north, speed in m/s. */
export const Position = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  heading: z.number().min(0).max(360),
  speed: z.number().min(0).max(100),
  at: EpochMs,
});
export type Position = z.infer<typeof Position>;

/** Parts on the van: part id → quantity on hand. */
export const VanStock = z.record(Id, z.number().int().min(0).max(100_000));
export type VanStock = z.infer<typeof VanStock>;

/** A field engineer as the control centre plans with them. */
export const Engineer = z.object({
  id: Id,
  name: text(120),
  team: Id,
  /** The engineer's phone, for the control centre to call; absent when none is on file. */
  phone: Phone.optional(),
  skills: z.array(SkillLevel).max(50),
  homeBase: GeoPoint,
  shifts: z.array(Shift).max(62),
  absences: z.array(Absence).max(100),
  vanStock: VanStock,
  /** Most jobs a day the engineer should be given; null means no limit. */
  maxJobs: z.number().int().min(1).max(100).nullable(),
  state: EngineerState,
  lastPosition: Position.nullable(),
  version: z.number().int().min(0),
  rev: Rev,
});
export type Engineer = z.infer<typeof Engineer>;

/** Milliseconds since the engineer's last position, or null when none was ever reported. */
export function positionAgeMs(engineer: Pick<Engineer, 'lastPosition'>, now: EpochMs): number | null {
  return engineer.lastPosition ? Math.max(0, now - engineer.lastPosition.at) : null;
}

/** The highest level the engineer holds in a skill, 0 when they lack it. */
export function skillLevel(engineer: Pick<Engineer, 'skills'>, skill: string): number {
  let best = 0;
  for (const s of engineer.skills) if (s.skill === skill && s.level > best) best = s.level;
  return best;
}
