import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  bangkokDateOf,
  bangkokTimeOf,
  bangkokToday,
  clockTimeOf,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromIso,
  instantFromBangkok,
  isIsoDate,
  isLeapYear,
  isValidCalendarDate,
  isWithin,
  minutesOfDay,
  toIso,
  type CalendarDate,
} from '../../src/thai/dates';

const d = (year: number, month: number, day: number): CalendarDate => ({ year, month, day });

describe('isLeapYear / daysInMonth', () => {
  it.each([
    [2000, true],
    [1600, true],
    [1900, false],
    [2100, false],
    [2024, true],
    [2023, false],
    [1960, true],
  ])('%i leap: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it.each([
    [1, 31], [3, 31], [4, 30], [5, 31], [6, 30], [7, 31],
    [8, 31], [9, 30], [10, 31], [11, 30], [12, 31],
  ])('month %i has %i days', (month, days) => {
    expect(daysInMonth(2023, month)).toBe(days);
  });
});

describe('isValidCalendarDate', () => {
  it.each([
    [d(2024, 2, 29), true],
    [d(2023, 2, 29), false],
    [d(2025, 4, 31), false],
    [d(2025, 0, 1), false],
    [d(2025, 13, 1), false],
    [d(2025, 1, 0), false],
    [d(2025, 1, 1.5), false],
    [d(2025, 12, 31), true],
  ])('%j → %s', (date, valid) => {
    expect(isValidCalendarDate(date)).toBe(valid);
  });
});

describe('addDays', () => {
  it.each([
    [d(2025, 1, 31), 1, d(2025, 2, 1)],
    [d(2024, 2, 28), 1, d(2024, 2, 29)],
    [d(2023, 2, 28), 1, d(2023, 3, 1)],
    [d(2024, 12, 31), 1, d(2025, 1, 1)],
    [d(2025, 1, 1), -1, d(2024, 12, 31)],
    [d(2025, 3, 1), -1, d(2025, 2, 28)],
    [d(2025, 6, 1), 0, d(2025, 6, 1)],
    [d(2024, 1, 1), 366, d(2025, 1, 1)],
  ])('%j + %i → %j', (start, days, expected) => {
    expect(addDays(start, days)).toEqual(expected);
  });
});

describe('addMonths', () => {
  it.each([
    [d(2024, 1, 31), 1, d(2024, 2, 29)],
    [d(2023, 1, 31), 1, d(2023, 2, 28)],
    [d(2025, 3, 31), 1, d(2025, 4, 30)],
    [d(2025, 12, 15), 1, d(2026, 1, 15)],
    [d(2025, 1, 15), -1, d(2024, 12, 15)],
    [d(2024, 2, 29), 12, d(2025, 2, 28)],
    [d(2025, 6, 1), -12 * 130, d(1895, 6, 1)],
  ])('%j + %i months → %j', (start, months, expected) => {
    expect(addMonths(start, months)).toEqual(expected);
  });
});

describe('compareDates', () => {
  it.each([
    [d(2025, 6, 1), d(2025, 6, 1), 0],
    [d(2025, 6, 1), d(2025, 6, 2), -1],
    [d(2025, 7, 1), d(2025, 6, 30), 1],
    [d(2024, 12, 31), d(2025, 1, 1), -1],
  ])('%j vs %j → %i', (a, b, expected) => {
    expect(compareDates(a, b)).toBe(expected);
  });

  it('sorts dates', () => {
    const sorted = [d(2025, 1, 2), d(2024, 12, 31), d(2025, 1, 1)].sort(compareDates);
    expect(sorted).toEqual([d(2024, 12, 31), d(2025, 1, 1), d(2025, 1, 2)]);
  });
});

