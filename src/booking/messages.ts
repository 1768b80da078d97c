// What the villager sees about a booking: the day and time questions, the summary to confirm, the
// confirmation with the reference code and what to bring, the list of upcoming visits, the cancel
// question, and the reminders. Pure builders; dates go through the one Thai formatter.
import type { BookingRow } from '../db/schema';
import { COMMAND_LABELS } from '../flows/commands';
import { postback } from '../flows/postback';
import { bringItems } from './documents';
import { bubble, fbox, fbutton, flex, frow, fseparator, ftext, postbackAction, quickItem, text, uriAction, type FlexComponent, type Message, type QuickReplyItem } from '../line/messages';
import { clockTimeOf, minutesOfDay } from '../office/clock';
import type { OfficeProfile, OfficeService } from '../office/profile';
import { LINE_LIMITS } from '../line/limits';
import { bangkokTimeOf, dayOfWeek, fromIso } from '../thai/calendar';
import { thaiMonthName, thaiWeekdayName } from '../thai/thai-calendar';
import { formatThaiDate, formatThaiDateTime } from '../thai/date-format';
import { formatPhone } from '../thai/phone';
import type { DayProblem, OpenDay, OpenSlot } from './availability';
import { findService } from './schedule';

const MUTED = '#6B7280';
const WARNING = '#B45309';
const NOON = '12:00';
const TIME_BUTTONS_PER_ROW = 3;
/** LINE shows at most 12 bubbles in a carousel. */
const MAX_LISTED = 12;

