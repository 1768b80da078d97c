// "แจ้งเปลี่ยนแปลงสมาชิก": a registered group tells the office of a change (reference §4.2
// update_submitted → registered): a member joins (name, phone, the day), a member leaves (picked from
// the list, the day), or the committee changes (position → member, as many as needed). Review, send:
// an update case (group_update) staff approve — then the group's record changes — or refuse.
// The name is read by a minimal parse here (title? first last): src/thai/person-name.ts
// (parsePersonName, another helper's) was not on main yet; the lead will fold it in.
import { menuItem } from '../../booking/messages';
import { createDraft, transition } from '../../cases/actions';
import { CHANGE_TITLES, type GroupUpdateData } from '../../cases/kinds/group-update';
import { referenceText } from '../../cases/messages';
import type { Member } from '../../groups/data';
import { groupDataOf } from '../../groups/store';
import { text } from '../../line/messages';
import { bangkokToday, fromIso, toIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { formatPersonName, nameReasonText, parsePersonName } from '../../thai/person-name';
import { parseSmallInt } from '../../thai/numbers';
import { formatPhone, parsePhone, phoneReasonText } from '../../thai/phone';
import type { Choice, Entry, Flow, FlowContext, Next, Reply, Step } from '../types';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';
import { fullDateOf, groupName, groupOf, officeOf, pickGroupStep, startGroup } from './registered';

export const UPDATE_SAY = {
  what: 'ต้องการแจ้งเปลี่ยนแปลงเรื่องไหนคะ',
  joinName: 'ขอชื่อ-นามสกุลสมาชิกใหม่ค่ะ เช่น นางมาลี ใจงาม',
  phone: 'เบอร์โทรของสมาชิกใหม่คะ ถ้าไม่มี กด "ข้าม" ค่ะ',
  skip: 'ข้าม',
  date: (what: string) => `${what}วันที่เท่าไรคะ พิมพ์ได้เลย เช่น 1 ธ.ค. 2569 หรือกด "วันนี้" ค่ะ`,
  today: 'วันนี้',
  pickMember: (list: string) => `สมาชิกคนไหนคะ พิมพ์เลขหน้าชื่อ หรือกดปุ่มได้เลยค่ะ\n${list}`,
  memberBad: 'ไม่พบหมายเลขนี้ในรายชื่อค่ะ ขอเลขหน้าชื่อนะคะ',
  noMembers: 'กลุ่มนี้ยังไม่มีรายชื่อสมาชิกในทะเบียนค่ะ สอบถามเจ้าหน้าที่ได้ค่ะ (พิมพ์ "ช่วยเหลือ")',
  position: 'ตำแหน่งไหนคะ',
  holder: (position: string, list: string) => `ใครเป็น${position}คะ พิมพ์เลขหน้าชื่อ หรือกดปุ่มได้เลยค่ะ\n${list}`,
  morePositions: 'มีตำแหน่งอื่นที่เปลี่ยนอีกไหมคะ',
  addPosition: 'เปลี่ยนอีกตำแหน่ง',
  done: 'เสร็จแล้ว',
  review: (lines: string) => `ตรวจก่อนส่งนะคะ 👇\n${lines}`,
  send: 'ส่งเรื่อง',
  sent: (reference: string) => `ส่งเรื่องแล้วค่ะ ✅ เลขที่ ${reference}\nเจ้าหน้าที่จะตรวจและแจ้งผลทาง LINE นี้ค่ะ`,
  notSent: 'ขออภัยค่ะ ส่งเรื่องนี้ไม่ได้ในตอนนี้ สอบถามเจ้าหน้าที่ได้ค่ะ (พิมพ์ "ช่วยเหลือ")',
};

async function activeMembers(ctx: FlowContext): Promise<Member[]> {
  return groupDataOf(await groupOf(ctx)).members?.entries.filter((m) => m.status === 'active') ?? [];
}

function memberList(members: Member[]): string {
  return members.map((m, i) => `${i + 1}. ${formatPersonName(m)}`).join('\n');
}

function memberChoices(members: Member[]): Choice[] {
  return members.slice(0, 12).map((m, i) => ({ value: String(m.id), label: [...`${i + 1}. ${formatPersonName(m)}`].slice(0, 20).join('') }));
}

/** A member by a button or by the number before their name. */
async function acceptMember(reply: Reply, ctx: FlowContext) {
  const members = await activeMembers(ctx);
  if (reply.choice) return { ok: true as const, value: Number(reply.choice.value) };
  const n = parseSmallInt(reply.text ?? '');
  const m = n !== undefined ? members[n - 1] : undefined;
  return m ? { ok: true as const, value: m.id } : { ok: false as const, reason: UPDATE_SAY.memberBad };
}

function dateStep(what: string, next: string): Step {
  return {
    ask: () => ({ messages: [text(UPDATE_SAY.date(what))], acceptsText: true, choices: [{ value: 'today', label: UPDATE_SAY.today }] }),
    accept(reply, ctx) {
      if (reply.choice) return { ok: true, value: toIso(bangkokToday(ctx.now)) };
      const date = fullDateOf(reply, ctx.now);
      if (!date.ok) return date;
      const iso = date.iso;
      return { ok: true, value: iso, say: [text(`${what}วันที่ ${formatThaiDate(fromIso(iso))} ค่ะ`)] };
    },
    next: () => ({ step: next }),
  };
}

type Committee = Extract<GroupUpdateData, { change: 'committee' }>['committee'];

async function committeeSoFar(ctx: FlowContext): Promise<Committee['entries']> {
  return (ctx.answers.holder as Committee['entries'] | undefined) ?? groupDataOf(await groupOf(ctx)).committee?.entries ?? [];
}

/** The change as the update case holds it. */
async function changeOf(ctx: FlowContext): Promise<GroupUpdateData> {
  const group = await groupOf(ctx);
  const base = { groupCaseId: group.id, groupName: groupName(group) };
  const a = ctx.answers;
  if (a.what === 'member_join') {
    const name = a['join-name'] as { title?: string; firstName: string; lastName: string };
    return { ...base, change: 'member_join', member: { ...name, ...(a['join-phone'] ? { phone: String(a['join-phone']) } : {}), joined: String(a['join-date']) } };
  }
  if (a.what === 'member_leave') {
    const m = (await activeMembers(ctx)).find((x) => x.id === a['leave-who'])!;
    return { ...base, change: 'member_leave', memberId: m.id, memberName: formatPersonName(m), left: String(a['leave-date']) };
  }
  const previous = groupDataOf(group).committee;
  return { ...base, change: 'committee', committee: { ...previous, entries: await committeeSoFar(ctx) } };
}

async function reviewLines(ctx: FlowContext, change: GroupUpdateData): Promise<string> {
  const lines = [`กลุ่ม: ${change.groupName ?? ''}`, `เรื่อง: ${CHANGE_TITLES[change.change]}`];
  if (change.change === 'member_join') {
    lines.push(`ชื่อ: ${formatPersonName(change.member)}`, `เบอร์โทร: ${change.member.phone ? formatPhone(change.member.phone) : '-'}`, `เข้ากลุ่ม: ${formatThaiDate(fromIso(change.member.joined!))}`);
  }
  if (change.change === 'member_leave') lines.push(`ชื่อ: ${change.memberName}`, `ลาออก: ${formatThaiDate(fromIso(change.left))}`);
  if (change.change === 'committee') {
    const members = groupDataOf(await groupOf(ctx)).members?.entries ?? [];
    for (const e of change.committee.entries) {
      const m = members.find((x) => x.id === e.memberId);
      lines.push(`${e.position}: ${m ? formatPersonName(m) : (e.name ?? '-')}`);
    }
  }
  return lines.join('\n');
}

/** The change is known (a keyword named it): on as after the `what` step; else ask it. */
async function afterGroup(ctx: FlowContext): Promise<Next> {
  return ctx.answers.what ? afterWhat(ctx) : { step: 'what' };
}

async function afterWhat(ctx: FlowContext): Promise<Next> {
  if (ctx.answers.what !== 'member_join' && (await activeMembers(ctx)).length === 0) return { end: [text(UPDATE_SAY.noMembers, [menuItem()])] };
  return { step: firstOf(String(ctx.answers.what)) };
}

function firstOf(what: string): string {
  return what === 'member_join' ? 'join-name' : what === 'member_leave' ? 'leave-who' : 'position';
}

const steps: Record<string, Step> = {
  group: pickGroupStep(afterGroup),
  what: {
    ask: () => ({
      messages: [text(UPDATE_SAY.what)],
      choices: (Object.keys(CHANGE_TITLES) as (keyof typeof CHANGE_TITLES)[]).map((value) => ({ value, label: CHANGE_TITLES[value] })),
    }),
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    next: afterWhat,
  },
  'join-name': {
    ask: () => ({ messages: [text(UPDATE_SAY.joinName)], acceptsText: true }),
    accept: (reply) => {
      const parsed = parsePersonName(reply.text ?? '');
      if (!parsed.ok) return { ok: false, reason: nameReasonText(parsed.reason) };
      const name = parsed.value;
      return { ok: true, value: name, say: [text(`ชื่อ ${formatPersonName(name)} ค่ะ`)] };
    },
    next: () => ({ step: 'join-phone' }),
  },
  'join-phone': {
    ask: () => ({ messages: [text(UPDATE_SAY.phone)], acceptsText: true, choices: [{ value: 'skip', label: UPDATE_SAY.skip, keywords: ['ไม่มี'] }] }),
    accept: (reply) => {
      if (reply.choice) return { ok: true, value: null };
      const phone = parsePhone(reply.text ?? '');
      return phone.ok ? { ok: true, value: phone.value, say: [text(`เบอร์ ${formatPhone(phone.value)} ค่ะ`)] } : { ok: false, reason: phoneReasonText(phone.reason) };
    },
    next: () => ({ step: 'join-date' }),
  },
  'join-date': dateStep('เข้ากลุ่ม', 'review'),
  'leave-who': {
    async ask(ctx) {
      const members = await activeMembers(ctx);
      return { messages: [text(UPDATE_SAY.pickMember(memberList(members)))], acceptsText: true, choices: memberChoices(members) };
    },
    accept: acceptMember,
    next: () => ({ step: 'leave-date' }),
  },
  'leave-date': dateStep('ลาออก', 'review'),
  position: {
    ask: (ctx) => ({ messages: [text(UPDATE_SAY.position)], choices: ctx.services.office.groups.committeePositions.slice(0, 12).map((p) => ({ value: p, label: p })) }),
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    next: () => ({ step: 'holder' }),
  },
  holder: {
    async ask(ctx) {
      const members = await activeMembers(ctx);
      return { messages: [text(UPDATE_SAY.holder(String(ctx.answers.position), memberList(members)))], acceptsText: true, choices: memberChoices(members) };
    },
    async accept(reply, ctx) {
      const picked = await acceptMember(reply, ctx);
      if (!picked.ok) return picked;
      const position = String(ctx.answers.position);
      const entries = [...(await committeeSoFar(ctx))];
      const at = entries.findIndex((e) => e.position === position);
      const entry = { position, memberId: picked.value };
      if (at >= 0) entries[at] = entry;
      else entries.push(entry);
      return { ok: true, value: entries };
    },
    next: () => ({ step: 'more' }),
  },
  more: {
    ask: () => ({ messages: [text(UPDATE_SAY.morePositions)], choices: [{ value: 'add', label: UPDATE_SAY.addPosition }, { value: 'done', label: UPDATE_SAY.done }] }),
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    next: (ctx) => ({ step: ctx.answers.more === 'add' ? 'position' : 'review' }),
  },
  review: {
    async ask(ctx) {
      return { messages: [text(UPDATE_SAY.review(await reviewLines(ctx, await changeOf(ctx))))], choices: [{ value: 'send', label: UPDATE_SAY.send, keywords: ['ส่ง'] }] };
    },
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    async next(ctx) {
      const draft = await createDraft(ctx.tx, officeOf(ctx), 'group_update', ctx.userId, ctx.now, await changeOf(ctx));
      const result = await transition(ctx.tx, officeOf(ctx), draft.id, { to: 'submitted', actor: { role: 'applicant', id: ctx.userId }, expectedVersion: draft.version }, ctx.now);
      return { end: [text(result.ok ? UPDATE_SAY.sent(referenceText(result.case)) : UPDATE_SAY.notSent, [menuItem()])] };
    },
  },
};

const WHAT_PARAMS = new Set(Object.keys(CHANGE_TITLES));

export const groupUpdateFlow: Flow = {
  id: GROUP_FLOWS.update,
  version: 1,
  title: 'แจ้งเปลี่ยนแปลงข้อมูลกลุ่ม',
  steps,
  async start(ctx, params) {
    const start = await startGroup(ctx, params);
    if ('refuse' in start) return start;
    const answers = WHAT_PARAMS.has(params.w ?? '') ? { what: params.w } : {};
    if ('pick' in start) return { step: 'group', answers };
    const withGroup = { ...answers, group: start.group };
    const next = await afterGroup({ ...ctx, answers: withGroup });
    return 'end' in next ? { refuse: next.end } : { step: next.step, answers: withGroup };
  },
};

const entry = (id: string, keywords: string[], w?: string): Entry => ({ id, keywords, flow: GROUP_FLOWS.update, ...(w && { params: { w } }) });

export const groupUpdateEntry = entry(GROUP_ENTRIES.update, ['แจ้งเปลี่ยนแปลงสมาชิก', 'แจ้งเปลี่ยนแปลงกลุ่ม']);
export const groupJoinEntry = entry('group-update-join', ['สมาชิกเข้าใหม่'], 'member_join');
export const groupLeaveEntry = entry('group-update-leave', ['สมาชิกลาออก'], 'member_leave');
export const groupCommitteeEntry = entry('group-update-committee', ['เปลี่ยนกรรมการ'], 'committee');
