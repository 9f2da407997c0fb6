import type { z } from 'zod';

/** One method of the API: what it takes and what it answers, both checked at every door. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  summary: string;
  args: A;
  result: R;
}

/** Declares a method with its schemas kept precise for the type helpers. */
export function method<A extends z.ZodType, R extends z.ZodType>(
  summary: string,
  args: A,
  result: R,
): MethodSpec<A, R> {
  return { summary, args, result };
}

/** Methods by name. */
export type MethodMap = Record<string, MethodSpec>;
/** Event payload schemas by name. */
export type EventMap = Record<string, z.ZodType>;

/**
 * The answering side of a method map: one function per method, taking validated args (and what the router knows of
 * the caller, `C`) and returning a value the router validates before it leaves. The compiler insists on a handler for
 * every method.
 */
export type Handlers<M extends MethodMap, C = void> = {
  [N in keyof M]: (
    args: z.output<M[N]['args']>,
    caller: C,
  ) => z.input<M[N]['result']> | Promise<z.input<M[N]['result']>>;
};
