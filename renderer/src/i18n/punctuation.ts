import type { Locale } from './messages.js';

/**
 * The marks that join words in each language: English separates with ASCII marks and a space, Chinese with
 * full-width marks and no space, and lists like items with the enumeration comma (、).
 */
const MARKS: Readonly<Record<Locale, { colon: string; comma: string; semicolon: string; enumeration: string }>> = {
  en: { colon: ': ', comma: ', ', semicolon: '; ', enumeration: ', ' },
  'zh-CN': { colon: '：', comma: '，', semicolon: '；', enumeration: '、' },
};

/** The mark between a label and what it labels ("Breaks: …", "休息：…"). */
export function colonOf(locale: Locale): string {
  return MARKS[locale].colon;
}

/** A label and what it labels: "Breaks: 12:00–12:30", "休息：12:00–12:30". */
export function labelled(label: string, text: string, locale: Locale): string {
  return `${label}${MARKS[locale].colon}${text}`;
}

/** Like items listed: "12:00–12:30, 15:00–15:15", "12:00–12:30、15:00–15:15". */
export function listWords(items: readonly string[], locale: Locale): string {
  return items.join(MARKS[locale].enumeration);
}

/** Phrases of one sentence one after the other: "2 bookings, 1 breaking a rule", "2 个预约，1 个违反规则". */
export function clauseWords(phrases: readonly string[], locale: Locale): string {
  return phrases.join(MARKS[locale].comma);
}

/** Statements that each stand on their own, one after the other: "a; b", "a；b". */
export function statementWords(statements: readonly string[], locale: Locale): string {
  return statements.join(MARKS[locale].semicolon);
}
