import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../services/index.js';
import { formatDuration } from '../../i18n/format.js';
import { translate } from '../../i18n/messages.js';
import { chosenIndex, costText, listed, nearMiss, stepChoice } from './candidate-rows.js';

const candidate = (engineerId: string): Candidate => ({
  engineerId,
  name: engineerId,
  team: 't',
  feasible: false,
  slot: null,
  cost: null,
  slaSlackMin: null,
  verdicts: [],
  summary: '',
});
const list = (...ids: string[]) => ids.map(candidate);

describe('the chosen candidate', () => {
  it('is the first row until one is chosen', () => {
    expect(chosenIndex(list('a', 'b'), null)).toBe(0);
    expect(stepChoice(list('a', 'b'), null, 1)).toBe('b');
  });

  it('stays with the engineer when the list is ranked again, so Enter books who was chosen', () => {
    const chosen = stepChoice(list('a', 'b', 'c'), null, 1);
    expect(chosen).toBe('b');
    // A change to the cache re-ranks: b moves to the top, the chosen row follows it.
    expect(chosenIndex(list('b', 'c', 'a'), chosen)).toBe(0);
    expect(stepChoice(list('b', 'c', 'a'), chosen, 1)).toBe('c');
  });

  it('stays within the list, and falls back to the first row when the chosen engineer left it', () => {
    expect(stepChoice(list('a', 'b'), 'b', 1)).toBe('b');
    expect(stepChoice(list('a', 'b'), 'a', -1)).toBe('a');
    expect(chosenIndex(list('a', 'c'), 'b')).toBe(0);
    expect(stepChoice([], 'b', 1)).toBe('b');
  });
});

describe('those who cannot take it', () => {
  const unfit = (engineerId: string, ...broken: Candidate['verdicts'][number]['rule'][]): Candidate => ({
    ...candidate(engineerId),
    verdicts: broken.map((rule) => ({ rule, hard: true, status: 'fail' as const, reason: '' })),
  });

  it('lists the near misses (only the shift or the window broken) above those without the skill or the parts', () => {
    const rows = listed(
      [
        { ...candidate('fits'), feasible: true },
        unfit('noSkill', 'skills'),
        unfit('lateShift', 'shift'),
        unfit('noParts', 'parts'),
        unfit('outsideWindow', 'window'),
        unfit('shiftAndSkill', 'shift', 'skills'),
      ],
      true,
    ).rows.map((c) => c.engineerId);
    expect(rows).toEqual(['fits', 'lateShift', 'outsideWindow', 'noSkill', 'noParts', 'shiftAndSkill']);
    expect(nearMiss(unfit('x', 'maxJobs'))).toBe(true);
    expect(nearMiss(unfit('x', 'excluded'))).toBe(false);
  });
});

describe('the cost cell', () => {
  it('words the lateness and overtime a booking adds in the SLA column’s durations, as additions', () => {
    const words = (locale: 'en' | 'zh-CN') =>
      costText(
        { travelMin: 12, lateMin: 121, overtimeMin: 30 },
        (key, values) => translate(locale, key, values),
        (ms) => formatDuration(ms, locale),
      );
    expect(words('en')).toBe(
      `+12 min driving · +${formatDuration(121 * 60_000, 'en')} late · +${formatDuration(30 * 60_000, 'en')} overtime`,
    );
    const zh = words('zh-CN');
    // Not the SLA column's "迟 …" (how late the order is): the cost is what this booking adds.
    expect(zh).toBe(
      `行车 +12 分钟 · 迟到 +${formatDuration(121 * 60_000, 'zh-CN')} · 加班 +${formatDuration(30 * 60_000, 'zh-CN')}`,
    );
    expect(zh).not.toContain(
      translate('zh-CN', 'candidates.slackLate', { time: formatDuration(121 * 60_000, 'zh-CN') }),
    );
    expect(zh).not.toContain('121');
  });
});
