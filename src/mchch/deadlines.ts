// The clock-driven มชช. jobs (reference §4.0, §4.3), run by the scheduler's minute pass (app.ts hands
// them over: notify imports no domain), each in the office's own transaction, cheap when there is
// nothing to do and idempotent through the outbox's dedupe keys (a second pass, a restart or a second
// process sends nothing twice). All go out at or after the office's settings.mchch.reminders.hour
// (Bangkok) on their day:
//   a. round opened — every subscriber still waiting (src/mchch/subscriptions.ts) and who did not ask
//      while this round was already open gets one push: the round (label and window), what each type
//      prepares, and "สมัคร มชช."; notified_round is set in the same transaction. Sent from the
//      opening day on while the round is open (a bot down on the opening day still tells them).
//   b. applicant reminders — on the day localCutoff − d for d in applicantDaysBefore, each application
//      of that round in draft or needs_info gets one push (what is missing, the cut-off, a button into it).
//      Never to an erased applicant.
//   c. staff digest — on the day localCutoff − d for d in staffDaysBefore, each staff member gets one
//      push with the counts of what is still open; nothing open, no push.
// Every push names the round it is about (roundLabel). Days missed while the bot was down are not
// caught up (b, c): a reminder a day late would give the wrong "days left".
import { menuItem } from '../booking/messages';
import { ERASED_APPLICANT } from '../cases/actions';
import { mchchKind } from '../cases/kinds/mchch';
import { CASE_ENTRIES, openCaseData } from '../cases/messages';
import { checklistFor, readiness } from './readiness';
import type { CaseRow } from '../db/schema';
import { isIn, q, type Sql } from '../db/sql';
import { staffIds } from '../db/staff';
import { MCHCH_ENTRIES } from '../flows/mchch/ids';
import { postback } from '../flows/postback';
import { postbackAction, quickItem, text, type Message } from '../line/messages';
import { enqueuePush } from '../notify/outbox';
import type { MchchRound, MchchSettings } from '../office/mchch-settings';
import type { OfficeProfile } from '../office/profile';
import { addDays, bangkokTimeOf, bangkokToday, fromIso, minutesOfDay, toIso } from '../thai/calendar';
import { formatThaiDate } from '../thai/date-format';
import { CHECKLIST_SHORT, MCHCH_SECTION_TITLES, MCHCH_TYPES, TYPE_TITLES, type MchchData } from './data';
import { districtDeadlineText, roundLabel, roundStatus, roundAt } from './rounds';
import { MCHCH_KIND, mchchDataOf } from './store';
import { markNotified, waitingFor } from './subscriptions';

/** Subscribers one pass tells at most (the next minute takes the rest). */
export const ROUND_OPENED_BATCH = 200;
/** References the staff digest lists, oldest first. */
export const DIGEST_OLDEST = 3;

/** Statuses the applicant is reminded in: the application is theirs to finish. */
const REMIND_STATUSES = ['draft', 'needs_info'] as const;
/** Statuses waiting for the office (counted one by one in the digest). */
const OPEN_FOR_STAFF = ['submitted', 'resubmitted', 'in_review', 'needs_info'] as const;
/** Not yet sent to the office or the district (counted together as "ยังไม่ส่ง"). */
const NOT_SENT = ['draft', 'pack_ready'] as const;

const cutoffText = (round: MchchRound) => formatThaiDate(fromIso(round.localCutoff));

function reminderHourReached(office: OfficeProfile, now: Date): boolean {
  return minutesOfDay(bangkokTimeOf(now)) >= office.mchch.reminders.hour * 60;
}

/** The days before the cut-off that `today` is, among `days` (e.g. [7, 1]), for each round still open. */
function dueRounds(settings: MchchSettings, today: string, days: readonly number[]): { round: MchchRound; daysLeft: number }[] {
  const due: { round: MchchRound; daysLeft: number }[] = [];
  for (const round of settings.rounds) {
    if (roundStatus(round, today) !== 'open') continue;
    for (const d of new Set(days)) if (toIso(addDays(fromIso(round.localCutoff), -d)) === today) due.push({ round, daysLeft: d });
  }
  return due;
}

/** What an application still lacks before it can be sent (the hub's own rule: src/mchch/readiness.ts), as short names. */
export function missingItems(settings: MchchSettings, data: MchchData): string[] {
  return readiness(data, settings).blocking.map((item) => item.short);
}

// ---- a. the round opened ---------------------------------------------------------------------

