// What the section conversations (committee, rules, funds, bank, minutes) share: the start that
// loads the case and refuses a section the leader may not change now (a draft: every section; after
// staff asked for more: only the reopened ones), reading and saving the section through
// src/cases/actions.ts saveData, the way back to the hub, and the optional past-date question.
// Which case is the leader's and which sections are open now: ./case.ts (the hub uses it too).
import { attachmentsIn } from '../../attachments/store';
import { saveData } from '../../cases/actions';
import { findCase } from '../../cases/store';
import type { CaseRow } from '../../db/schema';
import { SECTION_TITLES, type GroupData } from '../../groups/data';
import type { GroupSection } from '../../groups/sections';
import { groupDataOf } from '../../groups/store';
import { postbackAction, quickItem, text, type Message } from '../../line/messages';
import { bangkokToday, fromIso, isIsoDate, toIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { parseThaiDate, reasonText } from '../../thai/date-parse';
import { formatPersonName } from '../../thai/person-name';
import { COMMAND_LABELS } from '../commands';
import { postback } from '../postback';
import type { Accepted, Choice, FlowContext, Next, Reply } from '../types';
import { editableSections, ownGroupCase } from './case';
import { GROUP_ENTRIES, GROUP_FLOWS, hubParams } from './ids';

export const COMMON_SAY = {
  noCase: 'ขออภัยค่ะ ไม่พบข้อมูลกลุ่มที่กรอกไว้ เริ่มจากเมนู "ขึ้นทะเบียนกลุ่ม" ได้เลยค่ะ',
  notEditable: (title: string) => `ตอนนี้ส่วน "${title}" แก้ไขไม่ได้ค่ะ เพราะเรื่องส่งถึงเจ้าหน้าที่แล้ว แก้ได้เฉพาะส่วนที่เจ้าหน้าที่ขอให้แก้ค่ะ`,
  saveFailed: 'ขออภัยค่ะ บันทึกไม่สำเร็จ เพราะตอนนี้ส่วนนี้แก้ไขไม่ได้แล้วค่ะ',
  toHub: 'กลับหน้ารวมข้อมูล',
  skip: 'ข้าม',
  pickAButton: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ',
  noFullDate: 'ขอวัน เดือน และปีให้ครบนะคะ เช่น 15 มี.ค. 2569 ค่ะ',
};

/** The answer of a step that only takes its buttons (typed words matching a choice count as a tap). */
export function pickChoice(reply: Reply): Accepted {
  return reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: COMMON_SAY.pickAButton };
}

export const SKIP: Choice = { value: 'skip', label: COMMON_SAY.skip, keywords: ['ไม่มี', 'ไม่ทราบ', 'ไม่รู้', 'ข้ามไป'] };

/** The case id a section conversation works on (answers.c, set by its start). */
export function caseIdOf(ctx: FlowContext): number {
  return ctx.answers.c as number;
}

/** The reply that sends the leader back to the hub (or the menu) when a section cannot be opened. */
function refusal(say: string, caseId?: number): Message[] {
  const items = [
    ...(caseId !== undefined ? [quickItem(postbackAction(COMMON_SAY.toHub, postback.go(GROUP_ENTRIES.submit, hubParams(caseId))))] : []),
    quickItem(postbackAction(COMMAND_LABELS.menu, postback.command('menu'))),
  ];
  return [text(say, items)];
}

/** Whether the leader may change this section of the case now (draft: all; needs_info: only reopened ones). */
export function sectionEditable(c: CaseRow, section: GroupSection): boolean {
  return editableSections(c).includes(section);
}

/**
 * The start of a section conversation: the case named by params.c must be the leader's own group
 * case, with the section editable now. Gives the answers to start with, or the refusal to send.
 */
export async function openSection(ctx: FlowContext, section: GroupSection, params: Record<string, string>): Promise<{ answers: { c: number }; data: GroupData } | { refuse: Message[] }> {
  const c = await ownGroupCase(ctx, params.c);
  if (!c) return { refuse: refusal(COMMON_SAY.noCase) };
  if (!sectionEditable(c, section)) return { refuse: refusal(COMMON_SAY.notEditable(SECTION_TITLES[section]), c.id) };
  return { answers: { c: c.id }, data: groupDataOf(c) };
}

