import { useEffect, useMemo, useRef, useState } from 'react';
import { refusalWords } from '../../i18n/reason-words.js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { KpiReport } from '../../../../shared/kpi/index.js';
import { addDays, epochAtLocal, localDate } from '../../../../shared/time/index.js';
import { formatDateTime } from '../../i18n/format.js';
import { useActions } from '../../services/index.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { downloadFile } from '../../ui/download.js';
import { engineerSurveyRows, kpiRows, kpiTableCsv, kpiTableXlsx, type KpiRow } from './kpi-table.js';
import { Dialog } from '../../ui/Dialog.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { DateField } from '../../ui/DateField.js';
import { useEngineerNames } from '../../ui/use-names.js';

type PeriodKind = 'today' | 'week' | 'custom';

/** A small uPlot chart of the daily series: bars for completions, a line for SLA attainment (%). */
function DailyChart({
  report,
  labels,
}: {
  report: KpiReport;
  labels: { day: string; completed: string; sla: string };
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const xs = report.days.map((_, i) => i);
    const plot = new uPlot(
      {
        width: el.clientWidth || 520,
        height: 200,
        scales: { x: { time: false }, pct: { range: [0, 100] } },
        axes: [
          { values: (_u, ticks) => ticks.map((i) => report.days[i]?.date.slice(5) ?? '') },
          { label: labels.completed },
          { scale: 'pct', side: 1, label: labels.sla, grid: { show: false } },
        ],
        series: [
          { label: labels.day, value: (_u, i) => (i === null ? '' : (report.days[i]?.date ?? '')) },
          {
            label: labels.completed,
            stroke: '#2563eb',
            fill: 'rgba(37, 99, 235, 0.25)',
            paths: uPlot.paths.bars!({ size: [0.6, 40] }),
          },
          { label: labels.sla, scale: 'pct', stroke: '#16a34a', width: 2 },
        ],
      },
      [
        xs,
        report.days.map((d) => d.completed),
        report.days.map((d) => (d.slaAttainment === null ? null : d.slaAttainment * 100)),
      ],
      el,
    );
    return () => plot.destroy();
  }, [report, labels.day, labels.completed, labels.sla]);
  return <div ref={host} className="kpi-chart" data-testid="kpi-chart" />;
}

/**
 * The supervisor's numbers for a period and team: tiles for every KPI (each with how many cases it rests on), the daily
 * series as a chart, and the table to CSV. Computed by core from the event log it holds, so it works offline.
 */
