// The office's bookable time slots, worked out from the office profile alone: which days are open,
// which slots a service has on a day, and which of them may still be booked at a given instant.
// Pure and database-free: the caller subtracts the bookings already made from each slot's capacity.

import { addDays, bangkokDateOf, bangkokInstant, clockTimeOf, isIsoDate, minutesOfDay, weekdayOf } from '../office/clock';
import type { OfficeProfile, OfficeService, ServiceId } from '../office/profile';

export interface Slot {
  serviceId: ServiceId;
  /** Bangkok calendar date, 'YYYY-MM-DD'. */
  date: string;
  /** Bangkok wall-clock times, 'HH:mm'. */
  start: string;
  end: string;
  /** The UTC instant the slot starts. */
  startsAt: Date;
  /** How many people can be seen in this slot: the service's counters. */
  capacity: number;
}

export type ClosedReason =
  | { kind: 'weekly'; reason: null }
  | { kind: 'holiday'; reason: string }
  | { kind: 'closure'; reason: string };

function requireIsoDate(date: string): void {
  if (!isIsoDate(date)) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${date}"`);
}

/** The service with this id, or undefined when the office does not offer it (e.g. a stored id it dropped). */
export function findService(profile: OfficeProfile, serviceId: string): OfficeService | undefined {
  return profile.services.find((entry) => entry.id === serviceId);
}

function serviceOf(profile: OfficeProfile, serviceId: ServiceId): OfficeService {
  const service = findService(profile, serviceId);
  if (!service) throw new RangeError(`The office profile offers no service "${serviceId}"`);
  return service;
}

/** Why the office is shut on `date`, or null when it is open. Holidays and closures win over weekly hours. */
export function whyClosed(profile: OfficeProfile, date: string): ClosedReason | null {
  requireIsoDate(date);
  const { holidays, closures, weeklyHours } = profile.schedule;
  const holiday = holidays.find((entry) => entry.date === date);
  if (holiday) return { kind: 'holiday', reason: holiday.name };
  const closure = closures.find((entry) => entry.from <= date && date <= entry.to);
  if (closure) return { kind: 'closure', reason: closure.reason };
  if (weeklyHours[weekdayOf(date)].length === 0) return { kind: 'weekly', reason: null };
  return null;
}

export function isOpenDay(profile: OfficeProfile, date: string): boolean {
  return whyClosed(profile, date) === null;
}

/**
 * Every slot of a service on a date (none when the office is shut). Slots are back to back, each as
 * long as the service, starting at the opening of each interval: a slot never runs across the lunch
 * gap, and slots of one service never overlap, so "bookings in a slot ≤ counters" is the whole rule.
 */
export function slotsForDay(profile: OfficeProfile, serviceId: ServiceId, date: string): Slot[] {
  const service = serviceOf(profile, serviceId);
  if (!isOpenDay(profile, date)) return [];
  const slots: Slot[] = [];
  for (const interval of profile.schedule.weeklyHours[weekdayOf(date)]) {
    const duration = service.durationMinutes;
    const closesAt = minutesOfDay(interval.to);
    for (let startMinute = minutesOfDay(interval.from); startMinute + duration <= closesAt; startMinute += duration) {
      const start = clockTimeOf(startMinute);
      slots.push({
        serviceId,
        date,
        start,
        end: clockTimeOf(startMinute + duration),
        startsAt: bangkokInstant(date, start),
        capacity: service.counters,
      });
    }
  }
  return slots;
}

/** How far to look for an open day (long closures, New Year, Songkran). */
const OPEN_DAY_SEARCH_DAYS = 60;

/**
 * The office's first open day on or after `date` (a window that opens on a holiday opens, for the
 * villager, the next day the office is open); `date` itself when none is found within 60 days.
 */
export function firstOpenDayFrom(profile: OfficeProfile, date: string): string {
  for (let day = date, i = 0; i < OPEN_DAY_SEARCH_DAYS; day = addDays(day, 1), i++) {
    if (isOpenDay(profile, day)) return day;
  }
  return date;
}

/** The last date one may book on: today in Bangkok plus the booking horizon. */
export function lastBookableDate(profile: OfficeProfile, now: Date): string {
  return addDays(bangkokDateOf(now), profile.schedule.bookingHorizonDays);
}

/**
 * The slots still open to booking at `now`: none past the horizon, and none starting sooner than
 * minLeadMinutes from now (a slot exactly minLeadMinutes away is still bookable).
 */
export function bookableSlots(profile: OfficeProfile, serviceId: ServiceId, now: Date, date: string): Slot[] {
  requireIsoDate(date);
  if (date > lastBookableDate(profile, now)) return [];
  const earliestStart = now.getTime() + profile.schedule.minLeadMinutes * 60_000;
  return slotsForDay(profile, serviceId, date).filter((slot) => slot.startsAt.getTime() >= earliestStart);
}

/**
 * The next dates, from today (Bangkok) to the end of the horizon, on which at least one slot of some
 * service can still be booked; at most `count` of them. Today drops out once its last slot is too near.
 */
export function openDays(profile: OfficeProfile, now: Date, count = Number.POSITIVE_INFINITY): string[] {
  const days: string[] = [];
  const lastDate = lastBookableDate(profile, now);
  for (let date = bangkokDateOf(now); date <= lastDate && days.length < count; date = addDays(date, 1)) {
    const bookable = profile.services.some((service) => bookableSlots(profile, service.id, now, date).length > 0);
    if (bookable) days.push(date);
  }
  return days;
}

/** A stable id for a slot, e.g. "elderly|2026-11-23|09:00", for storing bookings against it. */
export function slotKey(slot: Pick<Slot, 'serviceId' | 'date' | 'start'>): string {
  return `${slot.serviceId}|${slot.date}|${slot.start}`;
}