export const SAY = {
  service: 'จองคิวมาติดต่อสำนักงานเรื่องอะไรคะ 👇',
  pickDay: 'เลือกวันที่จะมาติดต่อค่ะ',
  otherDayHint: (example: string) => `ถ้าต้องการวันอื่น กด "เลือกวันอื่น" ด้านล่าง หรือพิมพ์วันที่ เช่น ${example} ได้ค่ะ`,
  movingHint: 'นัดเดิมยังอยู่จนกว่าจะยืนยันเวลาใหม่นะคะ',
  pickTime: 'เลือกเวลาค่ะ',
  morning: 'ช่วงเช้า',
  afternoon: 'ช่วงบ่าย',
  otherDay: 'เลือกวันอื่น',
  datePicker: '📅 เลือกวันอื่น',
  timeUnreadable: 'กรุณาเลือกเวลาจากปุ่มด้านบน หรือพิมพ์เวลา เช่น 09:30 หรือ บ่ายสอง ค่ะ',
  notASlot: (time: string) => `เวลา ${time} น. ไม่มีในตารางของวันนั้นค่ะ เลือกจากปุ่มด้านบนได้เลยค่ะ`,
  sameSlot: 'นี่คือเวลาของนัดเดิมค่ะ เลือกเวลาอื่นได้เลยค่ะ',
  clash: (what: string, when: string) =>
    `ตอนนี้มีนัด${what} ${when} อยู่แล้ว ซึ่งเป็นเวลาเดียวกันค่ะ\nต้องการจองอีกนัดในเวลาเดียวกันไหมคะ (เช่น มาพร้อมกันสองเรื่อง หรือจองให้อีกคน)`,
  bothVisits: 'จองเพิ่มอีกนัด',
  windowClosed: (label: string, opens: string | undefined) =>
    `ตอนนี้ยังไม่ถึงช่วงลงทะเบียน${label}ค่ะ จึงยังจองคิวยื่นเรื่องไม่ได้` +
    (opens ? ` รอบถัดไปเริ่ม${opens}` : '') +
    '\nถ้าต้องการมาสอบถามหรือให้เจ้าหน้าที่ดูเอกสารก่อน จองคิว "ปรึกษาเจ้าหน้าที่" ได้เลยค่ะ',
  notRegistrationDay: (day: string, windows: string) => `${day} ไม่อยู่ในช่วงรับลงทะเบียนค่ะ (รับ ${windows}) เลือกวันอื่นได้เลยค่ะ`,
  onlyRegistrationDays: 'มีให้เลือกเฉพาะวันที่รับลงทะเบียนค่ะ',
  askAdvice: 'จองคิวปรึกษา',
  remindOpening: 'เตือนเมื่อเปิดรับ',
  paymentWarning: (lastGood: string, soonest: string, later: string, loss: string) =>
    `⚠️ ยื่นภายใน${lastGood} เริ่มได้รับเงิน${soonest} ถ้ามาหลังจากนั้น เงินจะเริ่ม${later} ช้าไป ${loss}`,
  laterDayCosts: (day: string, later: string, loss: string) => `⚠️ ถ้ายื่น${day} เงินจะเริ่ม${later} ช้าไป ${loss} เมื่อเทียบกับวันแรกที่ว่างค่ะ`,
  pickOtherTime: 'เลือกเวลาอื่น',
  slotJustFilled: (time: string) => `ขออภัยค่ะ 🙏 เวลา ${time} น. เพิ่งมีคนจองเต็มไปเมื่อสักครู่ เลือกเวลาอื่นได้เลยค่ะ`,
  dayJustFilled: (day: string) => `ขออภัยค่ะ 🙏 ${day} เพิ่งมีคนจองเต็มไปเมื่อสักครู่ เลือกวันอื่นได้เลยค่ะ`,
  dayFull: (day: string) => `${day} คิวเต็มแล้วค่ะ เลือกวันอื่นได้เลยค่ะ`,
  slotTooSoon: (time: string) => `ขออภัยค่ะ เวลา ${time} น. ใกล้เกินกว่าจะจองได้แล้ว เลือกเวลาอื่นได้เลยค่ะ`,
  name: 'ขอชื่อและนามสกุลของผู้ที่จะมาติดต่อค่ะ\n(ชื่อและเบอร์โทรใช้เพื่อการนัดหมายและให้เจ้าหน้าที่ติดต่อกลับเท่านั้นค่ะ)',
  phone: 'ขอเบอร์โทรศัพท์ที่ติดต่อได้ค่ะ เช่น 081-234-5678',
  checkSummary: 'ตรวจสอบก่อนยืนยันนะคะ',
  confirm: 'ยืนยันนัด',
  editHint: 'ถ้าต้องการแก้ไข กด "ย้อนกลับ" ได้ค่ะ',
  booked: '✅ จองคิวเรียบร้อยแล้วค่ะ',
  moved: '✅ เลื่อนนัดเรียบร้อยแล้วค่ะ',
  code: 'รหัสนัด',
  bring: 'สิ่งที่ต้องนำมา',
  arriveEarly: 'มาถึงก่อนเวลานัดสัก 10 นาที และแจ้งรหัสนัดกับเจ้าหน้าที่นะคะ',
  changeHint: 'ถ้ามาไม่ได้ เลื่อนหรือยกเลิกได้ที่ "นัดหมายของฉัน" ค่ะ 🙏',
  noBookings: 'ตอนนี้ยังไม่มีนัดหมายค่ะ จองคิวมาติดต่อสำนักงานได้เลยนะคะ',
  yourBookings: (count: number) => `นัดหมายที่กำลังจะถึง ${count} รายการค่ะ`,
  reschedule: 'เลื่อนนัด',
  cancelBooking: 'ยกเลิกนัด',
  confirmCancel: 'ยืนยันยกเลิกนัด',
  keepBooking: 'ไม่ยกเลิก',
  cancelled: (code: string) => `ยกเลิกนัดรหัส ${code} เรียบร้อยแล้วค่ะ ขอบคุณที่แจ้งนะคะ 🙏 ที่ว่างนี้จะเปิดให้คนอื่นจองได้ค่ะ`,
  gone: 'นัดนี้ถูกยกเลิก เปลี่ยนเวลา หรือเลยเวลานัดไปแล้วค่ะ',
  myBookings: 'นัดหมายของฉัน',
  tooManyVisits: (max: number) =>
    `ตอนนี้มีนัดที่ยังไม่ถึงวันครบ ${max} นัดแล้วค่ะ ถ้าต้องการนัดใหม่ เลื่อนหรือยกเลิกนัดเดิมได้ที่ "นัดหมายของฉัน" หรือโทรหาเจ้าหน้าที่ได้เลยค่ะ`,
  bookAgain: 'จองคิว',
  map: 'ดูแผนที่สำนักงาน',
  remindTomorrow: '⏰ พรุ่งนี้มีนัดนะคะ',
  remindToday: '⏰ วันนี้มีนัดนะคะ',
};

