// Tables as one .xlsx workbook, one sheet each: a bold header row frozen at the top, dates as real
// Excel dates shown the Thai way (day, Thai month, Buddhist year: the format code's "bbbb"), numbers
// as numbers, columns as wide as their longest cell. Text is written as text, so a name typed as
// "=…" is never a formula. Returns the file's bytes; writing it (or streaming it) is the caller's.
import type { Column, Table } from './table';

export const THAI_DATE_FORMAT = '[$-th-TH]d mmm bbbb';
export const THAI_DATETIME_FORMAT = '[$-th-TH]d mmm bbbb hh:mm';
const MONEY_FORMAT = '#,##0.00';
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** exceljs writes no width for a column exactly this wide (its default), leaving it to the reader's default. */
const EXCELJS_DEFAULT_WIDTH = 9;

function formatOf(column: Column): string | undefined {
  switch (column.kind) {
    case 'date':
      return THAI_DATE_FORMAT;
    case 'datetime':
      return THAI_DATETIME_FORMAT;
    case 'money':
      return MONEY_FORMAT;
    default:
      return undefined;
  }
}

/** Thai combining vowels and tone marks take no width of their own. */
function displayLength(value: string): number {
  return [...value.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, '')].length;
}

export async function tablesXlsx(tables: readonly Table[]): Promise<Buffer> {
  // exceljs (about 30 MB once loaded) is loaded on the first export, not with the bot.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    for (const row of table.rows) {
      // An empty text is an empty cell (not a cell holding ""), so Excel's blanks and counts work.
      sheet.addRow(row.map((cell) => cell.value ?? (cell.text === '' ? null : cell.text)));
    }
    table.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      const format = formatOf(column);
      const longest = Math.max(
        displayLength(column.header),
        ...table.rows.map((row) => {
          const cell = row[i];
          if (cell === undefined) return 0;
          // A formatted date is about as long as its Thai text ("24 พ.ย. 2569 10:00").
          return displayLength(cell.text);
        }),
      );
      const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
      sheetColumn.width = width === EXCELJS_DEFAULT_WIDTH ? width + 0.5 : width;
      if (format !== undefined) {
        sheetColumn.eachCell({ includeEmpty: false }, (cell, rowNumber) => {
          if (rowNumber > 1) cell.numFmt = format;
        });
      }
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
