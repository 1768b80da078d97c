// The one formatter for dates and times the bot shows: Thai month names, Buddhist-era years, and
// instants shown as Bangkok wall-clock time.
import { bangkokDateOf, bangkokTimeOf, dayOfWeek, type CalendarDate, type DateRange, type PartialDate } from './calendar';
import { thaiMonthName, thaiWeekdayName, toBuddhistYear } from './thai-calendar';

export interface ThaiDateFormatOptions {
  /** 'short' (default): "15 มี.ค. 2500"; 'long': "15 มีนาคม 2500". */
  readonly style?: 'short' | 'long';
  /** Prefix the weekday: "วันศุกร์ที่ 15 มีนาคม 2500". */
  readonly weekday?: boolean;
}

export function formatThaiDate(d: CalendarDate, opts: ThaiDateFormatOptions = {}): string {
  const date = `${d.day} ${thaiMonthName(d.month, opts.style ?? 'short')} ${toBuddhistYear(d.year)}`;
  return opts.weekday ? `วัน${thaiWeekdayName(dayOfWeek(d))}ที่ ${date}` : date;
}

/** A UTC instant as Bangkok date and time: "15 มี.ค. 2568 เวลา 09:30 น.". */
export function formatThaiDateTime(instant: Date, opts: ThaiDateFormatOptions = {}): string {
  return `${formatThaiDate(bangkokDateOf(instant), opts)} เวลา ${bangkokTimeOf(instant)} น.`;
}

/** "มีนาคม 2500" ('long', the default here) or "มี.ค. 2500" ('short'). */
export function formatThaiMonthYear(year: number, month: number, opts: Pick<ThaiDateFormatOptions, 'style'> = {}): string {
  return `${thaiMonthName(month, opts.style ?? 'long')} ${toBuddhistYear(year)}`;
}

/** "1 ต.ค.–30 พ.ย. 2568", or with both years when the range crosses one: "1 ต.ค. 2568–30 ก.ย. 2569". */
export function formatThaiDateRange(range: DateRange): string {
  const { from, to } = range;
  const start = from.year === to.year ? `${from.day} ${thaiMonthName(from.month, 'short')}` : formatThaiDate(from);
  return `${start}–${formatThaiDate(to)}`;
}

/** Shows only what is known: "2500", "มี.ค. 2500" or "15 มี.ค. 2500" (no weekday for partial dates). */
export function formatThaiPartialDate(d: PartialDate, opts: Pick<ThaiDateFormatOptions, 'style'> = {}): string {
  const style = opts.style ?? 'short';
  if (d.month === undefined) return String(toBuddhistYear(d.year));
  if (d.day === undefined) return formatThaiMonthYear(d.year, d.month, { style });
  return formatThaiDate({ year: d.year, month: d.month, day: d.day }, { style });
}
