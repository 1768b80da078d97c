// Reading what people type while booking: a day, a time and a name, each with a short polite reason
// when it cannot be read. Unlike a birth date, a booking day lies ahead: "25 พ.ย." without a year
// means the next 25 November, "25" the next 25th, "พรุ่งนี้" tomorrow. Full dates go through the Thai
// date reader (src/thai/date-parse), so every form it knows works here too.
import { addDays, addMonths, clockTimeOf, compareDates, daysInMonth, toIso, type CalendarDate } from '../thai/calendar';
import { parseThaiDate, type DateParseFailure } from '../thai/date-parse';
import { keywordKey, normalizeInput, stripTrailingParticles } from '../thai/normalize';
import { parsePhone } from '../thai/phone';
import { toBuddhistYear } from '../thai/thai-calendar';

export type DayFailure = 'unreadable' | 'no-day' | 'bad-day';
export type DayReading = { ok: true; date: string } | { ok: false; reason: DayFailure };

const RELATIVE_DAYS: Readonly<Record<string, number>> = { วันนี้: 0, พรุ่งนี้: 1, มะรืน: 2, มะรืนนี้: 2 };

/** Far enough ahead that the date reader's "not in the future" check never refuses a booking day. */
const YEARS_AHEAD = 5;

const DAY_ONLY = /^(?:วันที่\s*)?(\d{1,2})$/;
/** A request word in front of the day: "นัดวันที่ 18 ธ.ค.", "ขอวันที่ 18", "จอง 20 ธ.ค.". */
const REQUEST_WORDS = /^(?:ขอ|เอา|จอง|นัด)+\s*(?=วัน|\d)/;

function failure(reason: DateParseFailure): { ok: false; reason: DayFailure } {
  return { ok: false, reason: reason === 'bad-day' || reason === 'bad-month' ? 'bad-day' : 'unreadable' };
}

/** A typed booking day as "YYYY-MM-DD". Whether the office is open then is for the caller to check. */
export function readBookingDay(input: string, today: CalendarDate): DayReading {
  const text = stripTrailingParticles(normalizeInput(input)).replace(REQUEST_WORDS, '');
  const relative = RELATIVE_DAYS[keywordKey(text)];
  if (relative !== undefined) return { ok: true, date: toIso(addDays(today, relative)) };
  const dayOnly = DAY_ONLY.exec(text)?.[1];
  if (dayOnly !== undefined) return nextDayOfMonth(Number(dayOnly), today);

  const context = { today: addMonths(today, 12 * YEARS_AHEAD) };
  const parsed = parseThaiDate(text, context);
  if (!parsed.ok && parsed.reason !== 'no-year') return failure(parsed.reason);
  if (parsed.ok) {
    const { year, month, day } = parsed.value;
    return month !== undefined && day !== undefined ? { ok: true, date: toIso({ year, month, day }) } : { ok: false, reason: 'no-day' };
  }
  // "25 พ.ย." or "25/11": this year's date if it is still ahead, else next year's.
  for (const year of [today.year, today.year + 1]) {
    const withYear = parseThaiDate(`${text} ${toBuddhistYear(year)}`, context);
    if (!withYear.ok) return failure(withYear.reason);
    const { month, day } = withYear.value;
    if (month === undefined || day === undefined) return { ok: false, reason: 'no-day' };
    const date = { year, month, day };
    if (compareDates(date, today) >= 0) return { ok: true, date: toIso(date) };
  }
  return { ok: false, reason: 'unreadable' };
}

/** How far back a staff member's "18 พ.ย." without a year may reach: a recent day, not next year's. */
const AGENDA_LOOKBACK_DAYS = 60;
/** …and a bare "25": this week's or an upcoming 25th, not one two months ago. */
const AGENDA_DAY_ONLY_LOOKBACK_DAYS = 7;

/**
 * A day staff ask about ("18 ธ.ค.", "25", "พรุ่งนี้"): read like a booking day, except that a date
 * without a year may be a recent one, so last week's date is last week's.
 */
export function readAgendaDay(input: string, today: CalendarDate): DayReading {
  const text = stripTrailingParticles(normalizeInput(input));
  if (RELATIVE_DAYS[keywordKey(text)] !== undefined) return readBookingDay(input, today);
  const lookback = DAY_ONLY.test(text) ? AGENDA_DAY_ONLY_LOOKBACK_DAYS : AGENDA_LOOKBACK_DAYS;
  return readBookingDay(input, addDays(today, -lookback));
}

/** "25": the 25th of this month if still ahead, else of the next month that has one. */
function nextDayOfMonth(day: number, today: CalendarDate): DayReading {
  if (day < 1 || day > 31) return { ok: false, reason: 'bad-day' };
  for (let months = 0; months <= 2; months++) {
    const { year, month } = addMonths({ ...today, day: 1 }, months);
    const date = { year, month, day };
    if (day <= daysInMonth(year, month) && compareDates(date, today) >= 0) return { ok: true, date: toIso(date) };
  }
  return { ok: false, reason: 'bad-day' };
}

const DAY_REASON_TEXT: Readonly<Record<DayFailure, (example: string) => string>> = {
  unreadable: (example) => `ขออภัยค่ะ อ่านวันที่ไม่ออก กดเลือกวันจากปุ่ม หรือพิมพ์วันที่แบบนี้ได้ค่ะ เช่น ${example}`,
  'no-day': (example) => `ขอวันที่ด้วยนะคะ เช่น ${example} ค่ะ`,
  'bad-day': (example) => `เดือนนั้นไม่มีวันที่นี้ค่ะ ช่วยตรวจวันที่อีกครั้งนะคะ เช่น ${example} ค่ะ`,
};

