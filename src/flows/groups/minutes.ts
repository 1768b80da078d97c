// grp_sub_minutes: the group's meeting records (reference §2.9): for each meeting its type
// (MEETING_TYPES), date (not in the future), place (optional), attendees and total members (optional;
// a warning, never a refusal, when more attended than there are members: no quorum rule exists in the
// seeds), resolutions one per line, and photos of the minutes (≥ 1; a PDF is taken too). Each meeting
// is saved to the case as soon as it is complete; the list shows them, one can be removed.
import type { GroupData } from '../../groups/data';
import { GROUP_SLOTS, MEETING_TYPES } from '../../groups/data';
import { memberCount } from '../../groups/sections';
import { text } from '../../line/messages';
import { parseSmallInt } from '../../thai/numbers';
import type { Accepted, Choice, Entry, Flow, FlowContext, Reply } from '../types';
import {
  SKIP,
  pickChoice,
  acceptPastDate,
  backToHub,
  caseData,
  caseIdOf,
  dateText,
  numbered,
  openSection,
  pastDatePicker,
  receivedPages,
  removeChoices,
  removeIndex,
  saveRefused,
  saveSection,
} from './common';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

type Meeting = NonNullable<GroupData['minutes']>['meetings'][number];

const ADD = 'add';
const REMOVE = 'remove';
const DONE = 'done';
const MAX_RESOLUTIONS = 20;

export const MINUTES_SAY = {
  intro: 'บันทึกการประชุมของกลุ่ม เช่น ประชาคม หรือการประชุมสมาชิกที่มีมติจัดตั้งกลุ่ม เพิ่มได้ทีละครั้งค่ะ',
  list: (lines: string[]) => `การประชุมที่บันทึกไว้:\n${numbered(lines)}`,
  add: 'เพิ่มการประชุม',
  remove: 'ลบการประชุม',
  done: 'เสร็จแล้ว',
  type: 'เป็นการประชุมแบบไหนคะ',
  date: (type: string) => `${type} จัดเมื่อวันที่เท่าไรคะ`,
  place: 'ประชุมที่ไหนคะ (ไม่ทราบ กด "ข้าม" ได้ค่ะ)',
  placeTooLong: 'ชื่อสถานที่ยาวเกินไปค่ะ ขอสั้นลงหน่อยนะคะ',
  attendees: 'มีผู้เข้าประชุมกี่คนคะ พิมพ์เป็นตัวเลข (ไม่ทราบ กด "ข้าม" ได้ค่ะ)',
  totalMembers: 'ตอนประชุม กลุ่มมีสมาชิกทั้งหมดกี่คนคะ (ไม่ทราบ กด "ข้าม" ได้ค่ะ)',
  notANumber: 'ขอเป็นตัวเลขจำนวนคนนะคะ เช่น 25 ค่ะ',
  moreThanTotal: (attendees: number, total: number) => `ผู้เข้าประชุม ${attendees} คน มากกว่าสมาชิกทั้งหมด ${total} คนค่ะ ถ้าถูกต้องแล้ว (เช่น มีผู้ร่วมประชุมที่ไม่ใช่สมาชิก) ก็ไม่เป็นไรนะคะ`,
  resolutions: 'ที่ประชุมมีมติอะไรบ้างคะ พิมพ์มติละบรรทัดได้เลยค่ะ เช่น\nเห็นชอบจัดตั้งกลุ่ม\nเลือกคณะกรรมการ\n(ไม่มี กด "ข้าม" ได้ค่ะ)',
  resolutionTooLong: 'มติบางข้อยาวเกินไปค่ะ ขอไม่เกิน 500 ตัวอักษรต่อข้อนะคะ',
  tooManyResolutions: `มติมากเกินไปค่ะ ขอไม่เกิน ${MAX_RESOLUTIONS} ข้อนะคะ`,
  photos: 'ขอรูปถ่ายบันทึกการประชุมค่ะ ส่งหลายรูปพร้อมกันได้ หรือส่งเป็นไฟล์ PDF ก็ได้ค่ะ',
  saved: (line: string) => `บันทึกการประชุมแล้วค่ะ ✅ ${line}`,
  whichRemove: 'ลบการประชุมไหนคะ กดหรือพิมพ์หมายเลขได้เลยค่ะ',
  badRemove: 'ไม่พบการประชุมหมายเลขนี้ค่ะ กดหรือพิมพ์หมายเลขจากรายการนะคะ',
  removed: (line: string) => `ลบ "${line}" แล้วค่ะ`,
  finished: (count: number) => (count ? `บันทึกการประชุม ${count} ครั้ง เรียบร้อยค่ะ ✅` : 'ยังไม่มีบันทึกการประชุมค่ะ'),
};

