// Reminders for a booked visit, queued in the outbox in the same transaction that books or moves it:
// the day before at schedule.reminder.dayBeforeHour and, when the office sets one, the morning of the
// visit at morningOfHour. Never for a time already past, never twice (the dedupe key names the
// booking, the kind and the slot), and cancelled together with the booking or its old time. A
// reminder still unsent when its visit has begun (the bot was down) is dropped, not sent late.
import type { BookingRow } from '../db/schema';
import { isIn, q, type Sql } from '../db/sql';
import { findService } from '../booking/schedule';
import { reminderMessages, type ReminderTime } from '../booking/messages';
import { addDays, bangkokInstant } from '../office/clock';
import type { OfficeProfile } from '../office/profile';
import { cancelPending, enqueuePush } from './outbox';

const PURPOSE: Record<ReminderTime['kind'], string> = {
  'day-before': 'reminder-day-before',
  'morning-of': 'reminder-morning-of',
};

const REF_PREFIX = 'booking:';

/** The outbox `ref` of everything queued for the villager about one booking. */
export function bookingRef(bookingId: number): string {
  return `${REF_PREFIX}${bookingId}`;
}

/** When to remind, from now on: only times still ahead and before the visit starts. */
export function reminderTimes(office: OfficeProfile, booking: Pick<BookingRow, 'slotDate' | 'startsAt'>, now: Date): ReminderTime[] {
  const { dayBeforeHour, morningOfHour } = office.schedule.reminder;
  const candidates: ReminderTime[] = [{ kind: 'day-before', at: bangkokInstant(addDays(booking.slotDate, -1), dayBeforeHour) }];
  if (morningOfHour) candidates.push({ kind: 'morning-of', at: bangkokInstant(booking.slotDate, morningOfHour) });
  return candidates.filter((r) => r.at.getTime() > now.getTime() && r.at.getTime() < booking.startsAt);
}

/** Queue the booking's reminders; returns the times queued. */
export async function scheduleReminders(tx: Sql, office: OfficeProfile, booking: BookingRow, now: Date): Promise<ReminderTime[]> {
  const service = findService(office, booking.serviceId);
  const times = reminderTimes(office, booking, now);
  for (const { kind, at } of times) {
    await enqueuePush(
      tx,
      office.id,
      {
        to: booking.userId,
        messages: reminderMessages(office, service, booking, kind),
        purpose: PURPOSE[kind],
        dueAt: at.getTime(),
        ref: bookingRef(booking.id),
        dedupeKey: `reminder:${booking.id}:${kind}:${booking.slotDate}T${booking.slotStart}`,
      },
      now.getTime(),
    );
  }
  return times;
}

/** Cancel the booking's unsent reminders (it was cancelled or moved). */
export function cancelReminders(tx: Sql, office: string, bookingId: number): Promise<number> {
  return cancelPending(tx, office, bookingRef(bookingId));
}

/** Drop unsent reminders whose visit has already begun; they would only confuse. Returns how many. */
export async function dropPastReminders(tx: Sql, office: string, now: Date): Promise<number> {
  // From the few pending reminders to their bookings by primary key, not through every past booking.
  const result = await tx.run(q`
    UPDATE outbox SET status = 'cancelled', last_error = 'the visit had begun before the reminder could be sent'
    WHERE office_id = ${office} AND status = 'pending' AND purpose ${isIn(Object.values(PURPOSE))}
      AND EXISTS (SELECT 1 FROM bookings WHERE bookings.office_id = outbox.office_id AND bookings.id = CAST(substr(outbox.ref, ${REF_PREFIX.length + 1}) AS BIGINT)
                  AND bookings.starts_at <= ${now.getTime()})`);
  return result.changes;
}
