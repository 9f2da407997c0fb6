import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OrderEvent } from '../../../../shared/domain/index.js';
import { Override } from '../../../../shared/sync/index.js';
import { useActions, type OrderView, type RuleOverride } from '../../services/index.js';
import { formatDateTime, formatDuration, formatTime } from '../../i18n/format.js';
import { lateWords } from '../../i18n/late-words.js';
import { overrideWords } from '../../i18n/override-words.js';
import { reasonWords, refusalWords } from '../../i18n/reason-words.js';
import { useT } from '../../i18n/use-t.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { requiredPartsText, requiredSkillsText } from '../../i18n/domain-labels.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { useNow } from '../../ui/use-now.js';
import { PRIORITY_COLOURS, STATUS_COLOURS } from '../../ui/palette.js';
import { bookedMisses, orderSla, type SlaClock } from '../../../../shared/sla/index.js';
import { VisitsPlan } from './VisitsPlan.js';
import { ServiceReportView } from './ServiceReportView.js';
import { CustomerMessages } from './CustomerMessages.js';
import { afterRule, describeEvent, eventWhat, eventWho, overrideMarkWords } from './event-words.js';
import { localDate } from '../../../../shared/time/index.js';
import { useSheet } from '../io/index.js';
import { Dialog } from '../../ui/Dialog.js';
import { NameWithMark } from '../../ui/NameWithMark.js';
import { SlotFinder } from '../slots/index.js';
import { CancelDialog } from './CancelDialog.js';
import { cancelStakes } from './cancel-ask.js';

type TimelineEntry = OrderEvent & { pending: boolean };