/** What each type prepares, one line each: "ผู้นำชุมชน: ใบสมัคร, รูปถ่าย 1 รูป, …". */
function prepareLines(settings: MchchSettings): string[] {
  return MCHCH_TYPES.map((type) => {
    const items = checklistFor(type, settings).filter((item) => item.required).map((item) => CHECKLIST_SHORT[item.key]);
    return `• ${TYPE_TITLES[type]}: ${items.join(', ')}`;
  });
}

export function roundOpenedMessages(settings: MchchSettings, round: MchchRound): Message[] {
  return [
    text(
      [
        `🔔 เปิดรับสมัครมาตรฐานงานชุมชน (มชช.) แล้วค่ะ`,
        roundLabel(round),
        `สมัครผ่าน LINE นี้ได้ถึงวันที่ ${cutoffText(round)}`,
        '',
        'เอกสารที่ต้องเตรียม:',
        ...prepareLines(settings),
        '',
        'กด "สมัคร มชช." เพื่อเริ่มได้เลยค่ะ',
      ].join('\n'),
      [quickItem(postbackAction('สมัคร มชช.', postback.go(MCHCH_ENTRIES.intake))), menuItem()],
    ),
  ];
}

export function roundOpenedKey(office: string, roundId: string, userId: string): string {
  return `mchch-round-open:${office}:${roundId}:${userId}`;
}

export async function queueRoundOpened(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  const today = toIso(bangkokToday(now));
  const round = roundAt(office.mchch, today);
  if (!round) return 0;
  if (today === round.opens && !reminderHourReached(office, now)) return 0;
  const at = now.getTime();
  let queued = 0;
  const messages = roundOpenedMessages(office.mchch, round);
  for (const sub of await waitingFor(tx, office.id, round.id, ROUND_OPENED_BATCH)) {
    const id = await enqueuePush(tx, office.id, { to: sub.userId, messages, purpose: 'mchch-round-opened', dueAt: at, dedupeKey: roundOpenedKey(office.id, round.id, sub.userId) }, at);
    await markNotified(tx, office.id, sub.userId, round.id, at);
    if (id !== undefined) queued++;
  }
  return queued;
}

// ---- b. the applicants' reminders before the cut-off ----------------------------------------

export function applicantReminderKey(office: string, roundId: string, daysLeft: number, caseId: number): string {
  return `mchch-remind:${office}:${roundId}:${daysLeft}:${caseId}`;
}

export function applicantReminderMessages(settings: MchchSettings, round: MchchRound, daysLeft: number, c: CaseRow, data: MchchData): Message[] {
  const when = daysLeft === 1 ? 'พรุ่งนี้' : `อีก ${daysLeft} วัน`;
  const lines = [`⏰ ${when}จะปิดรับสมัคร มชช. ค่ะ (วันสุดท้าย ${cutoffText(round)})`, roundLabel(round)];
  if (c.status === 'needs_info') {
    const sections = (JSON.parse(c.reopened) as string[]).map((s) => MCHCH_SECTION_TITLES[s as keyof typeof MCHCH_SECTION_TITLES] ?? s);
    lines.push(`เจ้าหน้าที่ขอเอกสารเพิ่ม${c.reference ? ` (${c.reference})` : ''}${sections.length ? `: ${sections.join(', ')}` : ''}`, 'ส่งให้ครบแล้วกดส่งอีกครั้งก่อนวันปิดรับนะคะ');
  } else {
    const missing = missingItems(settings, data);
    lines.push(
      missing.length > 0 ? `ใบสมัครของคุณยังขาดอีก ${missing.length} รายการ กรอกต่อจากที่ค้างไว้ได้เลยค่ะ` : 'ใบสมัครของคุณกรอกครบแล้ว เหลือกดส่งก่อนวันปิดรับนะคะ',
    );
  }
  const label = mchchKind.statuses[c.status as 'draft' | 'needs_info']?.button ?? 'ดูใบสมัคร';
  return [text(lines.join('\n'), [quickItem(postbackAction(label, openCaseData(c))), menuItem()])];
}

/** Keys already in the outbox that start with `prefix` (one query instead of one per row). */
async function keysQueued(tx: Sql, office: string, prefix: string): Promise<Set<string>> {
  const rows = await tx.all<{ dedupeKey: string }>(q`SELECT dedupe_key FROM outbox WHERE office_id = ${office} AND dedupe_key LIKE ${prefix + '%'}`);
  return new Set(rows.map((r) => r.dedupeKey));
}

