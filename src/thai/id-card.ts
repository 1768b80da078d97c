// Thai national ID numbers (เลขประจำตัวประชาชน). The bot avoids collecting them; these functions let it
// recognise one typed anyway, so the message can be answered without the number being stored.
import { normalizeInput } from './normalize';

const ID_LENGTH = 13;
/** How the 13 digits are grouped on the card: 1-2345-67890-12-1. */
const CARD_GROUPS = [1, 4, 5, 2, 1] as const;
const VISIBLE_DIGITS = 4;
/** 13 digits, each pair optionally separated by one space or dash, not part of a longer number. */
const ID_IN_TEXT = /(?<!\d)\d(?:[ -]?\d){12}(?!\d)/g;

function digitsOf(s: string): string {
  return normalizeInput(s).replace(/[\s-]/g, '');
}

/** The 13th digit: (11 − Σ digit × weight (13 down to 2) mod 11) mod 10. */
function checkDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < ID_LENGTH - 1; i++) sum += Number(first12[i]) * (ID_LENGTH - i);
  return (11 - (sum % 11)) % 10;
}

/** True for a 13-digit number (Thai digits, spaces and dashes allowed) whose check digit is right. */
export function isValidThaiId(s: string): boolean {
  const digits = digitsOf(s);
  return /^\d{13}$/.test(digits) && checkDigit(digits) === Number(digits[ID_LENGTH - 1]);
}

/** True when a valid ID number appears anywhere in free text, such as a name or address answer. */
export function containsThaiId(text: string): boolean {
  return (normalizeInput(text).match(ID_IN_TEXT) ?? []).some(isValidThaiId);
}

/** "x-xxxx-xxxx0-12-1": only the last four digits stay. Anything not 13 digits is masked entirely. */
export function maskThaiId(s: string): string {
  const digits = digitsOf(s);
  if (!/^\d{13}$/.test(digits)) return digits.replace(/\d/g, 'x');
  const masked = 'x'.repeat(ID_LENGTH - VISIBLE_DIGITS) + digits.slice(-VISIBLE_DIGITS);
  let at = 0;
  return CARD_GROUPS.map((length) => masked.slice(at, (at += length))).join('-');
}

export type ThaiIdParseResult = { ok: true; /** 13 digits. */ value: string } | { ok: false; reason: string };

/**
 * Read an ID number as typed (Thai digits, spaces, dashes) with a Thai reason when it cannot be one.
 * The reasons never repeat the number: it must not appear anywhere it could be logged.
 */
export function parseThaiId(input: string): ThaiIdParseResult {
  const digits = digitsOf(input);
  if (digits === '') return { ok: false, reason: 'ขอเลขประจำตัวประชาชน 13 หลักนะคะ' };
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'เลขประจำตัวประชาชนมีได้เฉพาะตัวเลขค่ะ (มีขีดคั่นได้) ขอ 13 หลักนะคะ' };
  if (digits.length !== ID_LENGTH) return { ok: false, reason: `เลขประจำตัวประชาชนต้องมี 13 หลัก แต่ที่พิมพ์มามี ${digits.length} หลักค่ะ ช่วยตรวจอีกครั้งนะคะ` };
  if (checkDigit(digits) !== Number(digits[ID_LENGTH - 1])) return { ok: false, reason: 'เลขประจำตัวประชาชนนี้ไม่ถูกต้องค่ะ (เลขตัวสุดท้ายไม่ตรง) ช่วยดูจากบัตรอีกครั้งนะคะ' };
  return { ok: true, value: digits };
}
