/** A cell value a table writer accepts: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null;

/** One column of an exported table: its heading and how to read the cell from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  /** Width in characters for spreadsheet writers; a default when left out. */
  width?: number;
}

/** A table read from a file: the cells as text, row by row, the header row first. */
export type TextTable = string[][];

/** The cells of each row for these columns, the header row first. */
export function tableCells<T>(rows: readonly T[], columns: readonly Column<T>[]): Cell[][] {
  return [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
}
