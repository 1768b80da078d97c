// Money and bank account numbers as elderly leaders type them: Thai digits, commas, "บาท", dashes.
import { describe, expect, it } from 'vitest';
import { formatSatang, parseMoney } from '../../src/thai/money';
import { maskAccount, parseAccountNumber } from '../../src/thai/bank-account';

describe('parseMoney', () => {
  it.each([
    ['1500', 150_000],
    ['1,500', 150_000],
    ['๒,๕๐๐ บาท', 250_000],
    ['120.50', 12_050],
    ['120.5 บาท', 12_050],
    ['1500 บ.', 150_000],
    ['0', 0],
    ['1,000,000', 100_000_000],
  ])('%s → %i satang', (typed, satang) => expect(parseMoney(typed)).toEqual({ ok: true, satang }));

  it.each([
    ['', 'empty'],
    ['หนึ่งพัน', 'empty'],
    ['1,50', 'unrecognised'],
    ['12.345', 'too-many-decimals'],
    ['-200', 'negative'],
    ['99999999999999', 'too-large'],
  ])('%s is refused (%s)', (typed, reason) => expect(parseMoney(typed)).toEqual({ ok: false, reason }));

  it('shows satang only when there are some', () => {
    expect(formatSatang(150_000)).toBe('1,500 บาท');
    expect(formatSatang(12_050)).toBe('120.50 บาท');
  });
});

describe('bank account numbers', () => {
  it('reads dashes, spaces and Thai digits; shows only the last four', () => {
    expect(parseAccountNumber('020-1-23456-7')).toEqual({ ok: true, digits: '0201234567', unusualLength: false });
    expect(parseAccountNumber('๐๒๐ ๑ ๒๓๔๕๖ ๗')).toEqual({ ok: true, digits: '0201234567', unusualLength: false });
    expect(maskAccount('0201234567')).toBe('••••4567');
  });

  it('an unusual length is a warning to say back; letters or too few digits are refused', () => {
    expect(parseAccountNumber('12345678')).toEqual({ ok: true, digits: '12345678', unusualLength: true });
    expect(parseAccountNumber('12a45678')).toEqual({ ok: false, reason: 'unrecognised' });
    expect(parseAccountNumber('123')).toEqual({ ok: false, reason: 'too-short' });
  });
});
