import { z } from 'zod';
import { Engineer, OrderEvent, Part, Skill, SlaPolicy, WorkOrder, EpochMs, GeoPoint, Id } from '../domain/index.js';

/** A team of engineers working out of one depot. */
export const Team = z.object({
  id: Id,
  name: z.string().min(1).max(80),
  districtId: z.string().min(1).max(40),
  depot: GeoPoint,
});
export type Team = z.infer<typeof Team>;

/** A simulated control-centre day: the area, its people and its work. */
export const Scenario = z.object({
  meta: z.object({
    seed: z.number().int(),
    area: z.string().min(1),
    areaName: z.string().min(1),
    timeZone: z.string().min(1),
    /** The day simulated, YYYY-MM-DD in the area's time zone. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** Local midnight of that day. */
    dayStart: EpochMs,
    engineers: z.number().int().min(0),
    orders: z.number().int().min(0),
    /** Rostered daytime minutes of the day (07:00–20:00, less breaks and absences), which its demand is sized to. */
    capacityMin: z.number().int().min(0).optional(),
  }),
  skills: z.array(Skill),
  parts: z.array(Part),
  teams: z.array(Team),
  slaPolicy: SlaPolicy,
  engineers: z.array(Engineer),
  /** Every order of the day; `createdAt` after the day's start means it arrives during the day. */
  orders: z.array(WorkOrder),
  /** The audit trail of a day already played up to some time (a warm start); derived from the orders when absent. */
  events: z.array(OrderEvent).optional(),
});
export type Scenario = z.infer<typeof Scenario>;
