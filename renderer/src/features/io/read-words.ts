import { CsvError } from '../../../../shared/io/csv.js';
import { XlsxError } from '../../../../shared/io/xlsx.js';
import type { Locale, MessageKey } from '../../i18n/messages.js';
import { refusalWords } from '../../i18n/reason-words.js';
import { TextEncodingError } from './read-csv.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * Why a file could not be read, in the dispatcher's language: the reader's problems (an encoding, a quote, a workbook)
 * by their kind, with the line, row or cell they name; anything else as a failed call is worded.
 */
export function readErrorWords(err: unknown, t: Translate, locale: Locale): string {
  if (err instanceof TextEncodingError) return t(`io.problem.${err.kind}`, { line: err.line });
  if (err instanceof CsvError) return t(`io.problem.${err.kind}`, { row: err.row });
  if (err instanceof XlsxError) return t(`io.problem.${err.kind}`, err.params);
  return refusalWords(err, locale);
}
