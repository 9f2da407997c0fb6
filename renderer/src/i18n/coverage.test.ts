import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ORDER_STATUSES,
  ENGINEER_STATES,
  CUSTOMER_LANGUAGES,
  CUSTOMER_TIERS,
  ORDER_TYPES,
} from '../../../shared/domain/index.js';
import { TRADES } from '../../../shared/scenario/catalogue.js';
import { AREAS } from '../../../shared/scenario/areas.js';
import { ZH_CITIES, ZH_DISTRICTS, ZH_PARTS, ZH_SKILLS, partLabel, skillLabel, teamLabel } from './domain-labels.js';
import { LOCALES, argumentNames, en, type MessageKey } from './messages.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return /\.tsx?$/.test(d.name) && !/\.(test|testing)\.tsx?$/.test(d.name) ? [path] : [];
  });
}

const files = sources(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));

/**
 * The message keys the console's code passes to its translate functions — `t('key')`, `this.t('key')`,
 * `translate(locale, 'key')`, either side of a `cond ? 'a' : 'b'` — and the prefixes of keys it builds
 * (`t(\`status.${s}\`)`).
 */
function usedKeys(): { keys: Map<string, string>; prefixes: Map<string, string> } {
  const keys = new Map<string, string>();
  const prefixes = new Map<string, string>();
  const call = /\b(?:t|translate|this\.t)\(\s*(?:[\w.]+\s*,\s*)?([^;]*?)(?:,\s*\{|\))/g;
  for (const { path, text } of files) {
    if (path.startsWith('i18n/messages')) continue;
    for (const m of text.matchAll(call)) {
      const args = m[1] ?? '';
      for (const lit of args.matchAll(/'([a-z][\w]*(?:\.[\w]+)+)'/g)) keys.set(lit[1] as string, path);
      for (const tpl of args.matchAll(/`([a-z][\w]*(?:\.[\w]+)*\.)\$\{/g)) prefixes.set(tpl[1] as string, path);
    }
  }
  return { keys, prefixes };
}

describe('every text the console shows has its Chinese', () => {
  const { keys, prefixes } = usedKeys();
  const zh = LOCALES['zh-CN'] as Record<string, string>;
  const english = en as Record<string, string>;

  it('finds the keys the code uses (the scan itself works)', () => {
    expect(keys.size).toBeGreaterThan(300);
    expect(keys.get('board.rowLabel')).toBe('features/board/Board.tsx');
    expect([...prefixes.keys()]).toEqual(expect.arrayContaining(['status.', 'state.', 'tier.', 'candidates.rule.']));
  });

  it('has every used key in English and Chinese, in valid ICU with the same arguments', () => {
    const problems: string[] = [];
    for (const [key, path] of keys) {
      const en = english[key];
      const cn = zh[key];
      if (en === undefined) problems.push(`${key} (${path}): not in the catalogue`);
      else if (!cn?.trim()) problems.push(`${key} (${path}): no Chinese text`);
      else {
        try {
          const a = argumentNames(en).join(',');
          const b = argumentNames(cn).join(',');
          if (a !== b) problems.push(`${key}: arguments ${a} in English, ${b} in Chinese`);
        } catch (e) {
          problems.push(`${key}: not valid ICU (${(e as Error).message})`);
        }
        // The same text in both is right only for codes and units (SLA, KPI, CSV), never for English words.
        if (cn === en && /[A-Za-z]{4,}/.test(en.replace(/\{[^}]*\}/g, ''))) problems.push(`${key}: left in English`);
      }
    }
    for (const [prefix, path] of prefixes) {
      const family = Object.keys(english).filter((k) => k.startsWith(prefix));
      if (family.length === 0) problems.push(`${prefix}* (${path}): no such keys`);
      for (const k of family) if (!zh[k]?.trim()) problems.push(`${k}: no Chinese text`);
    }
    expect(problems).toEqual([]);
  });

  it('has a word in both languages for every status, state, tier, order type and customer language the domain knows', () => {
    const families: Array<[string, readonly string[]]> = [
      ['status.', ORDER_STATUSES],
      ['state.', ENGINEER_STATES],
      ['tier.', CUSTOMER_TIERS],
      ['orderType.', ORDER_TYPES],
      ['customerLanguage.', CUSTOMER_LANGUAGES],
    ];
    for (const [prefix, values] of families)
      for (const v of values) {
        const key = `${prefix}${v}` as MessageKey;
        expect(english[key], key).toBeTruthy();
        expect(zh[key], key).toBeTruthy();
        expect(zh[key], key).not.toBe(english[key]);
      }
  });

  it('names every skill, part and district of the shipped cities in Chinese, and shows unknown ids as they are', () => {
    for (const trade of TRADES) {
      expect(ZH_SKILLS[trade.skill.id], trade.skill.id).toBeTruthy();
      expect(skillLabel(trade.skill.id, 'en')).toBe(trade.skill.name);
      for (const p of trade.parts) {
        expect(ZH_PARTS[p.id], p.id).toBeTruthy();
        expect(partLabel(p.id, 'en')).toBe(p.name);
      }
    }
    // Every shipped city's districts, London's too.
    for (const area of Object.values(AREAS)) {
      expect(ZH_CITIES[area.id], area.id).toBeTruthy();
      for (const d of area.districts) expect(ZH_DISTRICTS[d.id], `${area.id} ${d.id}`).toBeTruthy();
    }
    expect(teamLabel('team-lujiazui-2', 'zh-CN')).toBe('陆家嘴2组');
    expect(teamLabel('team-tower-hamlets-1', 'zh-CN')).toBe('陶尔哈姆莱茨1组');
    expect(teamLabel('team-tower-hamlets-1', 'en')).toBe('Tower Hamlets 1');
    expect(teamLabel('team-lujiazui-2', 'en')).toBe('Lujiazui 2');
    expect(teamLabel('night-crew', 'zh-CN')).toBe('Night Crew');
    expect(skillLabel('welding', 'zh-CN')).toBe('welding');
    expect(partLabel('p-custom', 'zh-CN', 'Custom gasket')).toBe('Custom gasket');
  });

  it('writes no label, title or placeholder in the code itself', () => {
    const problems: string[] = [];
    for (const { path, text } of files.filter((f) => f.path.endsWith('.tsx'))) {
      for (const m of text.matchAll(/\b(aria-label|title|placeholder|alt)="([^"]*)"/g))
        if (/[A-Za-z]{2,}/.test(m[2] as string) && !/[./]/.test(m[2] as string)) problems.push(`${path}: ${m[0]}`);
      for (const m of text.matchAll(/>\s*([A-Za-z][A-Za-z ,’']*[A-Za-z])\s*</g)) problems.push(`${path}: ${m[1]}`);
    }
    expect(problems).toEqual([]);
  });
});
