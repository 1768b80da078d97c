import { describe, expect, it } from 'vitest';
import { formatPhone, maskPhone, parsePhone, phoneReasonText, type PhoneParseFailure } from '../../src/thai/phone';

describe('parsePhone: accepted forms', () => {
  it.each<[string, string, 'mobile' | 'landline']>([
    ['0812345678', '0812345678', 'mobile'],
    ['081-234-5678', '0812345678', 'mobile'],
    ['081 234 5678', '0812345678', 'mobile'],
    ['081.234.5678', '0812345678', 'mobile'],
    ['๐๘๑๒๓๔๕๖๗๘', '0812345678', 'mobile'],
    ['๐๘๑-๒๓๔-๕๖๗๘', '0812345678', 'mobile'],
    ['+66 81 234 5678', '0812345678', 'mobile'],
    ['+66812345678', '0812345678', 'mobile'],
    ['66812345678', '0812345678', 'mobile'],
    ['+66 (0)81 234 5678', '0812345678', 'mobile'],
    ['0612345678', '0612345678', 'mobile'],
    ['0912345678', '0912345678', 'mobile'],
    ['08 1234 5678', '0812345678', 'mobile'],
    ['081\u200B234\u00A05678', '0812345678', 'mobile'],
    ['เบอร์ 081-234-5678 ค่ะ', '0812345678', 'mobile'],
    ['โทร. 081-234-5678', '0812345678', 'mobile'],
    ['02-123-4567', '021234567', 'landline'],
    ['(02) 123 4567', '021234567', 'landline'],
    ['+66 2 123 4567', '021234567', 'landline'],
    ['053-123-456', '053123456', 'landline'],
    ['076123456', '076123456', 'landline'],
    ['0066 81 234 5678', '0812345678', 'mobile'],
    ['0066812345678', '0812345678', 'mobile'],
    ['081-234-5678 (มือถือ)', '0812345678', 'mobile'],
    ['081–234–5678', '0812345678', 'mobile'],
    ['081—234—5678', '0812345678', 'mobile'],
    ['043–123–456 (บ้าน)', '043123456', 'landline'],
  ])('%j → %s (%s)', (input, value, kind) => {
    expect(parsePhone(input)).toEqual({ ok: true, value, kind });
  });
});

describe('parsePhone: failures', () => {
  it.each<[string, PhoneParseFailure]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ค่ะ', 'empty'],
    ['081-234-567x', 'unrecognised'],
    ['081 โทรได้ 5678', 'unrecognised'],
    ['081-234-5678, 02-123-4567', 'unrecognised'],
    ['081234567', 'short-mobile'], // a mobile one digit short
    ['08123456789', 'wrong-length'],
    ['0212345678', 'wrong-length'], // a Bangkok landline one digit long
    ['02123456', 'wrong-length'],
    ['0112345678', 'bad-prefix'],
    ['1234567890', 'bad-prefix'],
    ['+1 555 123 4567', 'bad-prefix'],
    ['061234567', 'short-mobile'], // 06 is a mobile prefix: a mobile one digit short, not a landline
    ['091234567', 'short-mobile'],
    ['041234567', 'no-such-area'], // no province dials 041
    ['031234567', 'no-such-area'],
    ['057123456', 'no-such-area'],
  ])('%j → %s', (input, reason) => {
    expect(parsePhone(input)).toEqual({ ok: false, reason });
  });
});

describe('phoneReasonText', () => {
  const REASONS: PhoneParseFailure[] = ['empty', 'unrecognised', 'wrong-length', 'bad-prefix', 'short-mobile', 'no-such-area'];
  it.each(REASONS)('%s is polite and shows an example that parses', (reason) => {
    const text = phoneReasonText(reason);
    expect(text).toMatch(/ค่ะ$/);
    const example = /เช่น (\S+)/.exec(text)?.[1] ?? '';
    expect(parsePhone(example).ok).toBe(true);
  });

  it('gives each reason its own text', () => {
    expect(new Set(REASONS.map(phoneReasonText)).size).toBe(REASONS.length);
  });
});

describe('formatPhone / maskPhone', () => {
  it.each([
    ['0812345678', '081-234-5678', '081-xxx-5678'],
    ['+66 81 234 5678', '081-234-5678', '081-xxx-5678'],
    ['021234567', '02-123-4567', '02-xxx-4567'],
    ['053123456', '053-123-456', '053-xxx-456'],
  ])('%j → %s, masked %s', (value, formatted, masked) => {
    expect(formatPhone(value)).toBe(formatted);
    expect(maskPhone(value)).toBe(masked);
  });

  it('returns text that is not a Thai number unchanged when formatting', () => {
    expect(formatPhone('1669')).toBe('1669');
  });

  it.each([
    ['12345678901', 'xxxxxxx8901'],
    ['+1 555 123 4567', '+x xxx xxx 4567'],
    ['๑๒๓๔๕๖', 'xx3456'],
    ['123', '123'],
  ])('masks all but the last four digits of anything else: %j → %s', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });
});
