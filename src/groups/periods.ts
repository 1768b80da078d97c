// A registered group's reporting periods (reference §2.10, Q8): monthly, quarterly or yearly as the
// office sets (`groups.reportPeriod`), quarters and years of the Thai fiscal year (1 Oct – 30 Sep,
// named by the year it ends in) unless the office sets `groups.reportYear: 'calendar'`. Pure: which
// period a date falls in, the one before, the one due for a group, and its Thai label.
import { addDays, compareDates, daysInMonth, fromIso, toIso, type CalendarDate } from '../thai/calendar';
import { thaiMonthName, toBuddhistYear } from '../thai/thai-calendar';
import type { GroupSettings } from '../office/group-settings';

export type PeriodSettings = Pick<GroupSettings, 'reportPeriod' | 'reportYear'>;

export interface Period {
  /** Stable name of the period, e.g. "2027-Q1" (fiscal quarter 1 of fiscal 2027 = Oct–Dec 2026), "2026-12", "2027-Y". */
  key: string;
  /** ISO dates, both inclusive. */
  from: string;
  to: string;
}

const MONTHS_PER: Record<PeriodSettings['reportPeriod'], number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** The month a fiscal (or calendar) year starts in. */
function firstMonth(settings: PeriodSettings): number {
  return settings.reportYear === 'fiscal' ? 10 : 1;
}

function monthIndex(d: { year: number; month: number }): number {
  return d.year * 12 + (d.month - 1);
}

function monthOf(index: number): { year: number; month: number } {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The period a date falls in. */
export function periodOf(date: CalendarDate | string, settings: PeriodSettings): Period {
  const d = typeof date === 'string' ? fromIso(date) : date;
  const size = MONTHS_PER[settings.reportPeriod];
  const shift = firstMonth(settings) - 1;
  const start = Math.floor((monthIndex(d) - shift) / size) * size + shift;
  const first = monthOf(start);
  const last = monthOf(start + size - 1);
  const from = toIso({ ...first, day: 1 });
  const to = toIso({ ...last, day: daysInMonth(last.year, last.month) });
  return { key: keyOf(first, settings), from, to };
}

/** The year a period is numbered in: the fiscal year ends in September, so October starts the next one. */
function yearOf(first: { year: number; month: number }, settings: PeriodSettings): number {
  return settings.reportYear === 'fiscal' && first.month >= 10 ? first.year + 1 : first.year;
}

function keyOf(first: { year: number; month: number }, settings: PeriodSettings): string {
  if (settings.reportPeriod === 'monthly') return `${first.year}-${String(first.month).padStart(2, '0')}`;
  const year = yearOf(first, settings);
  if (settings.reportPeriod === 'yearly') return `${year}-Y`;
  const quarter = Math.floor(((first.month - firstMonth(settings) + 12) % 12) / 3) + 1;
  return `${year}-Q${quarter}`;
}

/** The period just before the one `date` falls in. */
export function previousPeriod(date: CalendarDate | string, settings: PeriodSettings): Period {
  return periodOf(addDays(fromIso(periodOf(date, settings).from), -1), settings);
}

/** "ไตรมาส 1/2570", "ธันวาคม 2569", "ปีงบประมาณ 2570" / "ปี 2570". */
export function periodLabel(period: Period, settings: PeriodSettings): string {
  const first = fromIso(period.from);
  if (settings.reportPeriod === 'monthly') return `${thaiMonthName(first.month, 'long')} ${toBuddhistYear(first.year)}`;
  const year = toBuddhistYear(yearOf(first, settings));
  if (settings.reportPeriod === 'yearly') return settings.reportYear === 'fiscal' ? `ปีงบประมาณ ${year}` : `ปี ${year}`;
  return `ไตรมาส ${period.key.slice(-1)}/${year}`;
}

export function isInPeriod(date: string, period: Period): boolean {
  return date >= period.from && date <= period.to;
}

/**
 * The period a group owes a report for today: the last complete period, when it ended after the
 * group was registered (a group registered in its last days still reports on it) and no report for
 * it was sent; undefined when none is due.
 */
export function duePeriod(today: CalendarDate, registeredOn: string, reportedKeys: readonly string[], settings: PeriodSettings): Period | undefined {
  const last = previousPeriod(today, settings);
  if (compareDates(fromIso(last.to), fromIso(registeredOn)) < 0) return undefined;
  return reportedKeys.includes(last.key) ? undefined : last;
}
