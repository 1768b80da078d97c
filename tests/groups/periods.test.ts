// Reporting periods (Q8): fiscal quarters by default, calendar ones when the office says so, months
// and years; the Thai labels; which period a group owes.
import { describe, expect, it } from 'vitest';
import { duePeriod, periodLabel, periodOf, previousPeriod } from '../../src/groups/periods';
import { fromIso } from '../../src/thai/calendar';

const fiscalQ = { reportPeriod: 'quarterly', reportYear: 'fiscal' } as const;
const calendarQ = { reportPeriod: 'quarterly', reportYear: 'calendar' } as const;

describe('periods', () => {
  it('fiscal quarters: October–December is quarter 1 of the next fiscal year', () => {
    const p = periodOf('2026-11-23', fiscalQ);
    expect(p).toEqual({ key: '2027-Q1', from: '2026-10-01', to: '2026-12-31' });
    expect(periodLabel(p, fiscalQ)).toBe('ไตรมาส 1/2570');
    expect(periodOf('2027-09-30', fiscalQ)).toMatchObject({ key: '2027-Q4', from: '2027-07-01' });
  });

  it('calendar quarters start in January', () => {
    const p = periodOf('2026-11-23', calendarQ);
    expect(p).toEqual({ key: '2026-Q4', from: '2026-10-01', to: '2026-12-31' });
    expect(periodLabel(p, calendarQ)).toBe('ไตรมาส 4/2569');
    expect(periodOf('2027-02-28', calendarQ)).toMatchObject({ key: '2027-Q1', from: '2027-01-01', to: '2027-03-31' });
  });

  it('months and years, with their labels', () => {
    const m = { reportPeriod: 'monthly', reportYear: 'fiscal' } as const;
    expect(periodOf('2024-02-10', m)).toEqual({ key: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect(periodLabel(periodOf('2026-12-05', m), m)).toBe('ธันวาคม 2569');
    const y = { reportPeriod: 'yearly', reportYear: 'fiscal' } as const;
    expect(periodOf('2026-11-23', y)).toEqual({ key: '2027-Y', from: '2026-10-01', to: '2027-09-30' });
    expect(periodLabel(periodOf('2026-11-23', y), y)).toBe('ปีงบประมาณ 2570');
    expect(periodLabel(periodOf('2026-11-23', { reportPeriod: 'yearly', reportYear: 'calendar' }), { reportPeriod: 'yearly', reportYear: 'calendar' })).toBe('ปี 2569');
  });

  it('the previous period crosses the year', () => {
    expect(previousPeriod('2027-01-05', fiscalQ)).toMatchObject({ key: '2027-Q1', from: '2026-10-01' });
    expect(previousPeriod('2026-10-01', fiscalQ)).toMatchObject({ key: '2026-Q4', from: '2026-07-01', to: '2026-09-30' });
  });

  it('a group owes the last complete period after its registration, once', () => {
    const today = fromIso('2027-01-05');
    expect(duePeriod(today, '2026-11-23', [], fiscalQ)).toMatchObject({ key: '2027-Q1' });
    expect(duePeriod(today, '2026-12-31', [], fiscalQ)).toMatchObject({ key: '2027-Q1' });
    expect(duePeriod(today, '2027-01-02', [], fiscalQ)).toBeUndefined();
    expect(duePeriod(today, '2026-11-23', ['2027-Q1'], fiscalQ)).toBeUndefined();
    expect(duePeriod(fromIso('2026-12-20'), '2026-11-23', [], fiscalQ)).toBeUndefined();
  });
});
