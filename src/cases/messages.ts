// What the applicant and staff read about a case: the applicant's push for each status change (what
// happened, what to do next, a button back), staff notices with the decision buttons, and the
// answers to a staff decision (done, someone else was first, not possible now). Pure builders
// through src/line/ (limits enforced there).
//
// Postback data on case buttons (the repo's `go` entries, src/flows/postback.ts):
//   a=go&e=case-decide&p.c=<case id>&p.v=<version>&p.t=<target status>   a staff decision (staff only)
//   a=go&e=case-note&p.c=…&p.v=…&p.t=…   the same for a decision that needs a note: asks for it first
//   a=go&e=case-open&p.c=<case id>&p.v=<version>   the applicant's button under a status push (into the
//                                                  case's conversation or its status, src/flows/cases.ts),
//                                                  and staff's เปิดเรื่อง (the card with today's decisions)
//   a=go&e=case-queue   เรื่องรอตรวจ (staff only);   a=go&e=my-cases   the applicant's cases
// The version is the case's at the time the button was drawn, so an old button is recognised.
import { menuItem } from '../booking/messages';
import { LINE_LIMITS } from '../line/limits';
import { bangkokDateOf, fromIso } from '../thai/calendar';
import { formatThaiDate } from '../thai/date-format';
import type { CaseRow } from '../db/schema';
import { postback } from '../flows/postback';
import { bubble, fbutton, flex, frow, ftext, postbackAction, quickItem, text, type FlexComponent, type Message, type QuickReplyItem } from '../line/messages';
import { caseStatusInfo, statusInfo, transitionsFrom, type AnyKind, type Transition } from './kind';

export const CASE_ENTRIES = { decide: 'case-decide', note: 'case-note', open: 'case-open', queue: 'case-queue', mine: 'my-cases' } as const;

const MUTED = '#6B7280';
const WARN = '#B45309';
const DAY_MS = 24 * 60 * 60 * 1000;

export const CASE_SAY = {
  noReference: 'ยังไม่มี (ได้เมื่อส่งเรื่อง)',
  defaultButton: 'ดูสถานะเรื่อง',
  notFound: 'ไม่พบเรื่องนี้ค่ะ อาจถูกลบไปแล้ว หรือไม่ใช่เรื่องของสำนักงานนี้',
  alreadyHandled: (label: string) => `เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: ${label})`,
  notAllowed: (label: string) => `เรื่องนี้ทำรายการนี้ไม่ได้ในสถานะปัจจุบันค่ะ (สถานะ: ${label})`,
  approvalByAdmin: (decision: string) =>
    `สำนักงานกำหนดให้ผู้ดูแลระบบ (admin) เป็นผู้อนุมัติค่ะ จึง${decision}จากบัญชีนี้ไม่ได้ เรื่องยังรออยู่ในเรื่องรอตรวจ ให้ผู้ดูแลระบบดำเนินการต่อได้เลยค่ะ`,
  done: (reference: string, label: string) => `บันทึกแล้วค่ะ ✅ เรื่อง ${reference} สถานะ: ${label}`,
  noMoreDecisions: 'เรื่องนี้ไม่มีขั้นตอนที่เจ้าหน้าที่ต้องทำต่อแล้วค่ะ',
  applicantsTurn: 'ตอนนี้รอผู้ยื่นดำเนินการค่ะ เมื่อผู้ยื่นส่งกลับมา เจ้าหน้าที่ทุกคนจะได้รับแจ้งทาง LINE นี้',
  nextDecision: 'ดำเนินการต่อได้จากปุ่มด้านล่างค่ะ',
  noteNeeded: 'รายการนี้ต้องระบุข้อความถึงผู้ยื่นก่อนค่ะ กดปุ่มด้านล่างเพื่อพิมพ์',
  staffHeading: { new: '📥 มีเรื่องใหม่ส่งเข้ามา', resubmitted: '🔁 ผู้ยื่นส่งข้อมูลเพิ่มแล้ว', withdrawn: '↩️ ผู้ยื่นยกเลิกเรื่อง' },
  reopened: 'ส่วนที่ต้องแก้ไข',
  note: 'ข้อความจากเจ้าหน้าที่',
  toApplicant: 'ข้อความถึงผู้ยื่น',
  attachments: 'เอกสารแนบ',
  attachmentCount: (n: number) => (n > 0 ? `${n} รายการ` : 'ไม่มี'),
  queueButton: 'เรื่องรอตรวจ',
  openButton: 'เปิดเรื่อง',
  queueEmpty: 'ไม่มีเรื่องรอตรวจค่ะ',
  queueHeading: (n: number) => `เรื่องรอตรวจ ${n} เรื่องค่ะ เรียงจากรอนานที่สุด`,
  queueMore: (n: number) => `และยังมีอีก ${n} เรื่อง จะแสดงเมื่อตรวจเรื่องข้างบนแล้วค่ะ`,
  waiting: 'รอมาแล้ว',
  waitingDays: (days: number) => (days < 1 ? 'ไม่ถึง 1 วัน' : `${days} วัน`),
  waitingForApplicant: 'รอผู้ยื่นแก้ไข',
  mineEmpty: 'ยังไม่มีเรื่องที่ยื่นไว้ค่ะ',
  mineHeading: (n: number) => `เรื่องของคุณ ${n} เรื่องค่ะ`,
  lastChange: 'เปลี่ยนล่าสุด',
  day: 'วันที่',
  /** The summary line that names the round (kinds with rounds: มชช.); shown to the applicant too. */
  roundLine: 'รอบ',
  mineEntryButton: 'เรื่องของฉัน',
  mineMore: (n: number) => `และเรื่องเก่ากว่านี้อีก ${n} เรื่องค่ะ`,
};

