// Wall-clock helpers for the office's time zone. Thailand is UTC+7 all year (no daylight saving),
// so a fixed offset is exact. Dates are ISO 'YYYY-MM-DD' strings, times of day are 'HH:mm'.

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** True for a real calendar date written as 'YYYY-MM-DD' (rejects '2026-02-30' and '23/11/2569'). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Milliseconds of midnight UTC on the given ISO date; throws a RangeError for anything else. */
function utcMidnight(isoDate: string): number {
  if (!isIsoDate(isoDate)) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${isoDate}"`);
  return Date.parse(`${isoDate}T00:00:00Z`);
}

/** Minutes since midnight of an 'HH:mm' time; throws a RangeError for anything else. */
export function minutesOfDay(clockTime: string): number {
  const match = CLOCK_TIME_PATTERN.exec(clockTime);
  if (!match) throw new RangeError(`Expected a time as HH:mm, got "${clockTime}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 'HH:mm' for a number of minutes since midnight (0–1439). */
export function clockTimeOf(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(utcMidnight(isoDate) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

export function weekdayOf(isoDate: string): Weekday {
  return WEEKDAYS[new Date(utcMidnight(isoDate)).getUTCDay()] as Weekday;
}

/** The date on the office wall calendar at a given instant. */
export function bangkokDateOf(instant: Date): string {
  return new Date(instant.getTime() + BANGKOK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant of a Bangkok wall-clock time on a Bangkok date. */
export function bangkokInstant(isoDate: string, clockTime: string): Date {
  return new Date(utcMidnight(isoDate) + minutesOfDay(clockTime) * 60_000 - BANGKOK_OFFSET_MS);
}
