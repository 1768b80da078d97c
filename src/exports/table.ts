// One table of an export, built once (src/exports/bookings.ts, groups.ts, cases.ts) and rendered by
// two writers: CSV with a BOM (src/exports/csv.ts) and .xlsx (src/exports/xlsx.ts). Each cell has the
// text the CSV shows (what the CSV export has always shown) and, where Excel can do better, a typed
// value: a Date (shown in the Thai format, Buddhist year) or a number Excel can sum.

export type CellValue = Date | number;

export interface Cell {
  text: string;
  /** For the xlsx: a real date (kind 'date' or 'datetime') or a number; the text when absent. */
  value?: CellValue;
}

export type ColumnKind = 'text' | 'date' | 'datetime' | 'number' | 'money';

export interface Column {
  header: string;
  kind?: ColumnKind;
}

export interface Table {
  /** The sheet's name in the xlsx (≤ 31 characters, no : \ / ? * [ ]). */
  name: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
}

/** A text cell. */
export function text(value: string): Cell {
  return { text: value };
}

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** A calendar date "2026-11-24" as an Excel date (a UTC midnight, as exceljs writes dates). */
export function isoDateCell(iso: string | undefined, shown: string): Cell {
  if (iso === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return { text: shown };
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { text: shown, value: new Date(Date.UTC(y, m - 1, d)) };
}

/**
 * An instant (epoch ms) as an Excel date-time showing Bangkok's wall clock: Excel has no time zones,
 * so the value is the Bangkok time written as if it were UTC.
 */
export function instantCell(at: number | null | undefined, shown: string): Cell {
  if (at === null || at === undefined) return { text: shown };
  return { text: shown, value: new Date(at + BANGKOK_OFFSET_MS) };
}

/** A number (shown as `shown` in the CSV). */
export function numberCell(value: number | undefined, shown: string): Cell {
  return value === undefined ? { text: shown } : { text: shown, value };
}

/** The rows as plain text, header first (what the CSV holds). */
export function textRows(table: Table): string[][] {
  return [table.columns.map((c) => c.header), ...table.rows.map((row) => row.map((cell) => cell.text))];
}

/** The two files an export can be. */
export type ExportFormat = 'xlsx' | 'csv';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * What an export hands back, to write to a file (the CLIs) or send as a download (the workspace):
 * the file's name, its content type, its body (the .xlsx's bytes, or the CSV's text with its BOM),
 * and the number of data rows of its main table.
 */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
  rows: number;
}

/** Who asked, and when: the audit row's actor (a staff member's LINE user id, or 'cli') and time. */
export interface ExportActor {
  actor: string;
  now: Date;
}

/** The format a file name asks for: .xlsx is Excel, anything else CSV (as the exports always wrote). */
export function formatOfPath(file: string): ExportFormat {
  return /\.xlsx$/i.test(file) ? 'xlsx' : 'csv';
}
