// Thai legal age: N ปีบริบูรณ์ is reached the day BEFORE the N-th birthday (ป.พ.พ. มาตรา 16);
// missing day → 1st of the month, missing month → 1 ม.ค.; old Thai year numbering before 2484.
import { describe, expect, it } from 'vitest';
import { ageForPaymentMonth, ageOn, dateReachingAge, oldThaiYearAlternative, resolveBirthDate } from '../../src/rules/age';
import { formatThaiDate } from '../../src/rules/calendar';
import { thaiDate, thaiMonth } from './thai-dates';

describe('the day a person reaches N ปีบริบูรณ์', () => {
  const rows = [
    { born: '1 ต.ค. 2492', age: 60, reaches: '30 ก.ย. 2552', why: 'กรมสุขภาพจิต example [E22]' },
    { born: '2 ต.ค. 2492', age: 60, reaches: '1 ต.ค. 2552', why: 'กรมสุขภาพจิต example [E22]' },
    { born: '5 มี.ค. 2532', age: 15, reaches: '4 มี.ค. 2547', why: 'ฎีกา example [E22b]' },
    { born: '1 ก.ย. 2509', age: 60, reaches: '31 ส.ค. 2569', why: 'worked example §1.4' },
    { born: '2 ก.ย. 2509', age: 60, reaches: '1 ก.ย. 2569', why: 'worked example §1.4' },
    { born: '1 มี.ค. 2508', age: 60, reaches: '28 ก.พ. 2568', why: 'born on the 1st → end of previous month' },
    { born: '1 มี.ค. 2507', age: 60, reaches: '29 ก.พ. 2567', why: 'born on the 1st, leap year' },
    { born: '1 ม.ค. 2508', age: 60, reaches: '31 ธ.ค. 2567', why: 'born 1 ม.ค. → previous calendar year' },
    { born: '29 ก.พ. 2507', age: 60, reaches: '28 ก.พ. 2567', why: 'leap-day birth, leap anniversary' },
    { born: '29 ก.พ. 2507', age: 61, reaches: '28 ก.พ. 2568', why: 'leap-day birth, no 29 ก.พ. → last day of ก.พ.' },
  ];
  it.each(rows)('born $born reaches $age on $reaches ($why)', ({ born, age, reaches }) => {
    expect(formatThaiDate(dateReachingAge(thaiDate(born), age))).toBe(reaches);
  });
});

describe('age on a day, both sides of each band boundary', () => {
  // Born 15 มิ.ย. 2498 → 70 ปีบริบูรณ์ on 14 มิ.ย. 2568.
  const rows = [
    { born: '15 มิ.ย. 2508', on: '13 มิ.ย. 2568', age: 59, why: 'day before reaching 60' },
    { born: '15 มิ.ย. 2508', on: '14 มิ.ย. 2568', age: 60, why: 'reaches 60 the day before the birthday' },
    { born: '15 มิ.ย. 2498', on: '13 มิ.ย. 2568', age: 69, why: 'day before reaching 70' },
    { born: '15 มิ.ย. 2498', on: '14 มิ.ย. 2568', age: 70, why: 'reaches 70' },
    { born: '15 มิ.ย. 2488', on: '13 มิ.ย. 2568', age: 79, why: 'day before reaching 80' },
    { born: '15 มิ.ย. 2488', on: '14 มิ.ย. 2568', age: 80, why: 'reaches 80' },
    { born: '15 มิ.ย. 2478', on: '13 มิ.ย. 2568', age: 89, why: 'day before reaching 90' },
    { born: '15 มิ.ย. 2478', on: '14 มิ.ย. 2568', age: 90, why: 'reaches 90' },
    { born: '15 มิ.ย. 2550', on: '13 มิ.ย. 2568', age: 17, why: 'day before reaching 18' },
    { born: '15 มิ.ย. 2550', on: '14 มิ.ย. 2568', age: 18, why: 'reaches 18' },
    { born: '15 มิ.ย. 2568', on: '15 มิ.ย. 2568', age: 0, why: 'day of birth' },
  ];
  it.each(rows)('born $born, on $on → $age ($why)', ({ born, on, age }) => {
    expect(ageOn(thaiDate(born), thaiDate(on))).toBe(age);
  });

  it('refuses a day before the birth', () => {
    expect(() => ageOn(thaiDate('15 มิ.ย. 2568'), thaiDate('14 มิ.ย. 2568'))).toThrow(RangeError);
  });
});

