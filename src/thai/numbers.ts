// Numbers in messages: money as Thais write it, and the small whole numbers people type as answers.
import { normalizeInput } from './normalize';

// Thai convention: Arabic digits with comma groups ("1,000"), satang only when there are some.
const WHOLE_BAHT = new Intl.NumberFormat('th-TH', { maximumFractionDigits: 0 });
const BAHT_AND_SATANG = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "600 บาท", "1,000 บาท", "1,234.50 บาท". */
export function formatBaht(amount: number): string {
  const format = Number.isInteger(amount) ? WHOLE_BAHT : BAHT_AND_SATANG;
  return `${format.format(amount)} บาท`;
}

/** Up to four digits, optionally followed by a Thai unit word: "3", "๓", "3 คน", "12 ท่านค่ะ". */
const SMALL_INT = /^(\d{1,4})[\u0E01-\u0E4E ]*$/;

/** A typed count or choice number, or undefined for anything else (decimals, ranges, words alone). */
export function parseSmallInt(input: string): number | undefined {
  const digits = SMALL_INT.exec(normalizeInput(input))?.[1];
  return digits === undefined ? undefined : Number(digits);
}
