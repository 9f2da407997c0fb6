import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useActions, type ConflictOverride, type ConflictQuestion } from '../../services/index.js';
import { OverrideDialog, withOverrides, type OverrideRequest } from '../board/index.js';
import { formatTime, formatTimeOn } from '../../i18n/format.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { useTakeFocus } from '../../ui/take-focus.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { conflictCards, mineWords, nowWords } from './conflict-cards.js';

/**
 * The mutations the server refused, to re-apply on the current state or discard: one card per intent (the changes
 * made to the same orders), saying what the dispatcher asked for, why it was refused, and where the orders stand now
 * and whose change put them there. Re-apply goes through the engine's rule check as a drop does: a booking that now
 * breaks a hard rule asks the override question first (or says why it cannot be made) and, confirmed, carries the
 * override; the card's later changes go on after the answer, each asked in turn, and those not confirmed are skipped
 * (they stay in the panel) and named. It takes the focus when it opens, as the other panels do; Esc closes it and the
 * focus goes back to the badge that opened it.
 */
export function ConflictsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const names = useEngineerNames();
  const actions = useActions();
  const conflicts = useConsole((s) => s.conflicts);
  const count = useConsole((s) => s.status.conflicts);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  // Where the orders stand moves on with the data (the colleague's change may arrive after the refusal).
  const dataVersion = useConsole((s) => s.dataVersion);
  const box = useRef<HTMLDivElement>(null);
  /** The override question on screen, and where its answer goes (the overrides confirmed, or null). */
  const [asking, setAsking] = useState<{
    request: OverrideRequest;
    answer: (overrides: ConflictOverride[] | null) => void;
  } | null>(null);
  // A question still open when the panel closes is not confirmed.
  const open = useRef(asking);
  open.current = asking;
  useEffect(() => () => open.current?.answer(null), []);
  useTakeFocus(box);
  useEffect(() => {
    void actions.refreshConflicts();
  }, [actions, count, dataVersion]);
  // The button pressed goes with its conflict and the focus would fall to the page: the panel keeps it instead, so
  // Esc still closes it. Focus moved elsewhere on purpose stays where it is.
  useLayoutEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (lost) box.current?.focus({ preventScroll: true });
  }, [conflicts]);
  /** The override question for a re-apply, each booking named as the board's question names a drop; the answer. */
  const ask = (q: ConflictQuestion) => {
    const { orders } = consoleStore().getState();
    const broken = q.broken.map(({ move, rules }) => ({
      move,
      rules,
      title: t('override.move', {
        code: orders.get(move.orderId)?.code ?? move.orderId,
        name: names.get(move.engineerId!) ?? move.engineerId!,
        time: formatTimeOn(move.start!, Date.now(), locale, timeZone),
      }),
    }));
    const request: OverrideRequest = { moves: q.moves, label: undefined, broken };
    return new Promise<ConflictOverride[] | null>((resolve) =>
      setAsking({
        request,
        answer: (overrides) => {
          setAsking(null);
          resolve(overrides);
        },
      }),
    );
  };
  /** Re-applies a card's changes in the order they were made, asking for each that needs the dispatcher's answer. */
  const reapply = (mutationIds: readonly number[]) => actions.reapplyConflicts(mutationIds, ask);
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
        {conflictCards(conflicts).map((card) => {
          const ids = card.conflicts.map((c) => c.mutationId);
          const discard = async () => {
            for (const id of ids) await actions.settleConflict(id, 'discard');
          };
          const today = Date.now();
          const reasons = [
            ...new Set(card.conflicts.map((c) => reasonWords({ reason: c.message, say: c.say }, locale, names))),
          ];
          return (
            <li key={card.key} data-testid="conflict">
              {card.conflicts.length > 1 && <strong>{t('conflicts.changes', { n: card.conflicts.length })}</strong>}
              {card.conflicts.map((c) => (
                <div key={c.mutationId} data-testid="conflict-mine">
                  <strong>{mineWords(c, locale, timeZone, today, names)}</strong>{' '}
                  <span className="muted">{formatTime(c.createdAt, locale, timeZone)}</span>
                </div>
              ))}
              {card.now.map((n) => (
                <div key={n.orderId} data-testid="conflict-now">
                  {nowWords(n, locale, timeZone, today, names)}
                </div>
              ))}
              {reasons.map((r) => (
                <div key={r} className="reason">
                  {r}
                </div>
              ))}
              <div className="actions">
                <button className="primary" onClick={() => void reapply(ids)}>
                  {t('conflicts.retry')}
                </button>
                <button onClick={() => void discard()}>{t('conflicts.discard')}</button>
              </div>
            </li>
          );
        })}
      </ul>
      {asking && (
        <OverrideDialog
          request={asking.request}
          onCancel={() => asking.answer(null)}
          onConfirm={(reason) =>
            asking.answer(
              withOverrides(asking.request, reason).flatMap((m) =>
                m.override ? [{ orderId: m.orderId, override: m.override }] : [],
              ),
            )
          }
        />
      )}
    </div>
  );
}
