// Reads a past date (a birth date, the day a group was founded) as people type it in Thai, and
// explains politely what was wrong when it cannot. Years may be พ.ศ. or ค.ศ.; a day or month may be
// missing, because many elderly people know only the year they were born.
import { normalizeInput, stripTrailingParticles } from './normalize';
import { addMonths, compareDates, daysInMonth, type CalendarDate, type PartialDate } from './calendar';
import { THAI_WEEKDAYS, fromBuddhistYear, thaiMonthName, toBuddhistYear } from './thai-calendar';

export type YearEra = 'BE' | 'CE';

export type DateParseFailure = 'empty' | 'no-year' | 'bad-month' | 'bad-day' | 'future' | 'too-old' | 'unrecognised';

export type DateParseResult =
  | { ok: true; value: PartialDate; yearEra: YearEra }
  | { ok: false; reason: DateParseFailure };

export interface DateParseContext {
  /** Today in Bangkok (bangkokToday(now)); dates after it are refused. */
  readonly today: CalendarDate;
}

/** A four-digit year in one range is พ.ศ., in the other ค.ศ.; the two ranges do not overlap. */
const BE_YEARS = { min: 2400, max: 2700 } as const;
const CE_YEARS = { min: 1850, max: 2100 } as const;
const OLDEST_AGE_YEARS = 130;

type Token =
  | { kind: 'number'; digits: string }
  | { kind: 'month'; month: number }
  | { kind: 'era'; era: YearEra }
  /** "ปี" before a number: "ปี 98" is a year, not a day. */
  | { kind: 'year-mark' };

interface Word {
  /** Anchored at the start of the remaining text; must consume at least one character. */
  readonly pattern: RegExp;
  /** What the matched text means; undefined for separators and filler words. */
  readonly read: (matched: string) => Token | undefined;
}

/** "มี.ค." → มี\.?\s*ค\.? so "มีค", "มี.ค" and "มี. ค." all read as March. */
function abbreviationPattern(abbreviation: string): string {
  return `${abbreviation.split('.').filter(Boolean).join('\\.?\\s*')}\\.?`;
}

const MONTH_NAME_ENDING = /(คม|ยน|พันธ์)$/;

/**
 * "มีนาคม" → มีนา(?:คม)? so the spoken short form "มีนา" reads too. Two frequent misspellings are
 * accepted: ฏ for ฎ in กรกฎาคม, and กุมภาพันธ without its ์.
 */
function fullNamePattern(name: string): string {
  const stem = name.replace(MONTH_NAME_ENDING, '');
  const ending = name.slice(stem.length).replace('์', '์?');
  return `${stem.replace('ฎ', '[ฎฏ]')}(?:${ending})?`;
}

const MONTH_NUMBERS = Array.from({ length: 12 }, (_, i) => i + 1);

function monthWords(style: 'long' | 'short'): Word[] {
  const namePattern = style === 'long' ? fullNamePattern : abbreviationPattern;
  return MONTH_NUMBERS.map((month) => ({
    pattern: new RegExp(`^${namePattern(thaiMonthName(month, style))}`),
    read: () => ({ kind: 'month', month }),
  }));
}

const weekdays = [...THAI_WEEKDAYS, 'พฤหัส'].join('|');

/** Tried in order at each position; full month names come before abbreviations that share letters. */
const WORDS: readonly Word[] = [
  // En and em dashes and the minus sign come from phone keyboards and pasted text.
  { pattern: /^[\s/\-.,\u2013\u2014\u2212]+/, read: () => undefined },
  { pattern: /^\d+/, read: (digits) => ({ kind: 'number', digits }) },
  // "วันที่", "วันศุกร์ที่", "วันเกิด", "เดือน": words around a date that add nothing to it.
  { pattern: new RegExp(`^(?:วัน(?:${weekdays})?(?:ที่)?|ที่|เกิด|เดือน)`), read: () => undefined },
  { pattern: /^ปี/, read: () => ({ kind: 'year-mark' }) },
  ...monthWords('long'),
  ...monthWords('short'),
  { pattern: new RegExp(`^${abbreviationPattern('พ.ศ.')}`), read: () => ({ kind: 'era', era: 'BE' }) },
  { pattern: new RegExp(`^${abbreviationPattern('ค.ศ.')}`), read: () => ({ kind: 'era', era: 'CE' }) },
];

function readWord(text: string): { token: Token | undefined; length: number } | undefined {
  for (const word of WORDS) {
    const match = word.pattern.exec(text);
    if (match) return { token: word.read(match[0]), length: match[0].length };
  }
  return undefined;
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let rest = text;
  while (rest !== '') {
    const word = readWord(rest);
    if (!word) return undefined;
    if (word.token) tokens.push(word.token);
    rest = rest.slice(word.length);
  }
  return tokens;
}

