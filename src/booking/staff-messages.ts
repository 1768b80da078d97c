// What staff see about bookings: a notice for each new, moved or cancelled visit (with buttons to open
// that day's list or call the villager), and a day's agenda — a summary card, then the visits in time
// order as plain text, which stays readable however busy the day. Pure builders.
import type { BookingRow } from '../db/schema';
import { postback } from '../flows/postback';
import { bubble, fbox, fbutton, flex, frow, ftext, postbackAction, text, uriAction, type FlexComponent, type Message } from '../line/messages';
import { LINE_LIMITS } from '../line/limits';
import { addDays } from '../office/clock';
import type { OfficeProfile, OfficeService } from '../office/profile';
import { fromIso } from '../thai/calendar';
import { formatThaiDate } from '../thai/date-format';
import { formatPhone } from '../thai/phone';
import { dayMonthText, dayText, goItem, menuItem, timeRangeText, whenText } from './messages';
import { findService, isOpenDay, whyClosed } from './schedule';

const MUTED = '#6B7280';
/** Room for Thai text in one message, well inside LINE's 5,000 UTF-16 units. */
const TEXT_BUDGET = LINE_LIMITS.textLength - 500;
/** A reply or push holds five messages: the summary card and up to four pages of visits. */
const MAX_LIST_PAGES = LINE_LIMITS.messagesPerRequest - 1;
/** How far to look for the next open day (long closures, New Year). */
const OPEN_DAY_SEARCH_DAYS = 60;

export interface StaffNotice {
  kind: 'new' | 'changed' | 'cancelled';
  booking: BookingRow;
  service: OfficeService | undefined;
  /** Where a moved visit was before. */
  previous?: Pick<BookingRow, 'slotDate' | 'slotStart' | 'startsAt'>;
  /** Cancelled because the villager erased their data: no name or phone is shown. */
  erased?: boolean;
}

const HEADINGS: Record<StaffNotice['kind'], string> = {
  new: '📅 มีนัดใหม่',
  changed: '🔁 มีการเลื่อนนัด',
  cancelled: '❌ มีการยกเลิกนัด',
};

const ACCENTS: Record<StaffNotice['kind'], string> = {
  new: '#0E7C66',
  changed: '#B45309',
  cancelled: '#B91C1C',
};

export const STAFF_SAY = {
  erased: 'ผู้จองขอลบข้อมูลส่วนตัว ระบบจึงยกเลิกนัดให้อัตโนมัติ',
  today: 'นัดวันนี้',
  tomorrow: 'นัดพรุ่งนี้',
  nextOpenDay: 'วันทำการถัดไป',
  previousOpenDay: 'วันทำการก่อนหน้า',
  typeDay: (example: string) => `ดูวันอื่น พิมพ์ "นัดวันที่ ${example}" ได้ค่ะ`,
  none: 'ยังไม่มีนัดค่ะ',
  noName: '(ไม่มีชื่อ)',
};

function dayListButton(date: string) {
  return fbutton(postbackAction(`ดูนัด${dayText(date)}`, postback.go('staff-day', { day: date })), 'primary');
}

/** The push every staff member gets when a visit is booked, moved or cancelled. */
export function staffNoticeMessages(notice: StaffNotice): Message[] {
  const { kind, booking, service, previous, erased } = notice;
  const showPerson = !erased && booking.name !== '';
  const rows: FlexComponent[] = [
    frow('รหัสนัด', booking.code),
    ...(service ? [frow('บริการ', service.title)] : []),
    ...(previous ? [frow('เดิม', whenText(previous))] : []),
    frow(previous ? 'ใหม่' : 'วันที่', dayText(booking.slotDate)),
    frow('เวลา', timeRangeText(booking.slotStart, service)),
    ...(showPerson ? [frow('ชื่อ', booking.name), frow('โทร', formatPhone(booking.phone))] : []),
    ...(erased ? [ftext(STAFF_SAY.erased, { size: 'sm', color: MUTED })] : []),
  ];
  const footer = [dayListButton(booking.slotDate), ...(showPerson ? [fbutton(uriAction(`โทร ${formatPhone(booking.phone)}`, `tel:${booking.phone}`), 'link')] : [])];
  const heading = HEADINGS[kind];
  // The alt text shows on a locked phone: no name or phone there.
  const alt = `${heading}: ${service?.label ?? booking.code} ${formatThaiDate(fromIso(booking.slotDate))} ${booking.slotStart} น.`;
  return [flex(alt, bubble({ header: [ftext(heading, { weight: 'bold', color: '#FFFFFF' })], accent: ACCENTS[kind], body: rows, footer }))];
}