const meetingsOf = async (ctx: FlowContext): Promise<Meeting[]> => (await caseData(ctx)).minutes?.meetings ?? [];

/** "ประชุมสมาชิก 15 มี.ค. 2569 ที่ศาลาหมู่บ้าน (30/45 คน, 2 มติ, 3 รูป)". */
export function meetingLine(m: Meeting): string {
  const facts = [
    ...(m.attendees !== undefined ? [`${m.attendees}${m.totalMembers !== undefined ? `/${m.totalMembers}` : ''} คน`] : []),
    ...(m.resolutions.length ? [`${m.resolutions.length} มติ`] : []),
    `${m.photos.length} รูป/ไฟล์`,
  ];
  return `${m.type} ${dateText(m.date)}${m.place ? ` ที่${m.place}` : ''} (${facts.join(', ')})`;
}

/** A head count typed ("25", "๒๕ คน") or skipped (null). */
function acceptCount(reply: Reply): Accepted {
  if (reply.choice?.value === SKIP.value) return { ok: true, value: null };
  if (reply.choice) return { ok: true, value: Number(reply.choice.value) };
  const n = parseSmallInt(reply.text ?? '');
  return n === undefined ? { ok: false, reason: MINUTES_SAY.notANumber } : { ok: true, value: n };
}


