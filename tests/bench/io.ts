// npm run bench:io — import and export at a region's scale: a 20,000-order file read, mapped and checked as CSV and
// as XLSX, and the day's schedule written to CSV, XLSX and iCalendar.
import {
  guessMapping,
  parseCsv,
  previewImport,
  readXlsx,
  scheduleColumns,
  scheduleEvents,
  scheduleRows,
  toCsv,
  toIcs,
  toXlsx,
  type Column,
} from '../../shared/io/index.js';
import { generateScenario } from '../../shared/scenario/index.js';
import { epochAtLocal } from '../../shared/time/index.js';
import type { WorkOrder } from '../../shared/domain/index.js';

const orders = Number(process.env.ORDERS ?? 20000);
const engineers = Number(process.env.ENGINEERS ?? 1000);
const ZONE = 'Asia/Shanghai';
const city = generateScenario({ seed: 7, engineers, orders });

/** The city's orders as a dispatcher's spreadsheet would hold them. */
const importColumns: Column<WorkOrder>[] = [
  { header: 'Code', value: (o) => `IMP-${o.code}` },
  { header: 'Customer', value: (o) => o.customer.name },
  { header: 'Tier', value: (o) => o.customer.tier },
  { header: 'Phone', value: (o) => o.customer.phone },
  { header: 'Address', value: (o) => o.site.address },
  { header: 'Lat', value: (o) => o.site.lat },
  { header: 'Lon', value: (o) => o.site.lon },
  { header: 'Type', value: (o) => o.type },
  { header: 'Priority', value: (o) => o.priority },
  { header: 'Summary', value: (o) => o.summary },
  { header: 'Skills', value: (o) => o.requiredSkills.map((s) => `${s.skill}:${s.level}`).join('; ') },
  { header: 'Parts', value: (o) => o.requiredParts.map((p) => `${p.part}:${p.qty}`).join('; ') },
  { header: 'Duration', value: (o) => o.durationMin },
];

const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, Math.round(performance.now() - t0)];
};

const csvText = toCsv(city.orders, importColumns);
const xlsxBytes = toXlsx(city.orders, importColumns);
const [csvTable, csvParseMs] = time(() => parseCsv(csvText).rows);
const [csvPreview, csvPreviewMs] = time(() =>
  previewImport('orders', csvTable, guessMapping('orders', csvTable[0]!), { timeZone: ZONE }),
);
const [xlsxTable, xlsxReadMs] = time(() => readXlsx(xlsxBytes));
const [xlsxPreview, xlsxPreviewMs] = time(() =>
  previewImport('orders', xlsxTable, guessMapping('orders', xlsxTable[0]!), { timeZone: ZONE }),
);

const day = { from: epochAtLocal(city.meta.date, 0, ZONE), to: epochAtLocal(city.meta.date, 24 * 60, ZONE) };
const [rows, rowsMs] = time(() => scheduleRows(city.orders, city.engineers, day));
const columns = scheduleColumns(ZONE);
const [scheduleCsv, scheduleCsvMs] = time(() => toCsv(rows, columns));
const [scheduleXlsx, scheduleXlsxMs] = time(() => toXlsx(rows, columns));
const [ics, icsMs] = time(() => toIcs(scheduleEvents(rows), { name: 'all', now: day.from }));

const result = {
  bench: 'io',
  orders,
  csvBytes: csvText.length,
  xlsxBytes: xlsxBytes.length,
  csvParseMs,
  csvPreviewMs,
  csvValidRows: csvPreview.valid.length,
  xlsxReadMs,
  xlsxPreviewMs,
  xlsxValidRows: xlsxPreview.valid.length,
  bookings: rows.length,
  scheduleRowsMs: rowsMs,
  scheduleCsvMs,
  scheduleCsvBytes: scheduleCsv.length,
  scheduleXlsxMs,
  scheduleXlsxBytes: scheduleXlsx.length,
  icsMs,
  icsBytes: ics.length,
};
console.log(
  `import ${orders} orders: CSV parse ${csvParseMs} ms + check ${csvPreviewMs} ms (${csvPreview.valid.length} valid); ` +
    `XLSX read ${xlsxReadMs} ms + check ${xlsxPreviewMs} ms (${xlsxPreview.valid.length} valid)`,
);
console.log(
  `export ${rows.length} bookings: CSV ${scheduleCsvMs} ms, XLSX ${scheduleXlsxMs} ms, iCalendar ${icsMs} ms`,
);
console.log(JSON.stringify(result));
if (csvPreview.valid.length !== orders || xlsxPreview.valid.length !== orders) process.exit(1);
