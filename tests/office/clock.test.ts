// The office clock: the schedule's ISO-string and 'mon'…'sun' forms over src/thai's calendar maths.
import { describe, expect, it } from 'vitest';
import { addDays, bangkokDateOf, bangkokInstant, isIsoDate, weekdayOf } from '../../src/office/clock';

describe('office clock', () => {
  it('adds days to ISO dates across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('names weekdays as the office profile does', () => {
    expect(['2025-06-01', '2025-06-02', '2025-06-07'].map(weekdayOf)).toEqual(['sun', 'mon', 'sat']);
  });

  it('converts between instants and Bangkok dates and times (UTC+7)', () => {
    expect(bangkokDateOf(new Date('2025-06-01T17:00:00Z'))).toBe('2025-06-02');
    expect(bangkokInstant('2025-06-02', '08:30').toISOString()).toBe('2025-06-02T01:30:00.000Z');
  });

  it('refuses dates and times that are not real', () => {
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('23/11/2569')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => weekdayOf('2025-6-1')).toThrow(RangeError);
    expect(() => bangkokInstant('2025-06-02', '24:00')).toThrow(RangeError);
  });
});