export function referenceText(c: Pick<CaseRow, 'reference'>): string {
  return c.reference ?? CASE_SAY.noReference;
}

function reopenedLabels(kind: AnyKind, c: CaseRow): string[] {
  return (JSON.parse(c.reopened) as string[]).map((s) => kind.sections[s] ?? s);
}

/** The applicant's way back into the case (the groups flow will route it to the right section). */
export function openCaseData(c: Pick<CaseRow, 'id' | 'version'>): string {
  return postback.go(CASE_ENTRIES.open, { c: String(c.id), v: String(c.version) });
}

/** The applicant's button for the case's status: into the case, or to the entry the status names (e.g. contact). */
function applicantButtonData(kind: AnyKind, c: CaseRow): string {
  const entry = caseStatusInfo(kind, c, c.status).buttonEntry;
  return entry ? postback.go(entry) : openCaseData(c);
}

/** "8 ก.พ. 2562" from "2019-02-08". */
export function dayText(iso: string): string {
  return formatThaiDate(fromIso(iso));
}

/**
 * The push to the applicant when the status changed: what happened (with the round, for kinds that
 * have one, and the step's day when staff gave one), the note, what to do next, a button back.
 */
export function applicantStatusMessages(kind: AnyKind, c: CaseRow, note?: string, day?: string): Message[] {
  const info = caseStatusInfo(kind, c, c.status);
  const body: FlexComponent[] = [
    frow('เรื่อง', kind.title),
    ...summaryOf(kind, c)
      .filter(([label]) => label === CASE_SAY.roundLine)
      .map(([label, value]) => frow(label, value)),
    frow('เลขที่', referenceText(c)),
    frow('สถานะ', info.label),
  ];
  if (day) body.push(frow(CASE_SAY.day, dayText(day)));
  const reopened = reopenedLabels(kind, c);
  if (reopened.length > 0) body.push(frow(CASE_SAY.reopened, reopened.join(', ')));
  if (note) body.push(frow(CASE_SAY.note, note));
  if (info.next) body.push(ftext(info.next, { size: 'sm', color: MUTED }));
  const card = bubble({
    header: [ftext(`สถานะเรื่อง${kind.title}`, { weight: 'bold', color: '#FFFFFF' })],
    body,
    footer: [fbutton(postbackAction(info.button ?? CASE_SAY.defaultButton, applicantButtonData(kind, c)), 'primary')],
  });
  return [flex(`เรื่อง ${referenceText(c)}: ${info.label}`, card)];
}

function decisionData(c: CaseRow, t: Transition): string {
  const entry = t.needsNote || t.reopens || t.needsDate || t.reasons ? CASE_ENTRIES.note : CASE_ENTRIES.decide;
  return postback.go(entry, { c: String(c.id), v: String(c.version), t: t.to });
}

/** The staff decisions open from the case's status, as buttons (only those with a label). */
function decisions(kind: AnyKind, c: CaseRow): Transition[] {
  return transitionsFrom(kind, c.status, 'officer').filter((t) => t.label);
}

function decisionButtons(kind: AnyKind, c: CaseRow): FlexComponent[] {
  return decisions(kind, c).map((t, i) => fbutton(postbackAction(t.label!, decisionData(c, t)), i === 0 ? 'primary' : 'secondary'));
}

