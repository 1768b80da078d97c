// Fiscal-year arithmetic for the allowances: the Thai fiscal year (1 Oct – 30 Sep, named by the year
// it ends in), registration windows inside a fiscal year, and the monthly payment day.

import {
  addDays,
  compareDates,
  firstDayOf,
  isWeekend,
  isWithin,
  lastDayOf,
  type CalendarDate,
  type DateRange,
  type YearMonth,
} from './calendar';
import { PAYMENT_DAY_OF_MONTH, valueAt, type MonthSpan } from './parameters';

const FIRST_MONTH_OF_FISCAL_YEAR = 10;

/** The fiscal year as the CE year it ends in (ปีงบประมาณ พ.ศ. 2569 = 2026 = 1 ต.ค. 2025 – 30 ก.ย. 2026). */
export function fiscalYearOf(d: YearMonth): number {
  return d.month >= FIRST_MONTH_OF_FISCAL_YEAR ? d.year + 1 : d.year;
}

export function fiscalYearRange(fiscalYear: number): DateRange {
  return {
    from: { year: fiscalYear - 1, month: FIRST_MONTH_OF_FISCAL_YEAR, day: 1 },
    to: { year: fiscalYear, month: 9, day: 30 },
  };
}

/** The first month of a fiscal year (October of the CE year before). */
export function fiscalYearStartMonth(fiscalYear: number): YearMonth {
  return { year: fiscalYear - 1, month: FIRST_MONTH_OF_FISCAL_YEAR };
}

function calendarYearOfFiscalMonth(fiscalYear: number, month: number): number {
  return month >= FIRST_MONTH_OF_FISCAL_YEAR ? fiscalYear - 1 : fiscalYear;
}

/** The registration rounds of one fiscal year as concrete day ranges, in date order. */
export function registrationWindows(fiscalYear: number, rounds: readonly MonthSpan[]): DateRange[] {
  return rounds
    .map((round) => ({
      from: firstDayOf({ year: calendarYearOfFiscalMonth(fiscalYear, round.fromMonth), month: round.fromMonth }),
      to: lastDayOf({ year: calendarYearOfFiscalMonth(fiscalYear, round.toMonth), month: round.toMonth }),
    }))
    .sort((a, b) => compareDates(a.from, b.from));
}

export interface WindowStatus {
  openNow: boolean;
  /** The start of the next window, when none is open on the as-of day. */
  nextOpens?: CalendarDate;
}

export function windowStatus(windows: readonly DateRange[], asOf: CalendarDate): WindowStatus {
  if (windows.some((window) => isWithin(asOf, window))) return { openNow: true };
  const upcoming = windows.filter((window) => compareDates(window.from, asOf) > 0);
  const nextOpens = upcoming.sort((a, b) => compareDates(a.from, b.from))[0]?.from;
  return nextOpens ? { openNow: false, nextOpens } : { openNow: false };
}

export type HolidayCheck = (d: CalendarDate) => boolean;

/**
 * The day a month's allowance reaches the account: the 10th, or the working day before it when the
 * 10th is a weekend or a public holiday [E26]; e.g. 8 ธ.ค. 2566 because 10 ธ.ค. was a Sunday [E27].
 * Public holidays are not known to the rules: pass `isHoliday`.
 */
export function paymentDate(month: YearMonth, isHoliday: HolidayCheck = () => false): CalendarDate {
  const day = valueAt(PAYMENT_DAY_OF_MONTH, firstDayOf(month));
  let date: CalendarDate = { year: month.year, month: month.month, day };
  while (isWeekend(date) || isHoliday(date)) date = addDays(date, -1);
  return date;
}
