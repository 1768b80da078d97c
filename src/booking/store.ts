// Bookings in the database: taking, moving and freeing a place, and the reads the flows, the staff
// notices and the export need. Capacity is enforced by the statement that takes the place: the
// INSERT and the UPDATE each count the slot's bookings in their own WHERE clause, so no earlier read
// decides anything (Cal.com's lesson: check-then-book in two statements double-books). Call the
// writes inside an immediate transaction — the dispatcher's, or
// db.transaction(fn, { behavior: 'immediate' }) — so two writers never count at the same time.
import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, lte, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { bookings, type BookingRow } from '../db/schema';
import type { Slot } from './schedule';

type Conn = Tx | Db;

/** Who is coming: the LINE user who booked, and the name and phone they gave. */
export interface Visitor {
  userId: string;
  name: string;
  phone: string;
}

type SlotPlace = Pick<Slot, 'serviceId' | 'date' | 'start'>;

/**
 * Six digits: easy to read aloud at the counter and to type on a phone, which letters are not for
 * many elders. Never a leading 0, which a spreadsheet would drop. Codes given out before (letters
 * and digits, e.g. "K7M2QX") stay as they were stored.
 */
const CODE_FIRST_DIGITS = '123456789';
const CODE_DIGITS = '0123456789';
const CODE_LENGTH = 6;
/** 900,000 codes: even with tens of thousands stored, a few fresh draws make a failure practically impossible. */
const CODE_ATTEMPTS = 8;

export function newBookingCode(): string {
  let code = CODE_FIRST_DIGITS[randomInt(CODE_FIRST_DIGITS.length)]!;
  while (code.length < CODE_LENGTH) code += CODE_DIGITS[randomInt(CODE_DIGITS.length)]!;
  return code;
}

/** The number of places taken in a slot, as a subquery; `except` leaves out the booking being moved. */
function placesTaken(slot: SlotPlace, except?: number) {
  const others = except === undefined ? sql`` : sql` AND taken.id <> ${except}`;
  return sql`(SELECT COUNT(*) FROM bookings AS taken
    WHERE taken.service_id = ${slot.serviceId} AND taken.slot_date = ${slot.date}
      AND taken.slot_start = ${slot.start} AND taken.status = 'booked'${others})`;
}

function isCodeClash(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('bookings.code')) return true;
  }
  return false;
}

/** Takes a place in the slot if one is free, in one statement. Undefined when the slot is full. */
export function insertBooking(tx: Tx, slot: Slot, visitor: Visitor, now: number): BookingRow | undefined {
  for (let attempt = 1; ; attempt++) {
    try {
      const inserted = tx.get<{ id: number } | undefined>(sql`
        INSERT INTO bookings (code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, status, created_at, updated_at)
        SELECT ${newBookingCode()}, ${visitor.userId}, ${slot.serviceId}, ${slot.date}, ${slot.start}, ${slot.startsAt.getTime()},
               ${visitor.name}, ${visitor.phone}, 'booked', ${now}, ${now}
        WHERE ${placesTaken(slot)} < ${slot.capacity}
        RETURNING id`);
      return inserted && findBooking(tx, inserted.id);
    } catch (error) {
      if (attempt >= CODE_ATTEMPTS || !isCodeClash(error)) throw error;
    }
  }
}

/**
 * Moves a booked visit to another slot of the same service if a place is free there, in one
 * statement. False when the slot is full or the booking is no longer booked.
 */
export function moveBooking(tx: Tx, bookingId: number, slot: Slot, now: number): boolean {
  const result = tx.run(sql`
    UPDATE bookings SET slot_date = ${slot.date}, slot_start = ${slot.start}, starts_at = ${slot.startsAt.getTime()}, updated_at = ${now}
    WHERE id = ${bookingId} AND status = 'booked' AND service_id = ${slot.serviceId}
      AND ${placesTaken(slot, bookingId)} < ${slot.capacity}`);
  return result.changes > 0;
}

