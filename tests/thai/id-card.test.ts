import { describe, expect, it } from 'vitest';
import { containsThaiId, isValidThaiId, maskThaiId } from '../../src/thai/id-card';

// Check digits computed by hand: (11 − Σ dᵢ·(13−i) mod 11) mod 10. The three cover the remainders
// 10, 1 and 0, where the two "mod" steps matter.
const VALID_IDS = ['1101700203441', '1101700203450', '1101700203531', '1234567890121'];

describe('isValidThaiId', () => {
  it.each(VALID_IDS)('%s is valid', (id) => {
    expect(isValidThaiId(id)).toBe(true);
  });

  it.each([
    ['1-2345-67890-12-1', true],
    ['1 2345 67890 12 1', true],
    ['๑๒๓๔๕๖๗๘๙๐๑๒๑', true],
    ['1234567890\u200B121', true],
    ['1234567890122', false], // wrong check digit
    ['1234567890120', false],
    ['2234567890121', false], // one digit changed
    ['123456789012', false], // 12 digits
    ['12345678901210', false], // 14 digits
    ['123456789012a', false],
    ['', false],
  ])('%j → %s', (input, valid) => {
    expect(isValidThaiId(input)).toBe(valid);
  });
});

describe('containsThaiId', () => {
  it.each([
    ['สมชาย ใจดี 1234567890121', true],
    ['เลขบัตร 1-2345-67890-12-1 ค่ะ', true],
    ['บัตร ๑๒๓๔๕๖๗๘๙๐๑๒๑', true],
    ['โทร 0812345678', false],
    ['1234567890122', false], // 13 digits, wrong check digit
    ['91234567890121', false], // a valid ID inside a longer number is not one
    ['บ้านเลขที่ 12/3 หมู่ 4', false],
  ])('%j → %s', (text, found) => {
    expect(containsThaiId(text)).toBe(found);
  });
});

describe('maskThaiId', () => {
  it.each([
    ['1234567890121', 'x-xxxx-xxxx0-12-1'],
    ['1-2345-67890-12-1', 'x-xxxx-xxxx0-12-1'],
    ['๑๒๓๔๕๖๗๘๙๐๑๒๑', 'x-xxxx-xxxx0-12-1'],
    ['12345', 'xxxxx'],
  ])('%j → %s', (input, masked) => {
    expect(maskThaiId(input)).toBe(masked);
  });
});