export async function queueApplicantReminders(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  if (!reminderHourReached(office, now)) return 0;
  const due = dueRounds(office.mchch, toIso(bangkokToday(now)), office.mchch.reminders.applicantDaysBefore);
  if (due.length === 0) return 0;
  const at = now.getTime();
  const cases = await tx.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office.id} AND kind = ${MCHCH_KIND} AND status ${isIn(REMIND_STATUSES)}
      AND applicant_user_id <> ${ERASED_APPLICANT} ORDER BY id`);
  let queued = 0;
  for (const { round, daysLeft } of due) {
    const sent = await keysQueued(tx, office.id, `mchch-remind:${office.id}:${round.id}:${daysLeft}:`);
    for (const c of cases) {
      const key = applicantReminderKey(office.id, round.id, daysLeft, c.id);
      if (sent.has(key)) continue;
      let data: MchchData;
      try {
        data = mchchDataOf(c);
      } catch {
        continue; // unreadable data: the conversation will say so; no reminder built on a guess
      }
      if (data.round?.id !== round.id) continue;
      const messages = applicantReminderMessages(office.mchch, round, daysLeft, c, data);
      const id = await enqueuePush(tx, office.id, { to: c.applicantUserId, messages, purpose: 'mchch-reminder', dueAt: at, ref: `case:${office.id}:${c.id}`, dedupeKey: key }, at);
      if (id !== undefined) queued++;
    }
  }
  return queued;
}

// ---- b2. prepare_only: hand the pack in before the district deadline --------------------------

export function handInReminderKey(office: string, roundId: string, daysLeft: number, caseId: number): string {
  return `mchch-handin:${office}:${roundId}:${daysLeft}:${caseId}`;
}

/** The pack is ready but not handed in: where, by when, and the button to say it is done. */
export function handInReminderMessages(round: MchchRound, daysLeft: number, c: CaseRow): Message[] {
  const when = daysLeft === 1 ? 'พรุ่งนี้' : `อีก ${daysLeft} วัน`;
  const lines = [
    `⏰ ${when}เป็นวันสุดท้ายที่${round.district.name}รับใบสมัคร มชช. ค่ะ (ภายใน ${districtDeadlineText(round)})`,
    roundLabel(round),
    `ใบสมัคร${c.reference ? ` ${c.reference}` : ''}ของคุณพร้อมแล้ว นำเอกสารไปยื่นแล้วกด "ยื่นที่อำเภอแล้ว" นะคะ`,
  ];
  const handedIn = postback.go(MCHCH_ENTRIES.handedIn, { c: String(c.id), v: String(c.version) });
  return [text(lines.join('\n'), [quickItem(postbackAction('ยื่นที่อำเภอแล้ว', handedIn)), quickItem(postbackAction('ดูใบสมัคร', openCaseData(c))), menuItem()])];
}

/**
 * prepare_only: applications whose pack is ready (pack_ready) are reminded, on the same days before
 * the DISTRICT deadline as the others before the local cut-off (reminders.applicantDaysBefore), to
 * hand it in — the office's cut-off does not apply to them, the district's does.
 */
export async function queueHandInReminders(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  if (!reminderHourReached(office, now)) return 0;
  const today = toIso(bangkokToday(now));
  const due: { round: MchchRound; daysLeft: number }[] = [];
  for (const round of office.mchch.rounds) {
    if (today > round.districtDeadline) continue;
    for (const d of new Set(office.mchch.reminders.applicantDaysBefore)) if (toIso(addDays(fromIso(round.districtDeadline), -d)) === today) due.push({ round, daysLeft: d });
  }
  if (due.length === 0) return 0;
  const at = now.getTime();
  const cases = await tx.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office.id} AND kind = ${MCHCH_KIND} AND status = 'pack_ready'
      AND applicant_user_id <> ${ERASED_APPLICANT} ORDER BY id`);
  let queued = 0;
  for (const { round, daysLeft } of due) {
    for (const c of cases) {
      let roundId: string | undefined;
      try {
        roundId = mchchDataOf(c).round?.id;
      } catch {
        continue;
      }
      if (roundId !== round.id) continue;
      const key = handInReminderKey(office.id, round.id, daysLeft, c.id);
      const id = await enqueuePush(tx, office.id, { to: c.applicantUserId, messages: handInReminderMessages(round, daysLeft, c), purpose: 'mchch-reminder', dueAt: at, ref: `case:${office.id}:${c.id}`, dedupeKey: key }, at);
      if (id !== undefined) queued++;
    }
  }
  return queued;
}

// ---- c. the staff digest ---------------------------------------------------------------------

