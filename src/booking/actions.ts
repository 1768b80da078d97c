// What booking, moving and cancelling a visit do, all in the caller's transaction: the place itself
// (./store, one guarded statement), the villager's reminders (notify/reminders) and the staff notice
// (notify/staff). Everything is written, or — when the transaction rolls back — nothing is.
import type { Sql } from '../db/sql';
import type { BookingRow } from '../db/schema';
import { forgetNotices, noticeStaff } from '../notify/staff';
import { cancelReminders, scheduleReminders } from '../notify/reminders';
import type { OfficeProfile } from '../office/profile';
import type { ReminderTime } from './messages';
import { findService, type Slot } from './schedule';
import { bookingIdsOf, cancelBooking, findBooking, forgetVisitor, insertBooking, moveBooking, upcomingBookings, type Visitor } from './store';

export type BookResult = { ok: true; booking: BookingRow; reminders: ReminderTime[] } | { ok: false; reason: 'full' };

export async function bookVisit(tx: Sql, office: OfficeProfile, slot: Slot, visitor: Visitor, now: Date): Promise<BookResult> {
  const booking = await insertBooking(tx, office.id, slot, visitor, now.getTime());
  if (!booking) return { ok: false, reason: 'full' };
  const reminders = await scheduleReminders(tx, office, booking, now);
  await noticeStaff(tx, office.id, { kind: 'new', booking, service: findService(office, booking.serviceId) }, now);
  return { ok: true, booking, reminders };
}

/** A booked visit of this user that has not started: the only kind that may be moved or cancelled. */
export async function activeBookingOf(tx: Sql, office: string, bookingId: number, userId: string, now: Date): Promise<BookingRow | undefined> {
  const booking = await findBooking(tx, office, bookingId);
  return booking && booking.userId === userId && booking.status === 'booked' && booking.startsAt > now.getTime() ? booking : undefined;
}

export type MoveResult = { ok: true; booking: BookingRow; reminders: ReminderTime[] } | { ok: false; reason: 'full' | 'gone' };

export async function moveVisit(tx: Sql, office: OfficeProfile, bookingId: number, userId: string, slot: Slot, now: Date): Promise<MoveResult> {
  const before = await activeBookingOf(tx, office.id, bookingId, userId, now);
  if (!before) return { ok: false, reason: 'gone' };
  if (!await moveBooking(tx, office.id, bookingId, slot, now.getTime())) return { ok: false, reason: 'full' };
  const booking = (await findBooking(tx, office.id, bookingId))!;
  await cancelReminders(tx, office.id, booking.id);
  const reminders = await scheduleReminders(tx, office, booking, now);
  await noticeStaff(tx, office.id, { kind: 'changed', booking, previous: before, service: findService(office, booking.serviceId) }, now);
  return { ok: true, booking, reminders };
}

export async function cancelVisit(tx: Sql, office: OfficeProfile, bookingId: number, userId: string, now: Date): Promise<BookingRow | undefined> {
  const booking = await cancelBooking(tx, office.id, bookingId, userId, now.getTime());
  if (!booking) return undefined;
  await cancelReminders(tx, office.id, booking.id);
  await noticeStaff(tx, office.id, { kind: 'cancelled', booking, service: findService(office, booking.serviceId) }, now);
  return booking;
}

/**
 * The bookings part of erasing a user's data: upcoming visits are cancelled (the place freed, the
 * reminders withdrawn, staff told — without the name or phone), then the name and phone are blanked
 * on every booking, and notices already sent about them lose their content. The erasers get no
 * office profile, so the notice names the code and time but not the service.
 */
export async function eraseVisitor(tx: Sql, office: string, userId: string, now: Date): Promise<void> {
  // First withdraw and blank the notices that carry the name and phone, then tell staff (without
  // them) which visits the erasure cancelled.
  await forgetNotices(tx, office, await bookingIdsOf(tx, office, userId));
  for (const upcoming of await upcomingBookings(tx, office, userId, now.getTime())) {
    const booking = (await cancelBooking(tx, office, upcoming.id, userId, now.getTime()))!;
    await cancelReminders(tx, office, booking.id);
    await noticeStaff(tx, office, { kind: 'cancelled', booking, service: undefined, erased: true }, now);
  }
  await forgetVisitor(tx, office, userId, now.getTime());
}
