// The CSV cell and byte-order mark now live with the exports (src/exports/csv.ts, where the bookings'
// rows are built too: src/exports/bookings.ts); kept here for the มชช. export's index.csv, which imports them.
export { csvCell, UTF8_BOM } from '../exports/csv';