// ---- small pieces ------------------------------------------------------------------------------

/** "วันจันทร์ที่ 23 พ.ย. 2569" for a stored "YYYY-MM-DD". */
export function dayText(date: string): string {
  return formatThaiDate(fromIso(date), { weekday: true });
}

/** "23 พ.ย." for a stored "YYYY-MM-DD": the short form people type for a day ahead. */
export function dayMonthText(date: string): string {
  const d = fromIso(date);
  return `${d.day} ${thaiMonthName(d.month, 'short')}`;
}

/** "วันจันทร์ที่ 23 พ.ย. 2569 เวลา 09:00 น." */
export function whenText(booking: Pick<BookingRow, 'startsAt'>): string {
  return formatThaiDateTime(new Date(booking.startsAt), { weekday: true });
}

/** "09:00–09:15 น." */
export function timeRangeText(start: string, service: OfficeService | undefined): string {
  return service ? `${start}–${clockTimeOf(minutesOfDay(start) + service.durationMinutes)} น.` : `${start} น.`;
}

function serviceTitle(service: OfficeService | undefined, serviceId: string): string {
  return service?.title ?? serviceId;
}

/** A quick-reply button that opens a menu entry (a flow or a one-shot answer). */
export function goItem(label: string, entry: string, params: Record<string, string> = {}): QuickReplyItem {
  return quickItem(postbackAction(label, postback.go(entry, params)));
}

export function menuItem(): QuickReplyItem {
  return quickItem(postbackAction(COMMAND_LABELS.menu, postback.command('menu')));
}

function mapUrl(office: OfficeProfile): string {
  const { latitude, longitude } = office.office.location;
  return `https://www.google.com/maps/search/?api=1&query=${latitude},${longitude}`;
}

/** Under a booked visit: the way to the office, and to move or cancel it. */
function visitFooter(office: OfficeProfile): FlexComponent[] {
  return [fbutton(uriAction(SAY.map, mapUrl(office)), 'secondary'), fbutton(postbackAction(SAY.myBookings, postback.go('my-bookings')), 'link')];
}

function bringList(service: OfficeService | undefined): FlexComponent[] {
  const items = service ? bringItems(service) : [];
  if (items.length === 0) return [];
  return [
    fseparator(),
    ftext(SAY.bring, { weight: 'bold', size: 'sm' }),
    ...items.map((item) => ftext(`• ${item}`, { size: 'sm' })),
  ];
}

function placeRow(office: OfficeProfile): FlexComponent {
  return frow('สถานที่', `${office.office.name} ${office.office.unit}`);
}

// ---- asking ------------------------------------------------------------------------------------

/** "วันอังคารที่ 24 พ.ย. 2569 ว่าง 56 ที่"; the weekday shorter when that would not fit a button. */
function dayButtonLabel(day: OpenDay): string {
  const places = ` ว่าง ${day.free} ที่`;
  const full = `${dayText(day.date)}${places}`;
  if (full.length <= LINE_LIMITS.flexButtonLabel) return full;
  const d = fromIso(day.date);
  return `${thaiWeekdayName(dayOfWeek(d))} ${formatThaiDate(d)}${places}`;
}