/** Everything about the selected order: customer, requirements, SLA clocks, what happened and who did it. */
export function OrderDetails() {
  const t = useT();
  const names = useEngineerNames();
  const actions = useActions();
  const now = useNow();
  const id = useConsole((s) => s.focusedOrderId);
  useConsole((s) => s.dataVersion);
  const eventsVersion = useConsole((s) => (id ? (s.eventsVersion.get(id) ?? 0) : 0));
  const locale = useConsole((s) => s.locale);
  const refused = useConsole((s) => (id ? s.refusedOrders.has(id) : false));
  const timeZone = useConsole((s) => s.timeZone);
  const policy = useConsole((s) => s.policy);
  const violations = useConsole((s) => (id ? s.violations.get(id) : undefined));
  const { orders, engineers } = consoleStore().getState();
  const order = id ? orders.get(id) : undefined;
  const [events, setEvents] = useState<TimelineEntry[]>([]);
  const [eventsError, setEventsError] = useState<string | null>(null);
  const link = useConsole((s) => s.status.state);
  const lastSyncAt = useConsole((s) => s.status.lastSyncAt);
  const [note, setNote] = useState('');
  /** The order whose "Find a time" dialog is open. */
  const [finding, setFinding] = useState<string | null>(null);
  /** The order whose cancellation is being asked about. */
  const [asking, setAsking] = useState<string | null>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    setEventsError(null);
    actions.orderEvents(id).then(
      (list) => live && setEvents(list),
      (err: unknown) => live && setEventsError(refusalWords(err, consoleStore().getState().locale)),
    );
    return () => {
      live = false;
    };
  }, [id, eventsVersion, actions, order?.version]);

  const visits = useMemo(() => {
    if (!order) return [];
    let root = order;
    while (root.parentOrderId && orders.get(root.parentOrderId)) root = orders.get(root.parentOrderId)!;
    const chain = [root];
    for (let guard = 0; guard < 20; guard++) {
      const next = [...orders.values()].find((o) => o.parentOrderId === chain[chain.length - 1]!.id);
      if (!next) break;
      chain.push(next);
    }
    return chain;
  }, [order, orders]);
  const history = useMemo(() => {
    if (!order) return [];
    return [...orders.values()]
      .filter((o) => o.id !== order.id && o.customer.id === order.customer.id && o.site.address === order.site.address)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, 8);
  }, [order, orders]);
  const statusLabel = useCallback((o: OrderView) => t(`status.${o.status}` as 'status.new'), [t]);

  if (!order) return <section className="details empty">{t('order.none')}</section>;
  const engineer = order.booking ? engineers.get(order.booking.engineerId) : undefined;
  const sla = orderSla(order, now, policy, consoleStore().getState().slaTimelines.get(order.id));
  const late = order.status === 'completed' ? [] : bookedMisses(sla, order.booking);
  // Remaining time counts only the minutes the clock runs (not on hold, in business hours when the policy has them).
  const clock = (c: SlaClock) => {
    const ms = c.remainingMin * 60_000;
    if (c.state === 'cancelled') return t('sla.cancelled');
    if (c.stoppedAt !== null) return c.state === 'met' ? t('sla.met') : t('sla.metLate');
    const text =
      ms >= 0
        ? t('sla.left', { time: formatDuration(ms, locale) })
        : t('sla.over', { time: formatDuration(ms, locale) });
    return c.paused ? `${text} · ${t('sla.paused')}` : text;
  };
  const busy =
    order.status === 'en_route' ||
    order.status === 'on_site' ||
    order.status === 'completed' ||
    order.status === 'cancelled';

  return (
    <section className="details" aria-label={t('order.title')} data-testid="order-details">
      <header>
        <span className="prio" style={{ background: PRIORITY_COLOURS[order.priority] }}>
          {order.priority}
        </span>
        <h2>{order.code}</h2>
        <span className="chip" style={{ background: STATUS_COLOURS[order.status] }}>
          {statusLabel(order)}
        </span>
        {order.pending && (
          <span className="chip pending" title={t('order.pendingMark')} data-testid="order-pending">
            ● {t('order.pendingShort')}
          </span>
        )}
        {refused && (
          <span className="chip refused" title={t('order.refusedMark')} data-testid="order-refused">
            ⨯ {t('order.refusedShort')}
          </span>
        )}
      </header>
      <p className="summary">{order.summary}</p>
      <dl>
        <dt>{t('order.customer')}</dt>
        <dd>
          {order.customer.name} · {t(`tier.${order.customer.tier}`)} ·{' '}
          <a href={`tel:${order.customer.phone.replace(/\s/g, '')}`}>{order.customer.phone}</a>
        </dd>
        <dt>{t('order.site')}</dt>
        <dd>{order.site.address}</dd>
        <dt>{t('order.skills')}</dt>
        <dd>{requiredSkillsText(order.requiredSkills, locale)}</dd>
        <dt>{t('order.parts')}</dt>
        <dd>{requiredPartsText(order.requiredParts, locale)}</dd>
        <dt>{t('order.duration')}</dt>
        <dd>{t('common.minutes', { n: order.durationMin })}</dd>
        <dt>{t('order.window')}</dt>
        <dd>
          {order.window
            ? `${formatDateTime(order.window.start, locale, timeZone)} – ${formatTime(order.window.end, locale, timeZone)}`
            : t('order.noWindow')}
        </dd>
        <dt>{t('order.booking')}</dt>
        <dd data-testid="order-booking">
          {order.booking ? (
            <>
              <button
                type="button"
                className="link engineer-name"
                title={`${t('engineer.open')} (E)`}
                onClick={() => consoleStore().getState().showEngineerCard(order.booking!.engineerId)}
                data-testid="order-engineer"
              >
                <NameWithMark
                  label={(engineer && names.get(engineer.id)) ?? order.booking.engineerId}
                  name={engineer?.name ?? order.booking.engineerId}
                />
              </button>
              {` · ${formatDateTime(order.booking.start, locale, timeZone)}–${formatTime(order.booking.end, locale, timeZone)}${order.booking.pinned ? ` · ${t('board.pinned')}` : ''}`}
            </>
          ) : (
            t('order.notBooked')
          )}
        </dd>
        {late.length > 0 && (
          <>
            <dt>{t('late.mark')}</dt>
            <dd className="late-booked" data-testid="order-late">
              {lateWords(late, locale, timeZone)}
            </dd>
          </>
        )}
        {order.booking && violations && violations.length > 0 && (
          <>
            <dt>{t('violation.mark')}</dt>
            <dd className="violations" data-testid="order-violations">
              {violations.map((v) => (
                <div key={v.rule} data-rule={v.rule}>
                  ⚠ <strong>{t(`rule.${v.rule}`)}</strong>
                  {afterRule(reasonWords(v, locale, names), t)}
                </div>
              ))}
            </dd>
          </>
        )}
        <dt>{t('sla.respond')}</dt>
        <dd className={`sla-${sla.respond.state}`} data-testid="sla-respond">
          {formatDateTime(sla.respond.dueAt, locale, timeZone)} · {clock(sla.respond)}
        </dd>
        <dt>{t('sla.resolve')}</dt>
        <dd className={`sla-${sla.resolve.state}`} data-testid="sla-resolve">
          {formatDateTime(sla.resolve.dueAt, locale, timeZone)} · {clock(sla.resolve)}
        </dd>
      </dl>
      <div className="details-actions">
        {!busy && order.status === 'new' && (
          <button className="primary" onClick={() => void actions.assignBest(order.id)} data-testid="assign-best">
            {t('order.assignBest')}
          </button>
        )}
        {order.status === 'new' && !order.booking && (
          <button onClick={() => setFinding(order.id)} title={t('slots.findHint')} data-testid="order-find-time">
            {t('slots.find')}
          </button>
        )}
        {!busy && (
          <button
            onClick={() => consoleStore().getState().showCandidates(true)}
            data-testid="open-candidates"
            title={t('order.candidatesKey')}
          >
            {t('candidates.open')}
          </button>
        )}
        {order.status === 'scheduled' && (
          <button onClick={() => void actions.setStatus(order.id, 'dispatched')}>{t('order.dispatch')}</button>
        )}
        {order.booking && !busy && (
          <button onClick={() => void actions.setPinned(order.id, !order.booking!.pinned)}>
            {order.booking.pinned ? t('order.unpin') : t('order.pin')}
          </button>
        )}
        {order.booking && !busy && (
          <button onClick={() => void actions.unassign([order.id])}>{t('order.unassign')}</button>
        )}
        {(order.status === 'new' || order.status === 'scheduled' || order.status === 'dispatched') && (
          <button onClick={() => void actions.setStatus(order.id, 'on_hold')}>{t('order.hold')}</button>
        )}
        {order.status === 'on_hold' && (
          <button onClick={() => void actions.setStatus(order.id, order.booking ? 'scheduled' : 'new')}>
            {t('order.release')}
          </button>
        )}
        {order.booking && (
          <button
            onClick={() =>
              useSheet.getState().openSheet(order.booking!.engineerId, localDate(order.booking!.start, timeZone))
            }
            data-testid="order-daily-sheet"
          >
            {t('io.dailySheet')}
          </button>
        )}
        {order.status !== 'cancelled' && (
          <button onClick={() => void actions.copyTrackingLink(order.id)} data-testid="order-tracking-link">
            {t('order.trackingLink')}
          </button>
        )}
        {order.booking && (
          <button
            onClick={() =>
              useSheet
                .getState()
                .openSheet(order.booking!.engineerId, localDate(order.booking!.start, timeZone), order.id)
            }
            data-testid="order-sheet"
          >
            {t('sheet.orderPdf')}
          </button>
        )}
        {!busy && order.status !== 'on_site' && (
          <button
            className="danger"
            data-testid="order-cancel"
            onClick={() =>
              cancelStakes(order) ? setAsking(order.id) : void actions.cancel(order.id, t('order.cancelReason'))
            }
          >
            {t('order.cancel')}
          </button>
        )}
      </div>
      {asking === order.id && cancelStakes(order) && (
        <CancelDialog
          order={order}
          stakes={cancelStakes(order)!}
          sla={sla}
          now={now}
          engineerName={(engineer && names.get(engineer.id)) ?? null}
          onKeep={() => setAsking(null)}
          onConfirm={(reason) => {
            setAsking(null);
            void actions.cancel(order.id, reason || t('order.cancelReason'));
          }}
        />
      )}
      {finding === order.id && (
        <Dialog
          label={t('slots.title', { what: order.code })}
          className="slots-dialog"
          testId="order-slots"
          onClose={() => setFinding(null)}
        >
          <h2>{t('slots.title', { what: order.code })}</h2>
          <SlotFinder
            target={{ orderId: order.id }}
            onPick={async (slot, withEngineer, late) => {
              const done = await actions.bookSlot({ orderId: order.id }, slot, withEngineer, late);
              if (done) setFinding(null);
              return done;
            }}
          />
          <div className="modal-actions">
            <button type="button" onClick={() => setFinding(null)}>
              {t('slots.close')}
            </button>
          </div>
        </Dialog>
      )}
      <VisitsPlan visits={visits} timeZone={timeZone} statusLabel={statusLabel} />
      {(order.report || order.status === 'completed') && (
        <>
          <h3>{t('report.title')}</h3>
          {order.report ? <ServiceReportView report={order.report} /> : <p className="muted">{t('report.none')}</p>}
        </>
      )}
      <CustomerMessages events={events} />
      <h3>{t('order.timeline')}</h3>
      {link === 'paused' && (
        <p className="muted source-note" data-testid="timeline-source">
          {lastSyncAt === null
            ? t('order.timelineFromCacheNever')
            : t('order.timelineFromCache', { time: formatDateTime(lastSyncAt, locale, timeZone) })}
        </p>
      )}
      {eventsError && (
        <p className="field-error" role="alert" data-testid="timeline-error">
          {eventsError}
        </p>
      )}
      <ol className="timeline" data-testid="timeline">
        {events.map((e) => (
          <li key={e.id} className={e.pending ? 'pending' : ''}>
            <span className="when">{formatDateTime(e.at, locale, timeZone)}</span>
            <span className="what">{eventWhat(e, t)}</span>
            <span className="who">{eventWho(e, t)}</span>
            <span className="detail">{describeEvent(e, t, names, locale, timeZone)}</span>
            {overrideOf(e) && (
              <span className="override" data-testid="event-override">
                ⚠ {overrideWords(overrideOf(e)!, locale, names)}
              </span>
            )}
            {overrideMarkWords(e, t) && (
              <span className="override" data-testid="event-override-mark">
                ⚠ {overrideMarkWords(e, t)}
              </span>
            )}
          </li>
        ))}
      </ol>
      <form
        className="note-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          const text = note.trim();
          if (!text) return;
          void actions.addNote(order.id, text).then((ok) => ok && setNote(''));
        }}
      >
        <input
          type="text"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('order.addNote')}
          aria-label={t('order.addNote')}
          maxLength={2000}
        />
        <button type="submit">{t('order.save')}</button>
      </form>
      {history.length > 0 && (
        <>
          <h3>{t('order.siteHistory')}</h3>
          <ul className="site-history">
            {history.map((h) => (
              <li key={h.id}>
                <button className="link" onClick={() => consoleStore().getState().selectOrder(h.id)}>
                  {h.code}
                </button>{' '}
                {formatDateTime(h.createdAt, locale, timeZone)} · {h.summary} · {statusLabel(h)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The hard-rule override a booking event carries, read through its schema (events are data from anywhere). */
function overrideOf(e: OrderEvent): RuleOverride | null {
  if (e.kind !== 'assigned' && e.kind !== 'moved') return null;
  const parsed = Override.safeParse(e.data.override);
  return parsed.success ? parsed.data : null;
}
