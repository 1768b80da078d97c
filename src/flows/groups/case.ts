// The group case a conversation works on: found by the id it carries, only when it is this leader's
// group case in this office (anything else is "not found", said kindly), and which sections the
// leader may edit now (all in a draft; only the reopened ones when staff asked for more).
import { reopenedSections } from '../../cases/actions';
import { findCase } from '../../cases/store';
import { goItem, menuItem } from '../../booking/messages';
import type { CaseRow } from '../../db/schema';
import { text, type Message } from '../../line/messages';
import { GROUP_KIND } from '../../groups/store';
import { GROUP_SECTIONS, type GroupSection } from '../../groups/sections';
import { wholeNumber } from '../postback';
import type { FlowContext } from '../types';
import { GROUP_ENTRIES } from './ids';

export const GROUP_CASE_SAY = {
  notFound: 'ขออภัยค่ะ ไม่พบข้อมูลกลุ่มนี้ของคุณ ดูกลุ่มของคุณได้จากปุ่ม "ข้อมูลกลุ่ม" ค่ะ',
  hubButton: 'ข้อมูลกลุ่ม',
};

/** The leader's own group case in this office, or undefined. */
export async function ownGroupCase(ctx: FlowContext, id: unknown): Promise<CaseRow | undefined> {
  const caseId = wholeNumber(id);
  if (caseId === undefined) return undefined;
  const c = await findCase(ctx.tx, ctx.services.office.id, caseId);
  return c && c.kind === GROUP_KIND && c.applicantUserId === ctx.userId ? c : undefined;
}

/** The sections the leader may change now, in hub order. */
export function editableSections(c: CaseRow): GroupSection[] {
  if (c.status === 'draft') return [...GROUP_SECTIONS];
  if (c.status === 'needs_info') {
    const reopened = reopenedSections(c);
    return GROUP_SECTIONS.filter((s) => reopened.includes(s));
  }
  return [];
}

export function isGroupSection(s: unknown): s is GroupSection {
  return typeof s === 'string' && (GROUP_SECTIONS as readonly string[]).includes(s);
}

/** Back to the hub (with the case when known) or the menu. */
export function hubItems(caseId?: number) {
  return [goItem(GROUP_CASE_SAY.hubButton, GROUP_ENTRIES.submit, caseId ? { c: String(caseId) } : {}), menuItem()];
}

export function groupCaseNotFound(): Message[] {
  return [text(GROUP_CASE_SAY.notFound, hubItems())];
}