/** The day question: a button per open day with its free places; the date picker rides below. */
export function dayQuestion(
  service: OfficeService,
  days: readonly OpenDay[],
  answerData: (value: string) => string,
  example: string,
  moving?: BookingRow,
  notes: readonly string[] = [],
): Message {
  const heading: FlexComponent[] = [ftext(SAY.pickDay, { weight: 'bold' }), ftext(service.title, { size: 'sm', color: MUTED })];
  if (moving) heading.push(ftext(`นัดเดิม: ${whenText(moving)}\n${SAY.movingHint}`, { size: 'sm', color: MUTED }));
  for (const note of notes) heading.push(ftext(note, { size: 'sm', color: WARNING }));
  const buttons = days.map((day) => fbutton(postbackAction(dayButtonLabel(day), answerData(day.date), dayText(day.date))));
  const altDays = days.map((day) => formatThaiDate(fromIso(day.date))).join(', ');
  return flex(`${SAY.pickDay}: ${altDays}`, bubble({ body: [...heading, ...buttons, ftext(SAY.otherDayHint(example), { size: 'xs', color: MUTED })] }));
}

/** Said instead of day buttons when a service has no free place left in the whole horizon. */
export function fullyBookedText(office: OfficeProfile, service: OfficeService, lastDate: string): string {
  return (
    `ขออภัยค่ะ 🙏 คิว${service.label}เต็มทุกวันถึง${dayText(lastDate)} แล้ว ` +
    `โทรสอบถามเจ้าหน้าที่ได้ที่ ${formatPhone(office.office.phone)} ค่ะ`
  );
}

export function dayProblemText(problem: DayProblem, date: string): string {
  switch (problem.kind) {
    case 'past':
      return 'วันนั้นผ่านมาแล้วค่ะ เลือกวันที่ยังมาไม่ถึงได้เลยค่ะ';
    case 'too-far':
      return `จองล่วงหน้าได้ถึง${dayText(problem.lastDate)} ค่ะ เลือกวันที่ใกล้กว่านี้ได้เลยค่ะ`;
    case 'closed':
      return problem.why.reason
        ? `${dayText(date)} สำนักงานไม่เปิดให้บริการค่ะ (${problem.why.reason}) เลือกวันอื่นได้เลยค่ะ`
        : `${dayText(date)} เป็นวันหยุด สำนักงานปิดค่ะ เลือกวันอื่นได้เลยค่ะ`;
    case 'no-slots':
      return problem.today ? 'วันนี้เลยเวลาที่จองได้แล้วค่ะ เลือกวันอื่นได้เลยค่ะ' : `${dayText(date)} ไม่มีช่วงเวลาให้จองเรื่องนี้ค่ะ เลือกวันอื่นได้เลยค่ะ`;
    case 'full':
      return SAY.dayFull(dayText(date));
  }
}

function timeRows(slots: readonly OpenSlot[], answerData: (value: string) => string): FlexComponent[] {
  const rows: FlexComponent[] = [];
  for (let i = 0; i < slots.length; i += TIME_BUTTONS_PER_ROW) {
    const row: FlexComponent[] = slots
      .slice(i, i + TIME_BUTTONS_PER_ROW)
      .map((slot) => fbutton(postbackAction(slot.start, answerData(slot.start), `เวลา ${slot.start} น.`)));
    while (row.length < TIME_BUTTONS_PER_ROW) row.push({ type: 'filler' });
    rows.push(fbox('horizontal', row, { spacing: 'sm' }));
  }
  return rows;
}

