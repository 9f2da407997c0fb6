import { useMemo, useState } from 'react';
import { readErrorWords } from './read-words.js';
import { reasonWords, refusalWords } from '../../i18n/reason-words.js';
import {
  fieldsOf,
  guessMapping,
  previewImport,
  readXlsx,
  type ColumnMapping,
  type ImportKind,
  type TextTable,
  type ValidRow,
} from '../../../../shared/io/index.js';
import { useActions } from '../../services/index.js';
import { colonOf, labelled, listWords, statementWords } from '../../i18n/punctuation.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { issueText } from './issue-text.js';
import { readCsv, type ReadCsv } from './read-csv.js';
import { Dialog } from '../../ui/Dialog.js';

/** Large enough for a region's day of orders; a bigger file is almost certainly the wrong one. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface Loaded {
  name: string;
  table: TextTable;
  /** How a CSV file was read (an Excel workbook says its own encoding). */
  csv: Omit<ReadCsv, 'rows'> | null;
}

/** What a confirmed import did: how many were created, and every row left out with its reason. */
interface ImportOutcome {
  imported: number;
  skipped: Array<{ row: number; label: string; reason: string }>;
}

async function readTable(file: File): Promise<Loaded> {
  if (file.size > MAX_FILE_BYTES) throw new Error(`the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (/\.xlsx$/i.test(file.name)) return { name: file.name, table: readXlsx(bytes), csv: null };
  const { rows, ...csv } = readCsv(bytes);
  return { name: file.name, table: rows, csv };
}

const DELIMITER_KEY = { ',': 'io.delimiter.comma', ';': 'io.delimiter.semicolon', '\t': 'io.delimiter.tab' } as const;

/** A field's name in the dispatcher's language: the first Chinese header name in Chinese, else the English one. */
function fieldName(aliases: readonly string[], locale: string): string {
  const chinese = aliases.find((a) => /[\u4e00-\u9fff]/.test(a));
  return locale === 'zh-CN' && chinese ? chinese : (aliases[0] ?? '');
}

/**
 * Import orders or engineers from a CSV or Excel file: pick the file, check the column mapping, see which rows will
 * be skipped and why, then confirm. Nothing is written before the confirmation; each valid row then becomes one
 * ordinary create mutation (applied locally at once, synced later), all stored in one batch that one undo reverses.
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const dataVersion = useConsole((s) => s.dataVersion);
  const [kind, setKind] = useState<ImportKind>('orders');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [readError, setReadError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);

  const headers = loaded?.table[0] ?? [];
  const preview = useMemo(() => {
    if (!loaded) return null;
    const { orders, engineers } = consoleStore().getState();
    return previewImport(kind, loaded.table, mapping, {
      timeZone,
      orderCodes: new Set([...orders.values()].map((o) => o.code)),
      engineerIds: new Set(engineers.keys()),
    });
    // Re-checked when the cache changes (dataVersion): an order another console created meanwhile is a duplicate.
  }, [loaded, kind, mapping, timeZone, dataVersion]);

  const choose = async (file: File | undefined) => {
    setOutcome(null);
    setReadError(null);
    setLoaded(null);
    if (!file) return;
    try {
      const read = await readTable(file);
      setLoaded(read);
      setMapping(guessMapping(kind, read.table[0] ?? []));
    } catch (err) {
      setReadError(t('io.readError', { name: file.name, reason: readErrorWords(err, t, locale) }));
    }
  };

  const switchKind = (next: ImportKind) => {
    setKind(next);
    setOutcome(null);
    if (loaded) setMapping(guessMapping(next, loaded.table[0] ?? []));
  };

  const commit = async (rows: ValidRow[]) => {
    const result: ImportOutcome = { imported: 0, skipped: [] };
    setProgress(0);
    // One batch: every row its own create (a refusal skips that row only), stored together, undone as one step.
    const label = t(kind === 'orders' ? 'io.undoOrders' : 'io.undoEngineers', {
      n: rows.length,
      name: loaded?.name ?? '',
    });
    try {
      const outcomes = await actions.storeAll(
        rows.map((v) => v.mutation),
        label,
        setProgress,
      );
      outcomes.forEach((o, i) => {
        const v = rows[i] as ValidRow;
        if (o.ok) result.imported += 1;
        else
          result.skipped.push({
            row: v.row,
            label: v.label,
            reason: reasonWords({ reason: o.message, say: o.say }, locale),
          });
      });
    } catch (err) {
      // The actions answer every row even when a part fails, so this is unexpected: report it on every row.
      const reason = refusalWords(err, locale);
      for (const v of rows) result.skipped.push({ row: v.row, label: v.label, reason });
    }
    setProgress(rows.length);
    for (const e of preview?.errors ?? [])
      result.skipped.push({
        row: e.row,
        label: e.label,
        reason: statementWords(
          e.issues.map((x) => labelled(x.field, issueText(t, x, locale), locale)),
          locale,
        ),
      });
    result.skipped.sort((a, b) => a.row - b.row);
    setProgress(null);
    setOutcome(result);
    setLoaded(null);
  };

  const fields = fieldsOf(kind);
  return (
    <Dialog
      label={t('io.importTitle')}
      className="import-dialog"
      testId="import-dialog"
      onClose={progress === null ? onClose : undefined}
    >
      <h2>{t('io.importTitle')}</h2>
      <label>
        {t('io.kind')}
        <select
          value={kind}
          onChange={(e) => switchKind(e.target.value as ImportKind)}
          disabled={progress !== null}
          data-testid="import-kind"
        >
          <option value="orders">{t('io.kind.orders')}</option>
          <option value="engineers">{t('io.kind.engineers')}</option>
        </select>
      </label>
      <label>
        {t('io.file')}
        <input
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared so choosing the same file again (after fixing it, or after an import) reads it again.
            e.target.value = '';
            void choose(file);
          }}
          disabled={progress !== null}
          data-testid="import-file"
        />
      </label>
      {readError && (
        <p className="import-problem" role="alert">
          {readError}
        </p>
      )}
      {loaded && preview && (
        <>
          <p className="import-file-name">
            {loaded.name}
            {loaded.csv && (
              <span className="muted" data-testid="import-format">
                {' · '}
                {t('io.readAs', { encoding: loaded.csv.encoding, delimiter: t(DELIMITER_KEY[loaded.csv.delimiter]) })}
              </span>
            )}
          </p>
          <h3>{t('io.mapping')}</h3>
          <div className="import-mapping">
            {fields.map((f) => (
              <label key={f.key}>
                {fieldName(f.aliases, locale)}
                {f.required && <abbr title={t('io.required')}>*</abbr>}
                <select
                  value={mapping[f.key] ?? ''}
                  data-testid={`import-map-${f.key}`}
                  onChange={(e) =>
                    setMapping({ ...mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) })
                  }
                >
                  <option value="">{t('io.notMapped')}</option>
                  {headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h || `#${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {preview.missing.length > 0 ? (
            <p className="import-problem" role="alert">
              {t('io.missing', {
                fields: listWords(
                  preview.missing.map((k) => fieldName(fields.find((f) => f.key === k)?.aliases ?? [k], locale)),
                  locale,
                ),
              })}
            </p>
          ) : (
            <p data-testid="import-summary">
              {t('io.preview', { valid: preview.valid.length, bad: preview.errors.length })}
            </p>
          )}
          {preview.valid.length > 0 && (
            <table className="import-preview">
              <tbody>
                {preview.valid.slice(0, 8).map((v) => (
                  <tr key={v.row}>
                    <td>{t('io.rowError', { row: v.row })}</td>
                    <td>{v.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {preview.errors.length > 0 && (
            <>
              <h3>{t('io.errorsTitle')}</h3>
              <ul className="import-errors" data-testid="import-errors">
                {preview.errors.map((e) => (
                  <li key={e.row}>
                    <strong>
                      {t('io.rowError', { row: e.row })}
                      {e.label ? ` · ${e.label}` : ''}
                    </strong>
                    {colonOf(locale)}
                    {statementWords(
                      e.issues.map((x) => `${x.field} — ${issueText(t, x, locale)}`),
                      locale,
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {progress !== null && preview && (
        <p aria-live="polite">{t('io.importing', { done: progress, n: preview.valid.length })}</p>
      )}
      {outcome && (
        <div className="import-result" data-testid="import-result" aria-live="polite">
          <p>{t('io.result', { n: outcome.imported, skipped: outcome.skipped.length })}</p>
          {outcome.skipped.length > 0 && (
            <ul>
              {outcome.skipped.map((s) => (
                <li key={s.row}>{t('io.rejected', { row: s.row, label: s.label || '—', reason: s.reason })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="modal-actions">
        <button
          className="primary"
          disabled={!preview || preview.missing.length > 0 || preview.valid.length === 0 || progress !== null}
          onClick={() => preview && void commit(preview.valid)}
          data-testid="import-confirm"
        >
          {t('io.confirm', { n: preview?.valid.length ?? 0 })}
        </button>
        <button onClick={onClose} disabled={progress !== null} data-testid="import-close">
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
