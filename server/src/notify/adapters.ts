import type { Channel, OutboxMessage, WorkOrder } from '../../../shared/domain/index.js';

/**
 * A way of reaching the customer. `send` resolves once the channel took the message and throws when it did not (the
 * notifier retries with backoff). It may be called again for a message it already took when the server was killed
 * between the two: providers are handed `message.key` to drop such a repeat.
 */
export interface NotifierAdapter {
  readonly channel: Channel;
  send(message: OutboxMessage, order: WorkOrder): Promise<void>;
}

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
    send: (m, order) =>
      api.sendTemplate(order.customer.id, template, { code: order.code, text: m.body, url: m.link ?? '' }, m.key),
  };
}
