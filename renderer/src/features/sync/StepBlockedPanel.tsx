import { useActions } from '../../services/index.js';
import { actionWords } from '../../i18n/action-words.js';
import { changeWhat } from './change-words.js';
import { formatTime } from '../../i18n/format.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { useEngineerNames } from '../../ui/use-names.js';

/**
 * An undo or redo that met a later change of what it would put back: whose change, when and what; the step is kept,
 * to take anyway on top of that change, drop, or keep for later.
 */
export function StepBlockedPanel() {
  const t = useT();
  const actions = useActions();
  const blocked = useConsole((s) => s.blockedStep);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const names = useEngineerNames();
  if (!blocked) return null;
  const undo = blocked.stack === 'undo';
  const title = t(undo ? 'history.blockedUndo' : 'history.blockedRedo', {
    label: actionWords(blocked.label, locale, timeZone, names),
  });
  return (
    <div className="popover step-blocked" role="alertdialog" aria-label={title} data-testid="step-blocked">
      <header>
        <strong>{title}</strong>
      </header>
      <ul>
        {blocked.changes.map((c) => (
          <li key={c.record ?? ''} data-testid="step-change">
            {t(c.mine ? 'history.changedByYou' : c.by ? 'history.changedBy' : 'history.changedSince', {
              record: c.record ?? t('history.policy'),
              by: c.by ?? '',
              what: changeWhat(c, locale),
              time: c.at !== null ? formatTime(c.at, locale, timeZone) : '',
            })}
          </li>
        ))}
      </ul>
      {!blocked.canForce && (
        <div className="reason">{reasonWords({ reason: blocked.message, say: blocked.say }, locale, names)}</div>
      )}
      <div className="actions">
        {blocked.canForce && (
          <button className="primary" data-testid="step-force" onClick={() => void actions.settleBlockedStep('force')}>
            {t(undo ? 'history.undoAnyway' : 'history.redoAnyway')}
          </button>
        )}
        <button data-testid="step-drop" onClick={() => void actions.settleBlockedStep('drop')}>
          {t('history.dropStep')}
        </button>
        <button data-testid="step-keep" onClick={() => void actions.settleBlockedStep('keep')}>
          {t('history.keepStep')}
        </button>
      </div>
    </div>
  );
}
