// What the applicant and staff read about a case: the applicant's push for each status change (what
// happened, what to do next, a button back), staff notices with the decision buttons, and the
// answers to a staff decision (done, someone else was first, not possible now). Pure builders
// through src/line/ (limits enforced there).
//
// Postback data on case buttons (the repo's `go` entries, src/flows/postback.ts):
//   a=go&e=case-decide&p.c=<case id>&p.v=<version>&p.t=<target status>   a staff decision (staff only)
//   a=go&e=case-note&p.c=…&p.v=…&p.t=…   the same for a decision that needs a note: asks for it first
//   a=go&e=case-open&p.c=<case id>&p.v=<version>   the applicant's button under a status push; today it
//                                                  shows the case's status, the groups flow will route it
//                                                  into the right section
// The version is the case's at the time the button was drawn, so an old button is recognised.
import { menuItem } from '../booking/messages';
import type { CaseRow } from '../db/schema';
import { postback } from '../flows/postback';
import { bubble, fbutton, flex, frow, ftext, postbackAction, quickItem, text, type FlexComponent, type Message, type QuickReplyItem } from '../line/messages';
import { statusInfo, transitionsFrom, type AnyKind, type Transition } from './kind';

export const CASE_ENTRIES = { decide: 'case-decide', note: 'case-note', open: 'case-open' } as const;

const MUTED = '#6B7280';

export const CASE_SAY = {
  noReference: 'ยังไม่มี (ได้เมื่อส่งเรื่อง)',
  defaultButton: 'ดูสถานะเรื่อง',
  notFound: 'ไม่พบเรื่องนี้ค่ะ อาจถูกลบไปแล้ว หรือไม่ใช่เรื่องของสำนักงานนี้',
  alreadyHandled: (label: string) => `เรื่องนี้มีเจ้าหน้าที่ดำเนินการแล้วค่ะ (สถานะ: ${label})`,
  notAllowed: (label: string) => `เรื่องนี้ทำรายการนี้ไม่ได้ในสถานะปัจจุบันค่ะ (สถานะ: ${label})`,
  done: (reference: string, label: string) => `บันทึกแล้วค่ะ ✅ เรื่อง ${reference} สถานะ: ${label}`,
  noMoreDecisions: 'เรื่องนี้ไม่มีขั้นตอนที่เจ้าหน้าที่ต้องทำต่อแล้วค่ะ',
  nextDecision: 'ดำเนินการต่อได้จากปุ่มด้านล่างค่ะ',
  noteNeeded: 'รายการนี้ต้องระบุข้อความถึงผู้ยื่นก่อนค่ะ กดปุ่มด้านล่างเพื่อพิมพ์',
  staffHeading: { new: '📥 มีเรื่องใหม่ส่งเข้ามา', resubmitted: '🔁 ผู้ยื่นส่งข้อมูลเพิ่มแล้ว', withdrawn: '↩️ ผู้ยื่นยกเลิกเรื่อง' },
  reopened: 'ส่วนที่ต้องแก้ไข',
  note: 'ข้อความจากเจ้าหน้าที่',
  toApplicant: 'ข้อความถึงผู้ยื่น',
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

/** The push to the applicant when the status changed: what happened, the note, what to do next, a button back. */
export function applicantStatusMessages(kind: AnyKind, c: CaseRow, note?: string): Message[] {
  const info = statusInfo(kind, c.status);
  const body: FlexComponent[] = [
    frow('เรื่อง', kind.title),
    frow('เลขที่', referenceText(c)),
    frow('สถานะ', info.label),
  ];
  const reopened = reopenedLabels(kind, c);
  if (reopened.length > 0) body.push(frow(CASE_SAY.reopened, reopened.join(', ')));
  if (note) body.push(frow(CASE_SAY.note, note));
  if (info.next) body.push(ftext(info.next, { size: 'sm', color: MUTED }));
  const card = bubble({
    header: [ftext(`สถานะเรื่อง${kind.title}`, { weight: 'bold', color: '#FFFFFF' })],
    body,
    footer: [fbutton(postbackAction(info.button ?? CASE_SAY.defaultButton, openCaseData(c)), 'primary')],
  });
  return [flex(`เรื่อง ${referenceText(c)}: ${info.label}`, card)];
}

function decisionData(c: CaseRow, t: Transition): string {
  const entry = t.needsNote || t.reopens ? CASE_ENTRIES.note : CASE_ENTRIES.decide;
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

function caseCard(kind: AnyKind, c: CaseRow, heading: string): Message {
  const summary = kind.summary?.(JSON.parse(c.data) as unknown) ?? [];
  const body: FlexComponent[] = [
    frow('เรื่อง', kind.title),
    frow('เลขที่', referenceText(c)),
    frow('สถานะ', statusInfo(kind, c.status).label),
    ...summary.map(([label, value]) => frow(label, value)),
  ];
  const buttons = decisionButtons(kind, c);
  return flex(`${heading}: ${referenceText(c)}`, bubble({ header: [ftext(heading, { weight: 'bold', color: '#FFFFFF' })], body, ...(buttons.length ? { footer: buttons } : {}) }));
}

export type StaffEvent = keyof typeof CASE_SAY.staffHeading;

/** The notice every staff member gets about a new, resubmitted or withdrawn case, with its decision buttons. */
export function staffNoticeMessages(kind: AnyKind, c: CaseRow, event: StaffEvent): Message[] {
  return [caseCard(kind, c, CASE_SAY.staffHeading[event])];
}

/** A case as staff open it: the card with today's decision buttons. */
export function staffCaseMessages(kind: AnyKind, c: CaseRow): Message[] {
  return [caseCard(kind, c, `เรื่อง${kind.title}`)];
}

/** The answer to the staff member who decided: done, what the applicant was told, and what can be decided next. */
export function decidedMessages(kind: AnyKind, c: CaseRow, note?: string): Message[] {
  const lines = [CASE_SAY.done(referenceText(c), statusInfo(kind, c.status).label)];
  const reopened = reopenedLabels(kind, c);
  if (reopened.length > 0) lines.push(`${CASE_SAY.reopened}: ${reopened.join(', ')}`);
  if (note) lines.push(`${CASE_SAY.toApplicant}: ${note}`);
  lines.push(decisions(kind, c).length > 0 ? CASE_SAY.nextDecision : CASE_SAY.noMoreDecisions);
  return [text(lines.join('\n'), decisionItems(kind, c))];
}

/** Someone else acted first (the button's version is old): the current status and today's buttons. */
export function alreadyHandledMessages(kind: AnyKind, current: CaseRow): Message[] {
  return [text(`${CASE_SAY.alreadyHandled(statusInfo(kind, current.status).label)}\nเรื่อง ${referenceText(current)}`, decisionItems(kind, current))];
}

export function notAllowedMessages(kind: AnyKind, current: CaseRow): Message[] {
  return [text(CASE_SAY.notAllowed(statusInfo(kind, current.status).label), decisionItems(kind, current))];
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

/** The case's status as the applicant reads it (the case-open button today). */
export function caseStatusMessages(kind: AnyKind, c: CaseRow): Message[] {
  const info = statusInfo(kind, c.status);
  return [text(`เรื่อง${kind.title}\nเลขที่ ${referenceText(c)}\nสถานะ: ${info.label}\n${info.next}`.trim(), [menuItem()])];
}
