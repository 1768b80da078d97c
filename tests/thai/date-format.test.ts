import { describe, expect, it } from 'vitest';
import {
  THAI_MONTHS,
  THAI_MONTHS_ABBR,
  formatThaiDate,
  formatThaiDateRange,
  formatThaiDateTime,
  formatThaiMonthYear,
  formatThaiPartialDate,
  parseThaiDate,
  thaiMonthName,
  type CalendarDate,
  type PartialDate,
} from '../../src/thai/dates';

const MARCH_15_1957: CalendarDate = { year: 1957, month: 3, day: 15 };

describe('formatThaiDate', () => {
  it.each<[CalendarDate, Parameters<typeof formatThaiDate>[1], string]>([
    [MARCH_15_1957, undefined, '15 มี.ค. 2500'],
    [MARCH_15_1957, { style: 'short' }, '15 มี.ค. 2500'],
    [MARCH_15_1957, { style: 'long' }, '15 มีนาคม 2500'],
    [MARCH_15_1957, { style: 'long', weekday: true }, 'วันศุกร์ที่ 15 มีนาคม 2500'],
    [MARCH_15_1957, { weekday: true }, 'วันศุกร์ที่ 15 มี.ค. 2500'],
    [{ year: 2025, month: 6, day: 1 }, { weekday: true }, 'วันอาทิตย์ที่ 1 มิ.ย. 2568'],
    [{ year: 2024, month: 2, day: 29 }, { style: 'long', weekday: true }, 'วันพฤหัสบดีที่ 29 กุมภาพันธ์ 2567'],
    [{ year: 2000, month: 12, day: 31 }, undefined, '31 ธ.ค. 2543'],
  ])('%j %j → %s', (date, opts, expected) => {
    expect(formatThaiDate(date, opts)).toBe(expected);
  });

  it('names every month', () => {
    const shortNames = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => formatThaiDate({ year: 2024, month, day: 1 }));
    expect(shortNames).toEqual([
      '1 ม.ค. 2567', '1 ก.พ. 2567', '1 มี.ค. 2567', '1 เม.ย. 2567', '1 พ.ค. 2567', '1 มิ.ย. 2567',
      '1 ก.ค. 2567', '1 ส.ค. 2567', '1 ก.ย. 2567', '1 ต.ค. 2567', '1 พ.ย. 2567', '1 ธ.ค. 2567',
    ]);
    expect(THAI_MONTHS).toHaveLength(13);
    expect(THAI_MONTHS_ABBR).toHaveLength(13);
  });

  it('refuses a month outside 1-12', () => {
    expect(() => formatThaiDate({ year: 2025, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => thaiMonthName(0, 'long')).toThrow(RangeError);
  });

  it.each<[CalendarDate, Parameters<typeof formatThaiDate>[1]]>([
    [MARCH_15_1957, { style: 'short' }],
    [MARCH_15_1957, { style: 'long', weekday: true }],
    [{ year: 2024, month: 2, day: 29 }, { style: 'long' }],
    [{ year: 1990, month: 7, day: 1 }, { weekday: true }],
  ])('what it writes, parseThaiDate reads back: %j %j', (date, opts) => {
    const today = { year: 2025, month: 6, day: 1 };
    expect(parseThaiDate(formatThaiDate(date, opts), { today })).toEqual({ ok: true, value: date, yearEra: 'BE' });
  });
});

describe('formatThaiDateTime (UTC instant shown in Bangkok)', () => {
  it.each<[string, Parameters<typeof formatThaiDateTime>[1], string]>([
    ['2025-03-15T02:30:00Z', undefined, '15 มี.ค. 2568 เวลา 09:30 น.'],
    ['2025-03-14T17:05:00Z', undefined, '15 มี.ค. 2568 เวลา 00:05 น.'],
    ['2025-03-15T16:59:00Z', undefined, '15 มี.ค. 2568 เวลา 23:59 น.'],
    ['2024-12-31T17:00:00Z', { style: 'long' }, '1 มกราคม 2568 เวลา 00:00 น.'],
    ['2025-06-02T03:00:00Z', { style: 'long', weekday: true }, 'วันจันทร์ที่ 2 มิถุนายน 2568 เวลา 10:00 น.'],
  ])('%s %j → %s', (iso, opts, expected) => {
    expect(formatThaiDateTime(new Date(iso), opts)).toBe(expected);
  });
});

describe('formatThaiMonthYear', () => {
  it.each([
    [1957, 3, 'มีนาคม 2500'],
    [2025, 12, 'ธันวาคม 2568'],
    [2024, 1, 'มกราคม 2567'],
  ])('%i-%i → %s', (year, month, expected) => {
    expect(formatThaiMonthYear(year, month)).toBe(expected);
  });

  it('abbreviates the month when asked', () => {
    expect(formatThaiMonthYear(2025, 10, { style: 'short' })).toBe('ต.ค. 2568');
  });
});

describe('formatThaiDateRange', () => {
  it('writes the year once when both ends share it, else twice', () => {
    expect(formatThaiDateRange({ from: { year: 2025, month: 10, day: 1 }, to: { year: 2025, month: 11, day: 30 } })).toBe(
      '1 ต.ค.–30 พ.ย. 2568',
    );
    expect(formatThaiDateRange({ from: { year: 2025, month: 10, day: 1 }, to: { year: 2026, month: 9, day: 30 } })).toBe(
      '1 ต.ค. 2568–30 ก.ย. 2569',
    );
  });
});

describe('formatThaiPartialDate', () => {
  it.each<[PartialDate, Parameters<typeof formatThaiPartialDate>[1], string]>([
    [{ year: 1957 }, undefined, '2500'],
    [{ year: 1957, month: 3 }, undefined, 'มี.ค. 2500'],
    [{ year: 1957, month: 3 }, { style: 'long' }, 'มีนาคม 2500'],
    [{ year: 1957, month: 3, day: 15 }, undefined, '15 มี.ค. 2500'],
    [{ year: 1957, month: 3, day: 15 }, { style: 'long' }, '15 มีนาคม 2500'],
  ])('%j %j → %s', (date, opts, expected) => {
    expect(formatThaiPartialDate(date, opts)).toBe(expected);
  });
});