/** The case's data as it is now (each step reads it afresh: entries are saved as they are added). */
export async function caseData(ctx: FlowContext): Promise<GroupData> {
  const c = await findCase(ctx.tx, ctx.services.office.id, caseIdOf(ctx));
  return c ? groupDataOf(c) : {};
}

/** Save one section (undefined removes it, e.g. the last entry deleted); false when it may not be changed now. */
export async function saveSection<S extends GroupSection>(ctx: FlowContext, section: S, value: GroupData[S] | undefined): Promise<boolean> {
  const result = await saveData(ctx.tx, ctx.services.office.id, caseIdOf(ctx), ctx.userId, { [section]: value }, ctx.now);
  if (!result.ok && result.reason === 'invalid') throw new Error(`group section ${section} failed its schema: ${result.issues.join('; ')}`);
  return result.ok;
}

/** The end of a section: what was saved, then the hub of the same case. */
export function backToHub(ctx: FlowContext, say: Message[]): Next {
  return { end: say, then: { flow: GROUP_FLOWS.hub, params: { c: String(caseIdOf(ctx)) } } };
}

/** The end when saving was refused (the case moved on meanwhile). */
export function saveRefused(ctx: FlowContext): Next {
  return backToHub(ctx, [text(COMMON_SAY.saveFailed)]);
}

/** "15 มี.ค. 2569" from "2026-03-15". */
export function dateText(iso: string): string {
  return formatThaiDate(fromIso(iso));
}

/** Today in Bangkok as ISO: the latest day a past-date question accepts (the date picker's max). */
export function todayIso(now: Date): string {
  return toIso(bangkokToday(now));
}

/**
 * A full past date typed (BE or CE, Thai digits, Thai month names) or picked; `optional` lets "ข้าม"
 * answer it (value null). Half dates ("มี.ค. 2569") are refused politely: the data keeps full dates.
 */
export function acceptPastDate(reply: Reply, now: Date, optional: boolean): Accepted {
  if (optional && reply.choice?.value === SKIP.value) return { ok: true, value: null };
  if (reply.date !== undefined) {
    if (!isIsoDate(reply.date)) return { ok: false, reason: reasonText('unrecognised') };
    return reply.date > todayIso(now) ? { ok: false, reason: reasonText('future') } : { ok: true, value: reply.date };
  }
  const parsed = parseThaiDate(reply.text ?? '', { today: bangkokToday(now) });
  if (!parsed.ok) return { ok: false, reason: reasonText(parsed.reason) };
  const { year, month, day } = parsed.value;
  if (month === undefined || day === undefined) return { ok: false, reason: COMMON_SAY.noFullDate };
  return { ok: true, value: toIso({ year, month, day }) };
}

/** The date picker for a past-date question. */
export function pastDatePicker(now: Date): { label: string; max: string; initial: string } {
  const today = todayIso(now);
  return { label: '📅 เลือกวันที่', max: today, initial: today };
}

/** The member's name as the lists show it: "นางสมศรี ใจดี". */
export const memberName = formatPersonName;

/** Numbered lines "1. …" for a list in a message. */
export function numbered(lines: readonly string[]): string {
  return lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
}

/** Choices "1".."n" (labels "ลบข้อ 1" etc.) for removing one of n entries; typed numbers match the value. */
export function removeChoices(labels: readonly string[]): Choice[] {
  return labels.slice(0, 10).map((label, i) => ({ value: String(i + 1), label: `${i + 1}. ${label}`, keywords: [String(i + 1)] }));
}

/** The entry number typed or tapped for removal (1-based), or undefined. */
export function removeIndex(reply: Reply, count: number): number | undefined {
  const raw = reply.choice?.value ?? reply.text?.replace(/[^\d๐-๙]/g, '').replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= count ? n - 1 : undefined;
}

/**
 * The attachments a document step received, in page order (a set of photos sent at once arrives in
 * any order: sorted by its index within the set), and whether one of them is a PDF.
 */
export async function receivedPages(ctx: FlowContext, ids: readonly number[]): Promise<{ ids: number[]; pdf: boolean }> {
  const rows = await attachmentsIn(ctx.tx, ctx.services.office.id, ids);
  const order = (id: number) => rows.find((r) => r.id === id)?.imageSetIndex ?? 0;
  return { ids: [...ids].sort((a, b) => order(a) - order(b) || a - b), pdf: rows.some((r) => r.mime === 'application/pdf') };
}
