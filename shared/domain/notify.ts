import { z } from 'zod';
import { EpochMs, Id } from './primitives.js';

/**
 * The moments the customer is told about (issue 20): booked, dispatched, engineer set off, 15 min away, new window,
 * another engineer (to a customer told who was coming); and, for a customer told of a visit, that it is no longer
 * scheduled (back in the queue, released, held) or cancelled.
 */
export const CUSTOMER_EVENTS = [
  'booked',
  'dispatched',
  'departed',
  'nearby',
  'window_changed',
  'engineer_changed',
  'unscheduled',
  'cancelled',
] as const;
export const CustomerEvent = z.enum(CUSTOMER_EVENTS);
export type CustomerEvent = z.infer<typeof CustomerEvent>;

/**
 * The languages customers are written to in; a customer without one on file is written to in the control centre's
 * (see customerLanguageOf).
 */
export const CUSTOMER_LANGUAGES = ['zh', 'en'] as const;
export const CustomerLanguage = z.enum(CUSTOMER_LANGUAGES);
export type CustomerLanguage = z.infer<typeof CustomerLanguage>;

/**
 * The language a customer is written to in: their own when they have one on file, else the control centre's (its
 * area's, `centreLanguage` of shared/scenario), else English (a centre in no area the console knows).
 */
export function customerLanguageOf(
  customer: { language?: CustomerLanguage | undefined },
  centre: CustomerLanguage | null,
): CustomerLanguage {
  return customer.language ?? centre ?? 'en';
}

/** The ways a message can reach the customer; `outbox` is the default adapter, which only records it. */
export const CHANNELS = ['outbox', 'sms', 'email', 'wechat'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Where an outbox message is: waiting (or waiting to retry), handed to its channel, given up on, or withheld. */
export const MESSAGE_STATES = ['queued', 'sent', 'failed', 'withheld'] as const;
export const MessageState = z.enum(MESSAGE_STATES);
export type MessageState = z.infer<typeof MessageState>;

/**
 * One message to a customer as the outbox keeps it. `key` makes it once-only: the order, the event and the visit time
 * it was about (`orderId:event:start-end` for the promised window, `…:start-end@arrival` for a planned arrival outside
 * it, `#n` after it when told the same again after something else; `orderId:engineer_changed:engineerId:…` names the
 * engineer told), so a new time or engineer is a new message and a replay is not.
 */
export const OutboxMessage = z.object({
  key: z.string().min(1).max(200),
  orderId: Id,
  event: CustomerEvent,
  channel: Channel,
  lang: CustomerLanguage,
  body: z.string().min(1).max(1_000),
  link: z.string().max(500).nullable(),
  state: MessageState,
  attempts: z.number().int().min(0),
  nextAt: EpochMs,
  createdAt: EpochMs,
  sentAt: EpochMs.nullable(),
  lastError: z.string().max(500).nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

/**
 * What a `customer_notified` event of the order's trail carries: what the customer was told, by which channel, and
 * whether it went (`sent`), was given up on (`failed`) or withheld (the order was cancelled first, or the message was
 * out of date by its turn: see Notifier).
 */
export const CustomerNotified = OutboxMessage.pick({
  key: true,
  event: true,
  channel: true,
  lang: true,
  body: true,
  link: true,
  state: true,
  attempts: true,
}).extend({ state: z.enum(['sent', 'failed', 'withheld']) });
export type CustomerNotified = z.infer<typeof CustomerNotified>;
