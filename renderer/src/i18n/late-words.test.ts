import { describe, expect, it } from 'vitest';
import { bookedMisses, evaluateSla, slaTimeline } from '../../../shared/sla/index.js';
import { formatDateTime } from './format.js';
import { lateWords } from './late-words.js';

const M = 60_000;
const TZ = 'Asia/Shanghai';
const created = Date.UTC(2026, 2, 4, 0, 0);
const order = { createdAt: created, sla: { respondBy: created + 60 * M, resolveBy: created + 120 * M } };
const sla = evaluateSla(
  order,
  slaTimeline({ id: 'o1', status: 'scheduled', updatedAt: created }, []),
  { jeopardyMin: 30, businessHours: null },
  created + M,
);
const due = (at: number, locale: 'en' | 'zh-CN' = 'en') => formatDateTime(at, locale, TZ);

describe('the late line of a booking', () => {
  it('names both respond-by and resolve-by when the booking misses both', () => {
    // Arrives 2 h 35 min after respond-by and finishes 1 h 35 min after resolve-by.
    const late = bookedMisses(sla, { start: created + 215 * M, end: created + 275 * M });
    expect(lateWords(late, 'en', TZ)).toBe(
      `◷ booked to arrive 2 h 35 min after respond-by (${due(created + 60 * M)}) ` +
        `and to finish 2 h 35 min after resolve-by (${due(created + 120 * M)})`,
    );
    expect(lateWords(late, 'zh-CN', TZ)).toContain(`解决时限（${due(created + 120 * M, 'zh-CN')}）`);
  });

  it('names only respond-by when the work still finishes by resolve-by', () => {
    const late = bookedMisses(sla, { start: created + 80 * M, end: created + 110 * M });
    expect(lateWords(late, 'en', TZ)).toBe(`◷ booked to arrive 20 min after respond-by (${due(created + 60 * M)})`);
  });
});
