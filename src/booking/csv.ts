// Bookings as CSV for the spreadsheet staff already use: UTF-8 with a byte-order mark (without it
// Excel reads Thai as gibberish), CRLF line ends and RFC 4180 quoting. Cells that would start a
// formula (= + - @) are defused with a leading apostrophe, because names are typed by the public.
import type { BookingRow } from '../db/schema';
import type { OfficeProfile } from '../office/profile';
import { fromIso } from '../thai/calendar';
import { formatThaiDate, formatThaiDateTime } from '../thai/date-format';
import { formatPhone } from '../thai/phone';
import { findService } from './schedule';

export const UTF8_BOM = '\uFEFF';

const HEADER = ['รหัสนัด', 'วันที่', 'วันที่ (พ.ศ.)', 'เวลา', 'บริการ', 'ชื่อ-นามสกุล', 'เบอร์โทร', 'สถานะ', 'จองเมื่อ', 'ยกเลิกเมื่อ'];

const STATUS: Record<BookingRow['status'], string> = { booked: 'จองแล้ว', cancelled: 'ยกเลิกแล้ว' };

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function bookingCells(office: OfficeProfile, booking: BookingRow): string[] {
  return [
    booking.code,
    booking.slotDate,
    formatThaiDate(fromIso(booking.slotDate)),
    booking.slotStart,
    findService(office, booking.serviceId)?.title ?? booking.serviceId,
    booking.name,
    booking.phone === '' ? '' : formatPhone(booking.phone),
    STATUS[booking.status],
    formatThaiDateTime(new Date(booking.createdAt)),
    booking.cancelledAt === null ? '' : formatThaiDateTime(new Date(booking.cancelledAt)),
  ];
}

/** The whole file: BOM, header row, one row per booking, each line ending in CRLF. */
export function bookingsCsv(office: OfficeProfile, rows: readonly BookingRow[]): string {
  const lines = [HEADER, ...rows.map((row) => bookingCells(office, row))].map((cells) => cells.map(csvCell).join(','));
  return `${UTF8_BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}
