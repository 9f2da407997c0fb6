import type { z } from 'zod';

/** The message a person reads for a zod failure: the first few issues, each naming its field (under `prefix`). */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
