import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useActions, type ConflictQuestion } from '../../services/index.js';
import { OverrideDialog, withOverrides, type OverrideRequest } from '../board/index.js';
import { actionWords } from '../../i18n/action-words.js';
import { formatTime, formatTimeOn } from '../../i18n/format.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { useTakeFocus } from '../../ui/take-focus.js';

/**
 * The mutations the server refused, each with its reason, to re-apply on the current state or discard. Re-apply goes
 * through the engine's rule check as a drop does: a booking that now breaks a hard rule asks the override question
 * first (or says why it cannot be made) and, confirmed, carries the override. It takes the focus when it opens, as the
 * other panels do; Esc closes it and the focus goes back to the badge that opened it.
 */
export function ConflictsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const conflicts = useConsole((s) => s.conflicts);
  const count = useConsole((s) => s.status.conflicts);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const box = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState<{ mutationId: number; request: OverrideRequest } | null>(null);
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
  /** The override question for a re-apply, each booking named as the board's question names a drop. */
  const ask = (q: ConflictQuestion) => {
    const { orders, engineers } = consoleStore().getState();
    const broken = q.broken.map(({ move, rules }) => ({
      move,
      rules,
      title: t('override.move', {
        code: orders.get(move.orderId)?.code ?? move.orderId,
        name: engineers.get(move.engineerId!)?.name ?? move.engineerId!,
        time: formatTimeOn(move.start!, Date.now(), locale, timeZone),
      }),
    }));
    setAsking({ mutationId: q.mutationId, request: { moves: q.moves, label: undefined, broken } });
  };
  const reapply = async (mutationId: number) => {
    const question = await actions.settleConflict(mutationId, 'retry');
    if (question) ask(question);
  };
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
              <button className="primary" onClick={() => void reapply(c.mutationId)}>
                {t('conflicts.retry')}
              </button>
              <button onClick={() => void actions.settleConflict(c.mutationId, 'discard')}>
                {t('conflicts.discard')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {asking && (
        <OverrideDialog
          request={asking.request}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => {
            const { mutationId, request } = asking;
            setAsking(null);
            const overrides = withOverrides(request, reason).flatMap((m) =>
              m.override ? [{ orderId: m.orderId, override: m.override }] : [],
            );
            void actions.settleConflict(mutationId, 'retry', overrides);
          }}
        />
      )}
    </div>
  );
}
