import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../services/index.js';
import { formatDuration, formatTime } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { engineerNames } from '../../i18n/names.js';
import { rankCandidates } from '../../../../shared/dispatch/candidates.js';
import { dayAt, engineer, order, place, TZ } from '../../../../shared/dispatch/fixtures.testing.js';
import { changeWords, chosenIndex, costText, listed, nearMiss, stepChoice } from './candidate-rows.js';

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

describe('a smallest change in words', () => {
  // Two engineers called Li Wei: a van with filters to spare is one's, the engineer the parts would let take it the other's.
  const li1 = engineer('eng-0051', { name: 'Li Wei', vanStock: {} });
  const li2 = engineer('eng-0052', { name: 'Li Wei', skills: [], homeBase: place(1, 0), vanStock: { 'p-filter': 3 } });
  const state = dayAt('07:00', [li1, li2], [order('t', { requiredParts: [{ part: 'p-filter', qty: 2 }] })]);
  const [change] = rankCandidates(state.orders.get('t')!, state).changes;
  const names = (locale: Locale) => engineerNames([li1, li2], locale);

  it('names the engineer and the van the parts come from as the console names them, from its data', () => {
    expect(change?.kind).toBe('partTransfer');
    const en = changeWords(change!, 'en', TZ, names('en'));
    expect(en).toBe(
      `Move 2 × Air filter F7 from ${names('en').get('eng-0052')} (1.3 km away) to ${names('en').get('eng-0051')}: ` +
        `${names('en').get('eng-0051')} can start ${formatTime(change!.slot.start, 'en', TZ)}`,
    );
    const zh = changeWords(change!, 'zh-CN', TZ, names('zh-CN'));
    expect(zh).toContain(`${names('zh-CN').get('eng-0052')} 车上的 2 × `);
    expect(zh).toContain(`调给 ${names('zh-CN').get('eng-0051')}`);
    // Never the engine's English line, which names both by name alone.
    expect(change!.summary).toBe("move 2 × Air filter F7 from Li Wei's van to Li Wei");
    expect(en).not.toContain(change!.summary);
  });
});
