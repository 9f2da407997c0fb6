import { useState } from 'react';
import {
  scheduleColumns,
  scheduleEvents,
  scheduleRows,
  toCsv,
  toIcs,
  toXlsx,
  type ScheduleHeaders,
} from '../../../../shared/io/index.js';
import { localDate } from '../../../../shared/time/index.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { downloadFile, MIME, safeFileName } from './download.js';
import { useSheet } from './sheet-state.js';

const DAY = 86_400_000;

/**
 * Export what the board shows (its day or week, the teams shown) as CSV or Excel, the selected engineer's day as a
 * calendar file, or open their printable daily sheet. Times are in the control centre's zone.
 */
export function ExportMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const engineerId = useConsole((s) => s.selectedEngineerId);
  const openSheet = useSheet((s) => s.openSheet);

  const range = () => {
    const { viewStart, zoom } = consoleStore().getState();
    return { from: viewStart, to: viewStart + (zoom === 'week' ? 7 : 1) * DAY };
  };
  const rowsFor = (only?: ReadonlySet<string>) => {
    const { orders, engineers, teams } = consoleStore().getState();
    const shown =
      only ??
      (teams.length > 0
        ? new Set([...engineers.values()].filter((e) => teams.includes(e.team)).map((e) => e.id))
        : undefined);
    return scheduleRows(orders.values(), engineers.values(), range(), shown);
  };
  const notify = (kind: 'info' | 'error', text: string) => consoleStore().getState().notify(kind, text);

  const exportTable = (format: 'csv' | 'xlsx') => {
    const { timeZone } = consoleStore().getState();
    const rows = rowsFor();
    if (rows.length === 0) return notify('error', t('io.nothingBooked'));
    const headers: ScheduleHeaders = {
      engineer: t('io.col.engineer'),
      order: t('io.col.order'),
      customer: t('io.col.customer'),
      address: t('io.col.address'),
      start: t('io.col.start'),
      end: t('io.col.end'),
      status: t('io.col.status'),
      priority: t('io.col.priority'),
    };
    const columns = scheduleColumns(timeZone, headers, (s) => t(`status.${s}` as 'status.new'));
    const name = `schedule ${localDate(range().from, timeZone)}`;
    if (format === 'csv') downloadFile(toCsv(rows, columns), `${name}.csv`, MIME.csv);
    else downloadFile(toXlsx(rows, columns, 'Schedule'), `${name}.xlsx`, MIME.xlsx);
    setOpen(false);
  };

  const exportIcs = () => {
    const { timeZone, engineers } = consoleStore().getState();
    if (!engineerId) return notify('error', t('io.pickEngineer'));
    const rows = rowsFor(new Set([engineerId]));
    if (rows.length === 0) return notify('error', t('io.nothingBooked'));
    const name = `${engineers.get(engineerId)?.name ?? engineerId} ${localDate(range().from, timeZone)}`;
    downloadFile(toIcs(scheduleEvents(rows), { name, now: Date.now() }), safeFileName(`${name}.ics`), MIME.ics);
    setOpen(false);
  };

  const sheet = () => {
    const { timeZone, viewStart } = consoleStore().getState();
    if (!engineerId) return notify('error', t('io.pickEngineer'));
    openSheet(engineerId, localDate(viewStart, timeZone));
    setOpen(false);
  };

  return (
    <div className="menu">
      <button onClick={() => setOpen((v) => !v)} aria-expanded={open} data-testid="export-open">
        {t('io.export')}
      </button>
      {open && (
        <div className="menu-items" role="menu">
          <button role="menuitem" onClick={() => exportTable('csv')} data-testid="export-csv">
            {t('io.exportCsv')}
          </button>
          <button role="menuitem" onClick={() => exportTable('xlsx')} data-testid="export-xlsx">
            {t('io.exportXlsx')}
          </button>
          <button role="menuitem" onClick={exportIcs} disabled={!engineerId} data-testid="export-ics">
            {t('io.exportIcs')}
          </button>
          <button role="menuitem" onClick={sheet} disabled={!engineerId} data-testid="daily-sheet-open">
            {t('io.dailySheet')}
          </button>
        </div>
      )}
    </div>
  );
}
