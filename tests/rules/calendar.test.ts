// Calendar helpers used by the rules: BE/CE years, day arithmetic, weekends, Thai formatting.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  beYearToCe,
  ceYearToBe,
  dayOfWeek,
  formatThaiDate,
  formatThaiMonth,
  formatThaiRange,
  isValidDate,
  parseIsoDate,
  toIsoDate,
} from '../../src/rules/calendar';

describe('พ.ศ. ↔ ค.ศ.', () => {
  const rows = [
    { be: 2568, ce: 2025, why: 'this year' },
    { be: 2509, ce: 1966, why: 'the FY2570 cohort' },
    { be: 2484, ce: 1941, why: 'first year that starts on 1 ม.ค.' },
  ];
  it.each(rows)('$be ↔ $ce ($why)', ({ be, ce }) => {
    expect(beYearToCe(be)).toBe(ce);
    expect(ceYearToBe(ce)).toBe(be);
  });
});

describe('day arithmetic', () => {
  const rows = [
    { from: '2024-02-28', days: 1, to: '2024-02-29', why: 'leap year' },
    { from: '2025-02-28', days: 1, to: '2025-03-01', why: 'common year' },
    { from: '2026-01-01', days: -1, to: '2025-12-31', why: 'back across the new year' },
    { from: '2000-02-28', days: 1, to: '2000-02-29', why: '2000 is a leap year (÷400)' },
    { from: '1900-02-28', days: 1, to: '1900-03-01', why: '1900 is not (÷100)' },
  ];
  it.each(rows)('$from + $days = $to ($why)', ({ from, days, to }) => {
    expect(toIsoDate(addDays(parseIsoDate(from), days))).toBe(to);
  });

  it('adds months across years in both directions', () => {
    expect(addMonths({ year: 2025, month: 12 }, 1)).toEqual({ year: 2026, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2025, month: 10 }, 12)).toEqual({ year: 2026, month: 10 });
  });

  it('knows weekdays (10 ธ.ค. 2566 was a Sunday)', () => {
    expect(dayOfWeek({ year: 2023, month: 12, day: 10 })).toBe(0);
    expect(dayOfWeek({ year: 2025, month: 10, day: 10 })).toBe(5);
  });

  it('rejects days that do not exist', () => {
    expect(isValidDate({ year: 2025, month: 2, day: 29 })).toBe(false);
    expect(isValidDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isValidDate({ year: 2025, month: 13, day: 1 })).toBe(false);
    expect(() => parseIsoDate('2025-02-30')).toThrow(RangeError);
  });
});

describe('Thai display', () => {
  it('formats days, months and ranges with พ.ศ.', () => {
    expect(formatThaiDate({ year: 2025, month: 10, day: 1 })).toBe('1 ต.ค. 2568');
    expect(formatThaiMonth({ year: 2026, month: 9 })).toBe('ก.ย. 2569');
    expect(formatThaiRange({ from: { year: 2025, month: 10, day: 1 }, to: { year: 2025, month: 11, day: 30 } })).toBe(
      '1 ต.ค.–30 พ.ย. 2568',
    );
    expect(formatThaiRange({ from: { year: 2025, month: 10, day: 1 }, to: { year: 2026, month: 9, day: 30 } })).toBe(
      '1 ต.ค. 2568–30 ก.ย. 2569',
    );
  });
});
