// Bookings in the database: taking, moving and freeing a place, and the reads the flows, the staff
// notices and the export need. Capacity is enforced by the statement that takes the place: the
// INSERT and the UPDATE each count the slot's bookings in their own WHERE clause, so no earlier read
// decides anything (Cal.com's lesson: check-then-book in two statements double-books). Call the
// writes inside a transaction — the dispatcher's, or db.transaction(async (tx) => …) — so two writers
// never count at the same time: on SQLite the transactions never interleave; on PostgreSQL the
// transaction first takes an advisory lock on the slot (lockSlot), held until it ends.
import { randomInt } from 'node:crypto';
import type { BookingRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import type { Slot } from './schedule';

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

function isCodeClash(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('bookings.code')) return true;
    // PostgreSQL: unique_violation on the code's constraint.
    if (code === '23505' && (e as { constraint?: string }).constraint === 'bookings_code') return true;
  }
  return false;
}

/**
 * PostgreSQL runs transactions side by side (READ COMMITTED): two of them counting the same slot
 * would both see a free place. Serialise the writers of one slot with a transaction-scoped advisory
 * lock. SQLite needs nothing: its transactions never interleave.
 */
async function lockSlot(tx: Sql, office: string, slot: SlotPlace): Promise<void> {
  if (tx.dialect === 'pg') await tx.get(q`SELECT pg_advisory_xact_lock(hashtext(${`slot:${office}:${slot.serviceId}:${slot.date}:${slot.start}`}))`);
}

/** Takes a place in the slot if one is free, in one statement. Undefined when the slot is full. */
export async function insertBooking(tx: Sql, office: string, slot: Slot, visitor: Visitor, now: number): Promise<BookingRow | undefined> {
  await lockSlot(tx, office, slot);
  for (let attempt = 1; ; attempt++) {
    try {
      // Inside a transaction a failed statement must not end it (PostgreSQL aborts the whole
      // transaction on an error): a savepoint makes a code clash retryable.
      const inserted = await withSavepoint(tx, () =>
        tx.get<{ id: number }>(q`
          INSERT INTO bookings (office_id, code, user_id, service_id, slot_date, slot_start, starts_at, name, phone, status, created_at, updated_at)
          SELECT CAST(${office} AS TEXT), CAST(${newBookingCode()} AS TEXT), CAST(${visitor.userId} AS TEXT), CAST(${slot.serviceId} AS TEXT), CAST(${slot.date} AS TEXT),
                 CAST(${slot.start} AS TEXT), CAST(${slot.startsAt.getTime()} AS BIGINT), CAST(${visitor.name} AS TEXT), CAST(${visitor.phone} AS TEXT),
                 'booked', CAST(${now} AS BIGINT), CAST(${now} AS BIGINT)
          WHERE (SELECT COUNT(*) FROM bookings AS taken
                 WHERE taken.office_id = ${office} AND taken.service_id = ${slot.serviceId} AND taken.slot_date = ${slot.date}
                   AND taken.slot_start = ${slot.start} AND taken.status = 'booked') < ${slot.capacity}
          RETURNING id`),
      );
      return inserted && (await findBooking(tx, office, inserted.id));
    } catch (error) {
      if (attempt >= CODE_ATTEMPTS || !isCodeClash(error)) throw error;
    }
  }
}

async function withSavepoint<T>(tx: Sql, work: () => Promise<T>): Promise<T> {
  if (tx.dialect !== 'pg') return work();
  await tx.run(q`SAVEPOINT booking_code`);
  try {
    const result = await work();
    await tx.run(q`RELEASE SAVEPOINT booking_code`);
    return result;
  } catch (error) {
    await tx.run(q`ROLLBACK TO SAVEPOINT booking_code`);
    throw error;
  }
}

/**
 * Moves a booked visit to another slot of the same service if a place is free there, in one
 * statement. False when the slot is full or the booking is no longer booked.
 */
export async function moveBooking(tx: Sql, office: string, bookingId: number, slot: Slot, now: number): Promise<boolean> {
  await lockSlot(tx, office, slot);
  const result = await tx.run(q`
    UPDATE bookings SET slot_date = ${slot.date}, slot_start = ${slot.start}, starts_at = ${slot.startsAt.getTime()}, updated_at = ${now}
    WHERE office_id = ${office} AND id = ${bookingId} AND status = 'booked' AND service_id = ${slot.serviceId}
      AND (SELECT COUNT(*) FROM bookings AS taken
           WHERE taken.office_id = ${office} AND taken.service_id = ${slot.serviceId} AND taken.slot_date = ${slot.date}
             AND taken.slot_start = ${slot.start} AND taken.status = 'booked' AND taken.id <> ${bookingId}) < ${slot.capacity}`);
  return result.changes > 0;
}

