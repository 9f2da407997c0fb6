import { toCsv, toXlsx, type Column } from '../../../../shared/io/index.js';
import type { KpiReport, Mean, Ratio } from '../../../../shared/kpi/index.js';

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
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface KpiRow {
  key: KpiKey;
  /** The number as exported: minutes, a share 0–1, a count; null when there was nothing to measure. */
  value: number | null;
  unit: 'min' | 'km' | 'share' | 'count' | 'per engineer-day';
  /** How many cases the figure rests on. */
  n: number | null;
  display: string;
  basis: string;
}

function minutes(v: number, locale: 'en' | 'zh-CN'): string {
  if (v < 90) return locale === 'zh-CN' ? `${Math.round(v)} 分钟` : `${Math.round(v)} min`;
  const h = Math.floor(v / 60);
  const m = Math.round(v % 60);
  return locale === 'zh-CN' ? `${h} 小时 ${m} 分` : `${h} h ${m} min`;
}

/** The dashboard's rows, in order, formatted for the console's language; "—" where nothing happened. */
export function kpiRows(r: KpiReport, locale: 'en' | 'zh-CN'): KpiRow[] {
  const of = (n: number) => (locale === 'zh-CN' ? `共 ${n} 单` : `of ${n}`);
  const over = (n: number) => (locale === 'zh-CN' ? `${n} 单平均` : `mean of ${n}`);
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
      basis:
        locale === 'zh-CN' ? `${r.completedPerEngineerDay.n} 个人日` : `${r.completedPerEngineerDay.n} engineer-days`,
    },
    {
      ...shareRow('utilisation', r.utilisation),
      basis:
        locale === 'zh-CN'
          ? `排班 ${minutes(r.utilisation.of, locale)}`
          : `of ${minutes(r.utilisation.of, locale)} rostered`,
    },
    meanRow('travelPerOrderMin', r.travelPerOrderMin),
    {
      ...meanRow('travelPerOrderKm', r.travelPerOrderKm),
      unit: 'km',
      display: r.travelPerOrderKm.value === null ? '—' : `${r.travelPerOrderKm.value.toFixed(1)} km`,
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
  ];
}

/** The KPI table's columns: one row per KPI with its raw value, unit, cases and how the console shows it. */
export const KPI_COLUMNS: ReadonlyArray<Column<KpiRow>> = [
  { header: 'kpi', value: (r) => r.key, width: 26 },
  { header: 'value', value: (r) => r.value },
  { header: 'unit', value: (r) => r.unit, width: 16 },
  { header: 'cases', value: (r) => r.n },
  { header: 'shown as', value: (r) => r.display, width: 18 },
];

/** The KPI table as CSV (RFC 4180, with a byte-order mark so Excel reads Chinese text right). */
export function kpiTableCsv(rows: KpiRow[]): string {
  return toCsv(rows, KPI_COLUMNS);
}

/** The KPI table as an .xlsx workbook, numbers as numbers. */
export function kpiTableXlsx(rows: KpiRow[]): Uint8Array {
  return toXlsx(rows, KPI_COLUMNS, 'KPIs');
}