describe('daysBetween / isWithin', () => {
  it('counts whole days, signed, across months and leap days', () => {
    expect(daysBetween(d(2025, 1, 1), d(2025, 1, 3))).toBe(2);
    expect(daysBetween(d(2025, 1, 3), d(2025, 1, 1))).toBe(-2);
    expect(daysBetween(d(2024, 2, 28), d(2024, 3, 1))).toBe(2);
    expect(daysBetween(d(2024, 1, 1), d(2025, 1, 1))).toBe(366);
    expect(daysBetween(d(2025, 6, 1), d(2025, 6, 1))).toBe(0);
  });

  it('includes both ends of a range', () => {
    const range = { from: d(2025, 10, 1), to: d(2025, 11, 30) };
    expect([d(2025, 9, 30), d(2025, 10, 1), d(2025, 11, 30), d(2025, 12, 1)].map((day) => isWithin(day, range))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});

describe('dayOfWeek', () => {
  it.each([
    [d(1957, 3, 15), 5], // Friday
    [d(2000, 1, 1), 6], // Saturday
    [d(2025, 6, 1), 0], // Sunday
    [d(2024, 2, 29), 4], // Thursday
  ])('%j → %i', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });
});

describe('Bangkok dates and times (UTC+7, no daylight saving)', () => {
  it.each([
    ['2025-06-01T16:59:59Z', d(2025, 6, 1), '23:59'],
    ['2025-06-01T17:00:00Z', d(2025, 6, 2), '00:00'],
    ['2024-12-31T17:00:00Z', d(2025, 1, 1), '00:00'],
    ['2025-06-01T02:30:00Z', d(2025, 6, 1), '09:30'],
    ['2025-06-01T00:00:00Z', d(2025, 6, 1), '07:00'],
  ])('%s is %j at %s in Bangkok', (iso, date, time) => {
    const instant = new Date(iso);
    expect(bangkokDateOf(instant)).toEqual(date);
    expect(bangkokToday(instant)).toEqual(date);
    expect(bangkokTimeOf(instant)).toBe(time);
  });

  it.each([
    [d(2025, 6, 2), '09:30', '2025-06-02T02:30:00.000Z'],
    [d(2025, 6, 2), '00:00', '2025-06-01T17:00:00.000Z'],
    [d(2025, 1, 1), '06:59', '2024-12-31T23:59:00.000Z'],
    [d(2025, 6, 2), '23:59', '2025-06-02T16:59:00.000Z'],
  ])('instantFromBangkok(%j, %s) → %s', (date, time, iso) => {
    expect(instantFromBangkok(date, time).toISOString()).toBe(iso);
  });

  it.each(['24:00', '9:30', '12:60', '', '09:30:00'])('instantFromBangkok refuses time %j', (time) => {
    expect(() => instantFromBangkok(d(2025, 6, 2), time)).toThrow(RangeError);
  });

  it('reads and writes "HH:mm" as minutes since midnight', () => {
    expect(['00:00', '08:30', '23:59'].map(minutesOfDay)).toEqual([0, 510, 1439]);
    expect([0, 510, 1439].map(clockTimeOf)).toEqual(['00:00', '08:30', '23:59']);
    for (const bad of ['24:00', '8:30', '08:60', '']) expect(() => minutesOfDay(bad)).toThrow(RangeError);
  });

  it('instantFromBangkok refuses an impossible date', () => {
    expect(() => instantFromBangkok(d(2025, 2, 29), '09:00')).toThrow(RangeError);
  });

  describe('whatever the host time zone', () => {
    const originalTz = process.env.TZ;
    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it.each(['America/New_York', 'Pacific/Kiritimati', 'UTC'])('gives the same answers with TZ=%s', (tz) => {
      process.env.TZ = tz;
      const instant = new Date('2025-06-01T17:30:00Z');
      expect(bangkokDateOf(instant)).toEqual(d(2025, 6, 2));
      expect(bangkokTimeOf(instant)).toBe('00:30');
      expect(instantFromBangkok(d(2025, 6, 2), '00:30').toISOString()).toBe('2025-06-01T17:30:00.000Z');
      expect(dayOfWeek(d(2025, 6, 2))).toBe(1);
    });
  });
});

describe('toIso / fromIso', () => {
  it.each([
    [d(1957, 3, 15), '1957-03-15'],
    [d(2025, 12, 1), '2025-12-01'],
    [d(2024, 2, 29), '2024-02-29'],
  ])('%j ↔ %s', (date, iso) => {
    expect(toIso(date)).toBe(iso);
    expect(fromIso(iso)).toEqual(date);
  });

  it.each(['2025-02-29', '2025-2-1', '15/3/2500', '', '2025-13-01', '2025-01-01T00:00'])('fromIso refuses %j', (s) => {
    expect(() => fromIso(s)).toThrow(RangeError);
    expect(isIsoDate(s)).toBe(false);
  });

  it('isIsoDate accepts a real day', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});
