// A registered group's activity reports, read for the report conversation and the reminder: the
// leader's registered groups, when each was registered, its reports, the period it owes, the balance
// its last report left, and the push at the start of a period saying a report is due (queued once per
// group and period: the dedupe key names both).
import type { CaseRow } from '../db/schema';
import { q, type Sql } from '../db/sql';
import { postback } from '../flows/postback';
import { GROUP_ENTRIES } from '../flows/groups/ids';
import { postbackAction, quickItem, text, type Message } from '../line/messages';
import { enqueuePush } from '../notify/outbox';
import { bangkokInstant } from '../office/clock';
import type { OfficeProfile } from '../office/profile';
import { bangkokDateOf, bangkokToday, toIso } from '../thai/calendar';
import { groupReportData, type GroupReportData } from '../cases/kinds/group-report';
import { duePeriod, periodLabel, periodOf, type Period, type PeriodSettings } from './periods';
import { GROUP_KIND, groupDataOf } from './store';

export const REPORT_KIND = 'group_report';
/** A report in these statuses counts as sent for its period (a second one is refused). */
export const SENT_REPORT_STATUSES = ['submitted', 'needs_info', 'resubmitted', 'reviewed'] as const;

export async function registeredGroupsOf(db: Sql, office: string, userId: string): Promise<CaseRow[]> {
  return db.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office} AND kind = ${GROUP_KIND} AND applicant_user_id = ${userId} AND status = 'registered'
    ORDER BY id`);
}

/** The day (Bangkok) the group was registered: its history's move to 'registered'. */
export async function registeredOn(db: Sql, office: string, group: CaseRow): Promise<string> {
  const row = await db.get<{ at: number }>(q`
    SELECT at FROM case_history WHERE office_id = ${office} AND case_id = ${group.id} AND to_status = 'registered' AND from_status <> 'registered'
    ORDER BY at LIMIT 1`);
  return toIso(bangkokDateOf(new Date(Number(row?.at ?? group.updatedAt))));
}

export interface ReportCase {
  c: CaseRow;
  data: GroupReportData;
}

/** Every report of the group (any status), the latest period first. */
export async function reportsOfGroup(db: Sql, office: string, group: CaseRow): Promise<ReportCase[]> {
  const rows = await db.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office} AND kind = ${REPORT_KIND} AND applicant_user_id = ${group.applicantUserId} ORDER BY id DESC`);
  return rows
    .map((c) => ({ c, data: groupReportData.parse(JSON.parse(c.data)) }))
    .filter((r) => r.data.groupCaseId === group.id)
    .sort((a, b) => (a.data.period.from < b.data.period.from ? 1 : -1));
}

export function sentReports(reports: readonly ReportCase[]): ReportCase[] {
  return reports.filter((r) => (SENT_REPORT_STATUSES as readonly string[]).includes(r.c.status));
}

/** The period the group owes a report for today, if any. */
export async function periodDue(db: Sql, office: string, group: CaseRow, settings: PeriodSettings, now: Date): Promise<Period | undefined> {
  const reported = sentReports(await reportsOfGroup(db, office, group)).map((r) => r.data.period.key);
  return duePeriod(bangkokToday(now), await registeredOn(db, office, group), reported, settings);
}

/** The balance the group's last sent report before this period left, if it gave one. */
export function previousBalance(reports: readonly ReportCase[], period: Period): number | undefined {
  return sentReports(reports).find((r) => r.data.period.to < period.from && r.data.balanceSatang !== undefined)?.data.balanceSatang;
}

export const REPORT_REMINDER = {
  purpose: 'group-report-due',
  text: (group: string, period: string) => `📋 ถึงเวลาส่งรายงานกิจกรรมกลุ่มแล้วค่ะ\nกลุ่ม: ${group}\nงวด: ${period}\nกดปุ่มด้านล่างเพื่อเริ่มได้เลยนะคะ`,
  button: 'ส่งรายงานกลุ่ม',
};

export function reportReminderMessages(groupName: string, period: string, groupCaseId: number): Message[] {
  return [text(REPORT_REMINDER.text(groupName, period), [quickItem(postbackAction(REPORT_REMINDER.button, postback.go(GROUP_ENTRIES.report, { c: String(groupCaseId) })))])];
}

/** The hour the reminder goes out on the first day of a period (Bangkok), not at midnight. */
const REMINDER_HOUR = '09:00';

/**
 * The scheduler's job (once a minute, per office): every registered group owing a report for the
 * period just ended gets one push, at 09:00 on the first day of the new period (or now, if later).
 * Returns how many were queued now.
 */
export async function queueReportReminders(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  const settings = office.groups;
  const groups = await tx.all<CaseRow>(q`SELECT * FROM cases WHERE office_id = ${office.id} AND kind = ${GROUP_KIND} AND status = 'registered' ORDER BY id`);
  let queued = 0;
  for (const group of groups) {
    const due = await periodDue(tx, office.id, group, settings, now);
    if (!due) continue;
    const startsAt = bangkokInstant(periodOf(bangkokToday(now), settings).from, REMINDER_HOUR).getTime();
    const name = groupDataOf(group).profile?.name ?? '';
    const id = await enqueuePush(
      tx,
      office.id,
      {
        to: group.applicantUserId,
        messages: reportReminderMessages(name, periodLabel(due, settings), group.id),
        purpose: REPORT_REMINDER.purpose,
        dueAt: Math.max(startsAt, now.getTime()),
        ref: `case:${office.id}:${group.id}`,
        dedupeKey: `group-report-due:${group.id}:${due.key}`,
      },
      now.getTime(),
    );
    if (id !== undefined) queued++;
  }
  return queued;
}
