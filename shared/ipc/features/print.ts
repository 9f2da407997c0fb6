import { z } from 'zod';
import { method } from '../define.js';

/** What to print: the page as it is laid out for print, saved under a suggested file name. */
export const PrintToPdfArgs = z.strictObject({
  /** Suggested name in the save dialog; the dispatcher may change it. */
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^/\\:*?"<>|]+\.pdf$/i, 'a file name ending in .pdf, without a folder'),
  landscape: z.boolean().default(false),
});

/** Printing, served by Electron's main process (it owns the page); core answers `unavailable` in a browser. */
export const PRINT_METHODS = {
  'print.toPdf': method(
    'save the console page as a PDF through a save dialog; null when the dialog was cancelled',
    PrintToPdfArgs,
    z.strictObject({ path: z.string().min(1).max(4_096) }).nullable(),
  ),
};
