import { describe, expect, it } from 'vitest';
import { parseThaiDate, reasonText, type CalendarDate, type DateParseFailure, type PartialDate } from '../../src/thai/dates';

/** 1 มิ.ย. 2568, a Sunday. */
const TODAY: CalendarDate = { year: 2025, month: 6, day: 1 };
const parse = (input: string, today: CalendarDate = TODAY) => parseThaiDate(input, { today });

const MARCH_15_1957: PartialDate = { year: 1957, month: 3, day: 15 };

describe('parseThaiDate: accepted forms', () => {
  it.each<[string, PartialDate, 'BE' | 'CE']>([
    ['15 มี.ค. 2500', MARCH_15_1957, 'BE'],
    ['15 มีนาคม 2500', MARCH_15_1957, 'BE'],
    ['15 มีค 2500', MARCH_15_1957, 'BE'],
    ['15มี.ค.2500', MARCH_15_1957, 'BE'],
    ['15 มี. ค. 2500', MARCH_15_1957, 'BE'],
    ['15 มีนา 2500', MARCH_15_1957, 'BE'],
    ['15/3/2500', MARCH_15_1957, 'BE'],
    ['15-03-2500', MARCH_15_1957, 'BE'],
    ['15.3.2500', MARCH_15_1957, 'BE'],
    ['15 3 2500', MARCH_15_1957, 'BE'],
    ['๑๕/๐๓/๒๕๐๐', MARCH_15_1957, 'BE'],
    ['๑๕ มี.ค. ๒๕๐๐', MARCH_15_1957, 'BE'],
    ['มี.ค. 2500', { year: 1957, month: 3 }, 'BE'],
    ['มีนาคม 2500', { year: 1957, month: 3 }, 'BE'],
    ['3/2500', { year: 1957, month: 3 }, 'BE'],
    ['2500', { year: 1957 }, 'BE'],
    ['15/3/1957', MARCH_15_1957, 'CE'],
    ['15 มี.ค. 1957', MARCH_15_1957, 'CE'],
    ['1957', { year: 1957 }, 'CE'],
    ['1957-03-15', MARCH_15_1957, 'CE'],
    ['2500-03-15', MARCH_15_1957, 'BE'],
    ['วันที่ 15 มี.ค. พ.ศ. 2500', MARCH_15_1957, 'BE'],
    ['วันศุกร์ที่ 15 มีนาคม 2500', MARCH_15_1957, 'BE'],
    ['วันพฤหัสที่ 14 มี.ค. 2500', { year: 1957, month: 3, day: 14 }, 'BE'],
    ['เกิดวันที่ 15 เดือนมีนาคม ปี 2500', MARCH_15_1957, 'BE'],
    ['15 มี.ค. 2500 ค่ะ', MARCH_15_1957, 'BE'],
    ['  15 / 3 / 2500  ', MARCH_15_1957, 'BE'],
    ['15\u200B/3/2500', MARCH_15_1957, 'BE'],
    ['พ.ศ.2500', { year: 1957 }, 'BE'],
    ['พศ 2500', { year: 1957 }, 'BE'],
    ['มี.ค.พ.ศ.2500', { year: 1957, month: 3 }, 'BE'],
    ['ค.ศ. 1957', { year: 1957 }, 'CE'],
    ['15 มี.ค. ค.ศ.1957', MARCH_15_1957, 'CE'],
    // Today itself is not in the future.
    ['1/6/2568', { year: 2025, month: 6, day: 1 }, 'BE'],
    ['6/2568', { year: 2025, month: 6 }, 'BE'],
  ])('%j', (input, value, yearEra) => {
    expect(parse(input)).toEqual({ ok: true, value, yearEra });
  });
});

