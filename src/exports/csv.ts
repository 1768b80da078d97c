// A table as CSV that Excel opens with the Thai intact: UTF-8 with a byte-order mark, CRLF line ends,
// RFC 4180 quoting, and cells that would start a formula (= + - @) defused with a leading apostrophe
// (names are typed by the public). The same rendering the exports have always used.
import { textRows, type Table } from './table';

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableCsv(table: Table): string {
  return `${UTF8_BOM}${textRows(table).map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('')}`;
}
