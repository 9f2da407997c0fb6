// An auto-dispatch proposal in a dispatcher's words: its KPI deltas ("12 min less driving", "1 fewer order left
// unassigned"; "路程少 12分钟", "少 1 单未派"; never "+12" or "-1"), when each move starts and the codes it needs.
import type { Proposal } from '../../../../shared/dispatch/index.js';
import { localDate } from '../../../../shared/time/index.js';
import { formatDay, formatTime } from '../../i18n/format.js';
import type { Locale, MessageKey } from '../../i18n/messages.js';
import { listWords } from '../../i18n/punctuation.js';
import { reasonWords, reasonsWords } from '../../i18n/reason-words.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export type DeltaKpi = 'travel' | 'slaAtRisk' | 'overtime' | 'unassigned';

/** One delta in words, and whether the plan makes that figure better (lower), worse or leaves it. */
export interface DeltaLine {
  kpi: DeltaKpi;
  text: string;
  change: 'better' | 'worse' | 'same';
}

/**
 * The proposal's deltas in the order the panel shows them: driving, SLA at risk, overtime, left unassigned (over every
 * priority). `duration` words minutes as the console does (1 h 05 min, 12分钟).
 */
export function deltaLines(
  delta: Proposal['kpis']['delta'],
  t: Translate,
  duration: (minutes: number) => string,
): DeltaLine[] {
  const line = (kpi: DeltaKpi, value: number, words: (n: number, dir: 'less' | 'more' | 'same') => string) => {
    const n = Math.round(value);
    const change = n < 0 ? 'better' : n > 0 ? 'worse' : 'same';
    return { kpi, change, text: words(Math.abs(n), n < 0 ? 'less' : n > 0 ? 'more' : 'same') } as DeltaLine;
  };
  const unassigned = Object.values(delta.unassigned).reduce((a, b) => a + b, 0);
  return [
    line('travel', delta.travelMin, (n, dir) => t(`dispatch.delta.travel.${dir}`, { time: duration(n) })),
    line('slaAtRisk', delta.slaAtRisk, (n, dir) => t(`dispatch.delta.slaAtRisk.${dir}`, { n })),
    line('overtime', delta.overtimeMin, (n, dir) => t(`dispatch.delta.overtime.${dir}`, { time: duration(n) })),
    line('unassigned', unassigned, (n, dir) => t(`dispatch.delta.unassigned.${dir}`, { n })),
  ];
}

/**
 * When a move starts, as the proposal's list shows it: the time on the day planned (`dayStart`'s day), with the day
 * before it when the move lands on another (Tue 00:32, 12月8日周二 00:32), so it is not read as that day's.
 */
export function moveWhen(start: number, dayStart: number, locale: Locale, timeZone: string): string {
  const time = formatTime(start, locale, timeZone);
  return localDate(start, timeZone) === localDate(dayStart, timeZone)
    ? time
    : `${formatDay(start, locale, timeZone)} ${time}`;
}

/**
 * A move after its code, as the proposal's list shows it: when it starts (`moveWhen`), then who takes it and why. The
 * engine's reason names the engineer with the time ("徐文博 07:11: 11 min drive instead of 36"); the list has the time
 * first already, so the reason says who and why only (07:11 · 徐文博: 11 min drive instead of 36), the time said once.
 * Engineers are named as the console names them (`names`, engineerNames: a namesake with their team and short id), in
 * the reason too (the engineer a move frees time on, an emergency's bumped work moved to).
 */
export function moveLine(
  move: Pick<Proposal['moves'][number], 'to' | 'reason' | 'say'>,
  dayStart: number,
  locale: Locale,
  timeZone: string,
  t: Translate,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  if (!move.to) return `— · ${reasonWords(move, locale, names)}`;
  const when = moveWhen(move.to.start, dayStart, locale, timeZone);
  const [only, ...more] = move.say ?? [];
  if (only?.id === 'moveTo' && more.length === 0 && Array.isArray(only.args.why)) {
    const why = reasonsWords(only.args.why, locale, 'why', names);
    const name = names.get(move.to.engineerId) ?? String(only.args.name ?? '');
    return `${when} · ${t('dispatch.moveTo', { name, why })}`;
  }
  return `${when} · ${reasonWords(move, locale, names)}`;
}

/**
 * Order codes in a list, joined as the language joins a list (WO-1, WO-2 / WO-1、WO-2). Past `max` codes the list
 * names the first ones and counts the rest (WO-1, WO-2, WO-3 and 12 more / WO-1、WO-2、WO-3 及另外 12 单), so a long
 * chain of moves never fills the panel with codes.
 */
export function codeList(codes: readonly string[], locale: Locale, t?: Translate, max = 5): string {
  if (t === undefined || codes.length <= max) return listWords(codes, locale);
  return t('dispatch.codesMore', { codes: listWords(codes.slice(0, max), locale), more: codes.length - max });
}
