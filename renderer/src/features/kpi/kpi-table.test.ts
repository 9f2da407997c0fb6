import { describe, expect, it } from 'vitest';
import type { KpiReport } from '../../../../shared/kpi/index.js';
import { readXlsx } from '../../../../shared/io/index.js';
import { engineerNames } from '../../i18n/names.js';
import { engineerSurveyRows, KPI_KEYS, kpiRows, kpiTableCsv, kpiTableXlsx } from './kpi-table.js';

const report: KpiReport = {
  from: 0,
  to: 86_400_000,
  team: null,
  firstResponseMin: { value: 150, n: 3 },
  resolutionMin: { value: 45, n: 2 },
  onTimeArrival: { value: 0.5, of: 2 },
  firstTimeFix: { value: null, of: 0 },
  slaAttainment: { value: 2 / 3, of: 3 },
  completedPerEngineerDay: { value: 1.5, n: 2 },
  utilisation: { value: 300 / 930, of: 930 },
  travelPerOrderMin: { value: 35, n: 3 },
  travelPerOrderKm: { value: 6.25, n: 3 },
  overtimeMin: 60,
  completed: 3,
  csat: { value: 0.75, of: 4 },
  nps: { value: 25, n: 4 },
  surveysByEngineer: [],
  days: [],
};

describe('the KPI table', () => {
  it('formats every KPI with what it rests on, and a dash where nothing happened', () => {
    const rows = kpiRows(report, 'en');
    expect(rows.map((r) => r.key)).toEqual([...KPI_KEYS]);
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.firstResponseMin).toMatchObject({ display: '2 h 30 min', basis: 'mean of 3' });
    expect(by.resolutionMin!.display).toBe('45 min');
    expect(by.slaAttainment).toMatchObject({ display: '66.7%', basis: 'of 3' });
    expect(by.firstTimeFix!.display).toBe('—');
    expect(by.utilisation!.basis).toBe('of 15 h 30 min rostered');
    expect(by.travelPerOrderKm).toMatchObject({ display: '6.3 km', unit: 'km', basis: 'mean of 3' });
    expect(kpiRows(report, 'zh-CN')[0]!.display).toBe('2 小时 30 分');
  });

  it('says kilometres in Chinese as the rest of the console does (公里)', () => {
    const zh = Object.fromEntries(kpiRows(report, 'zh-CN').map((r) => [r.key, r]));
    expect(zh.travelPerOrderKm).toMatchObject({ display: '6.3 公里', value: 6.25, unit: 'km' });
  });

  it('exports raw values as CSV, quoting what needs quoting', () => {
    const csv = kpiTableCsv(kpiRows(report, 'en'));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('kpi,value,unit,cases,shown as,engineer');
    expect(lines[1]).toBe('firstResponseMin,150,min,3,2 h 30 min,');
    expect(lines).toContain('firstTimeFix,,share,0,—,');
    expect(lines).toContain('csat,0.75,share,4,75.0%,');
    expect(lines).toContain('nps,25,points,4,+25,');
    expect(
      kpiTableCsv([{ key: 'completed', value: 1, unit: 'count', n: null, display: 'a, "b"', basis: '' }]),
    ).toContain('completed,1,count,,"a, ""b"""');
  });

  it('adds CSAT and NPS per engineer, named, to the export', () => {
    const byEngineer = engineerSurveyRows(
      {
        ...report,
        surveysByEngineer: [{ engineerId: 'e1', csat: { value: 0.5, of: 2 }, nps: { value: -50, n: 2 } }],
      },
      'en',
      new Map([['e1', 'Wang Wei']]),
    );
    const lines = kpiTableCsv(byEngineer).slice(1).trimEnd().split('\r\n');
    expect(lines.slice(1)).toEqual(['csat,0.5,share,2,50.0%,Wang Wei', 'nps,-50,points,2,-50,Wang Wei']);
  });

  it('names two engineers of the same name apart, by their team (and short id), on screen and in the export', () => {
    const engineers = [
      { id: 'eng-0051', name: 'Li Wei', team: 'team-xuhui-2' },
      { id: 'eng-0063', name: 'Li Wei', team: 'team-huangpu-1' },
    ];
    const surveyed = {
      ...report,
      surveysByEngineer: ['eng-0051', 'eng-0063', 'eng-0099'].map((engineerId) => ({
        engineerId,
        csat: { value: 1, of: 1 },
        nps: { value: 100, n: 1 },
      })),
    };
    const named = (locale: 'en' | 'zh-CN') =>
      engineerSurveyRows(surveyed, locale, engineerNames(engineers, locale))
        .filter((r) => r.key === 'csat')
        .map((r) => r.engineer);
    expect(named('en')).toEqual(['Li Wei (Xuhui 2)', 'Li Wei (Huangpu 1)', 'eng-0099']);
    expect(named('zh-CN')).toEqual(['Li Wei（徐汇2组）', 'Li Wei（黄浦1组）', 'eng-0099']);
  });

  it('exports the same table as an .xlsx workbook with numbers as numbers', () => {
    const sheet = readXlsx(kpiTableXlsx(kpiRows(report, 'en')));
    expect(sheet[0]).toEqual(['kpi', 'value', 'unit', 'cases', 'shown as', 'engineer']);
    expect(sheet[1]).toEqual(['firstResponseMin', '150', 'min', '3', '2 h 30 min']);
  });
});
