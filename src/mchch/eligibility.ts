// The มชช. qualification checks the intake conversation makes (pure; reference §3.4): the leader's
// residency (≥ 1 year, seed 004 line 222) computed as of the day it is checked (Q24), the leader's
// activities as typed, a group's years of activity when the office asks for them (Q18), and whether
// the person applying for a group or network sits on its committee when the office requires it (Q14).
// Everything else (accepted by the community, the resolution's minutes) is staff's judgement.
import { addMonths, compareDates, daysInMonth, type CalendarDate, type PartialDate } from '../thai/calendar';
import { formatThaiPartialDate } from '../thai/date-format';
import { parseThaiDate, type DateParseResult } from '../thai/date-parse';
import { normalizeInput } from '../thai/normalize';

/** Whole years from `from` to `to` (birthday-style: 1 May 2010 → 1 May 2018 is 8). Negative never: 0. */
export function fullYears(from: CalendarDate, to: CalendarDate): number {
  let years = to.year - from.year;
  if (to.month < from.month || (to.month === from.month && to.day < from.day)) years--;
  return Math.max(0, years);
}

/** Whole months from `from` to `to` (0 when `to` is not later). */
export function fullMonths(from: CalendarDate, to: CalendarDate): number {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  if (to.day < from.day) months--;
  return Math.max(0, months);
}

/** The first and the last day a date known only to the year or month can be. */
export function spanOf(d: PartialDate): { earliest: CalendarDate; latest: CalendarDate } {
  if (d.month === undefined) return { earliest: { year: d.year, month: 1, day: 1 }, latest: { year: d.year, month: 12, day: 31 } };
  if (d.day === undefined) return { earliest: { year: d.year, month: d.month, day: 1 }, latest: { year: d.year, month: d.month, day: daysInMonth(d.year, d.month) } };
  const day = { year: d.year, month: d.month, day: d.day };
  return { earliest: day, latest: day };
}

export interface Duration {
  /** Whole years as of `asOf`, counted from the latest day the date can be (never more than is sure). */
  years: number;
  /** Whole months, for the answer below a year. */
  months: number;
  /**
   * 'yes': at least `minYears` whichever day of the year/month it was; 'no': below it whichever day;
   * 'unsure': it depends on the month or day, which were not given.
   */
  meets: 'yes' | 'no' | 'unsure';
}

/** How long since `since`, as of `asOf`, against a minimum of `minYears` whole years. */
export function durationSince(since: PartialDate, asOf: CalendarDate, minYears: number): Duration {
  const { earliest, latest } = spanOf(since);
  const years = fullYears(latest, asOf);
  const months = fullMonths(latest, asOf);
  const atMost = compareDates(earliest, asOf) <= 0 ? fullYears(earliest, asOf) : 0;
  const meets = years >= minYears ? 'yes' : atMost < minYears ? 'no' : 'unsure';
  return { years, months, meets };
}

/** The seed's rule: a leader has lived in the community at least one year (line 222). */
export const LEADER_MIN_YEARS = 1;

/** The leader's residency as of `asOf` (Q24: the day it is checked; staff check it again against the house registration). */
export function residency(since: PartialDate, asOf: CalendarDate): Duration {
  return durationSince(since, asOf, LEADER_MIN_YEARS);
}

/** "8 ปี", "7 เดือน", "ไม่ถึง 1 เดือน". */
export function durationText(d: Duration): string {
  if (d.years >= 1) return `${d.years} ปี`;
  return d.months >= 1 ? `${d.months} เดือน` : 'ไม่ถึง 1 เดือน';
}

/** What the bot says back: "อยู่มาแล้ว 8 ปี (ตั้งแต่ พ.ค. 2553)". */
export function residencyText(since: PartialDate, d: Duration): string {
  return `อยู่มาแล้ว ${durationText(d)} (ตั้งแต่ ${formatThaiPartialDate(since)})`;
}

/** Words people put around a "since when": "ตั้งแต่ปี 2550", "ประมาณ พ.ศ. 2560", "อยู่มาตั้งแต่ 2553". */
const SINCE_WORDS = /^(?:อยู่(?:ที่นี่|ในชุมชน)?(?:มา)?|ย้ายมา(?:อยู่)?|เริ่ม(?:ทำ|ตั้ง)?(?:กิจกรรม|กลุ่ม)?|ตั้งแต่|ประมาณ|ราว(?:ๆ|\s*ๆ)?|ช่วง|เมื่อ|ปลาย|ต้น|กลาง)\s*/;

