import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGS, CUSTOMER_MESSAGES, pickLang } from './messages.js';
import { CUSTOMER_STATUSES } from './view.js';

const PAGE = readFileSync(fileURLToPath(new URL('./page.ts', import.meta.url)), 'utf8');
const en = CUSTOMER_MESSAGES.en as Record<string, string>;
const zh = CUSTOMER_MESSAGES.zh as Record<string, string>;

/**
 * The message keys the tracking page uses: `t('key')` and `t(cond ? 'a' : 'b')` in the page's script, the keys its
 * rows and the survey's scales translate, `m.key` on the server's side, and the status families the script builds (`t('status.' + status)`,
 * with `_anon` when the engineer has no name to show).
 */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const call of PAGE.matchAll(/\bt\(([^;]*?)(?:,\{|\))/g))
    for (const lit of (call[1] ?? '').matchAll(/'([a-zA-Z][\w.]*)'/g)) keys.add(lit[1]!);
  // Keys handed to the script's helpers that translate them.
  for (const arg of PAGE.matchAll(/\b(?:row\(|scale\('\w+',\d+,\d+,)'(\w+)'/g)) keys.add(arg[1]!);
  // The server's side: the page's head and the link-expired page read the catalogue as `m`.
  for (const m of PAGE.slice(PAGE.indexOf('const HEAD')).matchAll(/\bm\.(\w+)/g)) keys.add(m[1]!);
  // `'status.'+...` is a prefix, not a key; the family is checked below.
  keys.delete('status.');
  for (const s of CUSTOMER_STATUSES) keys.add(`status.${s}`);
  for (const s of ['on_the_way', 'on_site']) keys.add(`status.${s}_anon`);
  return keys;
}

const CHINESE = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('every text of the tracking page is in Chinese and English', () => {
  const used = usedKeys();

  it('finds the keys the page uses (the scan itself works)', () => {
    expect(used.size).toBeGreaterThan(25);
    for (const k of ['etaMinutes', 'satisfaction', 'slow', 'failed', 'title', 'expired', 'status.on_site_anon'])
      expect(used, k).toContain(k);
  });

  it('has every key the page uses in both languages, with the same placeholders', () => {
    const problems: string[] = [];
    for (const key of used) {
      if (!en[key]?.trim()) problems.push(`${key}: no English text`);
      if (!zh[key]?.trim()) problems.push(`${key}: no Chinese text`);
      else if (en[key] && placeholders(en[key]).join() !== placeholders(zh[key]).join())
        problems.push(
          `${key}: placeholders ${placeholders(en[key]).join()} in English, ${placeholders(zh[key]).join()} in Chinese`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('says every message in the right language, and has no message the page does not use', () => {
    const problems: string[] = [];
    for (const lang of CUSTOMER_LANGS)
      for (const key of Object.keys(CUSTOMER_MESSAGES[lang]))
        if (!used.has(key)) problems.push(`${lang} ${key}: not used by the page`);
    for (const key of Object.keys(en)) {
      if (!CHINESE.test(zh[key] ?? '')) problems.push(`${key}: left in English in Chinese ("${zh[key]}")`);
      if (CHINESE.test(en[key]!)) problems.push(`${key}: Chinese in the English text`);
    }
    expect(problems).toEqual([]);
  });

  it('picks the customer’s language from ?lang=, then Accept-Language, else the centre’s', () => {
    expect(pickLang('en', 'zh-CN', 'zh')).toBe('en');
    expect(pickLang(null, 'fr;q=0.9, en-GB;q=0.8, zh;q=0.1', 'zh')).toBe('en');
    expect(pickLang('de', 'de-DE', 'zh')).toBe('zh');
    expect(pickLang(null, undefined, 'zh')).toBe('zh');
    // A London centre's page, asked for in no language it speaks: English.
    expect(pickLang('de', 'de-DE', 'en')).toBe('en');
    expect(pickLang(null, undefined, 'en')).toBe('en');
  });
});
