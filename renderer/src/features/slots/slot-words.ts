import type { Locale, MessageKey } from '../../i18n/messages.js';
import { listWords } from '../../i18n/punctuation.js';
import type { SlotSearch, SlotOffer } from '../../services/index.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Why a window is graded as it is, one phrase per figure: the drive it adds, SLA fit, how full the day is, the buffer.
 * `duration` words the SLA's slack or lateness as the rest of the console does (1 d 11 h, not 2102 min).
 */
export function slotReasons(offer: SlotOffer, t: Translate, duration: (minutes: number) => string): string[] {
  const out = [
    offer.travelAddedMin > 0 ? t('slots.travel', { min: offer.travelAddedMin }) : t('slots.noTravel'),
    offer.slaFit === 'late'
      ? t('slots.sla.late', { time: duration(-offer.slaSlackMin) })
      : t(offer.slaFit === 'tight' ? 'slots.sla.tight' : 'slots.sla.met', { time: duration(offer.slaSlackMin) }),
    t('slots.dayFull', { pct: offer.dayFullPct }),
  ];
  if (offer.dipsIntoBuffer) out.push(t('slots.buffer'));
  return out;
}

/** Why a search offers no window, in a sentence; null when it offers some. */
export function noSlotSentence(
  search: SlotSearch,
  t: Translate,
  skillName: (id: string) => string,
  locale: Locale,
): string | null {
  const r = search.reason;
  if (!r) return null;
  switch (r.code) {
    case 'not_open':
      return t('slots.none.not_open', { status: t(`status.${r.status}`).toLowerCase() });
    case 'no_skills':
      return t('slots.none.no_skills', {
        skills: listWords(
          r.skills.map((s) => t('slots.skillLevel', { skill: skillName(s.skill), level: s.level })),
          locale,
        ),
      });
    default:
      return t(`slots.none.${r.code}`);
  }
}

/**
 * What is wrong with a day typed in, in a sentence naming the day as the console shows days (`day` words the
 * YYYY-MM-DD: Tue 1 Dec, 12月1日周二), never in its ISO form.
 */
export function typedDaySentence(
  problem: 'past' | 'beyond' | 'invalid',
  date: string,
  t: Translate,
  day: (date: string) => string,
  searchDays: number,
): string {
  switch (problem) {
    case 'beyond':
      return t('slots.dayBeyond', { n: searchDays, date: day(date) });
    case 'past':
      return t('slots.dayPast', { date: day(date) });
    default:
      return t('slots.none.past');
  }
}

/** How a window picked misses the SLA, to ask about before booking it: late by how much, against which start. */
export interface LateSlot {
  /** How late the engineer's arrival is, in ms. */
  lateMs: number;
  /** The latest start that keeps the order's SLA (its respond-by, or its resolve-by less the job's length). */
  dueAt: number;
}

/** The lateness of a window that misses the SLA; null for one that keeps it (asked about only when late). */
export function lateSlot(offer: SlotOffer): LateSlot | null {
  if (offer.slaFit !== 'late' || offer.slaSlackMin >= 0) return null;
  return { lateMs: -offer.slaSlackMin * 60_000, dueAt: offer.plannedStart + offer.slaSlackMin * 60_000 };
}

/**
 * The question asked before a late window is booked: the window, who would arrive when, and how late that is
 * against the latest start that keeps the SLA. `withEngineer` false: the window is only promised ("any engineer").
 */
export function lateSlotQuestion(
  offer: SlotOffer,
  late: LateSlot,
  withEngineer: boolean,
  t: Translate,
  words: {
    window: string;
    time: (at: number) => string;
    /** The latest start: its time, with its day when that is not the arrival's. */
    due: (at: number) => string;
    duration: (ms: number) => string;
  },
): string {
  return t(withEngineer ? 'slots.late.book' : 'slots.late.promise', {
    window: words.window,
    name: offer.engineerName,
    time: words.time(offer.plannedStart),
    late: words.duration(late.lateMs),
    due: words.due(late.dueAt),
  });
}

/** How each day searched went, in one line: "Days searched: Mon 7 full · Tue 8 nobody works" (已查找的日期：…). */
export function daysSearchedLine(
  days: SlotSearch['days'],
  t: Translate,
  dayName: (dayStart: number) => string,
): string {
  const each = days.map((d) =>
    d.reason ? `${dayName(d.dayStart)} ${t(`slots.dayOutcome.${d.reason}`)}` : dayName(d.dayStart),
  );
  return t('slots.daysSearched', { days: each.join(' · ') });
}
