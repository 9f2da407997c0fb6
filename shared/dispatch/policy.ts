import { z } from 'zod';
import { PRIORITIES, type Priority } from '../domain/index.js';

const byPriority = (max: number) =>
  z.object(Object.fromEntries(PRIORITIES.map((p) => [p, z.number().min(0).max(max)])) as Record<Priority, z.ZodNumber>);

/** How the engine estimates driving when no road-routing service is configured. */
export const TravelParams = z.object({
  /** Road distance over straight-line distance; 1.3 is typical inside a city. */
  detourFactor: z.number().min(1).max(3),
  /** Average driving speed in the city, km/h. */
  speedKmh: z.number().min(3).max(130),
  /** Minutes added to every drive between two different places: parking, walking to the door. */
  parkingMin: z.number().int().min(0).max(60),
});
export type TravelParams = z.infer<typeof TravelParams>;

/**
 * The weights of the soft objectives, in one currency: a cost unit is one minute of driving at the default weights.
 * The search minimises their sum; the hard rules are never traded against them.
 */
export const DispatchWeights = z.object({
  /** Per minute of driving. */
  travelPerMin: z.number().min(0).max(1000),
  /** Per minute an order starts after its SLA deadline (respond-by, or resolve-by less its duration), by priority. */
  latenessPerMin: byPriority(10_000),
  /** For each order left in the queue, by priority. */
  unassigned: byPriority(1_000_000),
  /** On top, for sending a booked order back to the queue: the customer was already given a time. */
  unbook: z.number().min(0).max(1_000_000),
  /** Per minute an engineer works (or drives home) past the end of their shift. */
  overtimePerMin: z.number().min(0).max(10_000),
  /** Spreads work: quadratic in booked work; eight hours booked costs this much, four hours a quarter of it. */
  loadBalance: z.number().min(0).max(100_000),
  /** When the customer asked for particular engineers and the order goes to someone else. */
  notPreferred: z.number().min(0).max(100_000),
  /** Per minute of waiting for an emergency to start, when choosing how to insert it. */
  emergencyDelayPerMin: z.number().min(0).max(10_000),
});
export type DispatchWeights = z.infer<typeof DispatchWeights>;

/** Everything a control centre can tune about how the engine plans (DESIGN §5). */
export const DispatchPolicy = z.object({
  weights: DispatchWeights,
  /** Nothing in progress or starting within this many minutes moves, and no new work is planned to start sooner. */
  frozenHorizonMin: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** The most an engineer may work past the end of their shift; overtime within it costs `overtimePerMin`. */
  maxOvertimeMin: z.number().int().min(0).max(600),
  /** Whether the drive back to base after the last job must fit in the shift (and counts as travel). */
  returnToBase: z.boolean(),
  /**
   * How late an engineer free now may get to a booking before it counts as out of reach: the engine books the earliest
   * start the drive allows, and the clock runs on until the engineer sets off (see `outOfReach`).
   */
  reachGraceMin: z.number().int().min(0).max(120),
  /**
   * How far inside the frozen horizon a drop may start and still pass: the engine offers slots at the horizon's edge
   * (the candidate list, Find a time) and the horizon moves on with the clock before the dispatcher books one, so a
   * slot offered a few minutes ago would otherwise be refused as inside it.
   */
  horizonGraceMin: z.number().int().min(0).max(60),
  /** A device position older than this is not trusted as the engineer's whereabouts. */
  positionFreshMin: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  travel: TravelParams,
});
export type DispatchPolicy = z.infer<typeof DispatchPolicy>;

/** A sensible starting policy for a city control centre. */
export function defaultDispatchPolicy(): DispatchPolicy {
  return {
    weights: {
      travelPerMin: 1,
      latenessPerMin: { P1: 20, P2: 8, P3: 3, P4: 1 },
      unassigned: { P1: 100_000, P2: 30_000, P3: 10_000, P4: 4_000 },
      unbook: 8_000,
      overtimePerMin: 3,
      loadBalance: 60,
      notPreferred: 30,
      emergencyDelayPerMin: 2,
    },
    frozenHorizonMin: 30,
    maxOvertimeMin: 60,
    returnToBase: true,
    reachGraceMin: 10,
    horizonGraceMin: 5,
    positionFreshMin: 30,
    travel: { detourFactor: 1.35, speedKmh: 24, parkingMin: 5 },
  };
}
