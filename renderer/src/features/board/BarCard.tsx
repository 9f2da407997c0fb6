import { bookedMisses, orderSla, type SlaClock } from '../../../../shared/sla/index.js';
import { formatDateTime, formatDuration, formatTime } from '../../i18n/format.js';
import { lateWords } from '../../i18n/late-words.js';
import { labelled } from '../../i18n/punctuation.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { NameWithMark } from '../../ui/NameWithMark.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { PRIORITY_COLOURS, STATUS_COLOURS } from '../../ui/palette.js';
import { useNow } from '../../ui/use-now.js';

/** Where the engineer's name goes in the booking's words, to put it there as an element. */
const NAME = '\u0000';

/**
 * What a bar stands for, shown while the pointer rests on it: code, customer, site, appointment window, both SLA
 * clocks, status, the booking, and any hard rule it breaks.
 */
export function BarCard({ orderId, x, y }: { orderId: string; x: number; y: number }) {
  const t = useT();
  const names = useEngineerNames();
  const now = useNow();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const policy = useConsole((s) => s.policy);
  useConsole((s) => s.violationsVersion);
  useConsole((s) => s.dataVersion);
  const { orders, slaTimelines, violations: broken, engineers } = consoleStore().getState();
  const violations = broken.get(orderId);
  const order = orders.get(orderId);
  if (!order) return null;
  const sla = orderSla(order, now, policy, slaTimelines.get(orderId));
  const clock = (c: SlaClock) => {
    if (c.state === 'cancelled') return t('sla.cancelled');
    if (c.stoppedAt !== null) return c.state === 'met' ? t('sla.met') : t('sla.metLate');
    const left = formatDuration(c.remainingMin * 60_000, locale);
    return c.remainingMin >= 0 ? t('sla.left', { time: left }) : t('sla.over', { time: left });
  };
  const b = order.booking;
  // The booking's words, the engineer's name in them kept with their namesake bracket (NameWithMark).
  const [before = '', after = ''] = b
    ? t('card.booked', {
        name: NAME,
        start: formatTime(b.start, locale, timeZone),
        end: formatTime(b.end, locale, timeZone),
      }).split(NAME)
    : [];
  const late = order.status === 'completed' ? [] : bookedMisses(sla, b);
  return (
    <div className="bar-card" style={{ left: x, top: y }} role="tooltip" data-testid="bar-card">
      <header>
        <span className="prio" style={{ background: PRIORITY_COLOURS[order.priority] }}>
          {order.priority}
        </span>
        <strong>{order.code}</strong>
        <span className="chip" style={{ background: STATUS_COLOURS[order.status] }}>
          {t(`status.${order.status}` as 'status.new')}
        </span>
      </header>
      <dl>
        <dt>{t('order.customer')}</dt>
        <dd data-testid="bar-card-customer">
          {order.customer.name} · {t(`tier.${order.customer.tier}`)}
        </dd>
        <dt>{t('order.site')}</dt>
        <dd>{order.site.address}</dd>
        <dt>{t('order.window')}</dt>
        <dd>
          {order.window
            ? `${formatDateTime(order.window.start, locale, timeZone)} – ${formatTime(order.window.end, locale, timeZone)}`
            : t('order.noWindow')}
        </dd>
        <dt>{t('sla.respond')}</dt>
        <dd className={`sla-${sla.respond.state}`}>
          {formatDateTime(sla.respond.dueAt, locale, timeZone)} · {clock(sla.respond)}
        </dd>
        <dt>{t('sla.resolve')}</dt>
        <dd className={`sla-${sla.resolve.state}`}>
          {formatDateTime(sla.resolve.dueAt, locale, timeZone)} · {clock(sla.resolve)}
        </dd>
        <dt>{t('order.booking')}</dt>
        <dd data-testid="bar-card-booking">
          {b ? (
            <>
              {before}
              <NameWithMark
                label={names.get(b.engineerId) ?? b.engineerId}
                name={engineers.get(b.engineerId)?.name ?? b.engineerId}
              />
              {after}
            </>
          ) : (
            t('card.notBooked')
          )}
        </dd>
        {late.length > 0 && (
          <>
            <dt>{t('late.mark')}</dt>
            <dd className="sla-breached" data-testid="bar-card-late">
              {lateWords(late, locale, timeZone)}
            </dd>
          </>
        )}
      </dl>
      {violations && violations.length > 0 && (
        <div className="bar-card-rules" data-testid="bar-card-rules">
          <strong>{t('card.rules')}</strong>
          {violations.map((v) => (
            <div key={v.rule}>⚠ {labelled(t(`rule.${v.rule}`), reasonWords(v, locale, names), locale)}</div>
          ))}
        </div>
      )}
    </div>
  );
}
