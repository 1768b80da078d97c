// Whether a booked visitor came (มาแล้ว) or not (ไม่มา), as staff mark it at the counter: the one
// function that records it, for the workspace and anything else that ever marks a visit.
//
// Choices:
// - One guarded UPDATE decides: the booking must be this office's, still booked (a cancelled visit
//   cannot have come), and on a day up to today in Bangkok (a future visit cannot have come yet;
//   staff may mark past days they missed). No earlier read decides anything.
// - Changing one's mind is allowed: marking again overwrites the value, who marked it and when.
// - When nothing changed, the booking is read once more only to say why.
import type { BookingRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { bangkokDateOf } from '../office/clock';

export type Attendance = 'came' | 'no_show';

export const ATTENDANCE_VALUES: readonly Attendance[] = ['came', 'no_show'];

export function isAttendance(value: unknown): value is Attendance {
  return typeof value === 'string' && (ATTENDANCE_VALUES as readonly string[]).includes(value);
}

/** A booking row with the attendance columns (bookings.attendance, attendance_by, attendance_at). */
export type AttendedBooking = BookingRow & {
  attendance: Attendance | null;
  attendanceBy: string | null;
  attendanceAt: number | null;
};

export type AttendanceResult =
  | { ok: true; booking: AttendedBooking; changedMind: boolean }
  | { ok: false; why: 'unknown' | 'cancelled' | 'future'; booking?: AttendedBooking };

/**
 * Records that the visitor of `bookingId` came or did not, by staff member `by` at `now`.
 * Refused for another office's or an unknown booking, a cancelled one, and a visit after today.
 */
export async function markAttendance(tx: Sql, office: string, bookingId: number, value: Attendance, by: string, now: number): Promise<AttendanceResult> {
  const today = bangkokDateOf(new Date(now));
  const before = await tx.get<{ attendance: Attendance | null }>(q`SELECT attendance FROM bookings WHERE office_id = ${office} AND id = ${bookingId}`);
  const marked = await tx.get<AttendedBooking>(q`
    UPDATE bookings SET attendance = ${value}, attendance_by = ${by}, attendance_at = ${now}, updated_at = ${now}
    WHERE office_id = ${office} AND id = ${bookingId} AND status = 'booked' AND slot_date <= ${today}
    RETURNING *`);
  if (marked) return { ok: true, booking: marked, changedMind: before?.attendance != null && before.attendance !== value };
  const booking = await tx.get<AttendedBooking>(q`SELECT * FROM bookings WHERE office_id = ${office} AND id = ${bookingId}`);
  if (!booking) return { ok: false, why: 'unknown' };
  return { ok: false, why: booking.status !== 'booked' ? 'cancelled' : 'future', booking };
}
