// An export's tables as the file asked for: every table as a sheet of one .xlsx, or the first table
// as CSV (a CSV holds one table; callers put the one they want first).
import { tableCsv } from './csv';
import { CONTENT_TYPES, type ExportFile, type ExportFormat, type Table } from './table';
import { tablesXlsx } from './xlsx';

export async function renderExport(tables: readonly Table[], format: ExportFormat, basename: string): Promise<ExportFile> {
  const main = tables[0];
  if (main === undefined) throw new Error('renderExport: no table');
  const body = format === 'xlsx' ? await tablesXlsx(tables) : tableCsv(main);
  return { filename: `${basename}.${format}`, contentType: CONTENT_TYPES[format], body, rows: main.rows.length };
}
