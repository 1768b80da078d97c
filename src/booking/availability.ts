// Free places: the office's slots (./schedule, worked out from the profile alone) less the places
// already taken (./store). These figures draw the day and time buttons and explain why a day cannot
// be booked; they never decide a booking — the guarded INSERT in ./store does.
import type { Sql } from '../db/sql';
import { addDays, bangkokDateOf } from '../office/clock';
import type { OfficeProfile, ServiceId } from '../office/profile';
import { bookableSlots, lastBookableDate, lastOpenBookableDate, whyClosed, type ClosedReason, type Slot } from './schedule';
import { placesTakenByDay, slotCountKey } from './store';

export interface OpenSlot extends Slot {
  /** Places still free (0 when full). */
  free: number;
}

export interface OpenDay {
  date: string;
  free: number;
}

function withFree(slots: Slot[], taken: Map<string, number>): OpenSlot[] {
  return slots.map((slot) => ({ ...slot, free: Math.max(0, slot.capacity - (taken.get(slotCountKey(slot.date, slot.start)) ?? 0)) }));
}

/** The slots of a service on a day that may still be booked at `now` (by time), full or not. */
export async function slotsWithPlaces(db: Sql, office: OfficeProfile, serviceId: ServiceId, now: Date, date: string): Promise<OpenSlot[]> {
  const slots = bookableSlots(office, serviceId, now, date);
  return slots.length === 0 ? [] : withFree(slots, await placesTakenByDay(db, office.id, serviceId, date, date));
}

/**
 * The next days, from today to the end of the horizon, with at least one free place; at most `limit`.
 * `accepts` leaves out days the caller cannot use (e.g. outside a registration window).
 */
export async function daysWithPlaces(
  db: Sql,
  office: OfficeProfile,
  serviceId: ServiceId,
  now: Date,
  limit: number,
  accepts: (date: string) => boolean = () => true,
): Promise<OpenDay[]> {
  const first = bangkokDateOf(now);
  const last = lastBookableDate(office, now);
  const taken = await placesTakenByDay(db, office.id, serviceId, first, last);
  const days: OpenDay[] = [];
  for (let date = first; date <= last && days.length < limit; date = addDays(date, 1)) {
    const slots = bookableSlots(office, serviceId, now, date);
    if (slots.length === 0 || !accepts(date)) continue;
    const free = withFree(slots, taken).reduce((sum, slot) => sum + slot.free, 0);
    if (free > 0) days.push({ date, free });
  }
  return days;
}

/** Whether any day in the horizon has slots of the service that `accepts` takes, full or not. */
export function anyBookableDay(office: OfficeProfile, serviceId: ServiceId, now: Date, accepts: (date: string) => boolean): boolean {
  const last = lastBookableDate(office, now);
  for (let date = bangkokDateOf(now); date <= last; date = addDays(date, 1)) {
    if (bookableSlots(office, serviceId, now, date).length > 0 && accepts(date)) return true;
  }
  return false;
}

export type DayProblem =
  | { kind: 'past' }
  | { kind: 'too-far'; lastDate: string }
  | { kind: 'closed'; why: ClosedReason }
  /** Open, but no slot of this service can be booked: today's start too soon, or none fits the hours. */
  | { kind: 'no-slots'; today: boolean }
  | { kind: 'full' };

/** Why a day cannot be booked for a service, or undefined when it has a free place. */
export async function dayProblem(db: Sql, office: OfficeProfile, serviceId: ServiceId, now: Date, date: string): Promise<DayProblem | undefined> {
  const today = bangkokDateOf(now);
  if (date < today) return { kind: 'past' };
  if (date > lastBookableDate(office, now)) return { kind: 'too-far', lastDate: lastOpenBookableDate(office, now) };
  const why = whyClosed(office, date);
  if (why) return { kind: 'closed', why };
  const slots = await slotsWithPlaces(db, office, serviceId, now, date);
  if (slots.length === 0) return { kind: 'no-slots', today: date === today };
  return slots.some((slot) => slot.free > 0) ? undefined : { kind: 'full' };
}