/** The reason, with `example` a day that can really be booked ("30 พ.ย."), so typing it works. */
export function dayReasonText(reason: DayFailure, example: string): string {
  return DAY_REASON_TEXT[reason](example);
}

const CLOCK_TIME = /^(?:เวลา\s*)?(\d{1,2})(?:[:.](\d{2}))?\s*(น\.?|นาฬิกา)?$/;

/** Number words as said in a time of day ("สิบเอ็ดโมง"), longest first so "สิบเอ็ด" wins over "สิบ". */
const HOUR_WORDS: readonly [string, number][] = [
  ['สิบเอ็ด', 11],
  ['สิบสอง', 12],
  ['หนึ่ง', 1],
  ['สอง', 2],
  ['สาม', 3],
  ['สี่', 4],
  ['ห้า', 5],
  ['หก', 6],
  ['เจ็ด', 7],
  ['แปด', 8],
  ['เก้า', 9],
  ['สิบ', 10],
];

/**
 * The spoken forms: "บ่ายสอง(โมง)" 14:00, "บ่ายโมง" 13:00, "สี่โมงเย็น" 16:00, "สิบโมง" 10:00,
 * "สามโมงเช้า" 09:00 (the old count from six), "เที่ยง" 12:00, each optionally "…ครึ่ง" (+30 min).
 */
const SPOKEN_TIME = /^(?:เวลา\s*)?(บ่าย\s*)?(เที่ยง|โมง|[0-9]{1,2}|[ก-๙]+?)?\s*(โมง)?\s*(เช้า|เย็น)?\s*(ครึ่ง)?\s*(?:น\.?|นาฬิกา)?$/;

function hourNumber(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  return HOUR_WORDS.find(([name]) => name === word)?.[1];
}

/** The hour of a spoken time, or undefined when it is not one or could be morning or afternoon. */
function spokenHour(afternoon: boolean, word: string | undefined, moang: boolean, part: string | undefined): number | undefined {
  if (word === 'เที่ยง') return afternoon || moang || part ? undefined : 12;
  // "บ่ายโมง": the first hour after noon; a bare "โมง" is no time.
  if (word === 'โมง' || (word === undefined && moang)) return afternoon && !part ? 13 : undefined;
  const n = word === undefined ? undefined : hourNumber(word);
  if (n === undefined) return undefined;
  if (afternoon) return n >= 1 && n <= 5 && part === undefined ? 12 + n : undefined;
  if (!moang) return undefined;
  if (part === 'เย็น') return n >= 4 && n <= 6 ? 12 + n : undefined;
  if (part === 'เช้า') return n >= 1 && n <= 5 ? 6 + n : n >= 6 && n <= 11 ? n : undefined;
  // "N โมง" with no part of the day: clear for 6–11 (morning) and 13–18 (digits); 1–5 could be either.
  return (n >= 6 && n <= 11) || (n >= 13 && n <= 18) ? n : undefined;
}

function readSpokenTime(text: string): string | undefined {
  const match = SPOKEN_TIME.exec(text);
  if (!match) return undefined;
  const [, afternoon, word, moang, part, half] = match;
  const hour = spokenHour(afternoon !== undefined, word, moang !== undefined, part);
  return hour === undefined ? undefined : clockTimeOf(hour * 60 + (half ? 30 : 0));
}

/**
 * "9:30", "09.30", "๙.๓๐ น.", "เวลา 13:00", "14 น.", and the spoken "บ่ายสอง", "สิบโมงครึ่ง",
 * "เที่ยง" → "HH:mm"; undefined for anything else (including "สองโมง", which could be 08:00 or 14:00).
 */
export function readClockTime(input: string): string | undefined {
  const text = stripTrailingParticles(normalizeInput(input));
  const match = CLOCK_TIME.exec(text);
  if (!match) return readSpokenTime(text);
  // A bare number ("930", "9") is not a time; with "น." or "นาฬิกา" a whole hour is.
  if (match[2] === undefined && match[3] === undefined) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2] ?? 0)];
  if (hours > 23 || minutes > 59) return undefined;
  return clockTimeOf(hours * 60 + minutes);
}

export type NameFailure = 'too-short' | 'looks-like-phone' | 'no-letters' | 'too-long';
export type NameReading = { ok: true; name: string } | { ok: false; reason: NameFailure };

const NAME_MAX = 80;
const LETTER = /\p{L}/u;
const DIGIT_RUN = /\d{3}/;

/** The name of the person coming, as typed (tidied). Refuses a phone number typed a step early. */
export function readVisitorName(input: string): NameReading {
  const name = normalizeInput(input);
  if ([...name].length < 2) return { ok: false, reason: 'too-short' };
  if (parsePhone(name).ok || DIGIT_RUN.test(name)) return { ok: false, reason: 'looks-like-phone' };
  if (!LETTER.test(name)) return { ok: false, reason: 'no-letters' };
  if ([...name].length > NAME_MAX) return { ok: false, reason: 'too-long' };
  return { ok: true, name };
}

const NAME_REASON_TEXT: Readonly<Record<NameFailure, string>> = {
  'too-short': 'ขอชื่อและนามสกุลด้วยนะคะ เช่น สมศรี ใจดี ค่ะ',
  'looks-like-phone': 'ขอเป็นชื่อก่อนนะคะ เบอร์โทรจะถามในข้อถัดไปค่ะ',
  'no-letters': 'ขอชื่อเป็นตัวอักษรนะคะ เช่น สมศรี ใจดี ค่ะ',
  'too-long': `ชื่อยาวเกินไปค่ะ ขอไม่เกิน ${NAME_MAX} ตัวอักษรนะคะ`,
};

export function nameReasonText(reason: NameFailure): string {
  return NAME_REASON_TEXT[reason];
}
