// Calendar maths on plain {year, month, day} values (CE years, months 1-12), and the bridge between
// them and UTC instants in Asia/Bangkok. Thailand is UTC+7 all year with no daylight saving, so a
// fixed offset is exact, and working on plain values keeps the host's time zone out of every answer.

/** A day on the calendar, in the Gregorian (CE) year. Show it to users with formatThaiDate. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A date known only to the year, or to the month ("มี.ค. 2500"), as people often remember births. */
export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

/** An inclusive range of days. */
export interface DateRange {
  readonly from: CalendarDate;
  readonly to: CalendarDate;
}

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const MS_PER_MINUTE = 60 * 1000;
const THIRTY_DAY_MONTHS: readonly number[] = [4, 6, 9, 11];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return THIRTY_DAY_MONTHS.includes(month) ? 30 : 31;
}

export function isValidCalendarDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

// setUTCFullYear rather than Date.UTC, which reads years 0-99 as 1900-1999.
function utcMidnight(d: CalendarDate): Date {
  const date = new Date(0);
  date.setUTCFullYear(d.year, d.month - 1, d.day);
  return date;
}

function utcCalendarDate(date: Date): CalendarDate {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return utcCalendarDate(new Date(utcMidnight(d).getTime() + days * MS_PER_DAY));
}

/** Keeps the day of the month where it exists, else the month's last day: 31 ม.ค. + 1 → 28/29 ก.พ. */
export function addMonths(d: CalendarDate, months: number): CalendarDate {
  const monthIndex = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** -1, 0 or 1, so it can be given to Array.prototype.sort. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Math.sign(a.year - b.year || a.month - b.month || a.day - b.day);
}

/** Whole days from `from` to `to`: positive when `to` is later, e.g. 1 Jan → 3 Jan is 2. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return (utcMidnight(to).getTime() - utcMidnight(from).getTime()) / MS_PER_DAY;
}

/** True when `d` falls inside the range, both ends included. */
export function isWithin(d: CalendarDate, range: DateRange): boolean {
  return compareDates(range.from, d) <= 0 && compareDates(d, range.to) <= 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: CalendarDate): number {
  return utcMidnight(d).getUTCDay();
}

/** The calendar day in Bangkok at the given instant. */
export function bangkokDateOf(instant: Date): CalendarDate {
  return utcCalendarDate(new Date(instant.getTime() + BANGKOK_OFFSET_MS));
}

/** Today in Bangkok; `now` is passed in so callers and tests control the clock. */
export function bangkokToday(now: Date): CalendarDate {
  return bangkokDateOf(now);
}

/** A 24-hour wall-clock time "HH:mm", as LINE's time picker sends it and the office profile stores it. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an "HH:mm" time; throws a RangeError for anything else. */
export function minutesOfDay(clockTime: string): number {
  const match = CLOCK_TIME_PATTERN.exec(clockTime);
  if (!match) throw new RangeError(`Expected a time as HH:mm, got "${clockTime}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** "HH:mm" for a number of minutes since midnight (0–1439). */
export function clockTimeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`;
}

/** "09:30" — the wall-clock time in Bangkok at the given instant. */
export function bangkokTimeOf(instant: Date): string {
  const shifted = new Date(instant.getTime() + BANGKOK_OFFSET_MS);
  return clockTimeOf(shifted.getUTCHours() * 60 + shifted.getUTCMinutes());
}

/** The UTC instant of a Bangkok wall-clock time ("HH:mm", as LINE's time picker sends it). */
export function instantFromBangkok(date: CalendarDate, time: string): Date {
  if (!CLOCK_TIME_PATTERN.test(time) || !isValidCalendarDate(date)) {
    throw new RangeError('instantFromBangkok needs a valid date and a time as "HH:mm"');
  }
  return new Date(utcMidnight(date).getTime() + minutesOfDay(time) * MS_PER_MINUTE - BANGKOK_OFFSET_MS);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** "YYYY-MM-DD", the form stored in the database and used by LINE's date picker. */
export function toIso(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isoParts(s: string): CalendarDate | undefined {
  const match = ISO_DATE.exec(s);
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return date && isValidCalendarDate(date) ? date : undefined;
}

/** True for a real calendar day written "YYYY-MM-DD" (so not "2026-02-30" nor "23/11/2569"). */
export function isIsoDate(s: string): boolean {
  return isoParts(s) !== undefined;
}

/**
 * Reads "YYYY-MM-DD". Throws on anything else: ISO strings come from our database or LINE's date
 * picker, so a bad one is a bug. Text typed by people goes through parseThaiDate instead. The
 * message leaves the value out: it may be someone's birth date.
 */
export function fromIso(s: string): CalendarDate {
  const date = isoParts(s);
  if (!date) throw new RangeError('Not an ISO calendar date (YYYY-MM-DD)');
  return date;
}
