// The cost of a booking in the words the candidate list and the board's drag card share.

/** What a booking costs, in minutes a dispatcher reads: driving added, lateness, overtime. */
export interface CostWords {
  travelMin: number;
  lateMin: number;
  overtimeMin: number;
}

/**
 * The cost cell in words: the driving added, then lateness and overtime as the console words a duration (the same
 * wording as the SLA column beside it).
 */
export function costText(
  w: CostWords,
  t: (
    key: 'candidates.costNone' | 'candidates.costTravel' | 'candidates.costLate' | 'candidates.costOvertime',
    values?: Record<string, string | number>,
  ) => string,
  duration: (ms: number) => string,
): string {
  const parts = [
    w.travelMin === 0
      ? t('candidates.costNone')
      : t('candidates.costTravel', { sign: w.travelMin > 0 ? '+' : '−', min: Math.abs(w.travelMin) }),
  ];
  if (w.lateMin > 0) parts.push(t('candidates.costLate', { time: duration(w.lateMin * 60_000) }));
  if (w.overtimeMin > 0) parts.push(t('candidates.costOvertime', { time: duration(w.overtimeMin * 60_000) }));
  return parts.join(' · ');
}
