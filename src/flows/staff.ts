// Staff-only entries — today's and tomorrow's visits, any day's list from the buttons on notices
// and agendas, an admin's "เชิญเจ้าหน้าที่" — and becoming staff by sending a one-time invitation
// code (src/staff/access.ts; in the simulator also its demo code "staff-demo"). The engine refuses
// staff-only entries to everyone else, whatever the postback.
import { readAgendaDay } from '../booking/input';
import { goItem, menuItem } from '../booking/messages';
import { STAFF_SAY, agendaMessages } from '../booking/staff-messages';
import { bookingsOn } from '../booking/store';
import type { Sql } from '../db/sql';
import { addStaff, staffRole } from '../db/staff';
import { text, type Message } from '../line/messages';
import { log, userHint } from '../log';
import { addDays, bangkokDateOf, isIsoDate } from '../office/clock';
import { createInvitation, DEFAULT_INVITE_HOURS, formatInviteCode, redeemInvitation, THROTTLE_MAX_WRONG } from '../staff/access';
import { formatThaiDateTime } from '../thai/date-format';
import { bangkokToday } from '../thai/calendar';
import { normalizeInput } from '../thai/normalize';
import type { Entry, FlowContext, Services } from './types';

async function dayList(ctx: FlowContext, date: string): Promise<Message[]> {
  return agendaMessages(ctx.services.office, date, await bookingsOn(ctx.tx, ctx.services.office.id, date), bangkokDateOf(ctx.now));
}

export const staffTodayEntry: Entry = {
  id: 'staff-today',
  menuLabel: 'นัดวันนี้ (จนท.)',
  menuOrder: 60,
  staffOnly: true,
  keywords: ['นัดวันนี้', 'คิววันนี้', 'รายการนัดวันนี้', 'ตารางนัดวันนี้'],
  respond: (ctx) => dayList(ctx, bangkokDateOf(ctx.now)),
};

export const staffTomorrowEntry: Entry = {
  id: 'staff-tomorrow',
  menuLabel: 'นัดพรุ่งนี้ (จนท.)',
  menuOrder: 61,
  staffOnly: true,
  keywords: ['นัดพรุ่งนี้', 'คิวพรุ่งนี้', 'รายการนัดพรุ่งนี้', 'ตารางนัดพรุ่งนี้'],
  respond: (ctx) => dayList(ctx, addDays(bangkokDateOf(ctx.now), 1)),
};

/** The buttons only point within the booking horizon; a day further off than this is not believed. */
const DAY_LIST_REACH_DAYS = 366;

function requestedDay(day: string | undefined, today: string): string {
  const believable = day !== undefined && isIsoDate(day) && day >= addDays(today, -DAY_LIST_REACH_DAYS) && day <= addDays(today, DAY_LIST_REACH_DAYS);
  return believable ? day : today;
}

/** Param `day` ("YYYY-MM-DD", from the buttons on notices and lists); anything else shows today. */
export const staffDayEntry: Entry = {
  id: 'staff-day',
  staffOnly: true,
  keywords: [],
  respond: (ctx, params) => dayList(ctx, requestedDay(params.day, bangkokDateOf(ctx.now))),
};

/** "นัดวันที่ 18 ธ.ค.", "ดูนัด 18/12", "คิววันที่ 25": a staff member asking for one day's list. */
const AGENDA_REQUEST = /^(?:ดู)?(?:รายการ|ตาราง)?(?:นัด|คิว)(?:หมาย)?\s*(?:ของ)?\s*(?:วันที่|วัน)?\s*(\S.*)$/;

/**
 * When a staff member types a day's list request with a date, that day's agenda; otherwise
 * undefined and the message goes on to the conversation engine (for villagers "นัด…" is booking).
 */
export async function staffAgendaByText(tx: Sql, userId: string, typed: string, now: Date, services: Services): Promise<Message[] | undefined> {
  const match = AGENDA_REQUEST.exec(normalizeInput(typed));
  if (!match || !(await services.isStaff(tx, userId))) return undefined;
  const read = readAgendaDay(match[1]!, bangkokToday(now));
  if (!read.ok) return undefined;
  const today = bangkokDateOf(now);
  return agendaMessages(services.office, requestedDay(read.date, today), await bookingsOn(tx, services.office.id, read.date), today);
}

/** The simulator's demo code is compared without spaces or case: phone keyboards capitalise and space on their own. */
function demoKey(typed: string): string {
  return normalizeInput(typed).replace(/\s/g, '').toLowerCase();
}

