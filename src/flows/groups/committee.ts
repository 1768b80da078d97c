// grp_sub_committee: the group's executive committee (reference §2.5, step 5 «คัดเลือกคณะกรรมการบริหาร»,
// Q4): positions from the office's list, each holder picked from the members list (a button, the
// member number or the name typed); each position is saved to the case as soon as its holder is
// known, so a restart loses nothing. Then the optional selection date and term, the committee said
// back, and saved. Office rules (Q4, office.groups.committee):
//   exactlyOneChair       a second ประธาน is refused (remove the first to change it);
//   onePositionPerPerson  true: one person two positions is refused; false (default): a warning;
//   holderMustBeMember    true (default): the holder must be on the members list; a typed name is
//                         taken only when the members section is photos of the paper register
//                         (staff compare with the photos). false: any typed name is taken.
import type { GroupData, Member } from '../../groups/data';
import { text, type Message } from '../../line/messages';
import { keywordKey, normalizeInput } from '../../thai/normalize';
import { parseSmallInt } from '../../thai/numbers';
import type { Accepted, Choice, Entry, Flow, FlowContext, Next, Reply } from '../types';
import {
  COMMON_SAY,
  SKIP,
  acceptPastDate,
  backToHub,
  caseData,
  dateText,
  memberName,
  numbered,
  openSection,
  pastDatePicker,
  removeChoices,
  removeIndex,
  saveRefused,
  saveSection,
} from './common';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

type Committee = NonNullable<GroupData['committee']>;
type Seat = Committee['entries'][number];
type Holder = { memberId: number } | { name: string };

const ADD = 'add';
const REMOVE = 'remove';
const DONE = 'done';
const SAVE = 'save';
const EDIT = 'edit';
/** The chair's label, as src/groups/sections.ts readiness counts it. */
export const CHAIR = 'ประธาน';
/** Members offered as buttons at the holder question (the rest are typed by number or name). */
const MEMBER_BUTTONS = 10;
/** Members listed in the holder question's text (a long register is typed by number or name). */
const MEMBER_LINES = 40;