/** Frees the place of one of the user's visits that has not started yet. Undefined if there is none. */
export function cancelBooking(tx: Sql, office: string, bookingId: number, userId: string, now: number): Promise<BookingRow | undefined> {
  return tx.get<BookingRow>(q`
    UPDATE bookings SET status = 'cancelled', cancelled_at = ${now}, updated_at = ${now}
    WHERE office_id = ${office} AND id = ${bookingId} AND user_id = ${userId} AND status = 'booked' AND starts_at > ${now}
    RETURNING *`);
}

export function findBooking(db: Sql, office: string, bookingId: number): Promise<BookingRow | undefined> {
  return db.get<BookingRow>(q`SELECT * FROM bookings WHERE office_id = ${office} AND id = ${bookingId}`);
}

/** The user's booked visits that have not started yet, soonest first. */
export function upcomingBookings(db: Sql, office: string, userId: string, now: number): Promise<BookingRow[]> {
  return db.all<BookingRow>(q`
    SELECT * FROM bookings WHERE office_id = ${office} AND user_id = ${userId} AND status = 'booked' AND starts_at > ${now} ORDER BY starts_at, id`);
}

/** Booked visits on one day, in time order (the staff agenda). */
export function bookingsOn(db: Sql, office: string, date: string): Promise<BookingRow[]> {
  return db.all<BookingRow>(q`
    SELECT * FROM bookings WHERE office_id = ${office} AND slot_date = ${date} AND status = 'booked' ORDER BY slot_start, service_id, id`);
}

/** Every booking, booked or cancelled, with a slot from `from` to `to` inclusive (the export). */
export function bookingsBetween(db: Sql, office: string, from: string, to: string): Promise<BookingRow[]> {
  return db.all<BookingRow>(q`
    SELECT * FROM bookings WHERE office_id = ${office} AND slot_date >= ${from} AND slot_date <= ${to} ORDER BY slot_date, slot_start, service_id, id`);
}

/** Places taken per slot of a service over a range of days, keyed by slotCountKey. */
export async function placesTakenByDay(db: Sql, office: string, serviceId: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.all<{ slotDate: string; slotStart: string; taken: number }>(q`
    SELECT slot_date, slot_start, COUNT(*) AS taken FROM bookings
    WHERE office_id = ${office} AND service_id = ${serviceId} AND slot_date >= ${from} AND slot_date <= ${to} AND status = 'booked'
    GROUP BY slot_date, slot_start`);
  return new Map(rows.map((row) => [slotCountKey(row.slotDate, row.slotStart), row.taken]));
}

export function slotCountKey(date: string, start: string): string {
  return `${date} ${start}`;
}

/** Places taken in every slot that has any (the benchmark's over-booking check). */
export function placesTakenPerSlot(db: Sql, office: string): Promise<{ serviceId: string; date: string; start: string; taken: number }[]> {
  return db.all(q`
    SELECT service_id, slot_date AS date, slot_start AS start, COUNT(*) AS taken FROM bookings
    WHERE office_id = ${office} AND status = 'booked' GROUP BY service_id, slot_date, slot_start`);
}

/** The name and phone the user gave last time, to offer again; undefined if none (or erased). */
export function lastVisitor(db: Sql, office: string, userId: string): Promise<{ name: string; phone: string } | undefined> {
  return db.get(q`SELECT name, phone FROM bookings WHERE office_id = ${office} AND user_id = ${userId} AND name <> '' ORDER BY created_at DESC, id DESC LIMIT 1`);
}

/** Ids of all the user's bookings, past and future. */
export async function bookingIdsOf(db: Sql, office: string, userId: string): Promise<number[]> {
  return (await db.all<{ id: number }>(q`SELECT id FROM bookings WHERE office_id = ${office} AND user_id = ${userId}`)).map((row) => row.id);
}

/** Blanks the name and phone on all the user's bookings; the rest stays for the office's counts. */
export async function forgetVisitor(tx: Sql, office: string, userId: string, now: number): Promise<void> {
  await tx.run(q`UPDATE bookings SET name = '', phone = '', for_whom = NULL, updated_at = ${now} WHERE office_id = ${office} AND user_id = ${userId}`);
}
