import type { StepChange } from '../../../../shared/ipc/index.js';
import { translate, type Locale } from '../../i18n/messages.js';

/**
 * What a change an undo step met did, as the blocked-step panel names it: a status change by the action it was
 * ("Released", "Put on hold", "Restored"), any other change by its trail event ("Cancelled", "Pinned").
 */
export function changeWhat(c: Pick<StepChange, 'what' | 'status'>, locale: Locale): string {
  if (!c.what) return translate(locale, 'history.aChange');
  if (c.what !== 'status_changed' || !c.status) return translate(locale, `event.${c.what}`);
  const { from, to } = c.status;
  if (from === 'cancelled') return translate(locale, 'history.what.restored');
  if (to === 'on_hold') return translate(locale, 'history.what.held');
  if (from === 'on_hold') return translate(locale, 'history.what.released');
  if (to === 'dispatched') return translate(locale, 'history.what.dispatched');
  const name = translate(locale, `status.${to}`);
  return translate(locale, 'history.what.setTo', { status: locale === 'en' ? name.toLowerCase() : name });
}