describe('parseThaiDate: every month by name, abbreviation and spoken short form', () => {
  it.each<[string, number]>([
    ['มกราคม', 1], ['ม.ค.', 1], ['มค', 1], ['มกรา', 1],
    ['กุมภาพันธ์', 2], ['ก.พ.', 2], ['กพ', 2], ['กุมภา', 2], ['กุมภาพันธ', 2],
    ['มีนาคม', 3], ['มี.ค.', 3], ['มีค', 3], ['มีนา', 3],
    ['เมษายน', 4], ['เม.ย.', 4], ['เมย', 4], ['เมษา', 4],
    ['พฤษภาคม', 5], ['พ.ค.', 5], ['พค', 5], ['พฤษภา', 5],
    ['มิถุนายน', 6], ['มิ.ย.', 6], ['มิย', 6], ['มิถุนา', 6],
    ['กรกฎาคม', 7], ['ก.ค.', 7], ['กค', 7], ['กรกฎา', 7], ['กรกฏาคม', 7],
    ['สิงหาคม', 8], ['ส.ค.', 8], ['สค', 8], ['สิงหา', 8],
    ['กันยายน', 9], ['ก.ย.', 9], ['กย', 9], ['กันยา', 9],
    ['ตุลาคม', 10], ['ต.ค.', 10], ['ตค', 10], ['ตุลา', 10],
    ['พฤศจิกายน', 11], ['พ.ย.', 11], ['พย', 11], ['พฤศจิกา', 11],
    ['ธันวาคม', 12], ['ธ.ค.', 12], ['ธค', 12], ['ธันวา', 12],
  ])('1 %s 2500 → month %i', (month, expected) => {
    expect(parse(`1 ${month} 2500`)).toEqual({ ok: true, value: { year: 1957, month: expected, day: 1 }, yearEra: 'BE' });
  });
});

describe('parseThaiDate: two-digit years are the latest พ.ศ. year with those digits, not after this year', () => {
  it.each<[string, CalendarDate, number]>([
    ['15/3/00', TODAY, 1957], // 2500
    ['15/3/99', TODAY, 1956], // 2499
    ['15/3/68', TODAY, 2025], // 2568, this year
    ['15/3/69', TODAY, 1926], // 2469: 2569 would be next year
    ['15 มี.ค. 10', TODAY, 1967], // 2510
    ['15/3/00', { year: 2057, month: 6, day: 1 }, 2057], // in 2600, "00" is 2600
  ])('%j (today %j) → CE %i', (input, today, year) => {
    expect(parse(input, today)).toEqual({ ok: true, value: { year, month: 3, day: 15 }, yearEra: 'BE' });
  });

  it('is not guessed when marked ค.ศ.', () => {
    expect(parse('15/3/ค.ศ. 57')).toEqual({ ok: false, reason: 'unrecognised' });
  });
});

describe('parseThaiDate: the BE and CE year ranges', () => {
  const EARLY: CalendarDate = { year: 1900, month: 1, day: 1 };
  const LATE: CalendarDate = { year: 2200, month: 1, day: 1 };
  it.each<[string, CalendarDate, number | undefined, 'BE' | 'CE' | undefined]>([
    ['2400', EARLY, 1857, 'BE'],
    ['2399', EARLY, undefined, undefined],
    ['1850', EARLY, 1850, 'CE'],
    ['1849', EARLY, undefined, undefined],
    ['2700', LATE, 2157, 'BE'],
    ['2701', LATE, undefined, undefined],
    ['2100', LATE, 2100, 'CE'],
    ['2101', LATE, undefined, undefined],
    ['พ.ศ. 1957', TODAY, undefined, undefined],
    ['ค.ศ. 2500', TODAY, undefined, undefined],
  ])('%j (today %j)', (input, today, year, yearEra) => {
    const expected = year === undefined ? { ok: false, reason: 'unrecognised' } : { ok: true, value: { year }, yearEra };
    expect(parse(input, today)).toEqual(expected);
  });
});

describe('parseThaiDate: leap years', () => {
  it.each<[string, boolean]>([
    ['29/2/2543', true], // 2000: divisible by 400
    ['29/2/2443', false], // 1900: divisible by 100, not 400
    ['29 ก.พ. 2567', true], // 2024
    ['29 ก.พ. 2566', false], // 2023
    ['29/2/1960', true],
    ['29/2/1961', false],
    ['28/2/2566', true],
  ])('%j valid: %s', (input, valid) => {
    expect(parse(input).ok).toBe(valid);
    if (!valid) expect(parse(input)).toEqual({ ok: false, reason: 'bad-day' });
  });
});

