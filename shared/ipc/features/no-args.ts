import { z } from 'zod';

/** The arguments of a method that takes none: nothing, or an empty object. */
export const NoArgs = z.strictObject({}).optional();