/** The nearest open day after (step 1) or before (step −1) `from`, within OPEN_DAY_SEARCH_DAYS. */
function nearestOpenDay(office: OfficeProfile, from: string, step: 1 | -1): string | undefined {
  for (let date = addDays(from, step), i = 0; i < OPEN_DAY_SEARCH_DAYS; date = addDays(date, step), i++) {
    if (isOpenDay(office, date)) return date;
  }
  return undefined;
}

function agendaLine(office: OfficeProfile, booking: BookingRow): string {
  const service = findService(office, booking.serviceId);
  const person = booking.name === '' ? STAFF_SAY.noName : `${booking.name} โทร ${formatPhone(booking.phone)}`;
  return `${timeRangeText(booking.slotStart, service)} ${service?.label ?? booking.serviceId} · ${booking.code}\n   ${person}`;
}

/** Lines packed into at most MAX_LIST_PAGES texts; what does not fit is counted at the end. */
function pages(lines: readonly string[]): string[] {
  const out: string[] = [];
  let page = '';
  for (const [index, line] of lines.entries()) {
    if (page !== '' && page.length + line.length + 1 > TEXT_BUDGET) {
      if (out.length === MAX_LIST_PAGES - 1) {
        out.push(`${page}\n…และอีก ${lines.length - index} นัด (รายการเต็มอยู่ในไฟล์ส่งออกของผู้ดูแลระบบ)`);
        return out;
      }
      out.push(page);
      page = '';
    }
    page = page === '' ? line : `${page}\n${line}`;
  }
  if (page !== '') out.push(page);
  return out;
}

function agendaHeading(date: string, today: string): string {
  if (date === today) return `📋 ${STAFF_SAY.today}`;
  if (date === addDays(today, 1)) return `📋 ${STAFF_SAY.tomorrow}`;
  return '📋 นัดหมาย';
}

/** A day's visits for staff: the summary card, then the list; `today` is the Bangkok date now. */
export function agendaMessages(office: OfficeProfile, date: string, visits: readonly BookingRow[], today: string): Message[] {
  const closed = whyClosed(office, date);
  const perService = office.services
    .map((service) => ({ service, count: visits.filter((visit) => visit.serviceId === service.id).length }))
    .filter((entry) => entry.count > 0);
  const body: FlexComponent[] = [
    ftext(dayText(date), { weight: 'bold' }),
    ...(closed ? [ftext(`สำนักงานปิด${closed.reason ? `: ${closed.reason}` : ''}`, { size: 'sm', color: MUTED })] : []),
    ftext(visits.length === 0 ? STAFF_SAY.none : `ทั้งหมด ${visits.length} นัด`, { size: 'sm' }),
    ...perService.map(({ service, count }) => frow(service.label, `${count} นัด`)),
  ];
  const next = nearestOpenDay(office, date, 1);
  const previous = nearestOpenDay(office, date, -1);
  if (next) body.push(ftext(STAFF_SAY.typeDay(dayMonthText(next)), { size: 'xs', color: MUTED, margin: 'md' }));
  const steps = [
    ...(previous ? [fbutton(postbackAction(STAFF_SAY.previousOpenDay, postback.go('staff-day', { day: previous })), 'secondary')] : []),
    ...(next ? [fbutton(postbackAction(STAFF_SAY.nextOpenDay, postback.go('staff-day', { day: next })), 'secondary')] : []),
  ];
  const heading = agendaHeading(date, today);
  const card = flex(
    `${heading} ${formatThaiDate(fromIso(date))}: ${visits.length} นัด`,
    bubble({
      header: [ftext(heading, { weight: 'bold', color: '#FFFFFF' })],
      body,
      ...(steps.length > 0 ? { footer: [fbox('horizontal', steps, { spacing: 'sm' })] } : {}),
    }),
  );
  const quick = [goItem(STAFF_SAY.today, 'staff-today'), goItem(STAFF_SAY.tomorrow, 'staff-tomorrow'), menuItem()];
  const list = pages(visits.map((visit) => agendaLine(office, visit))).map((page) => text(page));
  const messages: Message[] = [card, ...list];
  const last = messages[messages.length - 1]!;
  messages[messages.length - 1] = { ...last, quickReply: { items: quick } };
  return messages;
}