export function KpiDashboard({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const timeZone = useConsole((s) => s.timeZone);
  const locale = useConsole((s) => s.locale);
  const names = useEngineerNames();
  const dataVersion = useConsole((s) => s.dataVersion);
  const teams = useMemo(
    () => [...new Set([...consoleStore().getState().engineers.values()].map((e) => e.team))].sort(),
    [dataVersion],
  );
  const today = localDate(Date.now(), timeZone);
  const [kind, setKind] = useState<PeriodKind>('week');
  const [custom, setCustom] = useState({ from: addDays(today, -13), to: today });
  const [team, setTeam] = useState<string | null>(null);
  const [report, setReport] = useState<KpiReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const link = useConsole((s) => s.status.state);
  const lastSyncAt = useConsole((s) => s.status.lastSyncAt);

  const [fromDate, toDate] =
    kind === 'today' ? [today, today] : kind === 'week' ? [addDays(today, -6), today] : [custom.from, custom.to];
  useEffect(() => {
    let live = true;
    setError(null);
    let from: number;
    let to: number;
    try {
      from = epochAtLocal(fromDate, 0, timeZone);
      to = epochAtLocal(addDays(toDate, 1), 0, timeZone);
    } catch {
      setError(t('kpi.badPeriod'));
      return;
    }
    actions
      .kpis(from, to, team)
      .then((r) => live && setReport(r))
      .catch((err: Error) => live && setError(refusalWords(err, consoleStore().getState().locale)));
    return () => {
      live = false;
    };
    // dataVersion: new events (a completion somewhere) refresh the numbers.
  }, [fromDate, toDate, team, timeZone, dataVersion]);

  const rows: KpiRow[] = report ? kpiRows(report, locale) : [];
  const byEngineer: KpiRow[] = report ? engineerSurveyRows(report, locale, names) : [];
  const exported = [...rows, ...byEngineer];
  return (
    <Dialog label={t('kpi.title')} className="kpi-dashboard" testId="kpi-dashboard" onClose={onClose}>
      <header className="kpi-head">
        <h2>{t('kpi.title')}</h2>
        <div className="segmented" role="group">
          {(['today', 'week', 'custom'] as const).map((k) => (
            <button key={k} className={kind === k ? 'active' : ''} aria-pressed={kind === k} onClick={() => setKind(k)}>
              {t(`kpi.period.${k}`)}
            </button>
          ))}
        </div>
        {kind === 'custom' && (
          <>
            <DateField
              value={custom.from}
              label={t('kpi.from')}
              onChange={(from) => setCustom((c) => ({ ...c, from }))}
              testId="kpi-from"
            />
            <DateField
              value={custom.to}
              label={t('kpi.to')}
              onChange={(to) => setCustom((c) => ({ ...c, to }))}
              testId="kpi-to"
            />
          </>
        )}
        <select value={team ?? ''} onChange={(e) => setTeam(e.target.value || null)} data-testid="kpi-team">
          <option value="">{t('queue.allTeams')}</option>
          {teams.map((x) => (
            <option key={x} value={x}>
              {teamLabel(x, locale)}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button
          disabled={!report}
          onClick={() => downloadFile(kpiTableCsv(exported), `kpis-${fromDate}-${toDate}.csv`, 'text/csv')}
          data-testid="kpi-export"
        >
          {t('kpi.export')}
        </button>
        <button
          disabled={!report}
          onClick={() =>
            downloadFile(
              kpiTableXlsx(exported),
              `kpis-${fromDate}-${toDate}.xlsx`,
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            )
          }
          data-testid="kpi-export-xlsx"
        >
          {t('kpi.exportXlsx')}
        </button>
        <button onClick={onClose}>{t('common.close')}</button>
      </header>
      {link === 'paused' && (
        <p className="muted source-note" data-testid="kpi-source">
          {lastSyncAt === null
            ? t('kpi.fromCacheNever')
            : t('kpi.fromCache', { time: formatDateTime(lastSyncAt, locale, timeZone) })}
        </p>
      )}
      {error && <p className="field-error">{error}</p>}
      {report && (
        <>
          <div className="kpi-tiles">
            {rows.map((r) => (
              <div key={r.key} className="kpi-tile" data-testid={`kpi-${r.key}`}>
                <span className="kpi-label">{t(`kpi.${r.key}` as 'kpi.title')}</span>
                <strong>{r.display}</strong>
                <span className="muted">{r.basis}</span>
              </div>
            ))}
          </div>
          {byEngineer.length > 0 && (
            <table className="kpi-engineers" data-testid="kpi-engineers">
              <caption>{t('kpi.surveysByEngineer')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('kpi.engineer')}</th>
                  <th scope="col">{t('kpi.csat')}</th>
                  <th scope="col">{t('kpi.nps')}</th>
                </tr>
              </thead>
              <tbody>
                {report.surveysByEngineer.map((e, i) => (
                  <tr key={e.engineerId}>
                    <td>{byEngineer[2 * i]!.engineer}</td>
                    <td title={byEngineer[2 * i]!.basis}>{byEngineer[2 * i]!.display}</td>
                    <td title={byEngineer[2 * i + 1]!.basis}>{byEngineer[2 * i + 1]!.display}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <DailyChart
            report={report}
            labels={{ day: t('kpi.chartDay'), completed: t('kpi.completed'), sla: t('kpi.slaAttainment') }}
          />
        </>
      )}
    </Dialog>
  );
}
