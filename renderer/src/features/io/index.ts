// What import, export and the daily sheet offer the rest of the console: the dialogs, the export menu entries, and
// opening the daily sheet for an engineer's day.
export { DailySheet } from './DailySheet.js';
export { ImportDialog } from './ImportDialog.js';
export { useExportEntries } from './export-entries.js';
export { useSheet } from './sheet-state.js';
