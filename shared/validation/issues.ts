import type { z } from 'zod';
import { REASONS, type Reason, type ReasonId } from '../dispatch/reasons.js';

/** The message a person reads for a zod failure: the first few issues, each naming its field (under `prefix`). */
export function describeIssues(error: z.ZodError, prefix = ''): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${fieldOf(i, prefix)}: ${i.message}`)
    .join('; ');
}

/** Where an issue is, as `describeIssues` names it: `args.window.end`, or `(root)`. */
function fieldOf(issue: z.core.$ZodIssue, prefix: string): string {
  return [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)';
}

/** The reasons without arguments, by their English words. */
const REASON_BY_TEXT = new Map(
  Object.entries(REASONS)
    .filter(([, text]) => !text.includes('{'))
    .map(([id, text]) => [text as string, id as ReasonId]),
);

const isReasonId = (id: unknown): id is ReasonId => typeof id === 'string' && id in REASONS;

/**
 * What is wrong with a value, as a reason a console words in its own language: a rule of the domain's schemas by the
 * reason its `params.say` names (with its other params as arguments), zod's own checks by their code. A custom issue
 * that names no reason is given in its own words (the test in issues.test.ts keeps the domain's schemas naming one).
 */
export function issueReason(issue: z.core.$ZodIssue): Reason | string {
  // A check given a reason's words as its message (a phone number's pattern) is that reason.
  const named = issue.code === 'custom' ? undefined : REASON_BY_TEXT.get(issue.message);
  if (named) return { id: named, args: {} };
  switch (issue.code) {
    case 'custom': {
      const { say, ...args } = (issue.params ?? {}) as Record<string, unknown>;
      if (!isReasonId(say)) return issue.message;
      const values: Reason['args'] = {};
      for (const [k, v] of Object.entries(args)) if (typeof v === 'string' || typeof v === 'number') values[k] = v;
      return { id: say, args: values };
    }
    case 'invalid_type':
      return { id: 'expectedType', args: { type: issue.expected } };
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const origin = issue.origin;
      if (origin === 'string') {
        if (small && bound <= 1) return { id: 'textRequired', args: {} };
        return small ? { id: 'textAtLeast', args: { min: bound } } : { id: 'textAtMost', args: { max: bound } };
      }
      if (origin === 'array' || origin === 'set' || origin === 'file') {
        if (issue.exact) return { id: 'itemsExactly', args: { n: bound } };
        if (small && bound === 1) return { id: 'itemsRequired', args: {} };
        return small ? { id: 'itemsAtLeast', args: { min: bound } } : { id: 'itemsAtMost', args: { max: bound } };
      }
      const inclusive = issue.inclusive !== false;
      if (small) return inclusive ? { id: 'atLeast', args: { min: bound } } : { id: 'moreThan', args: { min: bound } };
      return inclusive ? { id: 'atMost', args: { max: bound } } : { id: 'lessThan', args: { max: bound } };
    }
    case 'invalid_format':
      return { id: 'badFormat', args: {} };
    case 'not_multiple_of':
      return { id: 'multipleOf', args: { n: Number(issue.divisor) } };
    case 'unrecognized_keys':
      return { id: 'unknownFields', args: { keys: issue.keys.join(', ') } };
    case 'invalid_union':
      return { id: 'noFormFits', args: {} };
    case 'invalid_key':
      return { id: 'badKey', args: {} };
    case 'invalid_element':
      return { id: 'badEntry', args: {} };
    case 'invalid_value':
      return { id: 'oneOf', args: { options: issue.values.map(String).join(', ') } };
  }
}

/**
 * A zod failure as reasons, the same first few issues `describeIssues` names: each `fieldIssue { field, why }` (a rule
 * of the whole value by its reason alone), so a
 * console words what is wrong in its own language while the English message stays for logs and the audit trail.
 */
export function issuesSay(error: z.ZodError, prefix = ''): Reason[] {
  return error.issues.slice(0, 3).map((i) => {
    const why = issueReason(i);
    const field = fieldOf(i, prefix);
    // A rule of the whole value (a shift ending after it starts) is said alone, without "(root):".
    if (field === '(root)' && typeof why !== 'string') return why;
    return { id: 'fieldIssue', args: { field, why: typeof why === 'string' ? why : [why] } };
  });
}