/** Which number is the day, the month and the year; the year keeps its digits, whose count matters. */
interface DateParts {
  readonly day?: number;
  readonly month?: number;
  readonly year: string;
}

/**
 * Decides which number is the day, the month and the year from how many there are and how long
 * each is: with a month name "d M y", "y M d" or "M y"; otherwise "d/m/y", "yyyy-mm-dd", "m/yyyy" or
 * "yyyy". Two-digit years count only where they cannot be mistaken for a day: in a full
 * day-month-year, after "ปี" ("ปี 98"), or after a month name when above 31 ("มี.ค. 98").
 * The order around a month name is not checked, so "มี.ค. 15 2500" reads too.
 */
function partsFromShape(
  numbers: readonly string[],
  month: number | undefined,
  yearMarked: boolean,
): DateParts | 'no-year' | undefined {
  const [a = '', b = '', c = ''] = numbers;
  const isYear = (s: string) => s.length === 4;
  const isShort = (s: string) => s.length === 1 || s.length === 2;
  const isShortYear = (s: string) => s.length === 2 || s.length === 4;
  const cannotBeDay = (s: string) => s.length === 2 && Number(s) > 31;

  if (month !== undefined) {
    if (numbers.length === 2 && isShort(a) && isShortYear(b)) return { day: Number(a), month, year: b };
    if (numbers.length === 2 && isYear(a) && isShort(b)) return { day: Number(b), month, year: a };
    if (numbers.length === 1 && (isYear(a) || cannotBeDay(a))) return { month, year: a };
    if (numbers.length === 0 || (numbers.length === 1 && isShort(a))) return 'no-year';
    return undefined;
  }
  if (numbers.length === 3 && isYear(a) && isShort(b) && isShort(c)) return unknownAsZero(c, b, a);
  if (numbers.length === 3 && isShort(a) && isShort(b) && isShortYear(c)) return unknownAsZero(a, b, c);
  if (numbers.length === 2 && isShort(a) && isYear(b)) return { month: Number(a), year: b };
  if (numbers.length === 2 && isShort(a) && isShort(b)) return 'no-year';
  if (numbers.length === 1 && (isYear(a) || (yearMarked && a.length === 2))) return { year: a };
  if (numbers.length === 1 && isShort(a)) return 'no-year';
  return undefined;
}

/**
 * The civil registry writes an unknown day or month as "00": "00/00/2480" is "born in 2480",
 * "00/03/2480" is "born in March 2480" (and "0/0/2480" can mean nothing else). A lone "0" beside a
 * real day or month stays a mistake, for checkDate to explain.
 */
function unknownAsZero(day: string, month: string, year: string): DateParts {
  const bothZero = Number(day) === 0 && Number(month) === 0;
  if (bothZero) return { year };
  if (day === '00') return { month: Number(month), year };
  return { day: Number(day), month: Number(month), year };
}

function inRange(n: number, range: { min: number; max: number }): boolean {
  return n >= range.min && n <= range.max;
}

/**
 * A two-digit year is read as the latest พ.ศ. year ending in those digits that is not after this
 * year: in 2568 "68" is 2568, "00" is 2500 and "99" is 2499. Thai people abbreviate พ.ศ. years,
 * and a birth year cannot be in the future, so this is the only sensible reading.
 */
function twoDigitBuddhistYear(twoDigits: number, today: CalendarDate): number {
  const thisYear = toBuddhistYear(today.year);
  return thisYear - ((thisYear - twoDigits) % 100);
}

function resolveYear(
  digits: string,
  marked: YearEra | undefined,
  today: CalendarDate,
): { year: number; era: YearEra } | undefined {
  const n = Number(digits);
  if (digits.length === 2) {
    // "ค.ศ. 57" could be 1957 or 2057; nobody writes that, so it is not guessed at.
    return marked === 'CE' ? undefined : { year: fromBuddhistYear(twoDigitBuddhistYear(n, today)), era: 'BE' };
  }
  const era = marked ?? (inRange(n, BE_YEARS) ? 'BE' : inRange(n, CE_YEARS) ? 'CE' : undefined);
  if (era === 'BE' && inRange(n, BE_YEARS)) return { year: fromBuddhistYear(n), era };
  if (era === 'CE' && inRange(n, CE_YEARS)) return { year: n, era };
  return undefined;
}

function firstDayOf(d: PartialDate): CalendarDate {
  return { year: d.year, month: d.month ?? 1, day: d.day ?? 1 };
}

