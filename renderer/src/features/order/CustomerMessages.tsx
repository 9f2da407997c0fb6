import { CustomerNotified, type OrderEvent } from '../../../../shared/domain/index.js';
import { formatDateTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';

/** One message the customer was told, read from its trail event through the contract (events are data from anywhere). */
export function customerMessageOf(e: OrderEvent): CustomerNotified | null {
  if (e.kind !== 'customer_notified') return null;
  const parsed = CustomerNotified.safeParse(e.data);
  return parsed.success ? parsed.data : null;
}

/** What the customer was told about the order: each outbox message, when, by which channel, and whether it went. */
export function CustomerMessages({ events }: { events: readonly OrderEvent[] }) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const told = events.flatMap((e) => {
    const m = customerMessageOf(e);
    return m ? [{ at: e.at, id: e.id, m }] : [];
  });
  return (
    <>
      <h3>{t('notify.told')}</h3>
      {told.length === 0 ? (
        <p className="muted">{t('notify.nothing')}</p>
      ) : (
        <ul className="customer-messages" data-testid="customer-messages">
          {told.map(({ at, id, m }) => (
            <li key={id} className={`message ${m.state}`} data-testid="customer-message" data-event={m.event}>
              <span className="when">{formatDateTime(at, locale, timeZone)}</span>
              <span className="channel">{t(`notify.channel.${m.channel}`)}</span>
              <span className="state">{t(`notify.state.${m.state}`)}</span>
              <span className="body" lang={m.lang === 'zh' ? 'zh-CN' : 'en'}>
                {m.body}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
