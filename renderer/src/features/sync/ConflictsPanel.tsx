import { useEffect } from 'react';
import { useActions } from '../../services/index.js';
import { actionWords } from '../../i18n/action-words.js';
import { formatTime } from '../../i18n/format.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';

/** The mutations the server refused, each with its reason, to re-apply on the current state or discard. */
export function ConflictsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const conflicts = useConsole((s) => s.conflicts);
  const count = useConsole((s) => s.status.conflicts);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  useEffect(() => {
    void actions.refreshConflicts();
  }, [actions, count]);
  return (
    <div className="popover conflicts" role="dialog" aria-label={t('conflicts.title')} data-testid="conflicts-panel">
      <header>
        <strong>{t('conflicts.title')}</strong>
        <button onClick={onClose}>{t('common.close')}</button>
      </header>
      {conflicts.length === 0 && <p className="muted">{t('conflicts.none')}</p>}
      <ul>
        {conflicts.map((c) => (
          <li key={c.mutationId} data-testid="conflict">
            <div>
              <strong>{actionWords(c.label, locale, timeZone)}</strong>{' '}
              <span className="muted">{formatTime(c.createdAt, locale, timeZone)}</span>
            </div>
            <div className="reason">{reasonWords({ reason: c.message, say: c.say }, locale)}</div>
            <div className="actions">
              <button className="primary" onClick={() => void actions.settleConflict(c.mutationId, 'retry')}>
                {t('conflicts.retry')}
              </button>
              <button onClick={() => void actions.settleConflict(c.mutationId, 'discard')}>
                {t('conflicts.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
