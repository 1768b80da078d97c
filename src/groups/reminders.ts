// Reminders to group leaders (reference §4.0), queued by the scheduler's minute pass (app.ts hands it
// this job: notify imports no domain): a draft nobody touched for the office's draftIdleReminderDays
// gets one push with a button back into the hub; a case staff sent back (needs_info) unanswered for
// needsInfoReminderDays gets one push naming the sections to fix. Once per quiet period: the dedupe
// key carries the case version, so a case the leader changes and leaves again is reminded again.
// A case whose person erased their data (applicant 'erased') is never reminded.
import { menuItem } from '../booking/messages';
import { ERASED_APPLICANT, reopenedSections } from '../cases/actions';
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { GROUP_ENTRIES } from '../flows/groups/ids';
import { postback } from '../flows/postback';
import { postbackAction, quickItem, text, type Message } from '../line/messages';
import { enqueuePush } from '../notify/outbox';
import type { OfficeProfile } from '../office/profile';
import { SECTION_TITLES } from './data';
import { GROUP_KIND, groupDataOf } from './store';

const DAY_MS = 86_400_000;
/** Cases one pass reminds at most per kind of reminder (the next minute takes the rest). */
export const GROUP_REMINDER_BATCH = 50;

type Reminder = 'idle' | 'needs_info';

export function reminderKey(office: string, c: Pick<CaseRow, 'id' | 'version'>, reminder: Reminder): string {
  return `group-${reminder}:${office}:${c.id}:v${c.version}`;
}

/** "ข้อมูลกลุ่ม "กลุ่มแม่บ้าน…"" — or "ข้อมูลกลุ่มของคุณ" before the profile is filled (or if the data cannot be read). */
function groupTitle(c: CaseRow): string {
  let name: string | undefined;
  try {
    name = groupDataOf(c).profile?.name;
  } catch {
    name = undefined;
  }
  return name ? `ข้อมูลกลุ่ม "${name}"` : 'ข้อมูลกลุ่มของคุณ';
}

function hubButton(c: CaseRow, label: string) {
  return quickItem(postbackAction(label, postback.go(GROUP_ENTRIES.submit, { c: String(c.id) })));
}

export function idleDraftMessages(c: CaseRow): Message[] {
  return [text(`${groupTitle(c)} ยังไม่ได้ส่งให้สำนักงานนะคะ\nกรอกต่อจากที่ค้างไว้ได้เลยค่ะ ข้อมูลที่กรอกแล้วยังอยู่ครบ`, [hubButton(c, 'กรอกต่อ'), menuItem()])];
}

export function needsInfoMessages(c: CaseRow): Message[] {
  const sections = reopenedSections(c).map((s) => SECTION_TITLES[s as keyof typeof SECTION_TITLES] ?? s);
  return [
    text(
      `เจ้าหน้าที่ยังรอข้อมูลเพิ่มของกลุ่ม${c.reference ? ` (${c.reference})` : ''} อยู่นะคะ\nส่วนที่ต้องแก้: ${sections.join(', ')}\nแก้แล้วกดส่งอีกครั้งได้เลยค่ะ`,
      [hubButton(c, 'แก้ข้อมูล'), menuItem()],
    ),
  ];
}

/** Cases of a status untouched since before the cutoff and not yet reminded at this version. */
function quietCases(tx: Sql, office: string, status: string, cutoff: number, reminder: Reminder): Promise<CaseRow[]> {
  const prefix = `group-${reminder}:${office}:`;
  return tx.all<CaseRow>(q`
    SELECT c.* FROM cases c
    WHERE c.office_id = ${office} AND c.kind = ${GROUP_KIND} AND c.status = ${status} AND c.updated_at < ${cutoff}
      AND c.applicant_user_id <> ${ERASED_APPLICANT}
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.office_id = c.office_id AND o.dedupe_key = ${prefix} || CAST(c.id AS TEXT) || ':v' || CAST(c.version AS TEXT))
    ORDER BY c.updated_at, c.id LIMIT ${GROUP_REMINDER_BATCH}`);
}

/** Queue the office's due group reminders in the caller's transaction. Returns how many were queued. */
export async function queueGroupReminders(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  const at = now.getTime();
  const { draftIdleReminderDays, needsInfoReminderDays } = office.groups;
  let queued = 0;
  const push = async (c: CaseRow, reminder: Reminder, messages: Message[]) => {
    const ref = `case:${office.id}:${c.id}`;
    const id = await enqueuePush(tx, office.id, { to: c.applicantUserId, messages, purpose: `group-reminder-${reminder}`, dueAt: at, ref, dedupeKey: reminderKey(office.id, c, reminder) }, at);
    if (id !== undefined) queued++;
  };
  for (const c of await quietCases(tx, office.id, 'draft', at - draftIdleReminderDays * DAY_MS, 'idle')) await push(c, 'idle', idleDraftMessages(c));
  for (const c of await quietCases(tx, office.id, 'needs_info', at - needsInfoReminderDays * DAY_MS, 'needs_info')) await push(c, 'needs_info', needsInfoMessages(c));
  return queued;
}
