// Calendar helpers for the allowance rules: plain CE dates, day arithmetic, weekdays, BE/CE years
// and a tiny Thai formatter for the one-line explanations. Pure; no clock, no time zones.

/** A calendar day. `year` is CE (ค.ศ.), `month` is 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A calendar month, e.g. the month a payment is made. `year` is CE. */
export interface YearMonth {
  year: number;
  month: number;
}

/** An inclusive range of days. */
export interface DateRange {
  from: CalendarDate;
  to: CalendarDate;
}

/** A birth date as printed on an ID card, where the day or the month may be missing. `year` is CE. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

const BE_OFFSET = 543;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidDate(d: CalendarDate): boolean {
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

function toEpochDay(d: CalendarDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function fromEpochDay(epochDay: number): CalendarDate {
  const date = new Date(epochDay * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Negative when a is earlier than b, 0 when the same day, positive when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(a) - toEpochDay(b);
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(d) + days);
}

export function isWithin(d: CalendarDate, range: DateRange): boolean {
  return compareDates(range.from, d) <= 0 && compareDates(d, range.to) <= 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: CalendarDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

export function isWeekend(d: CalendarDate): boolean {
  const weekday = dayOfWeek(d);
  return weekday === 0 || weekday === 6;
}

export function monthOf(d: CalendarDate): YearMonth {
  return { year: d.year, month: d.month };
}

export function addMonths(m: YearMonth, months: number): YearMonth {
  const index = m.year * 12 + (m.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function firstDayOf(m: YearMonth): CalendarDate {
  return { year: m.year, month: m.month, day: 1 };
}

export function lastDayOf(m: YearMonth): CalendarDate {
  return { year: m.year, month: m.month, day: daysInMonth(m.year, m.month) };
}

/** 'YYYY-MM-DD' → CalendarDate; throws on anything that is not a real day. */
export function parseIsoDate(iso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!date || !isValidDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return date;
}

export function toIsoDate(d: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** พ.ศ. → ค.ศ. with the modern offset (543). For January–March before 2484 see `age.ts`. */
export function beYearToCe(beYear: number): number {
  return beYear - BE_OFFSET;
}

export function ceYearToBe(ceYear: number): number {
  return ceYear + BE_OFFSET;
}

export const THAI_MONTHS_SHORT = [
  'ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.',
  'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.',
] as const;

function thaiMonthShort(month: number): string {
  const name = THAI_MONTHS_SHORT[month - 1];
  if (!name) throw new RangeError(`month out of range: ${month}`);
  return name;
}

/** '1 ต.ค. 2568' */
export function formatThaiDate(d: CalendarDate): string {
  return `${d.day} ${thaiMonthShort(d.month)} ${ceYearToBe(d.year)}`;
}

/** 'ต.ค. 2568' */
export function formatThaiMonth(m: YearMonth): string {
  return `${thaiMonthShort(m.month)} ${ceYearToBe(m.year)}`;
}

/** '1 ต.ค.–30 พ.ย. 2568', or with both years when the range crosses a year. */
export function formatThaiRange(range: DateRange): string {
  const { from, to } = range;
  const start = from.year === to.year ? `${from.day} ${thaiMonthShort(from.month)}` : formatThaiDate(from);
  return `${start}–${formatThaiDate(to)}`;
}
