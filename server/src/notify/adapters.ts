import type { Channel, OutboxMessage, WorkOrder } from '../../../shared/domain/index.js';

/**
 * A way of reaching the customer. `send` resolves once the channel took the message and throws when it did not (the
 * notifier retries with backoff). It may be called again for a message it already took when the server was killed
 * between the two: providers are handed `message.key` to drop such a repeat.
 */
export interface NotifierAdapter {
  readonly channel: Channel;
  send(message: OutboxMessage, order: WorkOrder): Promise<void>;
  /**
   * How long one send may take. A delivery claims its messages for this long, so another server node leaves them
   * alone meanwhile (and, after a crash, sends them once the claim has run out). 0 or absent: no claim, for a channel
   * where a second send is harmless because settling is the send (the outbox).
   */
  readonly leaseMs?: number;
}

/** What an outside gateway's send is given before another node may try it: far longer than any provider's timeout. */
export const GATEWAY_LEASE_MS = 2 * 60_000;

/**
 * The default: the outbox row is the message. Settling it records it as sent, in the same transaction as its trail
 * event, so it is sent exactly once whatever kills the server; a gateway outside reads the outbox.
 */
export const outboxAdapter: NotifierAdapter = {
  channel: 'outbox',
  send: async () => undefined,
};

/** An SMS gateway: one text to one phone number, deduplicated by the key. */
export interface SmsGateway {
  sendText(to: string, text: string, key: string): Promise<void>;
}

export function smsAdapter(gateway: SmsGateway): NotifierAdapter {
  return {
    channel: 'sms',
    leaseMs: GATEWAY_LEASE_MS,
    send: (m, order) => gateway.sendText(order.customer.phone, m.body, m.key),
  };
}

/** A mail service; the customer's address is looked up by customer id (none is kept on orders). */
export interface Mailer {
  sendMail(customerId: string, subject: string, text: string, key: string): Promise<void>;
}

export function emailAdapter(mailer: Mailer): NotifierAdapter {
  return {
    channel: 'email',
    leaseMs: GATEWAY_LEASE_MS,
    send: (m, order) => mailer.sendMail(order.customer.id, order.code, m.body, m.key),
  };
}

/** WeChat template messages: a template id and its fields, to the follower bound to the customer. */
export interface WeChatTemplates {
  sendTemplate(customerId: string, template: string, fields: Record<string, string>, key: string): Promise<void>;
}

export function wechatAdapter(api: WeChatTemplates, template: string): NotifierAdapter {
  return {
    channel: 'wechat',
    leaseMs: GATEWAY_LEASE_MS,
    send: (m, order) =>
      api.sendTemplate(order.customer.id, template, { code: order.code, text: m.body, url: m.link ?? '' }, m.key),
  };
}
