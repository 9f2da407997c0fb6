import { describe, expect, it } from 'vitest';
import { actorLabel } from './domain-labels.js';
import { translate, type MessageKey } from './messages.js';

const zh = (key: MessageKey) => translate('zh-CN', key);
const en = (key: MessageKey) => translate('en', key);

describe("who did something, as an order's timeline names them", () => {
  it('names the customer (a survey, a reply from the tracking page) in the console’s language', () => {
    // As the server audits what the customer does through the tracking page.
    const customer = { kind: 'system' as const, id: 'customer', name: 'Customer' };
    expect(actorLabel(customer, zh)).toBe('客户');
    expect(actorLabel(customer, en)).toBe('Customer');
  });

  it('names every account that is not a person in Chinese, and people as they are named', () => {
    const accounts: Array<[string, string]> = [
      ['intake', 'Call intake'],
      ['planning', "Yesterday's planning"],
      ['autopilot', 'Autopilot'],
      ['viewer', 'Wall display'],
      ['notifier', 'Customer notifier'],
      ['customer', 'Customer'],
    ];
    for (const [id, name] of accounts) {
      const label = actorLabel({ kind: 'system', id, name }, zh);
      expect(label, id).not.toBe(name);
      expect(label, id).not.toMatch(/[A-Za-z]/);
    }
    expect(actorLabel({ kind: 'user', id: 'dispatcher-1', name: '周敏 Zhou Min' }, zh)).toBe('周敏 Zhou Min');
    // The day so far played with the autopilot off books under this user (server/src/day/run-day.ts), named in English.
    const greedy = { kind: 'user' as const, id: 'dispatcher-greedy', name: 'Greedy dispatcher' };
    expect(actorLabel(greedy, zh)).toBe('贪心调度员');
    expect(actorLabel(greedy, en)).toBe('Greedy dispatcher');
  });
});
