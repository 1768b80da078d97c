// Thai names for months and weekdays, and the Buddhist era (พ.ศ.) that Thai people count years in.

/** Full month names, index 1-12 (index 0 is empty so a month number indexes it directly). */
export const THAI_MONTHS = [
  '',
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;

/** Standard abbreviations, index 1-12. */
export const THAI_MONTHS_ABBR = [
  '',
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;

/** Weekday names as said after "วัน", index 0 = Sunday (as dayOfWeek returns). */
export const THAI_WEEKDAYS = ['อาทิตย์', 'จันทร์', 'อังคาร', 'พุธ', 'พฤหัสบดี', 'ศุกร์', 'เสาร์'] as const;

/** พ.ศ. = ค.ศ. + 543. */
export const BUDDHIST_ERA_OFFSET = 543;

export function toBuddhistYear(ceYear: number): number {
  return ceYear + BUDDHIST_ERA_OFFSET;
}

export function fromBuddhistYear(beYear: number): number {
  return beYear - BUDDHIST_ERA_OFFSET;
}

/** "มี.ค." or "มีนาคม"; throws for a month outside 1-12, which would be a bug in the caller. */
export function thaiMonthName(month: number, style: 'short' | 'long'): string {
  const name = (style === 'long' ? THAI_MONTHS : THAI_MONTHS_ABBR)[month];
  if (!name) throw new RangeError(`No month ${month}`);
  return name;
}

/** "ศุกร์" for 5; throws outside 0-6. */
export function thaiWeekdayName(weekday: number): string {
  const name = THAI_WEEKDAYS[weekday];
  if (name === undefined) throw new RangeError(`No weekday ${weekday}`);
  return name;
}
