import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { colonOf } from '../../i18n/punctuation.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { Dialog } from '../../ui/Dialog.js';
import { keepFocusIn } from '../../ui/focus-trap.js';
import { mayOverride, type OverrideRequest } from './override.js';

/**
 * Asks once before a drop or key move that breaks a hard rule is booked: the rules broken in words, an optional
 * reason. Enter books it anyway, Esc cancels; focus stays inside while it is open and goes back where it was after.
 */
export function OverrideDialog({
  request,
  onConfirm,
  onCancel,
}: {
  request: OverrideRequest;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const names = useEngineerNames();
  const [reason, setReason] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const allowed = mayOverride(request);

  // The dialog shell gives the focus back to what had it before when this closes.
  // Focus moves in the same task that shows the dialog, so an Enter pressed the moment it appears answers it and
  // does not reach the board behind.
  useLayoutEffect(() => {
    box.current?.querySelector<HTMLElement>(allowed ? 'input' : 'button')?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCancel();
      return;
    }
    keepFocusIn(box.current, e);
  };

  return (
    <div ref={box} onKeyDown={onKeyDown}>
      <Dialog
        label={t('override.title')}
        className="override"
        testId="override-dialog"
        onClose={onCancel}
        onSubmit={(e) => {
          e.preventDefault();
          if (allowed) onConfirm(reason);
          else onCancel();
        }}
      >
        <h2>⚠ {t('override.title')}</h2>
        <ul className="override-list">
          {request.broken.map((b) => (
            <li key={b.move.orderId}>
              <strong>{b.title}</strong>
              <ul>
                {b.rules.map((r) => (
                  <li key={r.rule} data-rule={r.rule}>
                    <span className="rule">{t(`rule.${r.rule}`)}</span>
                    {colonOf(locale)}
                    {reasonWords({ reason: r.message, say: r.say }, locale, names)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        {allowed ? (
          <>
            <p>{t('override.intro')}</p>
            <label>
              {t('override.reason')}
              <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
          </>
        ) : (
          <p className="field-error">{t('override.excluded')}</p>
        )}
        <div className="modal-actions">
          {allowed && <span className="override-keys">{t('override.keys')}</span>}
          <button type="button" onClick={onCancel}>
            {t('override.cancel')}
          </button>
          {allowed && (
            <button type="submit" className="danger">
              {t('override.confirm')}
            </button>
          )}
        </div>
      </Dialog>
    </div>
  );
}
