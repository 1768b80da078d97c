// Person names and house/village numbers as Thai people type them.
import { describe, expect, it } from 'vitest';
import { HOUSE_REASON_TEXT, parseHouseNo, parseMoo } from '../../src/thai/house-number';
import { formatPersonName, parsePersonName } from '../../src/thai/person-name';

describe('parsePersonName', () => {
  it.each([
    ['นางสมศรี ใจดี', { title: 'นาง', firstName: 'สมศรี', lastName: 'ใจดี' }],
    ['นาง สมศรี  ใจดี', { title: 'นาง', firstName: 'สมศรี', lastName: 'ใจดี' }],
    ['สมศรี ใจดี', { firstName: 'สมศรี', lastName: 'ใจดี' }],
    ['น.ส.มาลี ศรีสุข', { title: 'นางสาว', firstName: 'มาลี', lastName: 'ศรีสุข' }],
    ['ด.ญ.ใบบุญ มีสุข', { title: 'เด็กหญิง', firstName: 'ใบบุญ', lastName: 'มีสุข' }],
    ['Mr. John Smith', { title: 'Mr.', firstName: 'John', lastName: 'Smith' }],
  ])('reads %s', (typed, value) => {
    expect(parsePersonName(typed)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['สมศรี', 'one-word'],
    ['นางสมศรี', 'one-word'],
    ['สมศรี ใจดี2', 'digits'],
    ['สมศรี ๑๒', 'digits'],
    [`สมศรี ${'ก'.repeat(100)}`, 'too-long'],
    ['สมศรี ใจ@ดี', 'letters'],
  ])('refuses %s (%s)', (typed, reason) => {
    expect(parsePersonName(typed)).toEqual({ ok: false, reason });
  });

  it('formats Thai titles against the name and Latin ones with a space', () => {
    expect(formatPersonName({ title: 'นาง', firstName: 'สมศรี', lastName: 'ใจดี' })).toBe('นางสมศรี ใจดี');
    expect(formatPersonName({ title: 'Mr.', firstName: 'John', lastName: 'Smith' })).toBe('Mr. John Smith');
  });
});

describe('house and village numbers', () => {
  it('reads house numbers with Thai digits, warns on letters, refuses an empty or long one', () => {
    expect(parseHouseNo('๑๒/๓')).toEqual({ ok: true, value: '12/3', unusual: false });
    expect(parseHouseNo('บ้านเลขที่ 45 / 1')).toEqual({ ok: true, value: '45/1', unusual: false });
    expect(parseHouseNo('12ก')).toEqual({ ok: true, value: '12ก', unusual: true });
    expect(HOUSE_REASON_TEXT.unusual('12ก')).toContain('12ก');
    expect(parseHouseNo('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseHouseNo('1'.repeat(21))).toEqual({ ok: false, reason: 'too-long' });
  });

  it('reads หมู่ 5, ม.5, หมู่ที่ ๕ and refuses words or 0', () => {
    for (const typed of ['หมู่ 5', 'ม.5', 'หมู่ที่ ๕', '5']) expect(parseMoo(typed)).toEqual({ ok: true, value: 5 });
    expect(parseMoo('ห้า')).toEqual({ ok: false, reason: 'unrecognised' });
    expect(parseMoo('0')).toEqual({ ok: false, reason: 'range' });
  });
});
