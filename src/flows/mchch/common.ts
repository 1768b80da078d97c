// What the มชช. hub and its section conversations (doc, lists, form, applicant) share: the owner
// check (the case is this person's and a มชช. case), which sections may be changed now (draft and
// pack_ready: all; needs_info: only what staff reopened), reading and saving a section through
// src/cases/actions.ts saveData, the round as the office profile has it now (the snapshot in the
// case when the profile no longer lists it), and the way back to the hub.
import { reopenedSections, saveData } from '../../cases/actions';
import { findCase } from '../../cases/store';
import { mchchKind } from '../../cases/kinds/mchch';
import type { CaseRow } from '../../db/schema';
import { goItem, menuItem } from '../../booking/messages';
import { postbackAction, quickItem, text, type Message } from '../../line/messages';
import type { MchchData, MchchSection } from '../../mchch/data';
import { MCHCH_SECTION_TITLES } from '../../mchch/data';
import { readiness } from '../../mchch/readiness';
import { roundLabel, roundStatus, type RoundStatus } from '../../mchch/rounds';
import { MCHCH_KIND, mchchDataOf } from '../../mchch/store';
import type { MchchMode, MchchRound, MchchSettings } from '../../office/mchch-settings';
import { bangkokToday, toIso } from '../../thai/calendar';
import { COMMAND_LABELS } from '../commands';
import { postback, wholeNumber } from '../postback';
import type { Accepted, Choice, FlowContext, Next, Reply } from '../types';
import { MCHCH_ENTRIES, MCHCH_FLOWS, mchchHubParams } from './ids';

export const MCHCH_COMMON_SAY = {
  notFound: 'ขออภัยค่ะ ไม่พบใบสมัคร มชช. นี้ของคุณ เริ่มสมัครได้จากคำว่า "สมัคร มชช." ค่ะ',
  notEditable: (title: string) => `ตอนนี้ส่วน "${title}" แก้ไขไม่ได้ค่ะ เพราะใบสมัครส่งแล้ว แก้ได้เฉพาะส่วนที่เจ้าหน้าที่ขอให้แก้ค่ะ`,
  notInCase: 'ขออภัยค่ะ ใบสมัครประเภทนี้ไม่มีรายการนี้ค่ะ ดูรายการทั้งหมดได้ที่หน้าใบสมัครนะคะ',
  saveFailed: 'ขออภัยค่ะ บันทึกไม่สำเร็จ เพราะตอนนี้ส่วนนี้แก้ไขไม่ได้แล้วค่ะ',
  toHub: 'กลับหน้าใบสมัคร',
  pickAButton: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ',
  skip: 'ข้าม',
};

export const SKIP: Choice = { value: 'skip', label: MCHCH_COMMON_SAY.skip, keywords: ['ไม่มี', 'ไม่ทราบ', 'ข้ามไป'] };

/** Every section a มชช. case has (data sections and checklist items). */
export const ALL_SECTIONS = Object.keys(MCHCH_SECTION_TITLES) as MchchSection[];

export function isMchchSection(s: unknown): s is MchchSection {
  return typeof s === 'string' && (ALL_SECTIONS as string[]).includes(s);
}

export function pickChoice(reply: Reply): Accepted {
  return reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: MCHCH_COMMON_SAY.pickAButton };
}

/** The sections this case has (its type's checklist as the office has it, the applicant, the form, the qualifications). */
export function sectionsOfCase(ctx: FlowContext, data: MchchData): MchchSection[] {
  const keys = readiness(data, settingsOf(ctx)).items.map((i) => i.key as MchchSection);
  return ['eligibility', 'form', ...keys.filter((k) => k !== 'form')];
}

/** The applicant's own มชช. case in this office, or undefined. */
export async function ownMchchCase(ctx: FlowContext, id: unknown): Promise<CaseRow | undefined> {
  const caseId = wholeNumber(id);
  if (caseId === undefined) return undefined;
  const c = await findCase(ctx.tx, ctx.services.office.id, caseId);
  return c && c.kind === MCHCH_KIND && c.applicantUserId === ctx.userId ? c : undefined;
}

/** Whether the applicant may change this section now (the kind's `editable`: all, or only the reopened). */
export function sectionEditable(c: CaseRow, section: string): boolean {
  const editable = mchchKind.editable[c.status as keyof typeof mchchKind.editable];
  if (editable === 'all') return true;
  return editable === 'reopened' && reopenedSections(c).includes(section);
}

