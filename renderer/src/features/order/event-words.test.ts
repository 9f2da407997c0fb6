import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../../shared/domain/index.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { afterRule, describeEvent } from './event-words.js';

const notified: OrderEvent = {
  id: 'c:1:0',
  orderId: 'wo-1',
  kind: 'customer_notified',
  at: 0,
  actor: { kind: 'system', id: 'notifier', name: 'Customer notifier' },
  clientId: null,
  mutationId: null,
  data: {
    key: 'wo-1:booked',
    event: 'booked',
    channel: 'outbox',
    lang: 'zh',
    body: '您的工单 WO-000019 已预约',
    link: null,
    state: 'sent',
    attempts: 1,
  },
};
const words = (locale: Locale) =>
  describeEvent(notified, (key, params) => translate(locale, key, params), new Map(), locale, 'Asia/Shanghai');

describe("an order's trail", () => {
  it("words the message the customer was sent with the language's own punctuation", () => {
    expect(words('en')).toBe('Outbox · sent: 您的工单 WO-000019 已预约');
    expect(words('zh-CN')).toBe('发件箱 · 已发送：您的工单 WO-000019 已预约');
  });

  it("puts a broken rule's reason after the language's colon", () => {
    const line = (locale: Locale) => afterRule('07:32 之前无法到达', (key, params) => translate(locale, key, params));
    expect(line('zh-CN')).toBe('：07:32 之前无法到达');
    expect(line('en')).toBe(': 07:32 之前无法到达');
  });
});
