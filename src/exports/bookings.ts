// The bookings export: every booking of an office with a visit in a date range (booked and cancelled),
// in date and time order, as .xlsx or CSV.
//
//   bookingsTable(office, rows: BookingRow[]): Table
//   exportBookings(db, office: OfficeProfile, { from, to }: { from: string; to: string } (ISO days, inclusive),
//                  format: 'xlsx' | 'csv', { actor, now }: { actor: string; now: Date })
//     → Promise<{ filename, contentType, body: Buffer | string, rows }>
//
// exportBookings reads, renders and writes one audit row (actor, 'export.bookings', target
// 'bookings:<from>..<to>', detail '<rows> rows, <format>'); the CLI (npm run export:bookings) calls it
// with actor 'cli', the workspace with the staff member's LINE user id, and sends what it returns.
import { findService } from '../booking/schedule';
import { bookingsBetween } from '../booking/store';
import { audit } from '../db/audit';
import type { BookingRow } from '../db/schema';
import type { Sql } from '../db/sql';
import type { OfficeProfile } from '../office/profile';
import { fromIso } from '../thai/calendar';
import { formatThaiDate, formatThaiDateTime } from '../thai/date-format';
import { formatPhone } from '../thai/phone';
import { renderExport } from './file';
import { instantCell, isoDateCell, text, type Column, type ExportActor, type ExportFile, type ExportFormat, type Table } from './table';

const COLUMNS: Column[] = [
  { header: 'รหัสนัด' },
  { header: 'วันที่', kind: 'date' },
  { header: 'วันที่ (พ.ศ.)' },
  { header: 'เวลา' },
  { header: 'บริการ' },
  { header: 'ชื่อ-นามสกุล' },
  { header: 'เบอร์โทร' },
  { header: 'สถานะ' },
  { header: 'จองเมื่อ', kind: 'datetime' },
  { header: 'ยกเลิกเมื่อ', kind: 'datetime' },
];

const STATUS: Record<BookingRow['status'], string> = { booked: 'จองแล้ว', cancelled: 'ยกเลิกแล้ว' };

/** One row per booking: the CSV's text as it has always been, with real dates for Excel. */
export function bookingsTable(office: OfficeProfile, rows: readonly BookingRow[]): Table {
  return {
    name: 'นัดหมาย',
    columns: COLUMNS,
    rows: rows.map((booking) => [
      text(booking.code),
      isoDateCell(booking.slotDate, booking.slotDate),
      text(formatThaiDate(fromIso(booking.slotDate))),
      text(booking.slotStart),
      text(findService(office, booking.serviceId)?.title ?? booking.serviceId),
      text(booking.name),
      text(booking.phone === '' ? '' : formatPhone(booking.phone)),
      text(STATUS[booking.status]),
      instantCell(booking.createdAt, formatThaiDateTime(new Date(booking.createdAt))),
      instantCell(booking.cancelledAt, booking.cancelledAt === null ? '' : formatThaiDateTime(new Date(booking.cancelledAt))),
    ]),
  };
}

export async function exportBookings(db: Sql, office: OfficeProfile, range: { from: string; to: string }, format: ExportFormat, by: ExportActor): Promise<ExportFile> {
  const rows = await bookingsBetween(db, office.id, range.from, range.to);
  const file = await renderExport([bookingsTable(office, rows)], format, `bookings-${range.from}-${range.to}`);
  await audit(db, office.id, { actor: by.actor, action: 'export.bookings', target: `bookings:${range.from}..${range.to}`, detail: `${file.rows} rows, ${format}` }, by.now.getTime());
  return file;
}