export function settingsOf(ctx: FlowContext): MchchSettings {
  return ctx.services.office.mchch;
}

export function todayIso(now: Date): string {
  return toIso(bangkokToday(now));
}

/** The round the case belongs to as the profile has it now (the one that counts for dates), if listed. */
export function profileRound(ctx: FlowContext, data: MchchData): MchchRound | undefined {
  return data.round ? settingsOf(ctx).rounds.find((r) => r.id === data.round!.id) : undefined;
}

/** The round's name for every answer: the profile's (with its window), else the case's snapshot. */
export function roundName(ctx: FlowContext, data: MchchData): string {
  const round = profileRound(ctx, data);
  return round ? roundLabel(round) : (data.round?.label ?? '');
}

/** The round's mode: the profile's round, falling back to the snapshot (Q1: prepare_only by default). */
export function roundMode(ctx: FlowContext, data: MchchData): MchchMode {
  return profileRound(ctx, data)?.mode ?? data.round?.mode ?? 'prepare_only';
}

/** Where today falls in the case's round (the profile's dates; the snapshot's when it is gone). */
export function caseRoundStatus(ctx: FlowContext, data: MchchData): RoundStatus {
  const today = todayIso(ctx.now);
  const round = profileRound(ctx, data);
  if (round) return roundStatus(round, today);
  if (!data.round) return 'past';
  if (today <= data.round.localCutoff) return 'open';
  return today <= data.round.districtDeadline ? 'closed_locally' : 'past';
}

/** The case's district office, deadline and the rest, as the profile has them (else the snapshot). */
export function roundFacts(ctx: FlowContext, data: MchchData): { district: { name: string; phone?: string; address?: string }; districtDeadline: string; localCutoff: string; opens?: string } | undefined {
  const round = profileRound(ctx, data);
  if (round) return round;
  return data.round;
}

export function hubItems(caseId?: number) {
  return [...(caseId !== undefined ? [goItem(MCHCH_COMMON_SAY.toHub, MCHCH_ENTRIES.hub, mchchHubParams(caseId))] : []), menuItem()];
}

export function notFoundMessages(): Message[] {
  return [text(MCHCH_COMMON_SAY.notFound, [quickItem(postbackAction(COMMAND_LABELS.menu, postback.command('menu')))])];
}

/**
 * The start of a section conversation: the case named by params.c must be the applicant's own มชช.
 * case, with the section editable now. Gives the answers to start with, or the refusal to send.
 */
export async function openSection(ctx: FlowContext, section: MchchSection, params: Record<string, string>): Promise<{ answers: Record<string, unknown>; data: MchchData; c: CaseRow } | { refuse: Message[] }> {
  const c = await ownMchchCase(ctx, params.c);
  if (!c) return { refuse: notFoundMessages() };
  const data = mchchDataOf(c);
  if (!sectionsOfCase(ctx, data).includes(section)) return { refuse: [text(MCHCH_COMMON_SAY.notInCase, hubItems(c.id))] };
  if (!sectionEditable(c, section)) return { refuse: [text(MCHCH_COMMON_SAY.notEditable(MCHCH_SECTION_TITLES[section]), hubItems(c.id))] };
  return { answers: { c: c.id }, data, c };
}

export function caseIdOf(ctx: FlowContext): number {
  return ctx.answers.c as number;
}

/** The case's data as it is now. */
export async function caseData(ctx: FlowContext): Promise<MchchData> {
  const c = await findCase(ctx.tx, ctx.services.office.id, caseIdOf(ctx));
  return c ? mchchDataOf(c) : {};
}

/** Save sections; false when they may not be changed now. */
export async function saveSections(ctx: FlowContext, patch: Partial<MchchData>): Promise<boolean> {
  const result = await saveData(ctx.tx, ctx.services.office.id, caseIdOf(ctx), ctx.userId, patch, ctx.now);
  if (!result.ok && result.reason === 'invalid') throw new Error(`mchch sections ${Object.keys(patch).join(',')} failed the schema: ${result.issues.join('; ')}`);
  return result.ok;
}

/** The end of a section: what was saved, then the hub of the same case. */
export function backToHub(ctx: FlowContext, say: Message[]): Next {
  return { end: say, then: { flow: MCHCH_FLOWS.hub, params: mchchHubParams(caseIdOf(ctx)) } };
}

export function saveRefused(ctx: FlowContext): Next {
  return backToHub(ctx, [text(MCHCH_COMMON_SAY.saveFailed)]);
}