function decisionItems(kind: AnyKind, c: CaseRow): QuickReplyItem[] {
  return [...decisions(kind, c).map((t) => quickItem(postbackAction(t.label!, decisionData(c, t)))), menuItem()];
}

/** What staff read about a case beside its data (src/cases/actions.ts `staffFacts`). */
export interface StaffFacts {
  attachments: number;
  warnings: string[];
}

export function summaryOf(kind: AnyKind, c: CaseRow): [string, string][] {
  const data = kind.data.safeParse(JSON.parse(c.data));
  return data.success ? (kind.summary?.(data.data) ?? []) : [];
}

function caseCard(kind: AnyKind, c: CaseRow, heading: string, facts: StaffFacts, line?: string): Message {
  const body: FlexComponent[] = [
    ...(line ? [ftext(line, { size: 'sm' })] : []),
    frow('เรื่อง', kind.title),
    frow('เลขที่', referenceText(c)),
    frow('สถานะ', statusInfo(kind, c.status).label),
    ...summaryOf(kind, c).map(([label, value]) => frow(label, value)),
    frow(CASE_SAY.attachments, CASE_SAY.attachmentCount(facts.attachments)),
  ];
  const reopened = reopenedLabels(kind, c);
  if (reopened.length > 0) body.push(frow(CASE_SAY.reopened, reopened.join(', ')));
  for (const warning of facts.warnings) body.push(ftext(`⚠️ ${warning}`, { size: 'sm', color: WARN }));
  const buttons = decisionButtons(kind, c);
  return flex(`${heading}: ${referenceText(c)}`, bubble({ header: [ftext(heading, { weight: 'bold', color: '#FFFFFF' })], body, ...(buttons.length ? { footer: buttons } : {}) }));
}

export type StaffEvent = keyof typeof CASE_SAY.staffHeading;

/**
 * The notice every staff member gets about a new, resubmitted or withdrawn case, with its decision
 * buttons; the transition's own heading and line when it has one (a pack handed in, for information).
 */
export function staffNoticeMessages(kind: AnyKind, c: CaseRow, event: StaffEvent, facts: StaffFacts, notice?: { heading: string; line?: string }): Message[] {
  return [caseCard(kind, c, notice?.heading ?? CASE_SAY.staffHeading[event], facts, notice?.line)];
}

/** A case as staff open it: the card with today's decision buttons, and a way back to the queue. */
export function staffCaseMessages(kind: AnyKind, c: CaseRow, facts: StaffFacts): Message[] {
  const card = caseCard(kind, c, `เรื่อง${kind.title}`, facts);
  return [{ ...card, quickReply: { items: [quickItem(postbackAction(CASE_SAY.queueButton, postback.go(CASE_ENTRIES.queue))), menuItem()] } }];
}

/** The answer to the staff member who decided: done, what the applicant was told, and what can be decided next. */
export function decidedMessages(kind: AnyKind, c: CaseRow, note?: string, day?: string): Message[] {
  const lines = [CASE_SAY.done(referenceText(c), statusInfo(kind, c.status).label)];
  if (day) lines.push(`${CASE_SAY.day}: ${dayText(day)}`);
  const reopened = reopenedLabels(kind, c);
  if (reopened.length > 0) lines.push(`${CASE_SAY.reopened}: ${reopened.join(', ')}`);
  if (note) lines.push(`${CASE_SAY.toApplicant}: ${note}`);
  // No staff decision now: either the applicant's turn (ขอเอกสารเพิ่ม) or the end of the matter.
  const applicantsTurn = transitionsFrom(kind, c.status, 'applicant').length > 0;
  lines.push(decisions(kind, c).length > 0 ? CASE_SAY.nextDecision : applicantsTurn ? CASE_SAY.applicantsTurn : CASE_SAY.noMoreDecisions);
  return [text(lines.join('\n'), decisionItems(kind, c))];
}

/** Someone else acted first (the button's version is old): the current status and today's buttons. */
export function alreadyHandledMessages(kind: AnyKind, current: CaseRow): Message[] {
  return [text(`${CASE_SAY.alreadyHandled(statusInfo(kind, current.status).label)}\nเรื่อง ${referenceText(current)}`, decisionItems(kind, current))];
}

export function notAllowedMessages(kind: AnyKind, current: CaseRow): Message[] {
  return [text(CASE_SAY.notAllowed(statusInfo(kind, current.status).label), decisionItems(kind, current))];
}

/** Q20: an officer pressed an approval the office keeps for its admins (staff.approvalsByAdmin). */
export function approvalByAdminMessages(decision: string): Message[] {
  return [text(CASE_SAY.approvalByAdmin(decision), [quickItem(postbackAction('เรื่องรอตรวจ', postback.go(CASE_ENTRIES.queue))), menuItem()])];
}

