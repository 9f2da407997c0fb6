import { describe, expect, it } from 'vitest';
import { previewImport } from '../../../../shared/io/index.js';
import { translate, type MessageKey } from '../../i18n/messages.js';
import { applyZodLocale } from '../../i18n/zod-locale.js';
import { issueText } from './issue-text.js';

const table = [
  ['Code', 'Customer', 'Tier', 'Phone', 'Address', 'Lat', 'Lon', 'Type', 'Priority', 'Summary', 'Duration'],
  ['A-1', 'Jing An Mall', 'gold', '021 5555 0101', '1 Nanjing Rd', '31.22', '121.44', 'repair', 'urgent', 'Lift', '60'],
  ['A-1', 'Jing An Mall', 'tin', '021 5555 0101', '1 Nanjing Rd', '31.22', '121.44', 'repair', 'P2', 'Lift', '1.5'],
];
const mapping = {
  code: 0,
  customer: 1,
  tier: 2,
  phone: 3,
  address: 4,
  lat: 5,
  lon: 6,
  type: 7,
  priority: 8,
  summary: 9,
  duration: 10,
};

describe('import issues in the console language', () => {
  const preview = previewImport('orders', table, mapping, { timeZone: 'Asia/Shanghai' });
  const issues = preview.errors.flatMap((e) => e.issues);

  it('words every check of the console in Chinese, with the values from the file', () => {
    const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
    const texts = issues.map((i) => issueText(zh, i, 'zh-CN'));
    expect(texts).toContain('“urgent”不是优先级（P1 至 P4）');
    expect(texts.some((x) => x.startsWith('“tin”不是客户等级'))).toBe(true);
    expect(texts).toContain('“1.5”不是整数');
    expect(texts).toContain('A-1 已在第 2 行出现');
  });

  it('says in English what the English message says', () => {
    const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
    for (const i of issues) if (i.code !== 'schema') expect(issueText(en, i, 'en')).toBe(i.message);
  });

  it("words a rule of the domain's schema in Chinese, whatever language zod speaks", () => {
    const rows = [
      table[0]!,
      ['B-1', 'Mall', 'gold', '021 5555 0101', '1 Rd', '95', '121.44', 'repair', 'P2', 'Lift', '60'],
      ['B-2', 'Mall', 'gold', '021 5555 0101', '1 Rd', '31.2', '121.44', 'repair', 'P2', 'Lift', '0'],
    ];
    const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
    const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
    const errors = previewImport('orders', rows, mapping, { timeZone: 'Asia/Shanghai' }).errors;
    const said = errors.map((e) => e.issues.map((i) => `${i.field}: ${issueText(zh, i, 'zh-CN')}`).join('; '));
    expect(said).toEqual(['Lat: 不得大于 90', expect.stringMatching(/^Duration: 不得小于 \d+$/)]);
    expect(issueText(en, errors[0]!.issues[0]!, 'en')).toBe('must be at most 90');
  });

  it("gives zod's own wording in Chinese once the console speaks Chinese", () => {
    const far = [
      table[0]!,
      ['B-1', 'Mall', 'gold', '021 5555 0101', '1 Rd', '95', '121.44', 'repair', 'P2', 'Lift', '60'],
    ];
    const latIssue = () => previewImport('orders', far, mapping, { timeZone: 'Asia/Shanghai' }).errors[0]!.issues[0]!;
    try {
      applyZodLocale('zh-CN');
      expect(latIssue()).toMatchObject({
        field: 'Lat',
        code: 'schema',
        message: expect.stringMatching(/[\u4e00-\u9fff]/),
      });
    } finally {
      applyZodLocale('en');
    }
    expect(latIssue().message).toMatch(/^Too big/);
  });
});
