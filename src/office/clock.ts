// Wall-clock helpers for the office schedule, on the forms the office profile uses: dates as ISO
// 'YYYY-MM-DD' strings, times of day as 'HH:mm', weekdays as 'mon'…'sun'. The calendar maths and
// the Bangkok time zone are src/thai's; these only convert to and from those strings.

import {
  addDays as addCalendarDays,
  bangkokDateOf as bangkokCalendarDateOf,
  dayOfWeek,
  fromIso,
  instantFromBangkok,
  toIso,
} from '../thai/calendar';

export { CLOCK_TIME_PATTERN, clockTimeOf, isIsoDate, minutesOfDay } from '../thai/calendar';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Throws a RangeError unless `isoDate` is a real 'YYYY-MM-DD' date. */
export function addDays(isoDate: string, days: number): string {
  return toIso(addCalendarDays(fromIso(isoDate), days));
}

export function weekdayOf(isoDate: string): Weekday {
  return WEEKDAYS[dayOfWeek(fromIso(isoDate))] as Weekday;
}

/** The date on the office wall calendar at a given instant. */
export function bangkokDateOf(instant: Date): string {
  return toIso(bangkokCalendarDateOf(instant));
}

/** The UTC instant of a Bangkok wall-clock time on a Bangkok date. */
export function bangkokInstant(isoDate: string, clockTime: string): Date {
  return instantFromBangkok(fromIso(isoDate), clockTime);
}