export const ACCESS_SAY = {
  welcome: (role: 'officer' | 'admin', agendaHour: string) =>
    `ลงทะเบียนเป็น${role === 'admin' ? 'ผู้ดูแลระบบ (เจ้าหน้าที่)' : 'เจ้าหน้าที่'}เรียบร้อยแล้วค่ะ 🙏\n` +
    'ต่อจากนี้จะได้รับแจ้งทันทีเมื่อมีการจอง เลื่อน หรือยกเลิกนัด ' +
    `และสรุปนัดของวันทุกวันทำการ เวลา ${agendaHour} น.\n` +
    'พิมพ์ "นัดวันนี้" หรือ "นัดพรุ่งนี้" เพื่อดูรายการได้ทุกเมื่อค่ะ' +
    (role === 'admin' ? '\nเชิญเจ้าหน้าที่คนอื่น พิมพ์ "เชิญเจ้าหน้าที่" ค่ะ' : ''),
  already: 'คุณเป็นเจ้าหน้าที่อยู่แล้วค่ะ 😊 รหัสเชิญนี้ยังไม่ถูกใช้ ส่งต่อให้ผู้ที่ต้องการเชิญได้ค่ะ',
  alreadyDemo: 'คุณเป็นเจ้าหน้าที่อยู่แล้วค่ะ 😊',
  wrong: 'ขออภัยค่ะ รหัสเชิญนี้ไม่ถูกต้อง\nกรุณาตรวจสอบรหัส 8 ตัวที่ได้รับอีกครั้ง (เช่น ABCD-2345) แล้วส่งใหม่ได้ค่ะ',
  throttled: (minutes: number) =>
    `ขออภัยค่ะ ส่งรหัสเชิญไม่ถูกต้องหลายครั้งเกินไป\nเพื่อความปลอดภัย กรุณาลองใหม่อีกครั้งใน ${minutes} นาทีนะคะ`,
  expired: 'ขออภัยค่ะ รหัสเชิญนี้หมดอายุแล้ว\nกรุณาขอรหัสใหม่จากผู้ดูแลระบบของสำนักงานนะคะ',
  used: 'ขออภัยค่ะ รหัสเชิญนี้ถูกใช้ไปแล้ว (ใช้ได้ครั้งเดียว)\nกรุณาขอรหัสใหม่จากผู้ดูแลระบบของสำนักงานนะคะ',
  adminOnly: 'ขออภัยค่ะ การเชิญเจ้าหน้าที่ทำได้เฉพาะผู้ดูแลระบบของสำนักงานค่ะ\nกรุณาติดต่อผู้ดูแลระบบให้ส่งรหัสเชิญให้นะคะ',
  invited: (code: string, expires: string) =>
    `รหัสเชิญเจ้าหน้าที่ใหม่ค่ะ (ใช้ได้ครั้งเดียว)\n\n${code}\n\n` +
    `ส่งรหัสนี้ให้เจ้าหน้าที่ที่ต้องการเชิญ แล้วให้พิมพ์รหัสนี้ในแชตนี้ค่ะ\nใช้ได้ถึง ${expires}\n` +
    'กรุณาส่งให้เฉพาะผู้ที่ต้องการเชิญเท่านั้นนะคะ',
};

function staffButtons() {
  return [goItem(STAFF_SAY.today, 'staff-today'), goItem(STAFF_SAY.tomorrow, 'staff-tomorrow'), menuItem()];
}

/**
 * When the text is an invitation code (a one-time code, or in the simulator its demo code), makes
 * the sender staff and welcomes them, or politely refuses a wrong, used or expired code; otherwise
 * undefined and the message goes on to the conversation engine.
 */
export async function acceptStaffInvitation(tx: Sql, userId: string, typed: string, now: Date, services: Services): Promise<Message[] | undefined> {
  const office = services.office;
  // Only set in the simulator (src/config.ts): the pretend user tries the staff side.
  const demo = services.staffInviteCode;
  if (demo && demoKey(typed) === demoKey(demo)) {
    const added = await addStaff(tx, office.id, userId, 'invite', now.getTime());
    if (added) {
      log.info('staff added by the simulator demo code', { user: userHint(userId) });
      services.staffChanged?.(userId);
    }
    return [text(added ? ACCESS_SAY.welcome('officer', office.schedule.staffAgendaHour) : ACCESS_SAY.alreadyDemo, staffButtons())];
  }
  const result = await redeemInvitation(tx, office.id, userId, typed, now.getTime());
  switch (result.kind) {
    case 'not-a-code':
      return undefined;
    case 'added':
      log.info('staff added by invitation', { user: userHint(userId), role: result.role });
      services.staffChanged?.(userId);
      return [text(ACCESS_SAY.welcome(result.role, office.schedule.staffAgendaHour), staffButtons())];
    case 'already-staff':
      return [text(ACCESS_SAY.already, staffButtons())];
    case 'throttled':
      log.warn('invitation codes throttled', { user: userHint(userId), limit: THROTTLE_MAX_WRONG });
      return [text(ACCESS_SAY.throttled(result.minutes), [menuItem()])];
    case 'wrong':
      return [text(ACCESS_SAY.wrong, [menuItem()])];
    case 'expired':
      return [text(ACCESS_SAY.expired, [menuItem()])];
    case 'used':
      return [text(ACCESS_SAY.used, [menuItem()])];
  }
}

/**
 * "เชิญเจ้าหน้าที่": an admin gets a new one-time officer invitation code to pass on. Staff-only,
 * and the role is checked here: an officer is politely refused. Kept out of the menu (officers
 * would see a button they may not use).
 */
export const staffInviteEntry: Entry = {
  id: 'staff-invite',
  staffOnly: true,
  keywords: ['เชิญเจ้าหน้าที่', 'เชิญ จนท', 'เชิญจนท', 'รหัสเชิญ', 'ขอรหัสเชิญ'],
  respond: async (ctx) => {
    const office = ctx.services.office.id;
    if ((await staffRole(ctx.tx, office, ctx.userId)) !== 'admin') return [text(ACCESS_SAY.adminOnly, staffButtons())];
    const made = await createInvitation(ctx.tx, office, { role: 'officer', createdBy: ctx.userId, hours: DEFAULT_INVITE_HOURS }, ctx.now.getTime());
    log.info('staff invitation made in LINE', { user: userHint(ctx.userId) });
    return [text(ACCESS_SAY.invited(formatInviteCode(made.code), formatThaiDateTime(new Date(made.expiresAt))), staffButtons())];
  },
};
