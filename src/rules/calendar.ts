// Calendar helpers for the allowance rules. The calendar maths and the Thai formatter are src/thai's
// (pure, like the rules); this module keeps the rules' names for them and adds only what the rules
// need on top: calendar months (YearMonth) for payments, and weekends for the payment day.

import {
  addMonths as addMonthsToDate,
  dayOfWeek,
  daysInMonth,
  formatThaiMonthYear,
  THAI_MONTHS_ABBR,
  type CalendarDate,
} from '../thai/dates';

export {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatThaiDate,
  formatThaiDateRange as formatThaiRange,
  fromIso as parseIsoDate,
  isLeapYear,
  isValidCalendarDate as isValidDate,
  isWithin,
  toIso as toIsoDate,
  type CalendarDate,
  type DateRange,
  type PartialDate,
} from '../thai/dates';

/** พ.ศ. ↔ ค.ศ. with the modern offset (543). For January–March before 2484 see `age.ts`. */
export { fromBuddhistYear as beYearToCe, toBuddhistYear as ceYearToBe } from '../thai/dates';

/** A calendar month, e.g. the month a payment is made. `year` is CE. */
export interface YearMonth {
  year: number;
  month: number;
}

/** The standard month abbreviations, index 0 = มกราคม. */
export const THAI_MONTHS_SHORT = THAI_MONTHS_ABBR.slice(1) as readonly Exclude<(typeof THAI_MONTHS_ABBR)[number], ''>[];

export function isWeekend(d: CalendarDate): boolean {
  const weekday = dayOfWeek(d);
  return weekday === 0 || weekday === 6;
}

export function monthOf(d: CalendarDate): YearMonth {
  return { year: d.year, month: d.month };
}

export function addMonths(m: YearMonth, months: number): YearMonth {
  return monthOf(addMonthsToDate(firstDayOf(m), months));
}

export function firstDayOf(m: YearMonth): CalendarDate {
  return { year: m.year, month: m.month, day: 1 };
}

export function lastDayOf(m: YearMonth): CalendarDate {
  return { year: m.year, month: m.month, day: daysInMonth(m.year, m.month) };
}

/** 'ต.ค. 2568' */
export function formatThaiMonth(m: YearMonth): string {
  return formatThaiMonthYear(m.year, m.month, { style: 'short' });
}
