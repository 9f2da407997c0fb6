import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../../shared/domain/index.js';
import { translate, type Locale, type MessageKey } from '../../i18n/messages.js';
import { engineerNames } from '../../i18n/names.js';
import { afterRule, describeEvent, eventWhat, eventWho, overrideMarkWords } from './event-words.js';

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

  it('says when a change took the override mark off a booking, or an undo put the booking back with it', () => {
    const words = (locale: Locale, kind: OrderEvent['kind'], data: Record<string, unknown>) =>
      overrideMarkWords({ kind, data }, (key, params) => translate(locale, key, params));
    expect(words('en', 'unassigned', { overrideCleared: true })).toBe(
      'The override mark came off: it had been booked against a rule on purpose',
    );
    expect(words('zh-CN', 'status_changed', { from: 'on_hold', to: 'new', overrideCleared: true })).toBe(
      '破例标记已取消：此前是明知违反规则而特意作出的预约',
    );
    expect(words('en', 'moved', { overridden: true })).toBe(
      'Put back as it was, booked against a rule on purpose (marked overridden)',
    );
    // A booking confirmed against a rule names the rules itself; a change that touched no mark says nothing.
    expect(words('en', 'assigned', { overridden: true, override: { broken: [] } })).toBeNull();
    expect(words('en', 'moved', {})).toBeNull();
    expect(words('en', 'note_added', { overrideCleared: true })).toBeNull();
  });

  it("puts a broken rule's reason after the language's colon", () => {
    const line = (locale: Locale) => afterRule('07:32 之前无法到达', (key, params) => translate(locale, key, params));
    expect(line('zh-CN')).toBe('：07:32 之前无法到达');
    expect(line('en')).toBe(': 07:32 之前无法到达');
  });
});

describe('a booking change accepted from the engine', () => {
  const moved = (data: Record<string, unknown>): OrderEvent => ({
    id: 'c:2:0',
    orderId: 'wo-1',
    kind: 'moved',
    at: 0,
    actor: { kind: 'user', id: 'u-disp-1', name: 'Zhou Min' },
    clientId: 'c',
    mutationId: 2,
    data: { fromEngineerId: 'e-1', fromStart: 0, engineerId: 'e-2', start: 3_600_000, end: 7_200_000, ...data },
  });
  const t = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);

  it("reads as the proposal's move, accepted by the dispatcher, in English and Chinese", () => {
    const e = moved({ proposal: 'auto-dispatch' });
    expect([eventWhat(e, t('en')), eventWho(e, t('en'))]).toEqual(['Auto-dispatch: moved', 'accepted by Zhou Min']);
    expect([eventWhat(e, t('zh-CN')), eventWho(e, t('zh-CN'))]).toEqual(['自动派工：改派', '由 Zhou Min 接受']);
  });

  it("reads a dispatcher's own move as theirs", () => {
    const e = moved({});
    expect([eventWhat(e, t('en')), eventWho(e, t('en'))]).toEqual(['Moved', 'Zhou Min']);
  });

  it('names the engineers of a booking and a move apart when two share a name', () => {
    const engineers = [
      { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
      { id: 'eng-0063', name: 'Li Wei', team: 'team-huangpu-1' },
    ];
    const moved: OrderEvent = {
      ...notified,
      kind: 'moved',
      actor: { kind: 'user', id: 'dispatcher-1', name: 'Zhou Min' },
      data: { fromEngineerId: 'eng-0051', fromStart: 0, engineerId: 'eng-0063', start: 3_600_000 },
    };
    const line = (locale: Locale) =>
      describeEvent(
        moved,
        (key, params) => translate(locale, key, params),
        engineerNames(engineers, locale),
        locale,
        'Asia/Shanghai',
      );
    expect(line('en')).toBe('Li Wei (Xuhui 2) 08:00 → Li Wei (Huangpu 1) 09:00');
    expect(line('zh-CN')).toBe('Li Wei（徐汇2组） 08:00 → Li Wei（黄浦1组） 09:00');
  });
});
