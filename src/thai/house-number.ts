// House numbers (บ้านเลขที่) and village numbers (หมู่ที่), reference §2.13: "12/3" is the usual shape;
// letters ("12ก") exist in some places, so they are a warning to say back, never a refusal.
import { normalizeInput, stripTrailingParticles } from './normalize';

export type HouseNoResult =
  | { ok: true; value: string; /** Not digits with an optional "/" part: say it back and let the person check. */ unusual: boolean }
  | { ok: false; reason: 'empty' | 'too-long' };

const USUAL = /^\d{1,5}(\/\d{1,4})?$/;
const MAX_CHARS = 20;
/** "บ้านเลขที่ 12/3", "เลขที่ 12/3", "บ้าน 12/3". */
const LEADING_WORDS = /^(?:บ้านเลขที่|เลขที่|บ้าน)\s*/;

export function parseHouseNo(input: string): HouseNoResult {
  const text = stripTrailingParticles(normalizeInput(input)).replace(LEADING_WORDS, '').replace(/\s*\/\s*/g, '/');
  if (text === '') return { ok: false, reason: 'empty' };
  if ([...text].length > MAX_CHARS) return { ok: false, reason: 'too-long' };
  return { ok: true, value: text, unusual: !USUAL.test(text) };
}

export type MooResult = { ok: true; value: number } | { ok: false; reason: 'empty' | 'unrecognised' | 'range' };

/** "หมู่ 5", "ม.5", "หมู่ที่ ๕", "ม. 5", "5". */
const MOO = /^(?:หมู่ที่|หมู่บ้านที่|หมู่|ม\.?)?\s*(\d{1,3})$/;

export function parseMoo(input: string): MooResult {
  const text = stripTrailingParticles(normalizeInput(input));
  if (text === '') return { ok: false, reason: 'empty' };
  const digits = MOO.exec(text)?.[1];
  if (digits === undefined) return { ok: false, reason: 'unrecognised' };
  const value = Number(digits);
  return value >= 1 && value <= 99 ? { ok: true, value } : { ok: false, reason: 'range' };
}

export const HOUSE_REASON_TEXT = {
  empty: 'ขอบ้านเลขที่ด้วยนะคะ เช่น 12/3 ค่ะ',
  'too-long': 'บ้านเลขที่ยาวเกินไปค่ะ ขอแบบนี้นะคะ เช่น 12/3 ค่ะ',
  unusual: (value: string) => `บ้านเลขที่ "${value}" มีตัวอักษรปนอยู่ค่ะ ถ้าถูกต้องแล้วไม่เป็นไรนะคะ`,
} as const;

export const MOO_REASON_TEXT = {
  empty: 'ขอหมู่ที่ด้วยนะคะ เช่น 5 ค่ะ',
  unrecognised: 'ขอหมู่ที่เป็นตัวเลขนะคะ เช่น 5 หรือ หมู่ 5 ค่ะ',
  range: 'หมู่ที่ต้องเป็น 1 ถึง 99 ค่ะ',
} as const;