/** A "since when" typed as a full date, a month and year, or just a year (BE or CE, Thai digits). */
export function readSince(input: string, today: CalendarDate): DateParseResult {
  let rest = normalizeInput(input);
  for (let i = 0; i < 4; i++) {
    const stripped = rest.replace(SINCE_WORDS, '');
    if (stripped === rest) break;
    rest = stripped;
  }
  return parseThaiDate(rest, { today });
}

export interface Activity {
  text: string;
  /** CE year, when one was given. */
  year?: number;
}

const YEAR_IN_TEXT = /(?:\(?\s*(?:ปี|พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)?\s*)(\d{4})\s*\)?/;

/**
 * The leader's activities as typed: one a line, or separated by commas; each may carry its year
 * ("ประธานกองทุนหมู่บ้าน 2560", "อสม. ปี 2555"), BE or CE. Years after this year are not taken as years.
 */
export function parseActivities(input: string, today: CalendarDate): Activity[] {
  const parts = input
    .normalize('NFC')
    .split(/[\n,;、]+|\s+และ\s+/)
    .map((s) => normalizeInput(s).replace(/^(?:\d{1,2}[.)]|[-•*])\s*/, ''))
    .filter((s) => s !== '');
  return parts.slice(0, 20).map((part) => {
    const match = YEAR_IN_TEXT.exec(part);
    const digits = match ? Number(match[1]) : undefined;
    const ce = digits === undefined ? undefined : digits >= 2400 ? digits - 543 : digits;
    if (match && ce !== undefined && ce >= 1900 && ce <= today.year) {
      const text = part.replace(match[0], ' ').replace(/\s+/g, ' ').trim();
      return { text: (text === '' ? part : text).slice(0, 200), year: ce };
    }
    return { text: part.slice(0, 200) };
  });
}

/** "ประธานกองทุนหมู่บ้าน (2560)". */
export function activityText(a: Activity): string {
  return a.year ? `${a.text} (${a.year + 543})` : a.text;
}

/** The positions that are on a group's or network's committee (Q14), as the buttons offer them. */
export const COMMITTEE_ROLES = ['ประธาน', 'รองประธาน', 'เลขานุการ', 'เหรัญญิก', 'กรรมการ'] as const;
/** The other answers to "your role": not on the committee. */
export const NON_COMMITTEE_ROLES = ['สมาชิก', 'อื่น ๆ'] as const;

export function isCommitteeRole(role: string): boolean {
  return (COMMITTEE_ROLES as readonly string[]).includes(role);
}

/** The not-yet answers that are office settings, not the seed's (MCHCH_REASONS holds the seed's). */
export const OFFICE_REASONS = {
  /** Q18: the office's rule for this round, not the seed's. */
  groupYears: (min: number) => ({
    label: `กลุ่มดำเนินกิจกรรมไม่ถึง ${min} ปี`,
    rule: `สำนักงานกำหนดให้กลุ่มที่สมัครต้องดำเนินกิจกรรมในชุมชนมาแล้วไม่น้อยกว่า ${min} ปี`,
    fix: `สมัครได้ในรอบถัดไป เมื่อกลุ่มดำเนินกิจกรรมครบ ${min} ปีแล้วค่ะ`,
  }),
  /** Q14: the office's rule, not the seed's. */
  committee: {
    label: 'ผู้สมัครไม่ได้เป็นกรรมการ',
    rule: 'สำนักงานกำหนดให้ผู้ที่สมัครในนามกลุ่มหรือเครือข่ายต้องเป็นกรรมการของกลุ่มหรือเครือข่ายนั้น',
    fix: 'ขอให้ประธานหรือกรรมการของกลุ่มเป็นผู้สมัครทาง LINE นี้ค่ะ',
  },
} as const;

/** The day `years` whole years have surely passed since `since` (e.g. when a leader may apply): for the fix text. */
export function firstDayWith(since: PartialDate, years: number): CalendarDate {
  return addMonths(spanOf(since).latest, 12 * years);
}
