import { useEffect, useMemo } from 'react';
import { formatDateTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import type { SlaAlertView } from '../../services/index.js';
import { SlaAnnouncer, htmlNotifier } from './announce.js';

/**
 * Announces each escalation core raises: a desktop notification when the dispatcher allows them, otherwise a card in
 * the console's corner. Clicking either opens the order.
 */
export function SlaAlerts() {
  const t = useT();
  const pending = useConsole((s) => s.slaUnannounced);
  const shown = useConsole((s) => s.slaAlerts);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const announcer = useMemo(
    () =>
      new SlaAnnouncer(htmlNotifier(), (id) => {
        const a = byId.get(id);
        if (a) consoleStore().getState().toastSlaAlert(a);
      }),
    [],
  );
  const body = (a: SlaAlertView) =>
    t(a.deadline === 'respond' ? 'sla.alertRespond' : 'sla.alertResolve', {
      customer: a.customer,
      priority: a.priority,
      time: formatDateTime(a.dueAt, locale, timeZone),
    });

  useEffect(() => {
    if (pending.length === 0) return;
    const batch = consoleStore().getState().takeUnannounced();
    // A burst (a console starting on a backlog, a link coming back) is one notification, not a wall of them.
    if (batch.length > MAX_SINGLE) {
      const [first] = batch;
      for (const a of batch) byId.set(a.id, a);
      // The toast fallback for the burst's own id shows its first alert.
      byId.set(`sla-burst:${first!.id}`, first!);
      void announcer
        .announce({
          id: `sla-burst:${first!.id}`,
          title: t('sla.alertsMany', { n: batch.length }),
          body: batch
            .slice(0, 6)
            .map((a) => `${a.priority} ${a.code}`)
            .join(' · '),
          onClick: () => consoleStore().getState().selectOrder(first!.orderId),
        })
        .then((how) => {
          if (how === 'toast') for (const a of batch.slice(1)) consoleStore().getState().toastSlaAlert(a);
        })
        .finally(() => {
          batch.forEach((a) => byId.delete(a.id));
          byId.delete(`sla-burst:${first!.id}`);
        });
      return;
    }
    for (const a of batch) {
      byId.set(a.id, a);
      void announcer
        .announce({
          id: a.id,
          title: t('sla.alertTitle', { code: a.code }),
          body: body(a),
          onClick: () => consoleStore().getState().selectOrder(a.orderId),
        })
        .finally(() => byId.delete(a.id));
    }
    // body and t change with the language only; an alert is announced in the language of its moment.
  }, [pending, announcer]);

  if (shown.length === 0) return null;
  const hidden = shown.length - MAX_CARDS;
  return (
    <div className="sla-alerts" role="alert" aria-label={t('sla.alertsTitle')} data-testid="sla-alerts">
      {hidden > 0 && (
        <div className="sla-alert sla-alert-more">
          <span>{t('sla.alertsMore', { n: hidden })}</span>
          <button onClick={() => shown.forEach((a) => consoleStore().getState().dismissSlaAlert(a.id))}>
            {t('sla.dismissAll')}
          </button>
        </div>
      )}
      {shown.slice(-MAX_CARDS).map((a) => (
        <div key={a.id} className="sla-alert">
          <button className="sla-alert-open" onClick={() => consoleStore().getState().selectOrder(a.orderId)}>
            <strong>{t('sla.alertTitle', { code: a.code })}</strong>
            <span>{body(a)}</span>
          </button>
          <button
            className="sla-alert-dismiss"
            aria-label={t('sla.dismiss')}
            onClick={() => consoleStore().getState().dismissSlaAlert(a.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** More alerts at once than this are announced as one. */
const MAX_SINGLE = 3;
/** Cards shown at once (they sit over the map); the rest are counted above them. */
const MAX_CARDS = 2;

/** Alerts by id until announced, for the toast fallback (the announcer knows only ids). */
const byId = new Map<string, SlaAlertView>();
