import type { CustomerLanguage } from '../../../shared/domain/index.js';

/** Two-character Chinese family names common enough to meet; any other Chinese name's family name is its first character. */
const COMPOUND_FAMILY_NAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '端木',
  '南宫',
]);

/** A name written in Han characters alone (spaces aside): a Chinese name, family name first. */
const HAN_NAME = /^\p{Script=Han}+$/u;

/** The family name of a Chinese name: its two-character family name when it has one, else its first character. */
export function chineseFamilyName(name: string): string {
  return name.length >= 3 && COMPOUND_FAMILY_NAMES.has(name.slice(0, 2)) ? name.slice(0, 2) : name.slice(0, 1);
}

/**
 * The engineer as the customer knows them, in the customer's language: the tracking page and the notifier's messages
 * both name the engineer with this. A Chinese name is the family name and 师傅 in Chinese (李杰 → 李师傅, 欧阳娜娜 →
 * 欧阳师傅), and the full name in English (no courtesy title can be told from the name); any other name is its first
 * word, the given name (Tom Baker → Tom).
 */
export function customerEngineerName(name: string, lang: CustomerLanguage): string {
  const trimmed = name.trim();
  const han = trimmed.replace(/\s+/g, '');
  if (HAN_NAME.test(han)) return lang === 'zh' && han.length >= 2 ? `${chineseFamilyName(han)}师傅` : han;
  return trimmed.split(/\s+/)[0] ?? trimmed;
}
