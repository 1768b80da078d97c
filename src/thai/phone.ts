// Thai phone numbers: reading them however they are typed, showing them the Thai way, and masking
// them wherever they might be logged or seen by someone other than their owner.
import { normalizeInput } from './normalize';

export type PhoneKind = 'mobile' | 'landline';

export type PhoneParseFailure = 'empty' | 'unrecognised' | 'wrong-length' | 'bad-prefix' | 'short-mobile' | 'no-such-area';

export type PhoneParseResult =
  | { ok: true; /** Digits only, with the leading 0: "0812345678". */ value: string; kind: PhoneKind }
  | { ok: false; reason: PhoneParseFailure };

/**
 * Mobiles: 10 digits, 06/08/09. Landlines: 9 digits, 02 (Bangkok) or a provincial area code
 * (032–039, 042–045, 052–056, 073–077); "041…" or a 9-digit "06…" dials nowhere.
 */
const MOBILE = /^0[689]\d{8}$/;
const LANDLINE = /^0(?:2\d|3[2-9]|4[2-5]|5[2-6]|7[3-7])\d{6}$/;
const MOBILE_PREFIX = /^0[689]/;
const LANDLINE_LENGTH = 9;
const BANGKOK_LANDLINE = /^02\d{7}$/;
const THAI_PREFIX = /^0[2-9]/;

/** Words around the number ("เบอร์ … ค่ะ", "โทร. …"), which are dropped; words inside it are not. */
const SURROUNDING_WORDS = /^[\u0E01-\u0E4E.:\s]+|[\u0E01-\u0E4E.\s]+$/g;
/** A note in brackets after the number: "(มือถือ)", "(บ้าน)", "(ลูกสาว)". */
const TRAILING_NOTE = /\s*\([^\d()]*\)$/;
/** Spaces, dots, brackets and every kind of dash (phones type en and em dashes too). */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212.()]/g;
/** +66 / 0066 / 66 is Thailand's country code; a local number always starts with 0, so "66…" cannot be one. */
const COUNTRY_CODE = /^(?:\+|00)?66(\d+)$/;

function toNationalNumber(compact: string): string {
  const national = COUNTRY_CODE.exec(compact)?.[1];
  if (national === undefined) return compact;
  // "+66 (0)81…" repeats the 0 that the country code replaces.
  return national.startsWith('0') ? national : `0${national}`;
}

/** Accepts "081-234-5678", "081 234 5678", "๐๘๑๒๓๔๕๖๗๘", "+66 81 234 5678", "66812345678", "02-123-4567". */
export function parsePhone(input: string): PhoneParseResult {
  const text = normalizeInput(input).replace(TRAILING_NOTE, '').replace(SURROUNDING_WORDS, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'unrecognised' };

  const value = toNationalNumber(compact);
  if (MOBILE.test(value)) return { ok: true, value, kind: 'mobile' };
  if (LANDLINE.test(value)) return { ok: true, value, kind: 'landline' };
  if (value.length === LANDLINE_LENGTH && MOBILE_PREFIX.test(value)) return { ok: false, reason: 'short-mobile' };
  if (value.length === LANDLINE_LENGTH && THAI_PREFIX.test(value)) return { ok: false, reason: 'no-such-area' };
  return { ok: false, reason: THAI_PREFIX.test(value) ? 'wrong-length' : 'bad-prefix' };
}

const REASON_TEXT: Readonly<Record<PhoneParseFailure, string>> = {
  empty: 'ขอเบอร์โทรศัพท์ด้วยนะคะ เช่น 081-234-5678 ค่ะ',
  unrecognised: 'ขอเป็นตัวเลขเบอร์โทรอย่างเดียวนะคะ เช่น 081-234-5678 ค่ะ',
  'wrong-length': 'จำนวนตัวเลขไม่ครบค่ะ เบอร์มือถือมี 10 ตัว เช่น 081-234-5678 ค่ะ',
  'bad-prefix': 'เบอร์นี้ดูไม่ถูกต้องค่ะ เบอร์มือถือขึ้นต้นด้วย 06 08 หรือ 09 เช่น 081-234-5678 ค่ะ',
  'short-mobile': 'เบอร์ที่ขึ้นต้นด้วย 06 08 หรือ 09 เป็นเบอร์มือถือ ต้องมี 10 ตัว แต่นี่มี 9 ตัวค่ะ ช่วยตรวจอีกครั้งนะคะ เช่น 081-234-5678 ค่ะ',
  'no-such-area': 'เบอร์บ้าน 9 ตัวต้องขึ้นต้นด้วยรหัสจังหวัด แต่เบอร์นี้ไม่มีรหัสจังหวัดที่ขึ้นต้นแบบนี้ค่ะ ขอเบอร์มือถือแทนได้ไหมคะ เช่น 081-234-5678 ค่ะ',
};

/** One short, polite Thai sentence for a failed parsePhone, with an example of a good answer. */
export function phoneReasonText(reason: PhoneParseFailure): string {
  return REASON_TEXT[reason];
}

/** Area code or mobile prefix, exchange, line: the groups Thai people write with dashes. */
function phoneGroups(value: string): [string, string, string] | undefined {
  const parsed = parsePhone(value);
  if (!parsed.ok) return undefined;
  const digits = parsed.value;
  const prefixLength = BANGKOK_LANDLINE.test(digits) ? 2 : 3;
  return [digits.slice(0, prefixLength), digits.slice(prefixLength, prefixLength + 3), digits.slice(prefixLength + 3)];
}

/** "081-234-5678", "02-123-4567", "053-123-456". Text that is not a Thai number is returned as it is. */
export function formatPhone(value: string): string {
  return phoneGroups(value)?.join('-') ?? value;
}

/** Every digit except the last four. */
const ALL_BUT_LAST_FOUR_DIGITS = /\d(?=(?:\D*\d){4})/g;

/**
 * "081-xxx-5678": enough for the owner to recognise their number, not enough for anyone else to use
 * it. Anything that does not read as a Thai number keeps only its last four digits.
 */
export function maskPhone(value: string): string {
  const groups = phoneGroups(value);
  if (!groups) return normalizeInput(value).replace(ALL_BUT_LAST_FOUR_DIGITS, 'x');
  const [prefix, exchange, line] = groups;
  return `${prefix}-${'x'.repeat(exchange.length)}-${line}`;
}