export const COMMITTEE_SAY = {
  intro: 'มาบันทึกคณะกรรมการของกลุ่มกันค่ะ เพิ่มได้ทีละตำแหน่งนะคะ',
  list: (lines: string[]) => `คณะกรรมการที่บันทึกไว้:\n${numbered(lines)}`,
  needMembers: 'ยังไม่มีรายชื่อสมาชิกค่ะ กรรมการต้องเป็นสมาชิกของกลุ่ม กรุณากรอกส่วน "สมาชิก" ก่อนนะคะ',
  add: 'เพิ่มตำแหน่ง',
  remove: 'ลบ',
  done: 'เสร็จแล้ว',
  position: 'ตำแหน่งอะไรคะ',
  secondChair: (holder: string) => `กลุ่มมีประธานแล้วค่ะ คือ ${holder} มีประธานได้คนเดียวนะคะ ถ้าจะเปลี่ยน กด "ลบ" ตำแหน่งเดิมก่อนค่ะ`,
  holder: (position: string, list: string) => `ใครเป็น${position}คะ กดชื่อ หรือพิมพ์หมายเลขสมาชิกหรือชื่อได้ค่ะ\n${list}`,
  holderTyped: (position: string) => `ใครเป็น${position}คะ พิมพ์ชื่อและนามสกุลได้เลยค่ะ`,
  more: (n: number) => `...และสมาชิกอีก ${n} คน พิมพ์หมายเลขหรือชื่อได้ค่ะ`,
  unknownNumber: (n: number) => `ไม่พบสมาชิกหมายเลข ${n} ค่ะ กดหรือพิมพ์หมายเลขจากรายชื่อนะคะ`,
  unknownName: 'ไม่พบชื่อนี้ในรายชื่อสมาชิกค่ะ กรรมการต้องเป็นสมาชิกของกลุ่ม พิมพ์หมายเลขหรือชื่อตามรายชื่อนะคะ',
  manyNames: (list: string) => `มีสมาชิกชื่อนี้หลายคนค่ะ พิมพ์หมายเลขสมาชิกนะคะ\n${list}`,
  badName: 'ขอชื่อและนามสกุลเป็นตัวหนังสือนะคะ เช่น สมศรี ใจดี ค่ะ',
  notMember: (name: string) => `"${name}" ไม่อยู่ในรายชื่อสมาชิกค่ะ บันทึกตามที่พิมพ์นะคะ`,
  twoPositions: (name: string, position: string) => `${name} เป็น${position}อยู่แล้วค่ะ คนเดียวดำรงสองตำแหน่งได้ แต่ลองตรวจอีกครั้งนะคะ`,
  onePositionOnly: (name: string, position: string) => `${name} เป็น${position}อยู่แล้วค่ะ สำนักงานกำหนดให้หนึ่งคนดำรงได้ตำแหน่งเดียว เลือกคนอื่นนะคะ`,
  saved: (line: string) => `บันทึกแล้วค่ะ ✅ ${line}`,
  whichRemove: 'ลบตำแหน่งไหนคะ กดหรือพิมพ์หมายเลขได้เลยค่ะ',
  badRemove: 'ไม่พบหมายเลขนี้ค่ะ กดหรือพิมพ์หมายเลขจากรายการนะคะ',
  removed: (line: string) => `ลบ "${line}" แล้วค่ะ`,
  none: 'ยังไม่มีคณะกรรมการที่บันทึกไว้ค่ะ',
  selected: (kept?: string) => `คัดเลือกคณะกรรมการชุดนี้เมื่อวันที่เท่าไรคะ${kept ? ` (บันทึกไว้ ${kept})` : ''} ไม่ทราบ กด "ข้าม" ได้ค่ะ`,
  beforeEstablished: (established: string) => `วันที่นี้อยู่ก่อนวันก่อตั้งกลุ่ม (${established}) ค่ะ ถ้าถูกต้องแล้วก็ไม่เป็นไรนะคะ`,
  term: (kept?: number) => `กรรมการอยู่ในวาระกี่ปีคะ${kept ? ` (บันทึกไว้ ${kept} ปี)` : ''} พิมพ์ 1 ถึง 10 หรือกด "ข้าม" ค่ะ`,
  badTerm: 'ขอวาระเป็นจำนวนปี 1 ถึง 10 นะคะ เช่น 2 ค่ะ',
  confirm: (summary: string) => `ตรวจคณะกรรมการอีกครั้งนะคะ\n${summary}`,
  noChair: 'ยังไม่มีประธานค่ะ ต้องมีประธาน 1 คนก่อนส่งข้อมูลนะคะ',
  save: 'บันทึก',
  edit: 'แก้ไข',
  finished: (count: number) => `บันทึกคณะกรรมการ ${count} ตำแหน่งเรียบร้อยค่ะ ✅`,
};

