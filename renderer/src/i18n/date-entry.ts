import type { Locale } from './messages.js';

/**
 * Calendar days typed in the console's language, whatever the browser's: `2026年12月7日` in Chinese, `Dec 7, 2026` in
 * English. A day is kept as YYYY-MM-DD (the value every view works with); these only show it and read it back.
 */

const formats = new Map<Locale, Intl.DateTimeFormat>();

function formatOf(locale: Locale): Intl.DateTimeFormat {
  let f = formats.get(locale);
  if (!f) {
    // The calendar day itself, not an instant: formatted at UTC midnight in UTC, so no zone can move it.
    f = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      year: 'numeric',
      month: locale === 'zh-CN' ? 'long' : 'short',
      day: 'numeric',
    });
    formats.set(locale, f);
  }
  return f;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day (YYYY-MM-DD) as the console writes it in `locale`; '' stays '' and anything else is shown as given. */
export function formatDateEntry(date: string, locale: Locale): string {
  const m = ISO.exec(date);
  if (!m) return date;
  return formatOf(locale).format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** YYYY-MM-DD of a real calendar day, or null (30 February is not one). */
function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Full-width digits and separators (typed with a Chinese input method) as their ASCII forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Reads a day typed in the console's language, or as YYYY-MM-DD: year first in either language (`2026年12月7日`,
 * `2026/12/7`, `2026-12-07`); in Chinese a month and day alone (`12月7日`, `12/7`) are in `today`'s year; in English a
 * month named (`Dec 7, 2026`, `7 December`) or in figures month first, as the console writes it (`12/7/2026`).
 * Null when it is not a calendar day.
 */
export function parseDateEntry(text: string, locale: Locale, today: string): string | null {
  const typed = halfWidth(text).trim().toLowerCase();
  if (!typed) return null;
  const thisYear = Number(today.slice(0, 4));
  const yearFirst = /^(\d{4})\s*[^\d\s]\s*(\d{1,2})\s*[^\d\s]\s*(\d{1,2})\s*[^\d\s]?$/.exec(typed);
  if (yearFirst) return isoOf(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  if (locale === 'zh-CN') {
    const monthDay = /^(\d{1,2})\s*[^\d\s]\s*(\d{1,2})\s*[^\d\s]?$/.exec(typed);
    return monthDay ? isoOf(thisYear, Number(monthDay[1]), Number(monthDay[2])) : null;
  }
  const words = typed.match(/[a-z]+/g) ?? [];
  const numbers = (typed.match(/\d+/g) ?? []).map((n) => ({ n: Number(n), digits: n.length }));
  if (words.length > 0) {
    if (words.length !== 1 || words[0]!.length < 3) return null;
    const month = MONTH_NAMES.findIndex((m) => m.startsWith(words[0]!));
    if (month < 0) return null;
    const year = numbers.find((x) => x.digits === 4);
    const day = numbers.find((x) => x.digits <= 2);
    if (!day || numbers.length !== (year ? 2 : 1)) return null;
    return isoOf(year?.n ?? thisYear, month + 1, day.n);
  }
  const monthFirst = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$/.exec(typed);
  return monthFirst
    ? isoOf(monthFirst[3] ? Number(monthFirst[3]) : thisYear, Number(monthFirst[1]), Number(monthFirst[2]))
    : null;
}
