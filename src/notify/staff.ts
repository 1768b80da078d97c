// Staff notices: a push to every staff member for each new, moved or cancelled booking, queued in
// the transaction that made the change, and the daily agenda at schedule.staffAgendaHour. Each is an
// outbox row with its own retry key, so a LINE outage delays a notice but never loses or repeats it;
// dedupe keys make a repeated event queue nothing new. Notices carry their own ref, apart from the
// villager's reminders, so cancelling or moving a booking never withdraws a notice staff still need.
import { isIn, q, type Sql } from '../db/sql';
import { staffIds } from '../db/staff';
import { bookingsOn } from '../booking/store';
import { agendaMessages, staffNoticeMessages, type StaffNotice } from '../booking/staff-messages';
import { isOpenDay } from '../booking/schedule';
import { bangkokDateOf, bangkokInstant, weekdayOf } from '../office/clock';
import type { OfficeProfile } from '../office/profile';
import { enqueuePush } from './outbox';

function noticeRef(bookingId: number): string {
  return `booking-notice:${bookingId}`;
}

/**
 * A booking is new once and cancelled once, so id, kind and slot name those notices; it may move many
 * times (even back to a slot it had), so a move is also named by when it happened.
 */
function noticeKey(notice: StaffNotice, staffId: string): string {
  const { booking } = notice;
  const moment = notice.kind === 'changed' ? `:${booking.updatedAt}` : '';
  return `staff:${notice.kind}:${booking.id}:${booking.slotDate}T${booking.slotStart}${moment}:${staffId}`;
}

/** Queue the notice for every staff member; returns how many rows were queued. */
export async function noticeStaff(tx: Sql, notice: StaffNotice, now: Date): Promise<number> {
  const messages = staffNoticeMessages(notice);
  let queued = 0;
  for (const staffId of await staffIds(tx)) {
    const id = await enqueuePush(
      tx,
      { to: staffId, messages, purpose: `staff-${notice.kind}`, dueAt: now.getTime(), ref: noticeRef(notice.booking.id), dedupeKey: noticeKey(notice, staffId) },
      now.getTime(),
    );
    if (id !== undefined) queued++;
  }
  return queued;
}

/** Today's date when the agenda is due: an open day, from the agenda hour until the office closes. */
function agendaDueDate(office: OfficeProfile, now: Date): string | undefined {
  const today = bangkokDateOf(now);
  if (!isOpenDay(office, today)) return undefined;
  const closes = office.schedule.weeklyHours[weekdayOf(today)].at(-1)!.to;
  const from = bangkokInstant(today, office.schedule.staffAgendaHour).getTime();
  return now.getTime() >= from && now.getTime() < bangkokInstant(today, closes).getTime() ? today : undefined;
}

/** Queue today's agenda for each staff member who has not had it; returns how many were queued. */
export async function queueAgendas(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  const date = agendaDueDate(office, now);
  if (!date) return 0;
  const keyOf = (staffId: string) => `agenda:${date}:${staffId}`;
  const everyone = await staffIds(tx);
  if (everyone.length === 0) return 0;
  const queuedBefore = new Set(
    (await tx.all<{ dedupeKey: string }>(q`SELECT dedupe_key FROM outbox WHERE dedupe_key ${isIn(everyone.map(keyOf))}`)).map((row) => row.dedupeKey),
  );
  const recipients = everyone.filter((staffId) => !queuedBefore.has(keyOf(staffId)));
  if (recipients.length === 0) return 0;
  const messages = agendaMessages(office, date, await bookingsOn(tx, date), date);
  // Another instance's scheduler may be queueing the same agendas right now: the dedupe key keeps one
  // each (the second insert waits for the first to commit, then does nothing), and only what this
  // pass inserted is counted.
  let queued = 0;
  for (const staffId of recipients) {
    const id = await enqueuePush(tx, { to: staffId, messages, purpose: 'staff-agenda', dueAt: now.getTime(), dedupeKey: keyOf(staffId) }, now.getTime());
    if (id !== undefined) queued++;
  }
  return queued;
}

/** Clear the content of notices already sent (or given up) about these bookings (data erasure). */
export async function forgetNotices(tx: Sql, bookingIds: readonly number[]): Promise<void> {
  if (bookingIds.length === 0) return;
  const refs = bookingIds.map(noticeRef);
  // Not yet sent (e.g. held up by a LINE outage): withdrawn, the erasure notice supersedes them.
  await tx.run(q`UPDATE outbox SET status = 'cancelled', dedupe_key = NULL WHERE ref ${isIn(refs)} AND status = 'pending'`);
  await tx.run(q`UPDATE outbox SET messages = '[]' WHERE ref ${isIn(refs)} AND status IN ('sent', 'failed', 'cancelled')`);
}
