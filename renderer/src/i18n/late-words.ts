import type { BookingLateness } from '../../../shared/sla/index.js';
import { formatDateTime, formatDuration } from './format.js';
import { translate, type Locale } from './messages.js';

/** How late a booking is, in the console's words: the same line on the bar card and in the order's details. */
export function lateWords(late: BookingLateness, locale: Locale, timeZone: string): string {
  return `◷ ${translate(locale, late.deadline === 'respond' ? 'late.booked' : 'late.bookedResolve', {
    late: formatDuration(late.lateMs, locale),
    due: formatDateTime(late.dueAt, locale, timeZone),
  })}`;
}