/** The time question: the free times of the day as buttons, morning and afternoon apart. */
export function timeQuestion(service: OfficeService, date: string, free: readonly OpenSlot[], answerData: (value: string) => string, otherDayValue: string): Message {
  const sections: FlexComponent[] = [];
  for (const [label, part] of [
    [SAY.morning, free.filter((slot) => slot.start < NOON)],
    [SAY.afternoon, free.filter((slot) => slot.start >= NOON)],
  ] as const) {
    if (part.length > 0) sections.push(ftext(label, { size: 'sm', weight: 'bold', margin: 'md' }), ...timeRows(part, answerData));
  }
  if (sections.length === 0) sections.push(ftext(SAY.dayFull(dayText(date)), { size: 'sm' }));
  const body: FlexComponent[] = [
    ftext(SAY.pickTime, { weight: 'bold' }),
    ftext(`${service.title}\n${dayText(date)}`, { size: 'sm', color: MUTED }),
    ...sections,
    fbutton(postbackAction(SAY.otherDay, answerData(otherDayValue)), 'link'),
  ];
  const altTimes = free.map((slot) => slot.start).join(' ');
  return flex(`${SAY.pickTime} ${dayText(date)}: ${altTimes}`, bubble({ body }));
}

export interface SummaryParts {
  office: OfficeProfile;
  service: OfficeService;
  date: string;
  start: string;
  name: string;
  phone: string;
  moving?: BookingRow;
  /** Said above the confirm button, e.g. that this day starts the money later. */
  warning?: string;
}

/** The summary shown before the place is taken, with the confirm button. */
export function summary(parts: SummaryParts, confirmData: string): Message {
  const { office, service, date, start, name, phone, moving, warning } = parts;
  const rows: FlexComponent[] = [
    frow('บริการ', service.title),
    ...(moving ? [frow('นัดเดิม', whenText(moving))] : []),
    frow(moving ? 'วันใหม่' : 'วันที่', dayText(date)),
    frow('เวลา', timeRangeText(start, service)),
    frow('ชื่อ', name),
    frow('โทร', formatPhone(phone)),
    placeRow(office),
  ];
  return flex(
    `${SAY.checkSummary}: ${service.label} ${dayText(date)} ${start} น.`,
    bubble({
      header: [ftext(SAY.checkSummary, { weight: 'bold', color: '#FFFFFF' })],
      body: [...rows, ...(warning ? [ftext(warning, { size: 'sm', color: WARNING })] : []), ftext(SAY.editHint, { size: 'xs', color: MUTED })],
      footer: [fbutton(postbackAction(SAY.confirm, confirmData), 'primary')],
    }),
  );
}

// ---- done --------------------------------------------------------------------------------------

export interface ReminderTime {
  kind: 'day-before' | 'morning-of';
  at: Date;
}

const REMINDER_WHEN: Record<ReminderTime['kind'], string> = { 'day-before': 'วันก่อนนัด', 'morning-of': 'เช้าวันนัด' };

function reminderNote(reminders: readonly ReminderTime[]): string {
  const when = reminders.map((r) => `${REMINDER_WHEN[r.kind]} เวลา ${bangkokTimeOf(r.at)} น.`);
  return when.length > 0 ? `จะส่งข้อความเตือน${when.join(' และ')} นะคะ\n` : '';
}

/** The confirmation: the code to show at the counter, when and where, what to bring; then the way on. */
export function bookedMessages(office: OfficeProfile, service: OfficeService | undefined, booking: BookingRow, reminders: readonly ReminderTime[], kind: 'booked' | 'moved'): Message[] {
  const heading = kind === 'booked' ? SAY.booked : SAY.moved;
  const card = flex(
    `${heading} ${SAY.code} ${booking.code} ${whenText(booking)}`,
    bubble({
      header: [ftext(heading, { weight: 'bold', color: '#FFFFFF' })],
      body: [
        ftext(SAY.code, { size: 'sm', color: MUTED }),
        ftext(booking.code, { size: 'xxl', weight: 'bold' }),
        frow('บริการ', serviceTitle(service, booking.serviceId)),
        frow('วันที่', dayText(booking.slotDate)),
        frow('เวลา', timeRangeText(booking.slotStart, service)),
        placeRow(office),
        ...bringList(service),
        ftext(SAY.arriveEarly, { size: 'sm', color: MUTED, margin: 'md' }),
      ],
      footer: visitFooter(office),
    }),
  );
  return [card, text(`${reminderNote(reminders)}${SAY.changeHint}`, [goItem(SAY.myBookings, 'my-bookings'), menuItem()])];
}

