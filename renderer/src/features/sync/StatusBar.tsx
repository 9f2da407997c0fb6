import { useEffect, useState } from 'react';
import { useActions } from '../../services/index.js';
import { actionWords } from '../../i18n/action-words.js';
import { formatDateTime, formatDay, formatTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { useNow } from '../../ui/use-now.js';
import { ConflictsPanel } from './ConflictsPanel.js';
import { StepBlockedPanel } from './StepBlockedPanel.js';
import { syncWords } from './sync-words.js';

/** The line at the bottom: the link, pending work, last sync, conflicts, undo and redo. */
export function StatusBar() {
  const t = useT();
  const actions = useActions();
  const status = useConsole((s) => s.status);
  const history = useConsole((s) => s.history);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const names = useEngineerNames();
  const notice = useConsole((s) => s.notice);
  const dismiss = useConsole((s) => s.dismissNotice);
  const [showConflicts, setShowConflicts] = useState(false);
  const now = useNow();
  const working = status.state === 'paused';
  const synced = syncWords(status, now, locale, timeZone);
  // The refused changes mark their orders on the board, in the queue and in the details: keep the list current.
  useEffect(() => {
    void actions.refreshConflicts();
  }, [actions, status.conflicts]);
  // A confirmation has said its piece after a few seconds; a failure stays until the next action or a click.
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const timer = setTimeout(() => {
      if (consoleStore().getState().notice === notice) dismiss();
    }, INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span
        className={`link link-${status.state}`}
        data-testid="link-state"
        data-state={status.state}
        title={status.message ?? undefined}
      >
        <span className="dot" /> {t(`sync.${status.state}`)}
      </span>
      <span data-testid="pending" data-count={status.pending}>
        {t('sync.pending', { n: status.pending })}
      </span>
      {status.stuck && (
        <span
          className="stuck"
          data-testid="sync-stuck"
          data-what={status.stuck.what}
          title={[
            status.stuck.change ? actionWords(status.stuck.change, locale, timeZone, names) : null,
            status.stuck.message,
          ]
            .filter(Boolean)
            .join(' — ')}
        >
          {t(`sync.stuck.${status.stuck.what}`, {
            time:
              formatDay(status.stuck.since, locale, timeZone) === formatDay(now, locale, timeZone)
                ? formatTime(status.stuck.since, locale, timeZone)
                : formatDateTime(status.stuck.since, locale, timeZone),
          })}
        </span>
      )}
      <span data-testid="last-sync" data-current={synced.current} title={synced.title}>
        {synced.text}
      </span>
      <button
        className={status.conflicts > 0 ? 'badge danger' : 'badge'}
        data-testid="conflicts-badge"
        data-count={status.conflicts}
        onClick={() => setShowConflicts((v) => !v)}
        aria-expanded={showConflicts}
      >
        {t('sync.conflicts', { n: status.conflicts })}
      </button>
      <button data-testid="work-offline" onClick={() => void actions.setWorkOffline(!working)}>
        {working ? t('sync.goOnline') : t('sync.goOffline')}
      </button>
      <span className="spacer" />
      {notice && (
        <span
          className={`notice ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          // A long notice is cut at the window's width: its tooltip holds all of it.
          title={`${notice.text}\n${t('notice.dismiss')}`}
          onClick={dismiss}
          data-testid="notice"
          data-kind={notice.kind}
        >
          {notice.text}
        </span>
      )}
      <button
        data-testid="undo"
        disabled={!history.canUndo}
        title={history.undoLabel ? actionWords(history.undoLabel, locale, timeZone, names) : undefined}
        onClick={() => void actions.undo()}
      >
        ↶ {t('history.undo')}
      </button>
      <button
        data-testid="redo"
        disabled={!history.canRedo}
        title={history.redoLabel ? actionWords(history.redoLabel, locale, timeZone, names) : undefined}
        onClick={() => void actions.redo()}
      >
        ↷ {t('history.redo')}
      </button>
      {showConflicts && <ConflictsPanel onClose={() => setShowConflicts(false)} />}
      <StepBlockedPanel />
    </footer>
  );
}

/** How long a confirmation stays in the status bar. */
const INFO_NOTICE_MS = 6_000;
