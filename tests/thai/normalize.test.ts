import { describe, expect, it } from 'vitest';
import { keywordKey, keywordKeys, matchesKeyword, normalizeInput, stripTrailingParticles, thaiDigitsToArabic } from '../../src/thai/normalize';

describe('thaiDigitsToArabic', () => {
  it.each([
    ['๐๑๒๓๔๕๖๗๘๙', '0123456789'],
    ['๑๕/๐๓/๒๕๐๐', '15/03/2500'],
    ['อายุ ๖๐ ปี', 'อายุ 60 ปี'],
    ['no digits', 'no digits'],
  ])('%j → %j', (input, expected) => {
    expect(thaiDigitsToArabic(input)).toBe(expected);
  });
});

describe('normalizeInput', () => {
  it.each([
    ['  เมนู  ', 'เมนู'],
    ['เม\u200Bนู', 'เมนู'],
    ['เม\u200Cน\u200Dู\u2060', 'เมนู'],
    ['\uFEFFเมนู', 'เมนู'],
    ['เม\uFEFFนู', 'เมนู'],
    ['15\u00A0มี.ค.\t\n2500', '15 มี.ค. 2500'],
    ['a\u3000b', 'a b'],
    ['๑๒๓', '123'],
    // "e" + combining acute is composed by NFC.
    ['cafe\u0301', 'caf\u00E9'],
    ['', ''],
    [' \u200B ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeInput(input)).toBe(expected);
  });
});

describe('stripTrailingParticles', () => {
  it.each([
    ['เมนูค่ะ', 'เมนู'],
    ['เมนูคะ', 'เมนู'],
    ['เมนูครับ', 'เมนู'],
    ['เมนูจ้า', 'เมนู'],
    ['เมนูจ้ะ', 'เมนู'],
    ['เมนูนะ', 'เมนู'],
    ['เมนูหน่อยค่ะ', 'เมนู'],
    ['เมนูนะคะ!!', 'เมนู'],
    ['เมนู ค่ะ.', 'เมนู'],
    // Never strips to nothing, so a polite "yes" is still an answer.
    ['ค่ะ', 'ค่ะ'],
    ['นะคะ', 'นะ'],
    ['!!!', '!!!'],
    // Never cuts a syllable: เจ้า ends in the letters จ้า but is a word of its own.
    ['เจ้า', 'เจ้า'],
    ['ค่ะเมนู', 'ค่ะเมนู'],
  ])('%j → %j', (input, expected) => {
    expect(stripTrailingParticles(input)).toBe(expected);
  });
});

describe('keywordKey', () => {
  it.each([
    ['  เมนู  ค่ะ ', 'เมนู'],
    ['เม\u200Bนู', 'เมนู'],
    ['เม นู', 'เมนู'],
    ['ยกเลิกครับ', 'ยกเลิก'],
    ['  MENU ', 'menu'],
    ['ช่วยหน่อยนะคะ', 'ช่วย'],
    ['จอง ๒ คน', 'จอง2คน'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(keywordKey(input)).toBe(expected);
  });
});

describe('keywordKeys', () => {
  it('gives each keyword’s key, worked out once for a list', () => {
    const words = ['  เมนู  ค่ะ ', 'ติดต่อ\u200Bสำนักงาน', 'MENU'];
    const keys = keywordKeys(words);
    expect(keys).toEqual(words.map(keywordKey));
    expect(keys).toEqual(['เมนู', 'ติดต่อสำนักงาน', 'menu']);
    expect(keywordKeys(words)).toBe(keys);
  });
});

describe('matchesKeyword', () => {
  const CANCEL = ['ยกเลิก', 'ok'];
  it.each([
    ['ยกเลิก', true],
    ['ยก เลิก ค่ะ', true],
    ['OK', true],
    // Containment of keywords of three or more characters.
    ['อยากยกเลิกค่ะ', true],
    ['ขอยกเลิกหน่อย', true],
    // Short keywords only match exactly.
    ['book', false],
    ['okay', false],
    // A negation outside the keyword turns containment off.
    ['ไม่ยกเลิก', false],
    ['ยกเลิกไม่ได้', false],
    ['เมนู', false],
    ['', false],
    ['ค่ะ', false],
  ])('%j → %s', (input, expected) => {
    expect(matchesKeyword(input, CANCEL)).toBe(expected);
  });

  it('lets a keyword that itself holds ไม่ be found inside a longer text', () => {
    expect(matchesKeyword('ไม่เอาแล้วจ้า ขอบคุณ', ['ไม่เอาแล้ว'])).toBe(true);
  });

  it('matches a bare polite answer when it is itself a keyword', () => {
    expect(matchesKeyword('ค่ะ', ['ใช่', 'ค่ะ', 'ครับ'])).toBe(true);
    expect(matchesKeyword('ใช่ค่ะ', ['ใช่', 'ค่ะ', 'ครับ'])).toBe(true);
  });

  it('never matches an empty keyword', () => {
    expect(matchesKeyword('อะไรก็ได้', ['', '  '])).toBe(false);
  });
});