// ---- my bookings -------------------------------------------------------------------------------

/** Params that tie a cancel button to the booking as it was shown, so a moved booking is not cancelled by an old button. */
function cancelParams(booking: BookingRow, confirm = false): Record<string, string> {
  return { booking: String(booking.id), at: String(booking.startsAt), ...(confirm ? { confirm: 'yes' } : {}) };
}

function bookingCard(office: OfficeProfile, booking: BookingRow): FlexComponent[] {
  const service = findService(office, booking.serviceId);
  return [
    ftext(serviceTitle(service, booking.serviceId), { weight: 'bold' }),
    frow(SAY.code, booking.code),
    frow('วันที่', dayText(booking.slotDate)),
    frow('เวลา', timeRangeText(booking.slotStart, service)),
  ];
}

/** "นัดหมายของฉัน": each upcoming visit with buttons to move or cancel it. */
export function myBookingsMessages(office: OfficeProfile, upcoming: readonly BookingRow[]): Message[] {
  const quick = [goItem(SAY.bookAgain, 'booking'), menuItem()];
  if (upcoming.length === 0) return [text(SAY.noBookings, quick)];
  const cards = upcoming.slice(0, MAX_LISTED).map((booking) =>
    bubble({
      body: bookingCard(office, booking),
      footer: [
        fbutton(postbackAction(SAY.reschedule, postback.go('booking', { reschedule: String(booking.id) })), 'secondary'),
        fbutton(postbackAction(SAY.cancelBooking, postback.go('cancel-booking', cancelParams(booking))), 'link'),
      ],
    }),
  );
  const carousel = flex(SAY.yourBookings(upcoming.length), { type: 'carousel', contents: cards });
  return [text(SAY.yourBookings(upcoming.length)), { ...carousel, quickReply: { items: quick } }];
}

export function cancelQuestion(office: OfficeProfile, booking: BookingRow): Message {
  const service = findService(office, booking.serviceId);
  return text(`ต้องการยกเลิกนัดนี้ใช่ไหมคะ\n${serviceTitle(service, booking.serviceId)}\n${whenText(booking)}\n${SAY.code} ${booking.code}`, [
    goItem(SAY.confirmCancel, 'cancel-booking', cancelParams(booking, true)),
    goItem(SAY.keepBooking, 'my-bookings'),
  ]);
}

export function cancelledMessages(booking: BookingRow): Message[] {
  return [text(SAY.cancelled(booking.code), [goItem(SAY.bookAgain, 'booking'), goItem(SAY.myBookings, 'my-bookings'), menuItem()])];
}

/** For a button or request about a visit that is no longer there to act on; never a dead end. */
export function goneMessages(): Message[] {
  return [text(SAY.gone, [goItem(SAY.myBookings, 'my-bookings'), goItem(SAY.bookAgain, 'booking'), menuItem()])];
}

// ---- reminders ---------------------------------------------------------------------------------

export function reminderMessages(office: OfficeProfile, service: OfficeService | undefined, booking: BookingRow, kind: ReminderTime['kind']): Message[] {
  const heading = kind === 'day-before' ? SAY.remindTomorrow : SAY.remindToday;
  return [
    flex(
      `${heading} ${booking.slotStart} น. ที่${office.office.shortName} (${SAY.code} ${booking.code})`,
      bubble({
        header: [ftext(heading, { weight: 'bold', color: '#FFFFFF' })],
        body: [
          frow('บริการ', serviceTitle(service, booking.serviceId)),
          frow('วันที่', dayText(booking.slotDate)),
          frow('เวลา', timeRangeText(booking.slotStart, service)),
          frow(SAY.code, booking.code),
          placeRow(office),
          ftext(office.office.address, { size: 'xs', color: MUTED }),
          ...bringList(service),
          ftext(SAY.changeHint, { size: 'sm', color: MUTED, margin: 'md' }),
        ],
        footer: visitFooter(office),
      }),
    ),
  ];
}
