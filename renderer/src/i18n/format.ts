import { epochAtLocal, localDate } from '../../../shared/time/index.js';
import type { Locale } from './messages.js';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** 14:05 in the control centre's zone. */
export function formatTime(t: number, locale: Locale, timeZone: string): string {
  return formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
}

/**
 * A moment as a message about the board says it: the time alone when it falls on the day the board shows (`day`, any
 * instant of it), with its day before it otherwise, or when no single day is shown (`day` null: the week), so a drop on
 * Wednesday in the week reads "Wed, Dec 9 11:45", not "11:45".
 */
export function formatTimeOn(t: number, day: number | null, locale: Locale, timeZone: string): string {
  const time = formatTime(t, locale, timeZone);
  return day !== null && localDate(t, timeZone) === localDate(day, timeZone)
    ? time
    : `${formatDay(t, locale, timeZone)} ${time}`;
}

/** Mon 23 Nov, 14:05 in the control centre's zone. */
export function formatDateTime(t: number, locale: Locale, timeZone: string): string {
  return formatter(locale, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(t);
}

/** Mon 23 Nov. */
export function formatDay(t: number, locale: Locale, timeZone: string): string {
  return formatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(t);
}

/**
 * A calendar day typed in (YYYY-MM-DD) as the console shows days: Tue 1 Dec, 12月1日周二; with its year when that is
 * not the year of `now` (Tue 1 Dec 2026), so a day typed a year off is not read as this year's.
 */
export function formatCalendarDay(date: string, locale: Locale, timeZone: string, now: number): string {
  const noon = epochAtLocal(date, 12 * 60, timeZone);
  const thisYear = localDate(now, timeZone).slice(0, 4) === date.slice(0, 4);
  return thisYear
    ? formatDay(noon, locale, timeZone)
    : formatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(noon);
}

/** Sun 6: a day start on a crowded axis. */
export function formatShortDay(t: number, locale: Locale, timeZone: string): string {
  return formatter(locale, timeZone, { weekday: 'short', day: 'numeric' }).format(t);
}

/** A duration as 1 h 05 min, 12 min, 2 d 3 h. */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (locale === 'zh-CN') {
    if (d > 0) return `${d}天${h}小时`;
    if (h > 0) return `${h}小时${String(m).padStart(2, '0')}分`;
    return `${m}分钟`;
  }
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  return `${m} min`;
}
