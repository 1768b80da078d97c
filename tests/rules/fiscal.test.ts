// Fiscal year (1 ต.ค. – 30 ก.ย., named by the year it ends in), registration windows and payment day.
import { describe, expect, it } from 'vitest';
import { formatThaiDate, formatThaiRange } from '../../src/rules/calendar';
import { fiscalYearOf, fiscalYearRange, paymentDate, registrationWindows, windowStatus } from '../../src/rules/fiscal';
import { thaiDate, thaiMonth } from './thai-dates';

const CURRENT_ROUNDS = [
  { fromMonth: 10, toMonth: 11 },
  { fromMonth: 1, toMonth: 9 },
];

describe('fiscal year', () => {
  const rows = [
    { day: '30 ก.ย. 2568', fiscalYearBe: 2568, why: 'last day of FY2568' },
    { day: '1 ต.ค. 2568', fiscalYearBe: 2569, why: 'first day of FY2569' },
    { day: '31 ธ.ค. 2568', fiscalYearBe: 2569, why: 'December belongs to the next FY' },
    { day: '1 ม.ค. 2569', fiscalYearBe: 2569, why: 'January, same FY' },
  ];
  it.each(rows)('$day → ปีงบประมาณ $fiscalYearBe ($why)', ({ day, fiscalYearBe }) => {
    expect(fiscalYearOf(thaiDate(day)) + 543).toBe(fiscalYearBe);
  });

  it('spans 1 ต.ค. – 30 ก.ย.', () => {
    expect(formatThaiRange(fiscalYearRange(2026))).toBe('1 ต.ค. 2568–30 ก.ย. 2569');
  });
});

describe('registration windows of the year before payment (FY2570 cohort registers during FY2569)', () => {
  const windows = registrationWindows(2026, CURRENT_ROUNDS);

  it('are ต.ค.–พ.ย. 2568 and ม.ค.–ก.ย. 2569 [E13]', () => {
    expect(windows.map(formatThaiRange)).toEqual(['1 ต.ค.–30 พ.ย. 2568', '1 ม.ค.–30 ก.ย. 2569']);
  });

  // One row per month of the year plus the days either side of each window edge.
  const rows = [
    { asOf: '30 ก.ย. 2568', open: false, nextOpens: '1 ต.ค. 2568', why: 'day before the year opens' },
    { asOf: '1 ต.ค. 2568', open: true, nextOpens: undefined, why: 'first round opens' },
    { asOf: '15 ต.ค. 2568', open: true, nextOpens: undefined, why: 'October' },
    { asOf: '15 พ.ย. 2568', open: true, nextOpens: undefined, why: 'November' },
    { asOf: '30 พ.ย. 2568', open: true, nextOpens: undefined, why: 'last day of first round' },
    { asOf: '1 ธ.ค. 2568', open: false, nextOpens: '1 ม.ค. 2569', why: 'December is closed' },
    { asOf: '31 ธ.ค. 2568', open: false, nextOpens: '1 ม.ค. 2569', why: 'December is closed' },
    { asOf: '1 ม.ค. 2569', open: true, nextOpens: undefined, why: 'second round opens' },
    { asOf: '15 ก.พ. 2569', open: true, nextOpens: undefined, why: 'February' },
    { asOf: '15 มี.ค. 2569', open: true, nextOpens: undefined, why: 'March' },
    { asOf: '15 เม.ย. 2569', open: true, nextOpens: undefined, why: 'April' },
    { asOf: '15 พ.ค. 2569', open: true, nextOpens: undefined, why: 'May' },
    { asOf: '15 มิ.ย. 2569', open: true, nextOpens: undefined, why: 'June' },
    { asOf: '15 ก.ค. 2569', open: true, nextOpens: undefined, why: 'July' },
    { asOf: '15 ส.ค. 2569', open: true, nextOpens: undefined, why: 'August' },
    { asOf: '30 ก.ย. 2569', open: true, nextOpens: undefined, why: 'last day of second round' },
    { asOf: '1 ต.ค. 2569', open: false, nextOpens: undefined, why: 'this cohort\'s year is over' },
  ];
  it.each(rows)('on $asOf open=$open ($why)', ({ asOf, open, nextOpens }) => {
    const status = windowStatus(windows, thaiDate(asOf));
    expect(status.openNow).toBe(open);
    expect(status.nextOpens && formatThaiDate(status.nextOpens)).toBe(nextOpens);
  });
});

describe('payment day: the 10th, or the working day before', () => {
  const noHolidays = () => false;
  const rows = [
    { month: 'ธ.ค. 2566', paid: '8 ธ.ค. 2566', holidays: [], why: '10th was a Sunday [E27]' },
    { month: 'ต.ค. 2568', paid: '10 ต.ค. 2568', holidays: [], why: 'Friday [E11]' },
    { month: 'พ.ย. 2568', paid: '10 พ.ย. 2568', holidays: [], why: 'Monday [E12]' },
    { month: 'พ.ค. 2568', paid: '9 พ.ค. 2568', holidays: [], why: 'Saturday → Friday' },
    { month: 'ต.ค. 2568', paid: '9 ต.ค. 2568', holidays: ['10 ต.ค. 2568'], why: 'holiday on the 10th' },
    { month: 'ธ.ค. 2566', paid: '7 ธ.ค. 2566', holidays: ['8 ธ.ค. 2566'], why: 'weekend and a holiday before it' },
  ];
  it.each(rows)('$month → $paid ($why)', ({ month, paid, holidays }) => {
    const isHoliday = holidays.length === 0 ? noHolidays : (d: { year: number; month: number; day: number }) => holidays.includes(formatThaiDate(d));
    expect(formatThaiDate(paymentDate(thaiMonth(month), isHoliday))).toBe(paid);
  });

  it('uses weekends even without a holiday list', () => {
    expect(formatThaiDate(paymentDate(thaiMonth('ส.ค. 2568')))).toBe('8 ส.ค. 2568');
  });

  it('has no payment day before direct payment began (ม.ค. 2563)', () => {
    expect(formatThaiDate(paymentDate(thaiMonth('ม.ค. 2563')))).toBe('10 ม.ค. 2563');
    expect(() => paymentDate(thaiMonth('ธ.ค. 2562'))).toThrow(RangeError);
  });
});
