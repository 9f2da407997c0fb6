import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useActions } from '../../services/index.js';
import { actionWords } from '../../i18n/action-words.js';
import { formatTime } from '../../i18n/format.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { useTakeFocus } from '../../ui/take-focus.js';

/**
 * The mutations the server refused, each with its reason, to re-apply on the current state or discard. It takes the
 * focus when it opens, as the other panels do; Esc closes it and the focus goes back to the badge that opened it.
 */
export function ConflictsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const conflicts = useConsole((s) => s.conflicts);
  const count = useConsole((s) => s.status.conflicts);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const box = useRef<HTMLDivElement>(null);
  useTakeFocus(box);
  useEffect(() => {
    void actions.refreshConflicts();
  }, [actions, count]);
  // The button pressed goes with its conflict and the focus would fall to the page: the panel keeps it instead, so
  // Esc still closes it. Focus moved elsewhere on purpose stays where it is.
  useLayoutEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) box.current?.focus({ preventScroll: true });
  }, [conflicts]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
  return (
    <div
      ref={box}
      className="popover conflicts"
      role="dialog"
      aria-label={t('conflicts.title')}
      data-testid="conflicts-panel"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
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