const pick = (reply: Reply): Accepted => (reply.choice ? { ok: true, value: reply.choice.value } : { ok: false, reason: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ' });

const activeMembers = (data: GroupData): Member[] => (data.members?.entries ?? []).filter((m) => m.status === 'active');

/** Whether a holder can only be typed as a name (no list to pick from, and the office allows it). */
function typedOnly(ctx: FlowContext, data: GroupData): boolean {
  return activeMembers(data).length === 0 && canTypeName(ctx, data);
}

/** Q4 holderMustBeMember: a name outside the list is taken when the office allows it, or the register is only photos. */
function canTypeName(ctx: FlowContext, data: GroupData): boolean {
  return !ctx.services.office.groups.committee.holderMustBeMember || ((data.members?.entries.length ?? 0) === 0 && (data.members?.registerPhotos.length ?? 0) > 0);
}

function holderName(seat: Holder, data: GroupData): string {
  if ('name' in seat) return seat.name;
  const m = data.members?.entries.find((e) => e.id === seat.memberId);
  return m ? memberName(m) : `สมาชิกหมายเลข ${seat.memberId}`;
}

const seatHolder = (seat: Seat): Holder => (seat.memberId !== undefined ? { memberId: seat.memberId } : { name: seat.name ?? '' });
const lineOf = (seat: Seat, data: GroupData) => `${seat.position}: ${holderName(seatHolder(seat), data)}`;
const sameHolder = (a: Holder, b: Holder) => ('memberId' in a && 'memberId' in b ? a.memberId === b.memberId : 'name' in a && 'name' in b && keywordKey(a.name) === keywordKey(b.name));

/** The committee as said back before saving. */
export function committeeSummary(committee: Committee, data: GroupData): string {
  return [
    numbered(committee.entries.map((s) => lineOf(s, data))),
    ...(committee.selected ? [`วันที่คัดเลือก: ${dateText(committee.selected)}`] : []),
    ...(committee.termYears ? [`วาระ: ${committee.termYears} ปี`] : []),
  ].join('\n');
}

/** A member by the number or name typed; a reason when none (or several) match. */
function findMember(typed: string, members: readonly Member[]): { member: Member } | { reason: string } | undefined {
  const n = parseSmallInt(typed);
  if (n !== undefined) {
    const member = members.find((m) => m.id === n);
    return member ? { member } : { reason: COMMITTEE_SAY.unknownNumber(n) };
  }
  const key = keywordKey(typed);
  const exact = members.filter((m) => [memberName(m), `${m.firstName}${m.lastName}`].some((s) => keywordKey(s) === key));
  const found = exact.length ? exact : members.filter((m) => keywordKey(m.firstName) === key);
  if (found.length === 1) return { member: found[0]! };
  if (found.length > 1) return { reason: COMMITTEE_SAY.manyNames(found.map((m) => `${m.id}. ${memberName(m)}`).join('\n')) };
  return undefined;
}

export const committeeFlow: Flow = {
  id: GROUP_FLOWS.section('committee'),
  version: 1,
  title: 'คณะกรรมการของกลุ่ม',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'committee', params);
    return 'refuse' in opened ? opened : { step: 'list', answers: opened.answers };
  },
  steps: {
    list: {
      async ask(ctx) {
        const data = await caseData(ctx);
        const seats = data.committee?.entries ?? [];
        const canAdd = activeMembers(data).length > 0 || canTypeName(ctx, data);
        const choices: Choice[] = [];
        if (canAdd) choices.push({ value: ADD, label: COMMITTEE_SAY.add, keywords: ['เพิ่ม', 'เพิ่มกรรมการ'] });
        if (seats.length) choices.push({ value: REMOVE, label: COMMITTEE_SAY.remove, keywords: ['ลบตำแหน่ง'] });
        // Nothing saved yet: the way out is back to the hub, not "done".
        choices.push({ value: DONE, label: seats.length ? COMMITTEE_SAY.done : COMMON_SAY.toHub, keywords: ['เสร็จ', 'ครบแล้ว', COMMITTEE_SAY.done] });
        const say = seats.length ? COMMITTEE_SAY.list(seats.map((s) => lineOf(s, data))) : COMMITTEE_SAY.intro;
        return { messages: [text(canAdd ? say : `${say}\n\n${COMMITTEE_SAY.needMembers}`)], choices };
      },
      accept: pick,
      async next(ctx) {
        if (ctx.answers.list === ADD) return { step: 'position' };
        if (ctx.answers.list === REMOVE) return { step: 'remove' };
        return (await caseData(ctx)).committee ? { step: 'selected' } : backToHub(ctx, [text(COMMITTEE_SAY.none)]);
      },
    },
    position: {
      ask: (ctx) => ({
        messages: [text(COMMITTEE_SAY.position)],
        choices: ctx.services.office.groups.committeePositions.slice(0, 13).map((p) => ({ value: p, label: p })),
      }),
      async accept(reply, ctx) {
        const picked = pick(reply);
        if (!picked.ok || picked.value !== CHAIR || !ctx.services.office.groups.committee.exactlyOneChair) return picked;
        const data = await caseData(ctx);
        const chair = data.committee?.entries.find((s) => s.position === CHAIR);
        return chair ? { ok: false, reason: COMMITTEE_SAY.secondChair(holderName(seatHolder(chair), data)) } : picked;
      },
      next: () => ({ step: 'holder' }),
    },
    holder: {
      async ask(ctx) {
        const data = await caseData(ctx);
        const position = ctx.answers.position as string;
        const members = activeMembers(data);
        if (typedOnly(ctx, data)) return { messages: [text(COMMITTEE_SAY.holderTyped(position))], acceptsText: true };
        const lines = members.slice(0, MEMBER_LINES).map((m) => `${m.id}. ${memberName(m)}`);
        if (members.length > MEMBER_LINES) lines.push(COMMITTEE_SAY.more(members.length - MEMBER_LINES));
        const choices = members.slice(0, MEMBER_BUTTONS).map((m) => ({ value: `m${m.id}`, label: [...`${m.id}. ${memberName(m)}`].slice(0, 20).join(''), keywords: [String(m.id)] }));
        return { messages: [text(COMMITTEE_SAY.holder(position, lines.join('\n')))], choices, acceptsText: true };
      },
      async accept(reply, ctx) {
        const data = await caseData(ctx);
        const members = activeMembers(data);
        let holder: Holder;
        const say: Message[] = [];
        if (reply.choice) holder = { memberId: Number(reply.choice.value.slice(1)) };
        else {
          const typed = normalizeInput(reply.text ?? '');
          const found = typedOnly(ctx, data) ? undefined : findMember(typed, members);
          if (found && 'reason' in found) return { ok: false, reason: found.reason };
          if (found) holder = { memberId: found.member.id };
          else if (!canTypeName(ctx, data)) return { ok: false, reason: COMMITTEE_SAY.unknownName };
          else if (!/^[^\d]{2,100}$/.test(typed) || !/[\u0E01-\u0E2Ea-zA-Z]/.test(typed)) return { ok: false, reason: COMMITTEE_SAY.badName };
          else {
            holder = { name: typed };
            if (members.length) say.push(text(COMMITTEE_SAY.notMember(typed)));
          }
        }
        const other = data.committee?.entries.find((s) => sameHolder(seatHolder(s), holder));
        if (other) {
          const name = holderName(holder, data);
          if (ctx.services.office.groups.committee.onePositionPerPerson) return { ok: false, reason: COMMITTEE_SAY.onePositionOnly(name, other.position) };
          say.push(text(COMMITTEE_SAY.twoPositions(name, other.position)));
        }
        return { ok: true, value: holder, ...(say.length && { say }) };
      },
      async next(ctx) {
        const data = await caseData(ctx);
        const seat: Seat = { position: ctx.answers.position as string, ...(ctx.answers.holder as Holder) };
        const committee: Committee = { ...data.committee, entries: [...(data.committee?.entries ?? []), seat] };
        if (!(await saveSection(ctx, 'committee', committee))) return saveRefused(ctx);
        return { step: 'list', say: [text(COMMITTEE_SAY.saved(lineOf(seat, data)))] };
      },
    },
    remove: {
      async ask(ctx) {
        const data = await caseData(ctx);
        const lines = (data.committee?.entries ?? []).map((s) => lineOf(s, data));
        return { messages: [text(`${COMMITTEE_SAY.whichRemove}\n${numbered(lines)}`)], choices: removeChoices(lines), acceptsText: true };
      },
      async accept(reply, ctx) {
        const index = removeIndex(reply, (await caseData(ctx)).committee?.entries.length ?? 0);
        return index === undefined ? { ok: false, reason: COMMITTEE_SAY.badRemove } : { ok: true, value: index };
      },
      async next(ctx) {
        const data = await caseData(ctx);
        const entries = [...(data.committee?.entries ?? [])];
        const [gone] = entries.splice(ctx.answers.remove as number, 1);
        if (!(await saveSection(ctx, 'committee', entries.length ? { ...data.committee, entries } : undefined))) return saveRefused(ctx);
        return { step: 'list', say: gone ? [text(COMMITTEE_SAY.removed(lineOf(gone, data)))] : [] };
      },
    },
    selected: {
      async ask(ctx) {
        const kept = (await caseData(ctx)).committee?.selected;
        return { messages: [text(COMMITTEE_SAY.selected(kept && dateText(kept)))], choices: [SKIP], acceptsText: true, datePicker: pastDatePicker(ctx.now) };
      },
      async accept(reply, ctx) {
        const date = acceptPastDate(reply, ctx.now, true);
        const established = (await caseData(ctx)).profile?.established;
        if (date.ok && typeof date.value === 'string' && established && date.value < established) return { ...date, say: [text(COMMITTEE_SAY.beforeEstablished(dateText(established)))] };
        return date;
      },
      next: () => ({ step: 'term' }),
    },
    term: {
      async ask(ctx) {
        const kept = (await caseData(ctx)).committee?.termYears;
        return { messages: [text(COMMITTEE_SAY.term(kept))], choices: [{ value: '2', label: '2 ปี' }, { value: '4', label: '4 ปี' }, SKIP], acceptsText: true };
      },
      accept(reply) {
        if (reply.choice?.value === SKIP.value) return { ok: true, value: null };
        const n = reply.choice ? Number(reply.choice.value) : parseSmallInt(reply.text ?? '');
        return n !== undefined && n >= 1 && n <= 10 ? { ok: true, value: n } : { ok: false, reason: COMMITTEE_SAY.badTerm };
      },
      next: () => ({ step: 'confirm' }),
    },
    confirm: {
      async ask(ctx) {
        const data = await caseData(ctx);
        const committee = committeeOf(ctx, data);
        const noChair = ctx.services.office.groups.committee.exactlyOneChair && !committee.entries.some((s) => s.position === CHAIR);
        return {
          messages: [text(COMMITTEE_SAY.confirm(committeeSummary(committee, data)) + (noChair ? `\n\n${COMMITTEE_SAY.noChair}` : ''))],
          choices: [
            { value: SAVE, label: COMMITTEE_SAY.save, keywords: ['ถูกต้อง', 'ใช่', 'ตกลง'] },
            { value: EDIT, label: COMMITTEE_SAY.edit, keywords: ['แก้'] },
          ],
        };
      },
      accept: pick,
      async next(ctx): Promise<Next> {
        if (ctx.answers.confirm !== SAVE) return { step: 'list' };
        const committee = committeeOf(ctx, await caseData(ctx));
        if (!committee.entries.length) return backToHub(ctx, [text(COMMITTEE_SAY.none)]);
        return (await saveSection(ctx, 'committee', committee)) ? backToHub(ctx, [text(COMMITTEE_SAY.finished(committee.entries.length))]) : saveRefused(ctx);
      },
    },
  },
};

/** The saved committee with the date and term answered now ("ข้าม" keeps what was saved before). */
function committeeOf(ctx: FlowContext, data: GroupData): Committee {
  const saved = data.committee ?? { entries: [] };
  const selected = (ctx.answers.selected as string | null) ?? saved.selected;
  const termYears = (ctx.answers.term as number | null) ?? saved.termYears;
  return { ...saved, ...(selected && { selected }), ...(termYears && { termYears }) };
}

export const committeeEntry: Entry = { id: GROUP_ENTRIES.section('committee'), keywords: [], flow: committeeFlow.id };
