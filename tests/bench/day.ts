// npm run bench:day — one whole simulated day of the default city, headless on a simulated clock, under three dispatch
// policies (nobody, a greedy person, the autopilot), scored by shared/kpi: one table, one JSON line, and a chart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { KpiReport } from '../../shared/kpi/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import { localParts } from '../../shared/time/index.js';
import { POLICIES, dayKpis, runDay, type PolicyName } from '../../server/src/day/run-day.js';
import { launchChromium } from '../support/chromium.testing.js';
import { dayChartSvg, type HourPoint, type Series } from './day-chart.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    seed: { type: 'string', default: '7' },
    engineers: { type: 'string', default: '60' },
    date: { type: 'string' },
    policies: { type: 'string', default: POLICIES.join(',') },
    chart: { type: 'string' },
    'no-chart': { type: 'boolean', default: false },
  },
  strict: true,
});
const seed = Number(values.seed);
const engineers = Number(values.engineers);
const policies = values.policies!.split(',') as PolicyName[];
if (!Number.isInteger(seed) || !Number.isInteger(engineers) || policies.some((p) => !POLICIES.includes(p))) {
  console.error(`usage: npm run bench:day -- [--seed N] [--engineers N] [--date YYYY-MM-DD] [--policies ${POLICIES}]`);
  process.exit(2);
}

const city = generateScenario({ seed, engineers, date: values.date });
const root = join(import.meta.dirname, '..', '..');
console.log(
  `bench:day — ${city.meta.areaName} ${city.meta.date}, seed ${seed}: ${city.engineers.length} engineers, ` +
    `${city.orders.length} orders (${city.meta.capacityMin} rostered daytime minutes)`,
);

interface Row {
  policy: PolicyName;
  seconds: number;
  kpis: KpiReport;
  waitingAtEnd: number;
  actions: number;
}

const rows: Row[] = [];
const series: Series = {};
for (const policy of policies) {
  const started = performance.now();
  const points: HourPoint[] = [];
  const result = runDay({
    city,
    policy,
    seed,
    onHour: (at, centre) => {
      const k = dayKpis(centre, city, at);
      let waiting = 0;
      for (const o of centre.world.orders.values()) if (o.status === 'new' && o.createdAt <= at) waiting += 1;
      const p = localParts(at, city.meta.timeZone);
      points.push({
        hour: p.hour === 0 && at > city.meta.dayStart + 3_600_000 ? 24 : p.hour,
        waiting,
        completed: k.completed,
        slaAttainment: k.slaAttainment.value,
        travelPerOrderMin: k.travelPerOrderMin.value,
      });
    },
  });
  series[policy] = points;
  const dispatcherActions = result.centre.actions.filter(
    (a) => a.actor.role === 'dispatcher' && a.actor.id !== 'intake',
  ).length;
  rows.push({
    policy,
    seconds: (performance.now() - started) / 1000,
    kpis: result.kpis,
    waitingAtEnd: result.orders.filter((o) => o.status === 'new').length,
    actions: dispatcherActions,
  });
  console.log(`  ${policy}: simulated in ${rows[rows.length - 1]!.seconds.toFixed(1)} s`);
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, d = 1) => (v === null ? '—' : v.toFixed(d));
const columns: Array<[string, (r: Row) => string]> = [
  ['policy', (r) => r.policy],
  ['SLA attainment', (r) => pct(r.kpis.slaAttainment.value)],
  ['first response min', (r) => num(r.kpis.firstResponseMin.value, 0)],
  ['on-time arrival', (r) => pct(r.kpis.onTimeArrival.value)],
  ['first-time fix', (r) => pct(r.kpis.firstTimeFix.value)],
  ['travel min/order', (r) => num(r.kpis.travelPerOrderMin.value)],
  ['travel km/order', (r) => num(r.kpis.travelPerOrderKm.value, 2)],
  ['utilisation', (r) => pct(r.kpis.utilisation.value)],
  ['overtime min', (r) => num(r.kpis.overtimeMin, 0)],
  ['completed/engineer', (r) => num(r.kpis.completedPerEngineerDay.value, 2)],
  ['completed', (r) => String(r.kpis.completed)],
  ['waiting at 24:00', (r) => String(r.waitingAtEnd)],
  ['seconds', (r) => r.seconds.toFixed(1)],
];
const widths = columns.map(([h, f]) => Math.max(h.length, ...rows.map((r) => f(r).length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(line(columns.map(([h]) => h)));
for (const r of rows) console.log(line(columns.map(([, f]) => f(r))));

const byName = Object.fromEntries(rows.map((r) => [r.policy, r]));
const engine = byName.engine?.kpis;
const greedy = byName.greedy?.kpis;
const versus =
  engine && greedy && engine.travelPerOrderMin.value && greedy.travelPerOrderMin.value
    ? {
        travelMinLess: 1 - engine.travelPerOrderMin.value / greedy.travelPerOrderMin.value,
        travelKmLess: 1 - (engine.travelPerOrderKm.value ?? 0) / (greedy.travelPerOrderKm.value ?? 1),
        slaPoints: ((engine.slaAttainment.value ?? 0) - (greedy.slaAttainment.value ?? 0)) * 100,
      }
    : null;
if (versus)
  console.log(
    `engine vs greedy: ${(versus.travelMinLess * 100).toFixed(1)}% less travel per order (min), ` +
      `${(versus.travelKmLess * 100).toFixed(1)}% (km), ${versus.slaPoints >= 0 ? '+' : ''}${versus.slaPoints.toFixed(1)} points SLA attainment`,
  );
console.log(
  JSON.stringify({
    bench: 'day',
    seed,
    date: city.meta.date,
    engineers: city.engineers.length,
    orders: city.orders.length,
    policies: Object.fromEntries(
      rows.map((r) => [
        r.policy,
        {
          slaAttainment: r.kpis.slaAttainment.value,
          firstResponseMin: r.kpis.firstResponseMin.value,
          onTimeArrival: r.kpis.onTimeArrival.value,
          firstTimeFix: r.kpis.firstTimeFix.value,
          travelPerOrderMin: r.kpis.travelPerOrderMin.value,
          travelPerOrderKm: r.kpis.travelPerOrderKm.value,
          utilisation: r.kpis.utilisation.value,
          overtimeMin: r.kpis.overtimeMin,
          completedPerEngineerDay: r.kpis.completedPerEngineerDay.value,
          completed: r.kpis.completed,
          waitingAtEnd: r.waitingAtEnd,
          dispatcherActions: r.actions,
          seconds: Number(r.seconds.toFixed(1)),
        },
      ]),
    ),
    engineVsGreedy: versus,
  }),
);

if (!values['no-chart']) {
  const svg = dayChartSvg(series, `bench:day --seed ${seed} · ${city.meta.areaName} ${city.meta.date}`);
  const out = values.chart ?? join(root, 'docs', `bench-day-seed${seed}.png`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out.replace(/\.png$/, '.svg'), svg);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 224 }, deviceScaleFactor: 2 });
    await page.setContent(`<body style="margin:0">${svg}</body>`);
    await page.locator('svg').screenshot({ path: out });
  } finally {
    await browser.close();
  }
  console.log(`chart: ${out}`);
}
