import { describe, expect, it } from 'vitest';
import { formatBaht, parseSmallInt } from '../../src/thai/numbers';

describe('formatBaht', () => {
  it.each([
    [600, '600 บาท'],
    [1000, '1,000 บาท'],
    [0, '0 บาท'],
    [1234567, '1,234,567 บาท'],
    [1234.5, '1,234.50 บาท'],
    [99.999, '100.00 บาท'],
  ])('%d → %s', (amount, expected) => {
    expect(formatBaht(amount)).toBe(expected);
  });
});

describe('parseSmallInt', () => {
  it.each<[string, number | undefined]>([
    ['3', 3],
    ['๓', 3],
    ['3 คน', 3],
    ['3คน', 3],
    ['๑๒ ท่านค่ะ', 12],
    [' 03 ', 3],
    ['0', 0],
    ['9999', 9999],
    ['10000', undefined],
    ['', undefined],
    ['สามคน', undefined],
    ['คน 3', undefined],
    ['2.5', undefined],
    ['-3', undefined],
    ['2-3 คน', undefined],
    ['3 4', undefined],
    ['1,000', undefined],
  ])('%j → %s', (input, expected) => {
    expect(parseSmallInt(input)).toBe(expected);
  });
});
