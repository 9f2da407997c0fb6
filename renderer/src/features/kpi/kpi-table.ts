import { toCsv, toXlsx, type Column } from '../../../../shared/io/index.js';
import type { KpiReport, Mean, Ratio } from '../../../../shared/kpi/index.js';
import { translate, type Locale } from '../../i18n/messages.js';

export const KPI_KEYS = [
  'firstResponseMin',
  'resolutionMin',
  'onTimeArrival',
  'firstTimeFix',
  'slaAttainment',
  'completedPerEngineerDay',
  'utilisation',
  'travelPerOrderMin',
  'travelPerOrderKm',
  'overtimeMin',
  'completed',
  'csat',
  'nps',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface KpiRow {
  key: KpiKey;
  /** The number as exported: minutes, a share 0–1, a count; null when there was nothing to measure. */
  value: number | null;
  unit: 'min' | 'km' | 'share' | 'count' | 'per engineer-day' | 'points';
  /** How many cases the figure rests on. */
  n: number | null;
  display: string;
  basis: string;
  /** For a per-engineer row (CSAT and NPS by engineer): the engineer's name, as the console shows it. */
  engineer?: string;
}

const signed = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(0)}`;

function minutes(v: number, locale: Locale): string {
  if (v < 90) return translate(locale, 'kpi.minutes', { m: Math.round(v) });
  return translate(locale, 'kpi.hoursMinutes', { h: Math.floor(v / 60), m: Math.round(v % 60) });
}

/** The dashboard's rows, in order, formatted for the console's language; "—" where nothing happened. */
export function kpiRows(r: KpiReport, locale: Locale): KpiRow[] {
  const of = (n: number) => translate(locale, 'kpi.basisOf', { n });
  const over = (n: number) => translate(locale, 'kpi.basisMean', { n });
  const meanRow = (key: KpiKey, m: Mean): KpiRow => ({
    key,
    value: m.value,
    unit: 'min',
    n: m.n,
    display: m.value === null ? '—' : minutes(m.value, locale),
    basis: over(m.n),
  });
  const shareRow = (key: KpiKey, x: Ratio): KpiRow => ({
    key,
    value: x.value,
    unit: 'share',
    n: x.of,
    display: x.value === null ? '—' : `${(x.value * 100).toFixed(1)}%`,
    basis: of(x.of),
  });
  return [
    meanRow('firstResponseMin', r.firstResponseMin),
    meanRow('resolutionMin', r.resolutionMin),
    shareRow('onTimeArrival', r.onTimeArrival),
    shareRow('firstTimeFix', r.firstTimeFix),
    shareRow('slaAttainment', r.slaAttainment),
    {
      key: 'completedPerEngineerDay',
      value: r.completedPerEngineerDay.value,
      unit: 'per engineer-day',
      n: r.completedPerEngineerDay.n,
      display: r.completedPerEngineerDay.value === null ? '—' : r.completedPerEngineerDay.value.toFixed(2),
      basis: translate(locale, 'kpi.basisEngineerDays', { n: r.completedPerEngineerDay.n }),
    },
    {
      ...shareRow('utilisation', r.utilisation),
      basis: translate(locale, 'kpi.basisRostered', { time: minutes(r.utilisation.of, locale) }),
    },
    meanRow('travelPerOrderMin', r.travelPerOrderMin),
    {
      ...meanRow('travelPerOrderKm', r.travelPerOrderKm),
      unit: 'km',
      display:
        r.travelPerOrderKm.value === null
          ? '—'
          : translate(locale, 'kpi.kilometres', { km: r.travelPerOrderKm.value.toFixed(1) }),
    },
    {
      key: 'overtimeMin',
      value: r.overtimeMin,
      unit: 'min',
      n: null,
      display: minutes(r.overtimeMin, locale),
      basis: '',
    },
    { key: 'completed', value: r.completed, unit: 'count', n: null, display: String(r.completed), basis: '' },
    { ...shareRow('csat', r.csat), basis: translate(locale, 'kpi.basisSurveys', { n: r.csat.of }) },
    {
      key: 'nps',
      value: r.nps.value,
      unit: 'points',
      n: r.nps.n,
      display: r.nps.value === null ? '—' : signed(r.nps.value),
      basis: translate(locale, 'kpi.basisSurveys', { n: r.nps.n }),
    },
  ];
}

/**
 * CSAT and NPS of each engineer with answered surveys, two rows each, named as the console shows them (`names`,
 * engineerNames: a namesake with their team and short id), by their id when not known.
 */
export function engineerSurveyRows(r: KpiReport, locale: Locale, names: ReadonlyMap<string, string>): KpiRow[] {
  const basis = (n: number) => translate(locale, 'kpi.basisSurveys', { n });
  return r.surveysByEngineer.flatMap((e) => {
    const engineer = names.get(e.engineerId) ?? e.engineerId;
    return [
      {
        key: 'csat' as const,
        value: e.csat.value,
        unit: 'share' as const,
        n: e.csat.of,
        display: e.csat.value === null ? '—' : `${(e.csat.value * 100).toFixed(1)}%`,
        basis: basis(e.csat.of),
        engineer,
      },
      {
        key: 'nps' as const,
        value: e.nps.value,
        unit: 'points' as const,
        n: e.nps.n,
        display: e.nps.value === null ? '—' : signed(e.nps.value),
        basis: basis(e.nps.n),
        engineer,
      },
    ];
  });
}

/** The KPI table's columns: one row per KPI with its raw value, unit, cases and how the console shows it. */
export const KPI_COLUMNS: ReadonlyArray<Column<KpiRow>> = [
  { header: 'kpi', value: (r) => r.key, width: 26 },
  { header: 'value', value: (r) => r.value },
  { header: 'unit', value: (r) => r.unit, width: 16 },
  { header: 'cases', value: (r) => r.n },
  { header: 'shown as', value: (r) => r.display, width: 18 },
  { header: 'engineer', value: (r) => r.engineer ?? '', width: 24 },
];

/** The KPI table as CSV (RFC 4180, with a byte-order mark so Excel reads Chinese text right). */
export function kpiTableCsv(rows: KpiRow[]): string {
  return toCsv(rows, KPI_COLUMNS);
}

/** The KPI table as an .xlsx workbook, numbers as numbers. */
export function kpiTableXlsx(rows: KpiRow[]): Uint8Array {
  return toXlsx(rows, KPI_COLUMNS, 'KPIs');
}
