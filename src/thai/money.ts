// Money as people type it ("1,500", "๒,๕๐๐ บาท", "120.50", "1500 บ."), kept as integer satang so sums
// are exact, and shown the Thai way ("1,500 บาท", "120.50 บาท").
import { formatBaht } from './numbers';
import { normalizeInput } from './normalize';

export type MoneyParseFailure = 'empty' | 'unrecognised' | 'negative' | 'too-many-decimals' | 'too-large';

export type MoneyParseResult = { ok: true; satang: number } | { ok: false; reason: MoneyParseFailure };

/** Ten billion baht: more than any group fund; a longer number is a typo (or an account number). */
const MAX_SATANG = 1_000_000_000_000;
const UNIT_WORDS = /(บาทถ้วน|บาท|บ\.|฿|thb)/gi;
const AROUND = /^[\u0E01-\u0E4E\s:]+|[\u0E01-\u0E4E\s.]+$/g;

export function parseMoney(input: string): MoneyParseResult {
  const text = normalizeInput(input).replace(UNIT_WORDS, ' ').replace(AROUND, '').trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (/^-/.test(text)) return { ok: false, reason: 'negative' };
  // Commas group thousands: "1,500" and "1,500,000"; a comma elsewhere is not a number we can trust.
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text.replace(/\s/g, ''));
  if (!m) return { ok: false, reason: 'unrecognised' };
  const decimals = m[2] ?? '';
  if (decimals.length > 2) return { ok: false, reason: 'too-many-decimals' };
  const baht = Number(m[1]!.replace(/,/g, ''));
  const satang = baht * 100 + Number(decimals.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(satang) || satang > MAX_SATANG) return { ok: false, reason: 'too-large' };
  return { ok: true, satang };
}

const REASON_TEXT: Readonly<Record<MoneyParseFailure, string>> = {
  empty: 'ขอจำนวนเงินเป็นตัวเลขนะคะ เช่น 1,500 ค่ะ',
  unrecognised: 'ขอจำนวนเงินเป็นตัวเลขนะคะ เช่น 1,500 หรือ 1500.50 ค่ะ',
  negative: 'จำนวนเงินติดลบไม่ได้ค่ะ ถ้าเป็นรายจ่าย ใส่เป็นตัวเลขปกติได้เลยค่ะ',
  'too-many-decimals': 'สตางค์ใส่ได้ไม่เกิน 2 หลักค่ะ เช่น 120.50 ค่ะ',
  'too-large': 'จำนวนเงินมากเกินไปค่ะ ช่วยตรวจตัวเลขอีกครั้งนะคะ',
};

export function moneyReasonText(reason: MoneyParseFailure): string {
  return REASON_TEXT[reason];
}

/** "1,500 บาท", "120.50 บาท" from satang. */
export function formatSatang(satang: number): string {
  return formatBaht(satang / 100);
}
