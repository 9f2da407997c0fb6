import { z } from 'zod';
import { ReasonSchema, type Reason } from '../dispatch/reasons.js';

/** Why a call failed, for code; the message is for people. */
export const API_ERROR_CODES = [
  'bad_request', // the arguments or the envelope do not match the contract
  'not_found', // no such method, or the record it names does not exist
  'forbidden', // the caller may not do this (role, origin, token)
  'conflict', // the rules refuse it against the current state (stale version, illegal transition)
  'unavailable', // the part that answers is not running (no server configured, core restarting)
  'too_large', // the message is over the size limit
  'timeout', // no answer in time
  'internal', // a bug: logged where it happened, never shown with its stack
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** The error part of a failed call, as it crosses a process boundary. */
export const ApiErrorBody = z.strictObject({
  code: ApiErrorCode,
  message: z.string().max(2_000),
  /** The refusal as data, when the rules refused: the console words it in its language (fallback: `message`). */
  say: z.array(ReasonSchema).max(20).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** A typed failure: thrown by core handlers, turned into an error envelope, and rethrown by the client. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly say?: Reason[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message.slice(0, 2_000), ...(this.say ? { say: this.say } : {}) };
  }
}