/** Frees the place of one of the user's visits that has not started yet. Undefined if there is none. */
export function cancelBooking(tx: Tx, bookingId: number, userId: string, now: number): BookingRow | undefined {
  return tx
    .update(bookings)
    .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
    .where(and(eq(bookings.id, bookingId), eq(bookings.userId, userId), eq(bookings.status, 'booked'), gt(bookings.startsAt, now)))
    .returning()
    .get();
}

export function findBooking(conn: Conn, bookingId: number): BookingRow | undefined {
  return conn.select().from(bookings).where(eq(bookings.id, bookingId)).get();
}

/** The user's booked visits that have not started yet, soonest first. */
export function upcomingBookings(conn: Conn, userId: string, now: number): BookingRow[] {
  return conn
    .select()
    .from(bookings)
    .where(and(eq(bookings.userId, userId), eq(bookings.status, 'booked'), gt(bookings.startsAt, now)))
    .orderBy(asc(bookings.startsAt), asc(bookings.id))
    .all();
}

/** Booked visits on one day, in time order (the staff agenda). */
export function bookingsOn(conn: Conn, date: string): BookingRow[] {
  return conn
    .select()
    .from(bookings)
    .where(and(eq(bookings.slotDate, date), eq(bookings.status, 'booked')))
    .orderBy(asc(bookings.slotStart), asc(bookings.serviceId), asc(bookings.id))
    .all();
}

/** Every booking, booked or cancelled, with a slot from `from` to `to` inclusive (the export). */
export function bookingsBetween(conn: Conn, from: string, to: string): BookingRow[] {
  return conn
    .select()
    .from(bookings)
    .where(and(gte(bookings.slotDate, from), lte(bookings.slotDate, to)))
    .orderBy(asc(bookings.slotDate), asc(bookings.slotStart), asc(bookings.serviceId), asc(bookings.id))
    .all();
}

/** Places taken per slot of a service over a range of days, keyed by slotCountKey. */
export function placesTakenByDay(conn: Conn, serviceId: string, from: string, to: string): Map<string, number> {
  const rows = conn
    .select({ date: bookings.slotDate, start: bookings.slotStart, taken: sql<number>`COUNT(*)` })
    .from(bookings)
    .where(and(eq(bookings.serviceId, serviceId), gte(bookings.slotDate, from), lte(bookings.slotDate, to), eq(bookings.status, 'booked')))
    .groupBy(bookings.slotDate, bookings.slotStart)
    .all();
  return new Map(rows.map((row) => [slotCountKey(row.date, row.start), row.taken]));
}

export function slotCountKey(date: string, start: string): string {
  return `${date} ${start}`;
}

/** Places taken in every slot that has any (the benchmark's over-booking check). */
export function placesTakenPerSlot(conn: Conn): { serviceId: string; date: string; start: string; taken: number }[] {
  return conn
    .select({ serviceId: bookings.serviceId, date: bookings.slotDate, start: bookings.slotStart, taken: sql<number>`COUNT(*)` })
    .from(bookings)
    .where(eq(bookings.status, 'booked'))
    .groupBy(bookings.serviceId, bookings.slotDate, bookings.slotStart)
    .all();
}

/** The name and phone the user gave last time, to offer again; undefined if none (or erased). */
export function lastVisitor(conn: Conn, userId: string): { name: string; phone: string } | undefined {
  return conn
    .select({ name: bookings.name, phone: bookings.phone })
    .from(bookings)
    .where(and(eq(bookings.userId, userId), ne(bookings.name, '')))
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .get();
}

/** Ids of all the user's bookings, past and future. */
export function bookingIdsOf(conn: Conn, userId: string): number[] {
  return conn
    .select({ id: bookings.id })
    .from(bookings)
    .where(eq(bookings.userId, userId))
    .all()
    .map((row) => row.id);
}

/** Blanks the name and phone on all the user's bookings; the rest stays for the office's counts. */
export function forgetVisitor(tx: Tx, userId: string, now: number): void {
  tx.update(bookings).set({ name: '', phone: '', forWhom: null, updatedAt: now }).where(eq(bookings.userId, userId)).run();
}