describe('parseThaiDate: failures', () => {
  it.each<[string, DateParseFailure]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200B\u00A0', 'empty'],
    ['15 มี.ค.', 'no-year'],
    ['มีนาคม', 'no-year'],
    ['15/3', 'no-year'],
    ['15', 'no-year'],
    ['มี.ค. 15', 'no-year'],
    ['15/13/2500', 'bad-month'],
    ['15/0/2500', 'bad-month'],
    ['13/2500', 'bad-month'],
    ['1957-13-01', 'bad-month'],
    ['31 เม.ย. 2500', 'bad-day'],
    ['31/6/2500', 'bad-day'],
    ['32/1/2500', 'bad-day'],
    ['0/3/2500', 'bad-day'],
    ['2/6/2568', 'future'], // tomorrow
    ['7/2568', 'future'], // next month
    ['2569', 'future'], // next year (2026)
    ['2026', 'future'],
    ['15/3/2700', 'future'],
    ['31/5/1895', 'too-old'], // one day over 130 years
    ['5/1895', 'too-old'],
    ['2437', 'too-old'], // 1894
    ['1/1/2430', 'too-old'],
    ['abc', 'unrecognised'],
    ['พรุ่งนี้', 'unrecognised'],
    ['15 march 1957', 'unrecognised'],
    ['15/3/250', 'unrecognised'],
    ['15/3/25000', 'unrecognised'],
    ['1/2/3/2500', 'unrecognised'],
    ['มี.ค. เม.ย. 2500', 'unrecognised'],
    ['พ.ศ. ค.ศ. 2500', 'unrecognised'],
    ['15/3/1800', 'unrecognised'],
    ['2200', 'unrecognised'],
    ['ค่ะ', 'unrecognised'],
  ])('%j → %s', (input, reason) => {
    expect(parse(input)).toEqual({ ok: false, reason });
  });

  it('accepts exactly 130 years ago, at every precision', () => {
    expect(parse('1/6/1895').ok).toBe(true);
    expect(parse('6/1895').ok).toBe(true);
    expect(parse('1895').ok).toBe(true);
  });
});

describe('reasonText', () => {
  const REASONS: DateParseFailure[] = ['empty', 'no-year', 'bad-month', 'bad-day', 'future', 'too-old', 'unrecognised'];

  it.each(REASONS)('%s is polite and shows an example', (reason) => {
    const text = reasonText(reason);
    expect(text).toMatch(/ค่ะ$/);
    expect(text).toContain('เช่น');
    expect(text.length).toBeLessThan(100);
  });

  it('gives each reason its own text', () => {
    expect(new Set(REASONS.map(reasonText)).size).toBe(REASONS.length);
  });

  it.each(REASONS)('the example in the %s text parses', (reason) => {
    const example = /เช่น (.+?) (?:หรือ|คือ|ค่ะ)/.exec(reasonText(reason))?.[1] ?? '';
    expect(parse(example).ok).toBe(true);
  });
});

describe('parseThaiDate: what people type (issue 7, point 15)', () => {
  // TODAY is 1 มิ.ย. 2568, so "98" is 2498.
  it.each<[string, PartialDate]>([
    ['ปี 98', { year: 1955 }],
    ['ปี98', { year: 1955 }],
    ['มี.ค. 98', { year: 1955, month: 3 }],
    ['มีนาคม 2498', { year: 1955, month: 3 }],
    ['00/00/2480', { year: 1937 }],
    ['0/0/2480', { year: 1937 }],
    ['00/03/2480', { year: 1937, month: 3 }],
    ['15/3/2498 ครับผม', { year: 1955, month: 3, day: 15 }],
    ['15/3/2498 คับ', { year: 1955, month: 3, day: 15 }],
    ['15–3–2498', { year: 1955, month: 3, day: 15 }],
    ['15—3—2498', { year: 1955, month: 3, day: 15 }],
    ['พ.ศ. 2498 มีนาคม 15', { year: 1955, month: 3, day: 15 }],
    ['2498 มี.ค. 15', { year: 1955, month: 3, day: 15 }],
  ])('%j', (input, value) => {
    expect(parse(input)).toMatchObject({ ok: true, value });
  });

  it.each(['มี.ค. 15', '15/00/2480', '0/3/2480', 'ปี 15 มี.ค.'])('still asks for the year or refuses: %j', (input) => {
    expect(parse(input).ok).toBe(false);
  });
});
