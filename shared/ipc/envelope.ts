import { z } from 'zod';
import { ApiErrorBody } from './errors.js';

/** Largest call a client may send, in bytes: arguments are small; results are not limited by this. */
export const MAX_CALL_BYTES = 1024 * 1024;

const RequestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Name = z.string().min(1).max(100);

/** A call: the method's name and its arguments, validated against the contract by whoever answers. */
export const CallRequest = z.strictObject({
  type: z.literal('call'),
  id: RequestId,
  method: Name,
  // Optional on the wire: JSON drops an undefined value, and methods without arguments take none.
  args: z.unknown().optional(),
});
export type CallRequest = z.infer<typeof CallRequest>;

/** The answer to one call: its value, or a typed error. */
export const CallResult = z.discriminatedUnion('ok', [
  z.strictObject({ type: z.literal('result'), id: RequestId, ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ type: z.literal('result'), id: RequestId, ok: z.literal(false), error: ApiErrorBody }),
]);
export type CallResult = z.infer<typeof CallResult>;

/** One event pushed to subscribers. */
export const EventMessage = z.strictObject({ type: z.literal('event'), event: Name, payload: z.unknown() });
export type EventMessage = z.infer<typeof EventMessage>;

/** Start or stop receiving one event (the web host's socket; Electron uses fixed channels instead). */
export const SubscriptionRequest = z.strictObject({
  type: z.enum(['subscribe', 'unsubscribe']),
  event: Name,
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

/** A frame a client sends over the web host's socket. */
export const ClientFrame = z.discriminatedUnion('type', [CallRequest, SubscriptionRequest]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** A failure that belongs to no call (a frame too large or unreadable to find its id). */
export const FrameError = z.strictObject({ type: z.literal('error'), error: ApiErrorBody });
export type FrameError = z.infer<typeof FrameError>;

/** A frame the web host sends. */
export const ServerFrame = z.union([CallResult, EventMessage, FrameError]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** A failed call's envelope. */
export function errorResult(
  id: number,
  code: ApiErrorBody['code'],
  message: string,
  say?: ApiErrorBody['say'],
): CallResult {
  return { type: 'result', id, ok: false, error: { code, message: message.slice(0, 2_000), ...(say ? { say } : {}) } };
}