function lastDayOf(d: PartialDate): CalendarDate {
  const month = d.month ?? 12;
  return { year: d.year, month, day: d.day ?? daysInMonth(d.year, month) };
}

/** Checks a date whose year is already resolved; a partial date is judged by the period it names. */
function checkDate(date: PartialDate, today: CalendarDate): DateParseFailure | undefined {
  if (date.month !== undefined && (date.month < 1 || date.month > 12)) return 'bad-month';
  if (date.day !== undefined && (date.day < 1 || date.day > daysInMonth(date.year, date.month ?? 1))) {
    return 'bad-day';
  }
  if (compareDates(firstDayOf(date), today) > 0) return 'future';
  if (compareDates(lastDayOf(date), addMonths(today, -12 * OLDEST_AGE_YEARS)) < 0) return 'too-old';
  return undefined;
}

/**
 * Accepts, among others: "15 มี.ค. 2500", "15 มีนาคม 2500", "15มีค2500", "15/3/2500", "15-03-2500",
 * "15.3.2500", "๑๕/๐๓/๒๕๐๐", "มี.ค. 2500", "3/2500", "2500", "15/3/1957", "1957", "1957-03-15"
 * (LINE's date picker), "วันที่ 15 มี.ค. พ.ศ. 2500", "พ.ศ.2500", "ค.ศ. 1957", "15/3/00", "ปี 98",
 * "มี.ค. 98", "00/00/2480" (day and month unknown), "15–3–2500", "พ.ศ. 2500 มีนาคม 15".
 * Numbers are day-month-year, as Thai people write them.
 */
export function parseThaiDate(input: string, context: DateParseContext): DateParseResult {
  const text = stripTrailingParticles(normalizeInput(input));
  if (text === '') return { ok: false, reason: 'empty' };

  const tokens = tokenize(text);
  if (!tokens) return { ok: false, reason: 'unrecognised' };
  const numbers = tokens.flatMap((t) => (t.kind === 'number' ? [t.digits] : []));
  const months = tokens.flatMap((t) => (t.kind === 'month' ? [t.month] : []));
  const eras = tokens.flatMap((t) => (t.kind === 'era' ? [t.era] : []));
  if (months.length > 1 || eras.length > 1) return { ok: false, reason: 'unrecognised' };

  const parts = partsFromShape(numbers, months[0], tokens.some((t) => t.kind === 'year-mark'));
  if (parts === 'no-year') return { ok: false, reason: 'no-year' };
  if (!parts) return { ok: false, reason: 'unrecognised' };

  const year = resolveYear(parts.year, eras[0], context.today);
  if (!year) return { ok: false, reason: 'unrecognised' };

  const value: PartialDate = {
    year: year.year,
    ...(parts.month !== undefined && { month: parts.month }),
    ...(parts.day !== undefined && { day: parts.day }),
  };
  const failure = checkDate(value, context.today);
  return failure ? { ok: false, reason: failure } : { ok: true, value, yearEra: year.era };
}

const REASON_TEXT: Readonly<Record<DateParseFailure, string>> = {
  empty: 'ขอวันที่ด้วยนะคะ เช่น 15 มี.ค. 2500 หรือ 15/3/2500 ค่ะ',
  'no-year': 'ขอปีด้วยนะคะ เช่น 15 มี.ค. 2500 ค่ะ',
  'bad-month': 'เดือนต้องเป็น 1 ถึง 12 ค่ะ เช่น 15/3/2500 คือ 15 มีนาคม 2500 ค่ะ',
  'bad-day': 'เดือนนั้นไม่มีวันที่นี้ค่ะ ช่วยตรวจวันที่อีกครั้งนะคะ เช่น 15 มี.ค. 2500 ค่ะ',
  future: 'วันที่นี้ยังมาไม่ถึงค่ะ ช่วยตรวจปีอีกครั้งนะคะ เช่น 15 มี.ค. 2500 ค่ะ',
  'too-old': 'ปีนี้เก่าเกินไปค่ะ ช่วยตรวจปี พ.ศ. อีกครั้งนะคะ เช่น 15 มี.ค. 2500 ค่ะ',
  unrecognised: 'ขออภัยค่ะ อ่านวันที่ไม่ออก ขอแบบนี้นะคะ เช่น 15 มี.ค. 2500 หรือ 15/3/2500 ค่ะ',
};

/** One short, polite Thai sentence for a failed parseThaiDate, with an example of a good answer. */
export function reasonText(reason: DateParseFailure): string {
  return REASON_TEXT[reason];
}
