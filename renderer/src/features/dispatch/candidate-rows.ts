import type { Candidate, FitChange } from '../../services/index.js';
import type { CostWords } from '../../i18n/cost-words.js';
import { partLabel } from '../../i18n/domain-labels.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { translate, type Locale, type MessageKey } from '../../i18n/messages.js';
import { listWords } from '../../i18n/punctuation.js';

/** The rules the candidate list shows a column for, in the order a dispatcher checks them. */
export const RULE_COLUMNS = ['skills', 'parts', 'shift', 'overlap', 'window', 'sla'] as const;
export type RuleColumn = (typeof RULE_COLUMNS)[number];

/** One rule's cell: met, broken, or not checked (an earlier rule already ruled the engineer out), and why. */
export interface RuleCell {
  column: RuleColumn;
  status: 'pass' | 'fail' | 'skipped';
  /** The engine's reason (in English, and as data to word in the console's language); empty for the SLA column, which the console words itself. */
  reason: string;
  say?: Candidate['verdicts'][number]['say'];
}

/** The six rule cells of a candidate: the engine's verdicts, and the SLA from the slot's slack. */
export function ruleCells(c: Candidate): RuleCell[] {
  return RULE_COLUMNS.map((column) => {
    if (column === 'sla')
      return {
        column,
        status: c.slaSlackMin === null ? 'skipped' : c.slaSlackMin >= 0 ? 'pass' : 'fail',
        reason: '',
      };
    // The shift column also carries the day's absences and job limit: all say whether the day has room at all.
    const related = column === 'shift' ? ['shift', 'absence', 'maxJobs'] : [column];
    const verdicts = c.verdicts.filter((v) => related.includes(v.rule));
    const failed = verdicts.find((v) => v.status === 'fail');
    const own = verdicts.find((v) => v.rule === column);
    const shown = failed ?? own;
    return { column, status: shown?.status ?? 'skipped', reason: shown?.reason ?? '', say: shown?.say };
  });
}

/** The cost in words is shared with the board's drag card (i18n/cost-words.ts). */
export type { CostWords } from '../../i18n/cost-words.js';
export { costText } from '../../i18n/cost-words.js';

export function costWords(c: Candidate): CostWords | null {
  if (!c.cost) return null;
  return {
    travelMin: Math.round(c.cost.travelMin),
    lateMin: Math.round(c.cost.lateMin),
    overtimeMin: Math.round(c.cost.overtimeMin),
  };
}

/** Rules about the time of the day: an engineer who breaks only these has what the job needs, just not the time. */
const TIME_RULES: ReadonlySet<string> = new Set(['shift', 'absence', 'maxJobs', 'window', 'breaks', 'overlap']);

/** An engineer who cannot take it only for want of time (shift, window, the day's room), not for skills or parts. */
export function nearMiss(c: Candidate): boolean {
  const broken = c.verdicts.filter((v) => v.hard && v.status === 'fail');
  return !c.feasible && broken.length > 0 && broken.every((v) => TIME_RULES.has(v.rule));
}

/**
 * The candidates the panel lists: everyone who can take it, then (when asked) up to `limit` of those who cannot, the
 * near misses first (in the engine's order within each group).
 */
export function listed(
  candidates: readonly Candidate[],
  showInfeasible: boolean,
  limit = 50,
): { rows: Candidate[]; hidden: number } {
  const fit = candidates.filter((c) => c.feasible);
  const unfit = [
    ...candidates.filter((c) => !c.feasible && nearMiss(c)),
    ...candidates.filter((c) => !c.feasible && !nearMiss(c)),
  ];
  const rows = showInfeasible ? [...fit, ...unfit].slice(0, Math.max(limit, fit.length)) : fit.slice(0, limit);
  return { rows, hidden: candidates.length - rows.length };
}

/**
 * The row the dispatcher has chosen, kept by engineer, not by place: the list is ranked again after every change to
 * the cache, and Enter must book the engineer that was chosen even if the ranking moved them. The first row when
 * nothing is chosen yet or the chosen engineer left the list.
 */
export function chosenIndex(rows: readonly Candidate[], chosen: string | null): number {
  const i = chosen === null ? -1 : rows.findIndex((c) => c.engineerId === chosen);
  return i >= 0 ? i : 0;
}

/** The engineer one row up or down from the chosen one, within the list. */
export function stepChoice(rows: readonly Candidate[], chosen: string | null, by: 1 | -1): string | null {
  if (rows.length === 0) return chosen;
  const i = Math.min(rows.length - 1, Math.max(0, chosenIndex(rows, chosen) + by));
  return rows[i]!.engineerId;
}

/** How a change is acted on: bumping books both moves as one plan; the others book anyway, through the rule check. */
export function changeAction(change: FitChange): 'bump' | 'bookAnyway' {
  return change.kind === 'bump' ? 'bump' : 'bookAnyway';
}

/**
 * A smallest change in the console's words, worded from its data (never the engine's English `summary`): who would
 * take the order and when, with the engineers named as the console names them (`names`, engineerNames: a namesake by
 * their team and short id), the van each part would come from too.
 */
export function changeWords(
  c: FitChange,
  locale: Locale,
  timeZone: string,
  names: ReadonlyMap<string, string>,
): string {
  const t = (key: MessageKey, values: Record<string, string | number>) => translate(locale, key, values);
  const name = names.get(c.engineerId) ?? c.name;
  const time = formatTime(c.slot.start, locale, timeZone);
  const late =
    c.lateMin > 0 ? ` (${t('candidates.change.late', { time: formatDuration(c.lateMin * 60_000, locale) })})` : '';
  switch (c.kind) {
    case 'partTransfer': {
      const parts = c.transfers.map((p) =>
        t('candidates.change.part', {
          qty: p.qty,
          part: partLabel(p.part, locale, p.partName),
          from: names.get(p.fromEngineerId) ?? p.fromName,
          km: p.km,
        }),
      );
      return t('candidates.change.partTransfer', { name, time, parts: listWords(parts, locale) }) + late;
    }
    case 'longerShift':
      return (
        t('candidates.change.longerShift', { name, extra: formatDuration(c.extraMin * 60_000, locale), time }) + late
      );
    case 'bump':
      return t('candidates.change.bump', { name, priority: c.bumped.priority, code: c.bumped.code, time }) + late;
  }
}
