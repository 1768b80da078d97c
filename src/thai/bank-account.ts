// Bank account numbers: read however they are typed ("020-1-23456-7", Thai digits, spaces) and shown
// only by their last four digits in chat ("xxx-x-x4567" style: "••••4567"). Lengths differ by bank
// and are not verified here (reference §2.8): a length outside 10–12 digits is a warning to say back,
// never a refusal. The number itself is never logged.
import { normalizeInput } from './normalize';

export type AccountParseResult =
  | { ok: true; digits: string; /** The length is unusual: say the number back and ask to check. */ unusualLength: boolean }
  | { ok: false; reason: 'empty' | 'unrecognised' | 'too-short' | 'too-long' };

const SEPARATORS = /[\s\-\u2010-\u2015\u2212.]/g;
const AROUND = /^[\u0E01-\u0E4E\s:.]+|[\u0E01-\u0E4E\s.]+$/g;

export function parseAccountNumber(input: string): AccountParseResult {
  const text = normalizeInput(input).replace(AROUND, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const digits = text.replace(SEPARATORS, '');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'unrecognised' };
  if (digits.length < 6) return { ok: false, reason: 'too-short' };
  if (digits.length > 20) return { ok: false, reason: 'too-long' };
  return { ok: true, digits, unusualLength: digits.length < 10 || digits.length > 12 };
}

const REASON_TEXT = {
  empty: 'ขอเลขที่บัญชีเป็นตัวเลขนะคะ เช่น 020-1-23456-7 ค่ะ',
  unrecognised: 'เลขที่บัญชีมีได้เฉพาะตัวเลขค่ะ (มีขีดคั่นได้) เช่น 020-1-23456-7 ค่ะ',
  'too-short': 'เลขที่บัญชีสั้นเกินไปค่ะ ช่วยดูจากหน้าสมุดบัญชีอีกครั้งนะคะ',
  'too-long': 'เลขที่บัญชียาวเกินไปค่ะ ช่วยดูจากหน้าสมุดบัญชีอีกครั้งนะคะ',
} as const;

export function accountReasonText(reason: keyof typeof REASON_TEXT): string {
  return REASON_TEXT[reason];
}

/** "••••4567": the only form an account number takes in chat. */
export function maskAccount(digits: string): string {
  return `••••${digits.slice(-4)}`;
}
