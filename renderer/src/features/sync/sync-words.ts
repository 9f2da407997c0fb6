import type { SyncStatus } from '../../../../shared/ipc/index.js';
import { formatDateTime, formatDay, formatDuration, formatTime } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';

/**
 * What the status bar says of the console's copy. On a live link with nothing waiting, nothing stuck and no failed
 * round, the server tells the console of every change as it happens: the copy is current ("In sync"), however long ago
 * the last round was. Otherwise (offline, working offline, changes waiting, a round failing) it says when the copy was
 * last in step with the server, and how long ago. `title` is the last exchange's time, for the tooltip.
 */
export function syncWords(
  status: Pick<SyncStatus, 'state' | 'pending' | 'lastSyncAt' | 'message' | 'stuck'>,
  now: number,
  locale: Locale,
  timeZone: string,
): { text: string; title: string | undefined; current: boolean } {
  const at = status.lastSyncAt;
  if (at === null) return { text: translate(locale, 'sync.never'), title: undefined, current: false };
  const time =
    formatDay(at, locale, timeZone) === formatDay(now, locale, timeZone)
      ? formatTime(at, locale, timeZone)
      : formatDateTime(at, locale, timeZone);
  const title = translate(locale, 'sync.lastSync', { time });
  const live = status.state === 'online' || status.state === 'syncing';
  if (live && status.pending === 0 && status.stuck === null && status.message === null)
    return { text: translate(locale, 'sync.inSync'), title, current: true };
  const ago = formatDuration(Math.max(0, now - at), locale);
  return { text: translate(locale, 'sync.lastSyncAgo', { time, ago }), title, current: false };
}