describe('the age that counts for a payment month (age on the last day of the month before)', () => {
  const rows = [
    { born: '15 มี.ค. 2508', month: 'มี.ค. 2568', age: 59, why: 'reaches 60 on 14 มี.ค. — not yet for March' },
    { born: '15 มี.ค. 2508', month: 'เม.ย. 2568', age: 60, why: 'paid from the month after' },
    { born: '1 มี.ค. 2508', month: 'มี.ค. 2568', age: 60, why: 'reached on 28 ก.พ. → paid from March' },
    { born: '20 พ.ย. 2568', month: 'พ.ย. 2568', age: 0, why: 'born in the payment month itself' },
  ];
  it.each(rows)('born $born, month $month → $age ($why)', ({ born, month, age }) => {
    expect(ageForPaymentMonth(thaiDate(born), thaiMonth(month))).toBe(age);
  });
});

describe('missing parts of a birth date (ป.พ.พ. มาตรา 16)', () => {
  const rows = [
    { card: { year: 1960, month: 5, day: 17 }, date: { year: 1960, month: 5, day: 17 }, assumed: 'none' },
    { card: { year: 1960, month: 5 }, date: { year: 1960, month: 5, day: 1 }, assumed: 'day' },
    { card: { year: 1960 }, date: { year: 1960, month: 1, day: 1 }, assumed: 'month-and-day' },
  ] as const;
  it.each(rows)('%o', ({ card, date, assumed }) => {
    expect(resolveBirthDate(card)).toEqual({ date, assumed });
  });

  it('refuses impossible dates', () => {
    expect(() => resolveBirthDate({ year: 1961, month: 2, day: 29 })).toThrow(RangeError);
    expect(() => resolveBirthDate({ year: 1961, month: 13 })).toThrow(RangeError);
  });
});

describe('Thai year numbering before 2484 (new year on 1 เม.ย.)', () => {
  const rows = [
    { card: { year: 1935, month: 2, day: 15 }, other: { year: 1936, month: 2, day: 15 }, why: 'ก.พ. 2478 → may be 1936' },
    { card: { year: 1939, month: 3, day: 31 }, other: { year: 1940, month: 3, day: 31 }, why: 'last ambiguous year, 2482' },
    { card: { year: 1940, month: 2, day: 1 }, other: undefined, why: '2483 had no ม.ค.–มี.ค. in the old numbering' },
    { card: { year: 1935, month: 4, day: 1 }, other: undefined, why: 'April onwards is the same either way' },
    { card: { year: 1935 }, other: undefined, why: 'no month on the card: law counts 1 ม.ค.' },
    { card: { year: 1936, month: 2, day: 29 }, other: undefined, why: '29 ก.พ. 1937 does not exist' },
  ];
  it.each(rows)('$why', ({ card, other }) => {
    expect(oldThaiYearAlternative(card)).toEqual(other);
  });
});

describe('born 1 ม.ค.: the age is reached on 31 ธ.ค. of the year before (issue 7, point 1)', () => {
  // Everyone who knows only the birth year is counted as born 1 January, so this table covers them.
  const born = thaiDate('1 ม.ค. 2511');
  const lastDays = Array.from({ length: 12 }, (_, i) => i + 1).flatMap((m) => [
    { year: 2027, month: m }, // พ.ศ. 2570: turns 60 on 31 ธ.ค. 2570
    { year: 2028, month: m }, // พ.ศ. 2571
  ]);
  it.each(lastDays)('ageOn, on the last day of $month/$year', ({ year, month }) => {
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const expected = month === 12 ? year - 1968 + 1 : year - 1968;
    expect(ageOn(born, { year, month, day })).toBe(expected);
  });
  it.each(lastDays)('ageForPaymentMonth for the month after $month/$year', ({ year, month }) => {
    const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
    const expected = month === 12 ? year - 1968 + 1 : year - 1968;
    expect(ageForPaymentMonth(born, next)).toBe(expected);
  });
  it('is 60 on 31 ธ.ค. 2570 and still 59 on 30 ธ.ค. 2570', () => {
    expect(ageOn(born, thaiDate('31 ธ.ค. 2570'))).toBe(60);
    expect(ageOn(born, thaiDate('30 ธ.ค. 2570'))).toBe(59);
  });
});
