// npm run bench:io — import and export at a region's scale: a 20,000-order file read (CSV with papaparse and with the
// former hand-written reader), mapped and checked as CSV and
// as XLSX, its rows stored by the desktop core as one batch (and as single actions, for comparison) and undone in one
// step; and the day's schedule written to CSV, XLSX and iCalendar.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleCore } from '../../electron/core/console-core.js';
import { claimsToken } from '../../electron/core/harness.testing.js';
import { seedFromScenario } from '../../electron/core/seed.testing.js';
import { PRINCIPALS } from '../../shared/sync/mutation-world.testing.js';
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
import { readCsv } from '../../renderer/src/features/io/read-csv.js';
import { parseCsvHandwritten } from './csv-handwritten.js';
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
const csvBytes = new TextEncoder().encode(csvText);
// Both CSV readers on the same text, each twice (the first run warms the JIT up); the second run counts.
time(() => parseCsvHandwritten(csvText, ','));
const [handTable, csvHandwrittenMs] = time(() => parseCsvHandwritten(csvText, ','));
time(() => parseCsv(csvText).rows);
const [csvTable, csvParseMs] = time(() => parseCsv(csvText).rows);
if (JSON.stringify(handTable) !== JSON.stringify(csvTable)) throw new Error('the two CSV readers disagree');
const [, csvReadMs] = time(() => readCsv(csvBytes));
const [csvPreview, csvPreviewMs] = time(() =>
  previewImport('orders', csvTable, guessMapping('orders', csvTable[0]!), { timeZone: ZONE }),
);
const [xlsxTable, xlsxReadMs] = time(() => readXlsx(xlsxBytes));
const [xlsxPreview, xlsxPreviewMs] = time(() =>
  previewImport('orders', xlsxTable, guessMapping('orders', xlsxTable[0]!), { timeZone: ZONE }),
);

/** The checked rows stored by a core on a fresh cache holding a small city: as one batch, then one by one. */
function storeRows(valid: typeof csvPreview.valid) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-io-'));
  try {
    const core = new ConsoleCore({
      dataDir: dir,
      token: claimsToken(PRINCIPALS.dispatcher),
      transport: null,
      slaWatch: false,
    });
    seedFromScenario(core, generateScenario({ seed: 3, engineers: 50, orders: 200 }));
    const batchRows = valid.slice(0, valid.length - SINGLE);
    const [results, batchMs] = time(() =>
      core.mutateAll(
        batchRows.map((v) => v.mutation),
        'Import',
      ),
    );
    const stored = results.filter((r) => 'mutationId' in r).length;
    const [, undoMs] = time(() => core.undo());
    const undone = batchRows.filter(
      (v) => core.order((v.mutation.args as { order: { id: string } }).order.id)?.status === 'cancelled',
    ).length;
    // The same kind of rows one action at a time, as a dispatcher adding them by hand would store them.
    const [, singleMs] = time(() => {
      for (const v of valid.slice(valid.length - SINGLE)) core.mutate(v.mutation.name, v.mutation.args as never);
    });
    core.close();
    return { batchRows: batchRows.length, stored, batchMs, undoMs, undone, singleRows: SINGLE, singleMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const SINGLE = Math.min(1000, Math.floor(orders / 10));
const store = storeRows(csvPreview.valid);

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
  csvHandwrittenMs,
  csvReadMs,
  csvPreviewMs,
  csvValidRows: csvPreview.valid.length,
  xlsxReadMs,
  xlsxPreviewMs,
  xlsxValidRows: xlsxPreview.valid.length,
  batchRows: store.batchRows,
  batchStoreMs: store.batchMs,
  batchPerRowUs: Math.round((store.batchMs * 1000) / store.batchRows),
  batchUndoMs: store.undoMs,
  singleRows: store.singleRows,
  singlePerRowUs: Math.round((store.singleMs * 1000) / store.singleRows),
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
  `import ${orders} orders: CSV parse ${csvParseMs} ms (papaparse; the hand-written reader ${csvHandwrittenMs} ms; ` +
    `bytes to rows with encoding and delimiter detection ${csvReadMs} ms) + check ${csvPreviewMs} ms (${csvPreview.valid.length} valid); ` +
    `XLSX read ${xlsxReadMs} ms + check ${xlsxPreviewMs} ms (${xlsxPreview.valid.length} valid)`,
);
console.log(
  `store ${store.batchRows} rows as one batch: ${store.batchMs} ms (${store.stored} stored), one undo ${store.undoMs} ms ` +
    `(${store.undone} cancelled); ${store.singleRows} rows one by one: ${store.singleMs} ms`,
);
console.log(
  `export ${rows.length} bookings: CSV ${scheduleCsvMs} ms, XLSX ${scheduleXlsxMs} ms, iCalendar ${icsMs} ms`,
);
console.log(JSON.stringify(result));
if (csvPreview.valid.length !== orders || xlsxPreview.valid.length !== orders) process.exit(1);
if (store.stored !== store.batchRows || store.undone !== store.batchRows) process.exit(1);
