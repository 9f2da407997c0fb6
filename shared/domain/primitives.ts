import { z } from 'zod';

/** An instant as milliseconds since the Unix epoch (UTC); every time in the domain uses it. */
export const EpochMs = z.number().int().min(0).max(8.64e15);
export type EpochMs = z.infer<typeof EpochMs>;

/** A record id: short, printable, no whitespace. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids use letters, digits and . _ : - only');
export type Id = z.infer<typeof Id>;

/** A WGS84 coordinate. */
export const GeoPoint = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** A half-open interval [start, end) of instants. */
export const TimeWindow = z
  .object({ start: EpochMs, end: EpochMs })
  .refine((w) => w.end > w.start, { message: 'a window must end after it starts', params: { say: 'windowEndsFirst' } });
export type TimeWindow = z.infer<typeof TimeWindow>;

/** Order priority: P1 is an emergency, P4 routine. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Customer service tier; the SLA policy gives each tier its own targets. */
export const CUSTOMER_TIERS = ['platinum', 'gold', 'silver', 'bronze'] as const;
export const CustomerTier = z.enum(CUSTOMER_TIERS);
export type CustomerTier = z.infer<typeof CustomerTier>;

/** Who caused a change: a signed-in person, an engineer's device, or the system itself (SLA clock, simulator). */
export const ACTOR_KINDS = ['user', 'device', 'system'] as const;
export const ActorKind = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof ActorKind>;

/** A short free text (names, notes); trimmed and bounded so one field cannot flood a row. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The change that produced a record's current version: `clientId:mutationId`, or `seed` for generated data.
 * Mutations name the revision they were based on, so a change built on a version that never reached the server
 * (because it was rejected) is itself rejected instead of landing on someone else's edit.
 */
/** A telephone number as people write it: digits, spaces, + ( ) -. */
export const Phone = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[+0-9 ()-]+$/, 'a phone number uses digits, spaces, + ( ) - only');
export type Phone = z.infer<typeof Phone>;

export const Rev = z.string().min(1).max(100);
export type Rev = z.infer<typeof Rev>;
