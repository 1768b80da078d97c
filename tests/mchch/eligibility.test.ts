// The มชช. qualification checks (pure): the leader's residency as of the day (Q24), with a year or a
// month only; activities as people type them; the committee roles (Q14).
import { describe, expect, it } from 'vitest';
import { durationSince, fullYears, isCommitteeRole, parseActivities, readSince, residency, residencyText } from '../../src/mchch/eligibility';

const asOf = { year: 2019, month: 1, day: 21 };

describe('the leader residency', () => {
  it('counts whole years as of the day, and says it back', () => {
    expect(fullYears({ year: 2010, month: 5, day: 1 }, asOf)).toBe(8);
    expect(fullYears({ year: 2018, month: 1, day: 21 }, asOf)).toBe(1);
    expect(fullYears({ year: 2018, month: 1, day: 22 }, asOf)).toBe(0);
    const since = { year: 2010, month: 5 };
    const d = residency(since, asOf);
    expect(d).toMatchObject({ years: 8, meets: 'yes' });
    expect(residencyText(since, d)).toBe('อยู่มาแล้ว 8 ปี (ตั้งแต่ พ.ค. 2553)');
  });

  it('below a year is not yet, in months; a year alone that could go either way is unsure', () => {
    const d = residency({ year: 2018, month: 6 }, asOf);
    expect(d).toMatchObject({ years: 0, months: 6, meets: 'no' });
    expect(residencyText({ year: 2018, month: 6 }, d)).toBe('อยู่มาแล้ว 6 เดือน (ตั้งแต่ มิ.ย. 2561)');
    expect(residency({ year: 2018 }, asOf).meets).toBe('unsure');
    expect(residency({ year: 2017 }, asOf).meets).toBe('yes');
    expect(residency({ year: 2019 }, asOf).meets).toBe('no');
    expect(durationSince({ year: 2015, month: 12 }, asOf, 3).meets).toBe('yes');
    expect(durationSince({ year: 2016, month: 1 }, asOf, 3).meets).toBe('unsure');
    expect(durationSince({ year: 2017, month: 1, day: 1 }, asOf, 3).meets).toBe('no');
  });

  it('reads "ตั้งแต่ปี 2550", "พ.ศ. 2560", Thai digits and a month', () => {
    const today = asOf;
    expect(readSince('ตั้งแต่ปี 2550', today)).toMatchObject({ ok: true, value: { year: 2007 } });
    expect(readSince('พ.ศ. 2560', today)).toMatchObject({ ok: true, value: { year: 2017 } });
    expect(readSince('๒๕๕๓', today)).toMatchObject({ ok: true, value: { year: 2010 } });
    expect(readSince('อยู่มาตั้งแต่ พ.ค. 2553 ค่ะ', today)).toMatchObject({ ok: true, value: { year: 2010, month: 5 } });
    expect(readSince('2565', today)).toMatchObject({ ok: false, reason: 'future' });
    expect(readSince('นานแล้ว', today).ok).toBe(false);
  });
});

describe('activities', () => {
  it('one a line or by commas, each with its year (BE or CE) when given', () => {
    expect(parseActivities('ประธานกองทุนหมู่บ้าน 2560, อสม. ปี ๒๕๕๕\nจัดงานวันผู้สูงอายุ', asOf)).toEqual([
      { text: 'ประธานกองทุนหมู่บ้าน', year: 2017 },
      { text: 'อสม.', year: 2012 },
      { text: 'จัดงานวันผู้สูงอายุ' },
    ]);
    // A year still to come is not a year: the text stays whole.
    expect(parseActivities('โครงการปี 2570', asOf)).toEqual([{ text: 'โครงการปี 2570' }]);
  });
});

describe('the committee (Q14)', () => {
  it('the chair and committee are on it; a member is not', () => {
    expect(isCommitteeRole('ประธาน')).toBe(true);
    expect(isCommitteeRole('กรรมการ')).toBe(true);
    expect(isCommitteeRole('สมาชิก')).toBe(false);
  });
});
