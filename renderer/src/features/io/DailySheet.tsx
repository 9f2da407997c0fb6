import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../../shared/ipc/index.js';
import { scheduleRows } from '../../../../shared/io/index.js';
import { addDays, epochAtLocal } from '../../../../shared/time/index.js';
import { useActions } from '../../services/index.js';
import { formatDateTime, formatDay, formatTime } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { sheetEngineerLine, sheetFileName } from './sheet-engineer.js';
import { useSheet } from './sheet-state.js';
import { readSheetNotes, type SheetNotes } from './sheet-notes.js';
import { refusalWords } from '../../i18n/reason-words.js';
import { requiredPartsText, requiredSkillsText } from '../../i18n/domain-labels.js';
import { ServiceReportView } from '../order/index.js';

/**
 * One engineer's day on paper: the route in order with times, customer, address, phone, what to bring, the SLA
 * deadlines, notes, and boxes for times and signatures. On screen it is a preview; the print style sheet prints only
 * the sheet. Electron saves a PDF through main; a browser uses its own print dialog.
 */
export function DailySheet() {
  const t = useT();
  const actions = useActions();
  const sheet = useSheet((s) => s.sheet);
  const close = useSheet((s) => s.closeSheet);
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const version = useConsole((s) => s.dataVersion);
  const [notes, setNotes] = useState<Map<string, SheetNotes>>(new Map());

  const stops = useMemo(() => {
    const { orders, engineers } = consoleStore().getState();
    if (!sheet) return [];
    const from = epochAtLocal(sheet.date, 0, timeZone);
    const to = epochAtLocal(addDays(sheet.date, 1), 0, timeZone);
    const rows = scheduleRows(orders.values(), engineers.values(), { from, to }, new Set([sheet.engineerId]));
    return rows.flatMap((r) => {
      const order = orders.get(r.orderId);
      return order && (!sheet.orderId || order.id === sheet.orderId) ? [{ row: r, order }] : [];
    });
    // dataVersion: the maps are updated in place, the version says when.
  }, [sheet, timeZone, version]);

  const orderIds = stops.map((s) => s.order.id).join(',');
  useEffect(() => {
    let live = true;
    const ids = orderIds ? orderIds.split(',') : [];
    void readSheetNotes(ids, (id) => actions.orderEvents(id)).then((read) => live && setNotes(read));
    return () => {
      live = false;
    };
  }, [orderIds, actions]);

  // Open: the sheet takes the focus and Esc closes it, as the console's other dialogs do; closed, the focus goes back
  // to where it was.
  const tools = useRef<HTMLDivElement>(null);
  const open = sheet !== null;
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    tools.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [open, close]);

  const notesText = (read: SheetNotes | undefined) =>
    read === undefined
      ? '…'
      : 'failed' in read
        ? t('sheet.notesUnread', { why: refusalWords(read.failed, locale) })
        : read.notes.join(' · ') || '—';

  if (!sheet) return null;
  const single = sheet.orderId ? stops[0]?.order : undefined;
  const { engineers } = consoleStore().getState();
  const fileName = sheetFileName(engineers, sheet, single?.code ?? null, locale);
  const day = epochAtLocal(sheet.date, 12 * 60, timeZone);

  const savePdf = async () => {
    try {
      const saved = await actions.printToPdf(fileName);
      if (saved)
        consoleStore()
          .getState()
          .notify('info', t('io.saved', { name: saved.path }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'unavailable') window.print();
      else
        consoleStore()
          .getState()
          .notify('error', (err as Error).message);
    }
  };

  return (
    <>
      <div className="sheet-shield no-print" aria-hidden="true" />
      <div
        className="sheet-backdrop"
        data-testid="daily-sheet"
        role="dialog"
        aria-modal="true"
        aria-label={sheet.orderId ? t('sheet.orderTitle', { code: single?.code ?? '' }) : t('sheet.title')}
      >
        <div className="sheet-tools no-print" ref={tools}>
          <button className="primary" onClick={() => window.print()} data-testid="sheet-print">
            {t('sheet.print')}
          </button>
          <button onClick={() => void savePdf()} data-testid="sheet-pdf">
            {t('sheet.pdf')}
          </button>
          <button onClick={close}>{t('common.close')}</button>
        </div>
        <article className="print-sheet" lang={locale}>
          <header>
            <h1>{sheet.orderId ? t('sheet.orderTitle', { code: single?.code ?? '' }) : t('sheet.title')}</h1>
            <dl>
              <dt>{t('sheet.engineer')}</dt>
              <dd>{sheetEngineerLine(engineers, sheet.engineerId, locale)}</dd>
              <dt>{t('sheet.date')}</dt>
              <dd>{formatDay(day, locale, timeZone)}</dd>
            </dl>
            <p className="printed">{t('sheet.printed', { time: formatDateTime(Date.now(), locale, timeZone) })}</p>
          </header>
          {stops.length === 0 ? (
            <p>{t('sheet.none')}</p>
          ) : (
            <ol className="sheet-stops">
              {stops.map(({ row, order }, i) => (
                <li key={order.id} className="sheet-stop">
                  <div className="stop-head">
                    <span className="stop-no">{i + 1}</span>
                    <span className="stop-time">
                      {formatTime(row.start, locale, timeZone)}–{formatTime(row.end, locale, timeZone)}
                    </span>
                    <strong>{order.code}</strong>
                    <span className="stop-prio">{order.priority}</span>
                    <span>{t(`status.${order.status}` as 'status.new')}</span>
                  </div>
                  <dl>
                    <dt>{t('order.customer')}</dt>
                    <dd>
                      {order.customer.name} · {t(`tier.${order.customer.tier}`)}
                    </dd>
                    <dt>{t('order.site')}</dt>
                    <dd>{order.site.address}</dd>
                    <dt>{t('sheet.phone')}</dt>
                    <dd>{order.customer.phone}</dd>
                    <dt>{t('sheet.job')}</dt>
                    <dd>{order.summary || '—'}</dd>
                    <dt>{t('sheet.requirements')}</dt>
                    <dd>{requiredSkillsText(order.requiredSkills, locale)}</dd>
                    <dt>{t('sheet.parts')}</dt>
                    <dd>{requiredPartsText(order.requiredParts, locale)}</dd>
                    <dt>{t('sheet.sla')}</dt>
                    <dd>
                      {t('sla.respond')} {formatDateTime(order.sla.respondBy, locale, timeZone)} · {t('sla.resolve')}{' '}
                      {formatDateTime(order.sla.resolveBy, locale, timeZone)}
                    </dd>
                    {order.window && (
                      <>
                        <dt>{t('order.window')}</dt>
                        <dd>
                          {formatTime(order.window.start, locale, timeZone)}–
                          {formatTime(order.window.end, locale, timeZone)}
                        </dd>
                      </>
                    )}
                    <dt>{t('sheet.notes')}</dt>
                    <dd data-testid="sheet-notes">{notesText(notes.get(order.id))}</dd>
                  </dl>
                  {order.report ? (
                    <section className="sheet-report">
                      <h2>{t('report.title')}</h2>
                      <ServiceReportView report={order.report} />
                    </section>
                  ) : (
                    <div className="stop-boxes">
                      <span>{t('sheet.arrived')}</span>
                      <span>{t('sheet.left')}</span>
                      <span className="signature">{t('sheet.signature')}</span>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          <footer className="sheet-sign">
            <span className="signature">{t('sheet.engineerSignature')}</span>
          </footer>
        </article>
      </div>
    </>
  );
}
