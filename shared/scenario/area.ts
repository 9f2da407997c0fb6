import { z } from 'zod';
import { isTimeZone } from '../time/zoned.js';

/** A district of a metro area: where people live and work, with how much of the city's demand it carries. */
export const District = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1).max(80),
  /** The district's name in the city's own language, used for addresses. */
  localName: z.string().min(1).max(80),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** Rough radius in kilometres of the built-up area around the centre. */
  radiusKm: z.number().min(0.5).max(60),
  /** Share of the city's demand (relative). */
  weight: z.number().min(0).max(1000),
  streets: z.array(z.string().min(1).max(80)).min(1).max(50),
});
export type District = z.infer<typeof District>;

/** A metro area a simulated control centre serves: districts, clock, and the names its people and streets have. */
export const CityArea = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1).max(80),
  timeZone: z.string().refine(isTimeZone, { message: 'not a known IANA time zone' }),
  /** The language the city's customers write in: what they report of a fault reads in it (English if not given). */
  language: z.enum(['en', 'zh']).default('en'),
  /** Address style: "cn" writes 区 + street + 号, "en" writes number + street + district. */
  addressStyle: z.enum(['cn', 'en']),
  phonePrefix: z.string().regex(/^\+[0-9 ]+$/),
  mobilePrefixes: z.array(z.string().regex(/^\+[0-9 ]+$/)).min(1),
  districts: z.array(District).min(1).max(100),
  surnames: z.array(z.string().min(1)).min(5),
  givenNames: z.array(z.string().min(1)).min(5),
  /** Name parts for business customers: a prefix, a trade and a legal suffix. */
  businessPrefixes: z.array(z.string().min(1)).min(5),
  businessTrades: z.array(z.string().min(1)).min(5),
  /** Legal suffixes; an empty one means the name stands alone. */
  businessSuffixes: z.array(z.string()).min(1),
  /** How a private customer is addressed, with {surname} as the placeholder. */
  residentialPattern: z.string().includes('{surname}'),
  /** Order of family and given name in a person's name. */
  nameOrder: z.enum(['family-first', 'given-first']),
});
export type CityArea = z.infer<typeof CityArea>;
