import { useEffect, useMemo, useState } from 'react';
import { formatDateTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { useActions, type SlaAlertView } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { groupAlerts } from './alert-list.js';
import { SlaAnnouncer, htmlNotifier } from './announce.js';

/**
 * The console's SLA escalations: a button in the header with their count, opening one list of them (newest first,
 * grouped by order) that drops down over the queue, never over the map. Each escalation is also a desktop
 * notification when the dispatcher allows them. Choosing an order opens it; dismissing takes alerts off the list in
 * every window and every console of this user (the dismissal is kept on the server), not off other users' lists.
 */
export function SlaAlerts() {
  const t = useT();
  const actions = useActions();
  const alerts = useConsole((s) => s.slaAlerts);
  const pending = useConsole((s) => s.slaUnannounced);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const [open, setOpen] = useState(false);
  // Without desktop notifications the list is where escalations are seen: nothing else to show.
  const announcer = useMemo(() => new SlaAnnouncer(htmlNotifier(), () => {}), []);
  const groups = useMemo(() => groupAlerts(alerts), [alerts]);
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
      void announcer.announce({
        id: `sla-burst:${first!.id}`,
        title: t('sla.alertsMany', { n: batch.length }),
        body: batch
          .slice(0, 6)
          .map((a) => `${a.priority} ${a.code}`)
          .join(' · '),
        onClick: () => setOpen(true),
      });
      return;
    }
    for (const a of batch)
      void announcer.announce({
        id: a.id,
        title: t('sla.alertTitle', { code: a.code }),
        body: body(a),
        onClick: () => consoleStore().getState().selectOrder(a.orderId),
      });
    // body and t change with the language only; an alert is announced in the language of its moment.
  }, [pending, announcer]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <div className="sla-alerts-anchor">
      <button
        className={alerts.length > 0 ? 'badge danger' : 'badge'}
        data-testid="sla-alerts-badge"
        data-count={alerts.length}
        aria-expanded={open}
        aria-label={t('sla.alertsCount', { n: alerts.length })}
        onClick={() => setOpen((v) => !v)}
      >
        {t('sla.alertsButton')} <span className="count">{alerts.length}</span>
      </button>
      {open && (
        <section className="sla-alerts" aria-label={t('sla.alertsTitle')} data-testid="sla-alerts">
          <header>
            <strong>{groups.length > 0 ? t('sla.alertsCount', { n: alerts.length }) : t('sla.alertsNone')}</strong>
            {groups.length > 0 && (
              <button onClick={() => void actions.ackSlaAlerts(alerts.map((a) => a.id))} data-testid="sla-dismiss-all">
                {t('sla.dismissAll')}
              </button>
            )}
          </header>
          <ul>
            {groups.map((g) => (
              <li key={g.orderId} className="sla-alert" data-order={g.latest.code}>
                <button className="sla-alert-open" onClick={() => consoleStore().getState().selectOrder(g.orderId)}>
                  <strong>{t('sla.alertTitle', { code: g.latest.code })}</strong>
                  <span>{body(g.latest)}</span>
                  {g.ids.length > 1 && <span className="muted">{t('sla.alertsRepeat', { n: g.ids.length })}</span>}
                </button>
                <button
                  className="sla-alert-dismiss"
                  aria-label={t('sla.dismiss')}
                  onClick={() => void actions.ackSlaAlerts(g.ids)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** More alerts at once than this are announced as one. */
const MAX_SINGLE = 3;
