// Staff-only entries — today's and tomorrow's visits, and any day's list from the buttons on notices
// and agendas — and becoming staff by sending the invitation code from the configuration
// (STAFF_INVITE_CODE). The engine refuses staff-only entries to everyone else, whatever the postback.
import { readAgendaDay } from '../booking/input';
import { goItem, menuItem } from '../booking/messages';
import { STAFF_SAY, agendaMessages } from '../booking/staff-messages';
import { bookingsOn } from '../booking/store';
import type { Sql } from '../db/sql';
import { addStaff } from '../db/staff';
import { text, type Message } from '../line/messages';
import { log, userHint } from '../log';
import { addDays, bangkokDateOf, isIsoDate } from '../office/clock';
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

/** Codes are compared without spaces or case: phone keyboards capitalise and space on their own. */
function invitationKey(typed: string): string {
  return normalizeInput(typed).replace(/\s/g, '').toLowerCase();
}

/**
 * When the text is the invitation code, makes the sender staff and welcomes them; otherwise
 * undefined and the message goes on to the conversation engine.
 */
export async function acceptStaffInvitation(tx: Sql, userId: string, typed: string, now: Date, services: Services): Promise<Message[] | undefined> {
  const code = services.staffInviteCode;
  if (!code || invitationKey(typed) !== invitationKey(code)) return undefined;
  const added = await addStaff(tx, services.office.id, userId, 'invite', now.getTime());
  if (added) log.info('staff added by invitation', { user: userHint(userId) });
  const welcome = added
    ? 'ลงทะเบียนเป็นเจ้าหน้าที่เรียบร้อยแล้วค่ะ 🙏\n' +
      'ต่อจากนี้จะได้รับแจ้งทันทีเมื่อมีการจอง เลื่อน หรือยกเลิกนัด ' +
      `และสรุปนัดของวันทุกวันทำการ เวลา ${services.office.schedule.staffAgendaHour} น.\n` +
      'พิมพ์ "นัดวันนี้" หรือ "นัดพรุ่งนี้" เพื่อดูรายการได้ทุกเมื่อค่ะ'
    : 'คุณเป็นเจ้าหน้าที่อยู่แล้วค่ะ 😊';
  return [text(welcome, [goItem(STAFF_SAY.today, 'staff-today'), goItem(STAFF_SAY.tomorrow, 'staff-tomorrow'), menuItem()])];
}
