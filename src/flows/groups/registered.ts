// What the registered-group conversations (grp_report, grp_update) share: which of the leader's
// registered groups they are about (the button's `c`, the only one, or a pick), and small readers.
import { menuItem } from '../../booking/messages';
import type { CaseRow } from '../../db/schema';
import { findCase } from '../../cases/store';
import { groupDataOf, GROUP_KIND } from '../../groups/store';
import { registeredGroupsOf } from '../../groups/reports';
import { text, type Message } from '../../line/messages';
import { bangkokToday, toIso } from '../../thai/calendar';
import { parseThaiDate, reasonText } from '../../thai/date-parse';
import type { Choice, FlowContext, Reply, Step } from '../types';

export const REGISTERED_SAY = {
  none: 'ยังไม่มีกลุ่มที่ขึ้นทะเบียนแล้วในบัญชี LINE นี้ค่ะ ถ้าต้องการขึ้นทะเบียนกลุ่ม พิมพ์ "ตั้งกลุ่ม" ได้เลยค่ะ',
  pick: 'เรื่องนี้ของกลุ่มไหนคะ เลือกจากปุ่มด้านล่างได้เลยค่ะ',
  needDay: 'ขอวันที่ให้ครบ วัน เดือน ปี นะคะ เช่น 15 พ.ย. 2569 ค่ะ',
};

/** A whole day (not a month or a year alone) from the date picker or typed the Thai way; not after today. */
export function fullDateOf(reply: Reply, now: Date): { ok: true; iso: string } | { ok: false; reason: string } {
  if (reply.date) return { ok: true, iso: reply.date };
  const parsed = parseThaiDate(reply.text ?? '', { today: bangkokToday(now) });
  if (!parsed.ok) return { ok: false, reason: reasonText(parsed.reason) };
  const { year, month, day } = parsed.value;
  if (month === undefined || day === undefined) return { ok: false, reason: REGISTERED_SAY.needDay };
  return { ok: true, iso: toIso({ year, month, day }) };
}

export function officeOf(ctx: FlowContext): string {
  return ctx.services.office.id;
}

export function groupName(group: CaseRow): string {
  return groupDataOf(group).profile?.name ?? `กลุ่ม #${group.id}`;
}

/** The group the conversation is about (answers.group holds its id). */
export async function groupOf(ctx: FlowContext): Promise<CaseRow> {
  const group = await findCase(ctx.tx, officeOf(ctx), Number(ctx.answers.group));
  if (!group || group.kind !== GROUP_KIND) throw new Error('the conversation lost its group');
  return group;
}

export type GroupStart = { group: number } | { pick: true } | { refuse: Message[] };

/** From the params: the group named by a button (if it is the leader's registered one), the only one, or a pick. */
export async function startGroup(ctx: FlowContext, params: Record<string, string>): Promise<GroupStart> {
  const groups = await registeredGroupsOf(ctx.tx, officeOf(ctx), ctx.userId);
  if (groups.length === 0) return { refuse: [text(REGISTERED_SAY.none, [menuItem()])] };
  const named = groups.find((g) => String(g.id) === params.c);
  if (named) return { group: named.id };
  return groups.length === 1 ? { group: groups[0]!.id } : { pick: true };
}

async function groupChoices(ctx: FlowContext): Promise<Choice[]> {
  const groups = await registeredGroupsOf(ctx.tx, officeOf(ctx), ctx.userId);
  return groups.slice(0, 12).map((g) => ({ value: String(g.id), label: [...groupName(g)].slice(0, 20).join('') }));
}

/** The step that picks one of several registered groups; `then` names the step after it. */
export function pickGroupStep(then: (ctx: FlowContext) => ReturnType<Step['next']>): Step {
  return {
    ask: async (ctx) => ({ messages: [text(REGISTERED_SAY.pick)], choices: await groupChoices(ctx) }),
    accept: (reply) => ({ ok: true, value: Number(reply.choice!.value) }),
    next: then,
  };
}
