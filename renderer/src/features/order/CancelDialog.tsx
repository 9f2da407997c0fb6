import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { formatDateTime, formatTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';
import { Dialog } from '../../ui/Dialog.js';
import { keepFocusIn } from '../../ui/focus-trap.js';
import type { OrderView } from '../../services/index.js';
import type { OrderSla } from '../../../../shared/sla/index.js';
import { cancelPromises, type CancelStakes } from './cancel-ask.js';

/**
 * Asks once before an urgent or booked order is cancelled: what the cancellation lets go of (the priority and the SLA
 * deadline it runs to, the appointment the customer was told, the engineer's booking) and an optional reason for the audit trail. Enter cancels the order, Esc keeps it; focus stays
 * inside while it is open and goes back to the button after.
 */
export function CancelDialog({
  order,
  stakes,
  sla,
  now,
  engineerName,
  onConfirm,
  onKeep,
}: {
  order: OrderView;
  stakes: CancelStakes;
  /** The order's SLA clocks as the details show them, at `now`. */
  sla: OrderSla;
  now: number;
  engineerName: string | null;
  onConfirm: (reason: string) => void;
  onKeep: () => void;
}) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const [reason, setReason] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const title = t('cancel.title', { code: order.code });

  // In the same task that shows the dialog, so an Enter pressed at once answers it.
  useLayoutEffect(() => {
    box.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onKeep();
      return;
    }
    keepFocusIn(box.current, e);
  };

  const b = order.booking;
  const promises = cancelPromises(order, stakes, sla, now, locale, timeZone);
  return (
    <div ref={box} onKeyDown={onKeyDown}>
      <Dialog
        label={title}
        className="override cancel-order"
        testId="cancel-dialog"
        onClose={onKeep}
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason.trim());
        }}
      >
        <h2>{title}</h2>
        <ul className="override-list">
          {promises.urgent && <li data-testid="cancel-urgent">{promises.urgent}</li>}
          {promises.told && <li data-testid="cancel-told">{promises.told}</li>}
          {stakes.booked && b && (
            <li data-testid="cancel-booked">
              {t(order.status === 'dispatched' ? 'cancel.dispatched' : 'cancel.booked', {
                name: engineerName ?? b.engineerId,
                start: formatDateTime(b.start, locale, timeZone),
                end: formatTime(b.end, locale, timeZone),
              })}
            </li>
          )}
        </ul>
        <p>{t('cancel.undo')}</p>
        <label>
          {t('override.reason')}
          <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="modal-actions">
          <span className="override-keys">{t('cancel.keys')}</span>
          <button type="button" onClick={onKeep} data-testid="cancel-keep">
            {t('cancel.keep')}
          </button>
          <button type="submit" className="danger" data-testid="cancel-confirm">
            {t('order.cancel')}
          </button>
        </div>
      </Dialog>
    </div>
  );
}
