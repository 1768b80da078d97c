// A person's name as Thai people type it: an optional title (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ., …),
// then the first name and the last name. Thai or Latin letters only (reference §2.4); digits, a single
// word or an over-long answer are refused with a polite reason.
import { normalizeInput, stripTrailingParticles } from './normalize';

export interface PersonName {
  /** The title in its full form ("น.ส." → "นางสาว"); absent when none was typed. */
  title?: string;
  firstName: string;
  lastName: string;
}

export type NameParseFailure = 'empty' | 'digits' | 'one-word' | 'too-long' | 'letters';
export type NameParseResult = { ok: true; value: PersonName } | { ok: false; reason: NameParseFailure };

const MAX_CHARS = 100;

/** Typed forms → the full title; the longest forms first so "นางสาว" is not read as "นาง" + "สาว…". */
const TITLES: readonly (readonly [string, string])[] = [
  ['นางสาว', 'นางสาว'],
  ['น.ส.', 'นางสาว'],
  ['นส.', 'นางสาว'],
  ['เด็กชาย', 'เด็กชาย'],
  ['ด.ช.', 'เด็กชาย'],
  ['ดช.', 'เด็กชาย'],
  ['เด็กหญิง', 'เด็กหญิง'],
  ['ด.ญ.', 'เด็กหญิง'],
  ['ดญ.', 'เด็กหญิง'],
  ['ว่าที่ร้อยตรี', 'ว่าที่ร้อยตรี'],
  ['ว่าที่ ร.ต.', 'ว่าที่ร้อยตรี'],
  ['นาย', 'นาย'],
  ['นาง', 'นาง'],
  ['Mr.', 'Mr.'],
  ['Mrs.', 'Mrs.'],
  ['Ms.', 'Ms.'],
  ['Miss', 'Miss'],
];

/** Thai letters and marks (not Thai digits), Latin letters, and the dots and hyphens names carry. */
const NAME_WORD = /^[\u0E01-\u0E4E\p{Script=Latin}.'-]+$/u;

function splitTitle(text: string): { title?: string; rest: string } {
  for (const [typed, full] of TITLES) {
    if (!text.startsWith(typed)) continue;
    const rest = text.slice(typed.length).trim();
    // "นางสาว" typed alone, or "นาง" followed by a name with no space ("นางสมศรี"): both are titles.
    // A Latin title must be followed by a space ("Missy" is a name).
    if (/^[A-Z]/.test(typed) && !/^\s/.test(text.slice(typed.length))) continue;
    // "นางนวล ใจดี" reads as นาง + นวล; it is said back as typed ("นางนวล ใจดี"), so nothing shows wrong.
    return { title: full, rest };
  }
  return { rest: text };
}

export function parsePersonName(input: string): NameParseResult {
  const text = stripTrailingParticles(normalizeInput(input));
  if (text === '') return { ok: false, reason: 'empty' };
  if ([...text].length > MAX_CHARS) return { ok: false, reason: 'too-long' };
  if (/[0-9๐-๙]/.test(input)) return { ok: false, reason: 'digits' };
  const { title, rest } = splitTitle(text);
  const words = rest.split(' ').filter(Boolean);
  if (words.length < 2) return { ok: false, reason: 'one-word' };
  if (!words.every((w) => NAME_WORD.test(w))) return { ok: false, reason: 'letters' };
  const [firstName, ...last] = words as [string, ...string[]];
  return { ok: true, value: { ...(title && { title }), firstName, lastName: last.join(' ') } };
}

const REASON_TEXT: Readonly<Record<NameParseFailure, string>> = {
  empty: 'ขอชื่อและนามสกุลด้วยนะคะ เช่น นางสมศรี ใจดี ค่ะ',
  digits: 'ชื่อไม่ควรมีตัวเลขค่ะ ขอชื่อและนามสกุลนะคะ เช่น นางสมศรี ใจดี ค่ะ',
  'one-word': 'ขอทั้งชื่อและนามสกุล เว้นวรรคระหว่างกันนะคะ เช่น นางสมศรี ใจดี ค่ะ',
  'too-long': `ชื่อยาวเกินไปค่ะ (ไม่เกิน ${MAX_CHARS} ตัวอักษร) ขอชื่อและนามสกุลนะคะ`,
  letters: 'ชื่อมีได้เฉพาะตัวอักษรค่ะ ขอชื่อและนามสกุลนะคะ เช่น นางสมศรี ใจดี ค่ะ',
};

export function nameReasonText(reason: NameParseFailure): string {
  return REASON_TEXT[reason];
}

/** "นางสมศรี ใจดี" (Thai titles are written against the name), "Mr. John Smith". */
export function formatPersonName(n: { title?: string; firstName: string; lastName: string }): string {
  const title = n.title ? (/^[A-Za-z]/.test(n.title) ? `${n.title} ` : n.title) : '';
  return `${title}${n.firstName} ${n.lastName}`;
}
