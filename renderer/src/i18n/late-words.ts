import type { BookingLateness } from '../../../shared/sla/index.js';
import { formatDateTime, formatDuration } from './format.js';
import { translate, type Locale } from './messages.js';

/**
 * How late a booking is, in the console's words: the same line on the bar card and in the order's details. Given
 * every clock it misses (respond first), it names both when it misses both.
 */
export function lateWords(
  late: BookingLateness | readonly BookingLateness[],
  locale: Locale,
  timeZone: string,
): string {
  const misses = Array.isArray(late) ? late : [late as BookingLateness];
  const respond = misses.find((m) => m.deadline === 'respond');
  const resolve = misses.find((m) => m.deadline === 'resolve');
  const words = (m: BookingLateness) => ({
    late: formatDuration(m.lateMs, locale),
    due: formatDateTime(m.dueAt, locale, timeZone),
  });
  if (respond && resolve) {
    const r = words(resolve);
    return `◷ ${translate(locale, 'late.bookedBoth', { ...words(respond), lateResolve: r.late, dueResolve: r.due })}`;
  }
  const one = respond ?? resolve;
  if (!one) return '';
  return `◷ ${translate(locale, one.deadline === 'respond' ? 'late.booked' : 'late.bookedResolve', words(one))}`;
}
