import type { MessageKey } from '../../i18n/messages.js';
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
export function noSlotSentence(search: SlotSearch, t: Translate, skillName: (id: string) => string): string | null {
  const r = search.reason;
  if (!r) return null;
  switch (r.code) {
    case 'not_open':
      return t('slots.none.not_open', { status: t(`status.${r.status}`).toLowerCase() });
    case 'no_skills':
      return t('slots.none.no_skills', {
        skills: r.skills.map((s) => t('slots.skillLevel', { skill: skillName(s.skill), level: s.level })).join(', '),
      });
    default:
      return t(`slots.none.${r.code}`);
  }
}
