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
import { engineerName } from '../../i18n/names.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { downloadFile, MIME, safeFileName } from '../../ui/download.js';
import { useSheet } from './sheet-state.js';
import type { MenuEntry } from '../../ui/Menu.js';

const DAY = 86_400_000;

/**
 * The export actions, as menu entries: what the board shows (its day or week, the teams shown) as CSV or Excel, the
 * selected engineer's day as a calendar file, or their printable daily sheet. Times are in the control centre's zone.
 */
export function useExportEntries(): MenuEntry[] {
  const t = useT();
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
  };

  const exportIcs = () => {
    const { timeZone, engineers, locale } = consoleStore().getState();
    if (!engineerId) return notify('error', t('io.pickEngineer'));
    const rows = rowsFor(new Set([engineerId]));
    if (rows.length === 0) return notify('error', t('io.nothingBooked'));
    const name = `${engineerName(engineers, engineerId, locale)} ${localDate(range().from, timeZone)}`;
    downloadFile(toIcs(scheduleEvents(rows), { name, now: Date.now() }), safeFileName(`${name}.ics`), MIME.ics);
  };

  const sheet = () => {
    const { timeZone, viewStart } = consoleStore().getState();
    if (!engineerId) return notify('error', t('io.pickEngineer'));
    openSheet(engineerId, localDate(viewStart, timeZone));
  };

  const pick = t('io.pickEngineer');
  return [
    { label: t('io.exportCsv'), onSelect: () => exportTable('csv'), testId: 'export-csv' },
    { label: t('io.exportXlsx'), onSelect: () => exportTable('xlsx'), testId: 'export-xlsx' },
    { label: t('io.exportIcs'), onSelect: exportIcs, disabled: !engineerId, hint: pick, testId: 'export-ics' },
    { label: t('io.dailySheet'), onSelect: sheet, disabled: !engineerId, hint: pick, testId: 'daily-sheet-open' },
  ];
}
