// A table as CSV that Excel opens with the Thai intact: UTF-8 with a byte-order mark, CRLF line ends,
// RFC 4180 quoting, and cells that would start a formula (= + - @) defused with a leading apostrophe
// (names are typed by the public). The same rendering the exports have always used.
import { csvCell, UTF8_BOM } from '../booking/csv';
import { textRows, type Table } from './table';

export { csvCell, UTF8_BOM };

export function tableCsv(table: Table): string {
  return `${UTF8_BOM}${textRows(table).map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('')}`;
}

/** The number of data rows of a CSV made by tableCsv (the header and the final line end not counted). */
export function csvRowCount(table: Table): number {
  return table.rows.length;
}