export const minutesFlow: Flow = {
  id: GROUP_FLOWS.section('minutes'),
  version: 1,
  title: 'บันทึกการประชุมของกลุ่ม',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'minutes', params);
    return 'refuse' in opened ? opened : { step: 'list', answers: opened.answers };
  },
  steps: {
    list: {
      async ask(ctx) {
        const meetings = await meetingsOf(ctx);
        const choices: Choice[] = [{ value: ADD, label: MINUTES_SAY.add, keywords: ['เพิ่ม'] }];
        if (meetings.length) choices.push({ value: REMOVE, label: MINUTES_SAY.remove, keywords: ['ลบ'] });
        choices.push({ value: DONE, label: MINUTES_SAY.done, keywords: ['เสร็จ', 'ครบแล้ว'] });
        return { messages: [text(meetings.length ? MINUTES_SAY.list(meetings.map(meetingLine)) : MINUTES_SAY.intro)], choices };
      },
      accept: pickChoice,
      async next(ctx) {
        if (ctx.answers.list === ADD) return { step: 'type' };
        if (ctx.answers.list === REMOVE) return { step: 'remove' };
        return backToHub(ctx, [text(MINUTES_SAY.finished((await meetingsOf(ctx)).length))]);
      },
    },
    type: {
      ask: () => ({ messages: [text(MINUTES_SAY.type)], choices: MEETING_TYPES.map((m) => ({ value: m, label: m })) }),
      accept: pickChoice,
      next: () => ({ step: 'date' }),
    },
    date: {
      ask: (ctx) => ({ messages: [text(MINUTES_SAY.date(ctx.answers.type as string))], acceptsText: true, datePicker: pastDatePicker(ctx.now) }),
      accept: (reply, ctx) => acceptPastDate(reply, ctx.now, false),
      next: () => ({ step: 'place' }),
    },
    place: {
      ask: () => ({ messages: [text(MINUTES_SAY.place)], choices: [SKIP], acceptsText: true }),
      accept(reply) {
        if (reply.choice?.value === SKIP.value) return { ok: true, value: null };
        const typed = reply.text?.trim() ?? '';
        if (!typed) return { ok: false, reason: MINUTES_SAY.place };
        return [...typed].length > 200 ? { ok: false, reason: MINUTES_SAY.placeTooLong } : { ok: true, value: typed };
      },
      next: () => ({ step: 'attendees' }),
    },
    attendees: {
      ask: () => ({ messages: [text(MINUTES_SAY.attendees)], choices: [SKIP], acceptsText: true }),
      accept: acceptCount,
      next: () => ({ step: 'totalMembers' }),
    },
    totalMembers: {
      async ask(ctx) {
        // The member list's count as a one-tap answer, when there is one.
        const listed = memberCount(await caseData(ctx));
        const choices: Choice[] = listed ? [{ value: String(listed), label: `${listed} คน` }, SKIP] : [SKIP];
        return { messages: [text(MINUTES_SAY.totalMembers)], choices, acceptsText: true };
      },
      accept(reply, ctx) {
        const accepted = acceptCount(reply);
        const attendees = ctx.answers.attendees as number | null;
        if (!accepted.ok || accepted.value === null || attendees === null || attendees <= (accepted.value as number)) return accepted;
        return { ...accepted, say: [text(MINUTES_SAY.moreThanTotal(attendees, accepted.value as number))] };
      },
      next: () => ({ step: 'resolutions' }),
    },
    resolutions: {
      ask: () => ({ messages: [text(MINUTES_SAY.resolutions)], choices: [SKIP], acceptsText: true }),
      accept(reply) {
        if (reply.choice?.value === SKIP.value) return { ok: true, value: [] };
        const lines = (reply.text ?? '')
          .split(/\r?\n/)
          .map((l) => l.replace(/^\s*(?:[-•*]|[\d๐-๙]{1,2}[.)])\s*/, '').trim())
          .filter(Boolean);
        if (!lines.length) return { ok: false, reason: MINUTES_SAY.resolutions };
        if (lines.length > MAX_RESOLUTIONS) return { ok: false, reason: MINUTES_SAY.tooManyResolutions };
        return lines.some((l) => [...l].length > 500) ? { ok: false, reason: MINUTES_SAY.resolutionTooLong } : { ok: true, value: lines };
      },
      next: () => ({ step: 'photos' }),
    },
    photos: {
      ask: (ctx) => ({ messages: [text(MINUTES_SAY.photos)], document: { slot: GROUP_SLOTS.minutes, accept: ['image', 'pdf'], caseId: caseIdOf(ctx) } }),
      async accept(reply, ctx) {
        if (!reply.attachments?.length) return { ok: false, reason: MINUTES_SAY.photos };
        return { ok: true, value: (await receivedPages(ctx, reply.attachments)).ids };
      },
      async next(ctx) {
        const a = ctx.answers;
        const meeting: Meeting = {
          type: a.type as Meeting['type'],
          date: a.date as string,
          ...(a.place ? { place: a.place as string } : {}),
          ...(a.attendees !== null && a.attendees !== undefined ? { attendees: a.attendees as number } : {}),
          ...(a.totalMembers !== null && a.totalMembers !== undefined ? { totalMembers: a.totalMembers as number } : {}),
          resolutions: a.resolutions as string[],
          photos: a.photos as number[],
        };
        const meetings = [...(await meetingsOf(ctx)), meeting];
        if (!(await saveSection(ctx, 'minutes', { meetings }))) return saveRefused(ctx);
        return { step: 'list', say: [text(MINUTES_SAY.saved(meetingLine(meeting)))] };
      },
    },
    remove: {
      async ask(ctx) {
        const lines = (await meetingsOf(ctx)).map(meetingLine);
        return { messages: [text(`${MINUTES_SAY.whichRemove}\n${numbered(lines)}`)], choices: removeChoices((await meetingsOf(ctx)).map((m) => dateText(m.date))), acceptsText: true };
      },
      async accept(reply, ctx) {
        const index = removeIndex(reply, (await meetingsOf(ctx)).length);
        return index === undefined ? { ok: false, reason: MINUTES_SAY.badRemove } : { ok: true, value: index };
      },
      async next(ctx) {
        const meetings = await meetingsOf(ctx);
        const [gone] = meetings.splice(ctx.answers.remove as number, 1);
        if (!(await saveSection(ctx, 'minutes', meetings.length ? { meetings } : undefined))) return saveRefused(ctx);
        return { step: 'list', say: gone ? [text(MINUTES_SAY.removed(meetingLine(gone)))] : [] };
      },
    },
  },
};

export const minutesEntry: Entry = { id: GROUP_ENTRIES.section('minutes'), keywords: [], flow: minutesFlow.id };