export function notFoundMessages(): Message[] {
  return [text(CASE_SAY.notFound, [menuItem()])];
}

/** A decision that needs a note was asked for without one: the button that asks for it. */
export function noteNeededMessages(kind: AnyKind, current: CaseRow, to: string): Message[] {
  const t = decisions(kind, current).find((d) => d.to === to);
  const items = t ? [quickItem(postbackAction(t.label!, decisionData(current, t))), menuItem()] : [menuItem()];
  return [text(CASE_SAY.noteNeeded, items)];
}

/** The case's status as the applicant reads it (with the kind's summary: the group's name), and a way to their other cases. */
export function caseStatusMessages(kind: AnyKind, c: CaseRow): Message[] {
  const info = caseStatusInfo(kind, c, c.status);
  const summary = summaryOf(kind, c).map(([label, value]) => `\n${label}: ${value}`).join('');
  const items = [quickItem(postbackAction(CASE_SAY.mineEntryButton, postback.go(CASE_ENTRIES.mine))), menuItem()];
  return [text(`เรื่อง${kind.title}\nเลขที่ ${referenceText(c)}${summary}\nสถานะ: ${info.label}\n${info.next}`.trim(), items)];
}

/** Whole days between two instants (rounded down). */
function daysWaited(since: number, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since) / DAY_MS));
}

export interface QueueItem {
  c: CaseRow;
  kind: AnyKind;
  /** When the case's status began (its last history row). */
  since: number;
}

/** Staff's queue (เรื่องรอตรวจ): a carousel of at most 12 cases, and how many more there are. */
export function queueMessages(items: readonly QueueItem[], now: Date): Message[] {
  const total = items.length;
  if (items.length === 0) return [text(CASE_SAY.queueEmpty, [menuItem()])];
  const cards = items.slice(0, LINE_LIMITS.flexCarouselBubbles).map(({ c, kind, since }) => {
    const waitsForApplicant = transitionsFrom(kind, c.status, 'officer').length === 0;
    const body: FlexComponent[] = [
      frow('เลขที่', referenceText(c)),
      frow('เรื่อง', kind.title),
      ...summaryOf(kind, c).map(([label, value]) => frow(label, value)),
      frow('สถานะ', waitsForApplicant ? `${statusInfo(kind, c.status).label} (${CASE_SAY.waitingForApplicant})` : statusInfo(kind, c.status).label),
      frow(CASE_SAY.waiting, CASE_SAY.waitingDays(daysWaited(since, now))),
    ];
    return bubble({ body, footer: [fbutton(postbackAction(CASE_SAY.openButton, openCaseData(c)), waitsForApplicant ? 'secondary' : 'primary')] });
  });
  const lines = [CASE_SAY.queueHeading(total)];
  if (total > cards.length) lines.push(CASE_SAY.queueMore(total - cards.length));
  return [text(lines.join('\n')), { ...flex(CASE_SAY.queueHeading(total), { type: 'carousel', contents: cards }), quickReply: { items: [menuItem()] } }];
}

/** The applicant's cases (สถานะเรื่อง): reference, status, the day of the last change, what happens next, a button each. */
export function myCasesMessages(items: readonly QueueItem[]): Message[] {
  const total = items.length;
  if (items.length === 0) return [text(CASE_SAY.mineEmpty, [menuItem()])];
  const cards = items.slice(0, LINE_LIMITS.flexCarouselBubbles).map(({ c, kind, since }) => {
    const info = caseStatusInfo(kind, c, c.status);
    const body: FlexComponent[] = [
      frow('เรื่อง', kind.title),
      frow('เลขที่', referenceText(c)),
      ...summaryOf(kind, c).map(([label, value]) => frow(label, value)),
      frow('สถานะ', info.label),
      frow(CASE_SAY.lastChange, formatThaiDate(bangkokDateOf(new Date(since)))),
    ];
    if (info.next) body.push(ftext(info.next, { size: 'sm', color: MUTED }));
    return bubble({ body, footer: [fbutton(postbackAction(info.button ?? CASE_SAY.defaultButton, applicantButtonData(kind, c)), 'primary')] });
  });
  const lines = [CASE_SAY.mineHeading(total)];
  if (total > cards.length) lines.push(CASE_SAY.mineMore(total - cards.length));
  return [text(lines.join('\n')), { ...flex(CASE_SAY.mineHeading(total), { type: 'carousel', contents: cards }), quickReply: { items: [menuItem()] } }];
}
