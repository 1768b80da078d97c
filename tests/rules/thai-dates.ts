// Test-table helper: lets staff write dates the way they read them ('1 ก.ย. 2509', 'ต.ค. 2569')
// instead of CE objects. Only for tests/rules.

import { beYearToCe, THAI_MONTHS_SHORT, type CalendarDate, type YearMonth } from '../../src/rules/calendar';

function monthNumber(name: string): number {
  const index = THAI_MONTHS_SHORT.indexOf(name as (typeof THAI_MONTHS_SHORT)[number]);
  if (index < 0) throw new Error(`unknown Thai month abbreviation: ${name}`);
  return index + 1;
}

/** '1 ก.ย. 2509' (พ.ศ.) → { year: 1966, month: 9, day: 1 } */
export function thaiDate(text: string): CalendarDate {
  const [day, month, beYear] = text.trim().split(/\s+/);
  if (!day || !month || !beYear) throw new Error(`expected "d mmm yyyy": ${text}`);
  return { year: beYearToCe(Number(beYear)), month: monthNumber(month), day: Number(day) };
}

/** 'ต.ค. 2569' (พ.ศ.) → { year: 2026, month: 10 } */
export function thaiMonth(text: string): YearMonth {
  const [month, beYear] = text.trim().split(/\s+/);
  if (!month || !beYear) throw new Error(`expected "mmm yyyy": ${text}`);
  return { year: beYearToCe(Number(beYear)), month: monthNumber(month) };
}
