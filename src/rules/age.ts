// Thai legal age. The birth day counts as day one (ป.พ.พ. มาตรา 16), so a person reaches N ปีบริบูรณ์
// on the day BEFORE the N-th anniversary: born 1 ต.ค. 2492 → 60 on 30 ก.ย. 2552 [E22].
// Missing parts of a birth date are filled as มาตรา 16 says: unknown day → the 1st of the month,
// unknown month → 1 January.

import {
  addDays,
  addMonths,
  compareDates,
  isLeapYear,
  isValidDate,
  lastDayOf,
  type CalendarDate,
  type PartialDate,
  type YearMonth,
} from './calendar';

export type BirthAssumption = 'none' | 'day' | 'month-and-day';

export interface ResolvedBirth {
  date: CalendarDate;
  /** Which parts of the date were filled in by the law's rule. */
  assumed: BirthAssumption;
}

export function resolveBirthDate(birth: PartialDate): ResolvedBirth {
  const resolved =
    birth.month === undefined
      ? { date: { year: birth.year, month: 1, day: 1 }, assumed: 'month-and-day' as const }
      : birth.day === undefined
        ? { date: { year: birth.year, month: birth.month, day: 1 }, assumed: 'day' as const }
        : { date: { year: birth.year, month: birth.month, day: birth.day }, assumed: 'none' as const };
  if (!isValidDate(resolved.date)) throw new RangeError('birth date is not a real calendar day');
  return resolved;
}

/**
 * The N-th anniversary. For 29 February in a common year the anniversary is taken as 1 March, so
 * the age is reached on 28 February — the last day of February, as ป.พ.พ. มาตรา 193/5 says for
 * periods whose last month has no matching day.
 */
function anniversary(birth: CalendarDate, years: number): CalendarDate {
  const year = birth.year + years;
  const isMissingLeapDay = birth.month === 2 && birth.day === 29 && !isLeapYear(year);
  return isMissingLeapDay ? { year, month: 3, day: 1 } : { year, month: birth.month, day: birth.day };
}

/** The day the person reaches `years` ปีบริบูรณ์. */
export function dateReachingAge(birth: CalendarDate, years: number): CalendarDate {
  return addDays(anniversary(birth, years), -1);
}

/** Completed years (ปีบริบูรณ์) on the given day. */
export function ageOn(birth: CalendarDate, on: CalendarDate): number {
  if (compareDates(on, birth) < 0) throw new RangeError('date is before the birth date');
  // The age is reached the day before the anniversary, so for a birth on 1 January it is reached on
  // 31 December: one more than the difference of calendar years. Start there and step down.
  let years = on.year - birth.year + 1;
  while (years > 0 && compareDates(dateReachingAge(birth, years), on) > 0) years--;
  return years;
}

/**
 * The age that counts for a month's payment: payments start the month AFTER an age is reached
 * [E17], so it is the age on the last day of the month before.
 */
export function ageForPaymentMonth(birth: CalendarDate, month: YearMonth): number {
  const lastDayBefore = lastDayOf(addMonths(month, -1));
  const bornInThePaymentMonth = compareDates(lastDayBefore, birth) < 0;
  return bornInThePaymentMonth ? 0 : ageOn(birth, lastDayBefore);
}

/**
 * Before พ.ศ. 2484 the Thai year began on 1 April, so a card date in January–March of พ.ศ. 2482 or
 * earlier may use the old numbering, which puts the real day one CE year later than `พ.ศ. − 543`
 * [T9]. Which numbering ID cards use is unconfirmed (open question `pre-2484-year-numbering`).
 * Returns the other possible birth day, or undefined when there is no doubt.
 */
export function oldThaiYearAlternative(birthCe: PartialDate): PartialDate | undefined {
  const lastAmbiguousCeYear = 1939; // พ.ศ. 2482
  const inJanuaryToMarch = birthCe.month !== undefined && birthCe.month <= 3;
  if (birthCe.year > lastAmbiguousCeYear || !inJanuaryToMarch) return undefined;
  const alternative = { ...birthCe, year: birthCe.year + 1 };
  const isRealDay = isValidDate({ year: alternative.year, month: alternative.month ?? 1, day: alternative.day ?? 1 });
  return isRealDay ? alternative : undefined;
}
