// Reading an export back the way a spreadsheet would: the .xlsx with exceljs, the CSV by RFC 4180.
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { UTF8_BOM } from '../../src/exports/csv';

export async function workbookOf(body: Buffer | string): Promise<ExcelJS.Workbook> {
  expect(Buffer.isBuffer(body)).toBe(true);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer); // exceljs types want an older Buffer; it reads a Buffer as is
  return workbook;
}

/** Every row's values, the header first (cell values as exceljs reads them: string, number, Date, or null). */
export function sheetValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: unknown[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const value = row.getCell(i).value;
      cells.push(value === undefined ? null : value);
    }
    rows.push(cells);
  });
  return rows;
}

/** A sheet as the staff member sees it: a bold header frozen at the top, every column given a width. */
export function expectSpreadsheetLayout(sheet: ExcelJS.Worksheet): void {
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  for (let i = 1; i <= sheet.columnCount; i++) {
    expect(sheet.getRow(1).getCell(i).font?.bold).toBe(true);
    expect(sheet.getColumn(i).width, `${sheet.name} column ${i} of ${sheet.columnCount}`).toBeGreaterThanOrEqual(6);
  }
}

/** The CSV's rows (it must start with the byte-order mark and end every line with CRLF). */
export function csvRows(body: Buffer | string): string[][] {
  expect(typeof body).toBe('string');
  const csv = body as string;
  expect(csv.startsWith(UTF8_BOM)).toBe(true);
  expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.slice(1);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

/**
 * The CSV and the sheet hold the same rows: each text cell of the sheet is the CSV's cell (which
 * defuses a formula-like start with an apostrophe), each number the CSV's number; dates are
 * compared by the caller (the CSV shows them as text).
 */
export function expectSameRows(csv: string[][], sheet: unknown[][]): void {
  expect(csv.length).toBe(sheet.length);
  csv.forEach((row, r) => {
    expect(row.length).toBe(sheet[r]!.length);
    row.forEach((cell, c) => {
      const value = sheet[r]![c];
      if (typeof value === 'string') expect([value, `'${value}`]).toContain(cell);
      else if (typeof value === 'number') expect(Number(cell)).toBe(value);
      else if (value === null) expect(cell).toBe('');
      else expect(value).toBeInstanceOf(Date);
    });
  });
}
