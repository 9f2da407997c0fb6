// What the "Find a time" step works out besides the engine's answer: the days the caller can pick, what is wrong
// with a day typed in, the preferences sent and the keys of the list.
import { addDays, epochAtLocal, isIsoDate, localDate } from '../../../../shared/time/index.js';
import type { SlotQuery } from '../../services/index.js';

/** Days the engine searches, today first (as core's findSlots does). */
export const SEARCH_DAYS = 7;

export type DayHalf = 'morning' | 'afternoon';
export const HALVES: readonly DayHalf[] = ['morning', 'afternoon'];

/** A day the caller may choose: its date and its local midnight. */
export interface DayChoice {
  date: string;
  dayStart: number;
}

/** The days searched, today first. */
export function searchDays(now: number, timeZone: string): DayChoice[] {
  const today = localDate(now, timeZone);
  return Array.from({ length: SEARCH_DAYS }, (_, n) => {
    const date = addDays(today, n);
    return { date, dayStart: epochAtLocal(date, 0, timeZone) };
  });
}

/** Why a day typed in cannot be searched: it is over, or past the days searched; null when it can. */
export function dayProblem(date: string, now: number, timeZone: string): 'past' | 'beyond' | 'invalid' | null {
  if (!isIsoDate(date)) return 'invalid';
  const today = localDate(now, timeZone);
  if (date < today) return 'past';
  if (date > addDays(today, SEARCH_DAYS - 1)) return 'beyond';
  return null;
}

/**
 * The days chosen once a day is typed in: that day when it is one of those searched; none otherwise (a day that cannot
 * be searched replaces the chips picked before, and its problem is said instead of a search).
 */
export function daysTyped(choices: readonly DayChoice[], date: string): number[] {
  const choice = choices.find((c) => c.date === date);
  return choice ? [choice.dayStart] : [];
}

/**
 * Which day toggles show as pressed, so they match what is searched: "any day" only when no day is chosen or typed (a
 * typed day that cannot be searched runs no search, so no toggle is pressed), each day when it is chosen.
 */
export function daysPressed(
  days: readonly number[],
  typed: string,
): { any: boolean; day: (dayStart: number) => boolean } {
  return { any: days.length === 0 && typed === '', day: (dayStart) => days.includes(dayStart) };
}

/** The preferences the engine is asked with: no day or half chosen means any. */
export function slotPreferences(
  days: readonly number[],
  halves: readonly DayHalf[],
): NonNullable<SlotQuery['preferences']> {
  return { days: [...days].sort((a, b) => a - b), halves: HALVES.filter((h) => halves.includes(h)) };
}

/** Adds a day to the chosen ones, or takes it out when it is there. */
export function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

/** The row a key moves to in a list of `count` rows (arrows, Home, End); null for any other key. */
export function rowAfterKey(key: string, row: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(row + 1, count - 1);
    case 'ArrowUp':
      return Math.max(row - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