export function staffDigestKey(office: string, roundId: string, daysLeft: number, staffId: string): string {
  return `mchch-digest:${office}:${roundId}:${daysLeft}:${staffId}`;
}

const DIGEST_LABELS: Readonly<Record<(typeof OPEN_FOR_STAFF)[number], string>> = {
  submitted: 'ส่งเข้ามา รอตรวจ',
  resubmitted: 'ส่งข้อมูลเพิ่มแล้ว รอตรวจ',
  in_review: 'รับเรื่องแล้ว กำลังตรวจ',
  needs_info: 'รอผู้สมัครส่งเอกสารเพิ่ม',
};

export interface DigestCounts {
  byStatus: Record<(typeof OPEN_FOR_STAFF)[number], number>;
  notSent: number;
  /** The references of the oldest open applications (sent first). */
  oldest: string[];
}

export function staffDigestMessages(round: MchchRound, daysLeft: number, counts: DigestCounts): Message[] {
  const lines = [`📋 มชช.: อีก ${daysLeft} วันปิดรับสมัคร (วันสุดท้าย ${cutoffText(round)})`, roundLabel(round), ''];
  for (const status of OPEN_FOR_STAFF) if (counts.byStatus[status] > 0) lines.push(`• ${DIGEST_LABELS[status]}: ${counts.byStatus[status]} เรื่อง`);
  if (counts.notSent > 0) lines.push(`• ยังไม่ส่ง (กำลังกรอก/เตรียมยื่น): ${counts.notSent} เรื่อง`);
  if (counts.oldest.length > 0) lines.push('', `ค้างนานที่สุด: ${counts.oldest.join(', ')}`);
  return [text(lines.join('\n'), [quickItem(postbackAction('เรื่องรอตรวจ', postback.go(CASE_ENTRIES.queue))), menuItem()])];
}

async function digestCounts(tx: Sql, office: string, roundId: string): Promise<DigestCounts> {
  const rows = await tx.all<CaseRow>(q`
    SELECT * FROM cases WHERE office_id = ${office} AND kind = ${MCHCH_KIND} AND status ${isIn([...OPEN_FOR_STAFF, ...NOT_SENT])} ORDER BY id`);
  const mine = rows.filter((c) => {
    try {
      return mchchDataOf(c).round?.id === roundId;
    } catch {
      return false;
    }
  });
  const byStatus = { submitted: 0, resubmitted: 0, in_review: 0, needs_info: 0 };
  let notSent = 0;
  for (const c of mine) {
    if ((NOT_SENT as readonly string[]).includes(c.status)) notSent++;
    else byStatus[c.status as keyof typeof byStatus]++;
  }
  const oldest = mine
    .filter((c) => (OPEN_FOR_STAFF as readonly string[]).includes(c.status) && c.reference)
    .sort((a, b) => Number(a.submittedAt ?? a.updatedAt) - Number(b.submittedAt ?? b.updatedAt) || a.id - b.id)
    .slice(0, DIGEST_OLDEST)
    .map((c) => c.reference!);
  return { byStatus, notSent, oldest };
}

export async function queueStaffDigest(tx: Sql, office: OfficeProfile, now: Date): Promise<number> {
  if (!reminderHourReached(office, now)) return 0;
  const due = dueRounds(office.mchch, toIso(bangkokToday(now)), office.mchch.reminders.staffDaysBefore);
  if (due.length === 0) return 0;
  const at = now.getTime();
  const staff = await staffIds(tx, office.id);
  let queued = 0;
  for (const { round, daysLeft } of due) {
    const sent = await keysQueued(tx, office.id, `mchch-digest:${office.id}:${round.id}:${daysLeft}:`);
    const waiting = staff.filter((id) => !sent.has(staffDigestKey(office.id, round.id, daysLeft, id)));
    if (waiting.length === 0) continue;
    const counts = await digestCounts(tx, office.id, round.id);
    const total = Object.values(counts.byStatus).reduce((a, b) => a + b, 0) + counts.notSent;
    if (total === 0) continue;
    const messages = staffDigestMessages(round, daysLeft, counts);
    for (const staffId of waiting) {
      const id = await enqueuePush(tx, office.id, { to: staffId, messages, purpose: 'mchch-digest', dueAt: at, dedupeKey: staffDigestKey(office.id, round.id, daysLeft, staffId) }, at);
      if (id !== undefined) queued++;
    }
  }
  return queued;
}

/** The three jobs, as app.ts hands them to the scheduler. */
export const MCHCH_JOBS = [queueRoundOpened, queueApplicantReminders, queueHandInReminders, queueStaffDigest] as const;
