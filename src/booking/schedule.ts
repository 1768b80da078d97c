// The office's bookable time slots, worked out from the office profile alone: which days are open,
// which slots a service has on a day, and which of them may still be booked at a given instant.
// Pure and database-free: the caller subtracts the bookings already made from each slot's capacity.

import { addDays, bangkokDateOf, bangkokInstant, clockTimeOf, isIsoDate, minutesOfDay, weekdayOf } from '../office/clock';
import type { OfficeProfile, OfficeService, ServiceId } from '../office/profile';
import { fiscalYearOf, fiscalYearRange } from '../rules';
import { fromIso, toIso } from '../thai/calendar';
import { toBuddhistYear } from '../thai/thai-calendar';

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
  | { kind: 'closure'; reason: string }
  /** A year whose holidays the profile does not list: not offered until staff add them. */
  | { kind: 'no-calendar'; reason: string };

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

/** Whether the profile lists the holidays of the year `date` falls in. */
function holidaysKnown(profile: OfficeProfile, date: string): boolean {
  return profile.schedule.holidayYears.includes(Number(date.slice(0, 4)));
}

/**
 * Why the office is shut on `date`, or null when it is open. Holidays and closures win over weekly
 * hours; a day the office would open in a year whose holidays are not listed counts as shut.
 */
export function whyClosed(profile: OfficeProfile, date: string): ClosedReason | null {
  const why = knownClosure(profile, date);
  if (why || holidaysKnown(profile, date)) return why;
  return { kind: 'no-calendar', reason: `ยังไม่ได้ลงวันหยุดราชการปี ${toBuddhistYear(Number(date.slice(0, 4)))} ในระบบ` };
}

/** Closed by the week, a listed holiday or a closure (whether or not the year's holidays are all known). */
function knownClosure(profile: OfficeProfile, date: string): ClosedReason | null {
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
 * villager, the next day the office is open); `date` itself when none is found within 60 days. In a
 * year whose holidays are not listed, the best known: the next weekday without a closure.
 */
export function firstOpenDayFrom(profile: OfficeProfile, date: string): string {
  for (let day = date, i = 0; i < OPEN_DAY_SEARCH_DAYS; day = addDays(day, 1), i++) {
    if (knownClosure(profile, day) === null) return day;
  }
  return date;
}

/** The last open day one may book on, for saying so: the horizon's last day, or the open day before it. */
export function lastOpenBookableDate(profile: OfficeProfile, now: Date): string {
  const last = lastBookableDate(profile, now);
  const today = bangkokDateOf(now);
  for (let day = last; day >= today; day = addDays(day, -1)) {
    if (isOpenDay(profile, day)) return day;
  }
  return last;
}

/** How many fiscal years ahead a first payment the bot states may fall (the rules look one year ahead). */
const PAYMENT_REACH_FISCAL_YEARS = 2;

/**
 * Start-up warnings, for the operator, when the holiday list ends too soon: the booking horizon
 * reaches a year it does not list (those days are not offered), or a payment date the bot may state
 * does (that date is worked out from weekends only). Empty when the list covers both.
 */
export function holidayCoverageWarnings(profile: OfficeProfile, now: Date): string[] {
  const { holidayYears } = profile.schedule;
  const missing = (from: string, to: string) => {
    const years: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) if (!holidayYears.includes(year)) years.push(year);
    return years;
  };
  const today = bangkokDateOf(now);
  const warnings: string[] = [];
  const horizon = lastBookableDate(profile, now);
  const horizonGap = missing(today, horizon);
  if (horizonGap.length > 0) {
    warnings.push(
      `office profile: the booking horizon reaches ${horizon} but schedule.holidayYears does not list ${horizonGap.join(', ')}; ` +
        'days in those years are not offered until their holidays are added',
    );
  }
  const reach = toIso(fiscalYearRange(fiscalYearOf(fromIso(today)) + PAYMENT_REACH_FISCAL_YEARS).to);
  const paymentGap = missing(today, reach);
  if (paymentGap.length > 0) {
    warnings.push(
      `office profile: payment dates up to ${reach} may be stated, but schedule.holidayYears does not list ${paymentGap.join(', ')}; ` +
        'payment days in those years are worked out from weekends only',
    );
  }
  return warnings;
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
