// mchch_applicant: who applies (params { c }): the leader themself, or the contact of the group,
// network or community. Name (said back before it is kept), phone (dashes, spaces, Thai digits:
// src/thai/phone.ts), address (optional), and for a group, network or community the role in it
// (Q14: staff check the minutes either way). Values already saved are offered to keep or change.
import { text } from '../../line/messages';
import type { MchchData } from '../../mchch/data';
import { formatPersonName, nameReasonText, parsePersonName } from '../../thai/person-name';
import { formatPhone, parsePhone, phoneReasonText } from '../../thai/phone';
import type { Accepted, Entry, Flow, FlowContext, Next } from '../types';
import { backToHub, caseData, openSection, pickChoice, saveRefused, saveSections, SKIP } from './common';
import { MCHCH_ENTRIES, MCHCH_FLOWS } from './ids';

type Applicant = NonNullable<MchchData['applicant']>;

const KEEP = 'keep';
const CHANGE = 'change';
const YES = 'yes';
const NO = 'no';

export const APPLICANT_SAY = {
  existing: (a: Applicant) =>
    `ข้อมูลผู้สมัครที่บันทึกไว้:\nชื่อ: ${a.name}\nโทร: ${formatPhone(a.phone)}${a.address ? `\nที่อยู่: ${a.address}` : ''}${a.role ? `\nตำแหน่ง/บทบาท: ${a.role}` : ''}\nจะใช้ตามนี้ หรือแก้ไขคะ`,
  keep: 'ใช้ตามนี้',
  change: 'แก้ไข',
  kept: 'ใช้ข้อมูลผู้สมัครเดิมค่ะ ✅',
  name: (leader: boolean) => (leader ? 'ขอชื่อและนามสกุลของผู้สมัครค่ะ เช่น นางสมศรี ใจดี' : 'ขอชื่อและนามสกุลของผู้ประสานงานที่สมัครในนามกลุ่ม/ชุมชนค่ะ เช่น นางสมศรี ใจดี'),
  nameBack: (name: string) => `ชื่อ "${name}" ถูกต้องไหมคะ`,
  yes: 'ถูกต้อง',
  no: 'พิมพ์ใหม่',
  phone: 'ขอเบอร์โทรศัพท์ที่ติดต่อได้ค่ะ เช่น 081-234-5678',
  address: 'ขอที่อยู่ที่ติดต่อได้ค่ะ (ไม่บังคับ กด "ข้าม" ได้ค่ะ)',
  addressTooLong: 'ที่อยู่ยาวเกินไปค่ะ ขอไม่เกิน 300 ตัวอักษรนะคะ',
  role: 'คุณมีตำแหน่งหรือบทบาทอะไรในกลุ่ม/เครือข่าย/ชุมชนคะ เช่น ประธาน เลขานุการ กรรมการ',
  roleTooLong: 'ขอสั้นลงหน่อยนะคะ (ไม่เกิน 100 ตัวอักษร)',
  saved: (a: Applicant) => `บันทึกข้อมูลผู้สมัครแล้วค่ะ ✅\nชื่อ: ${a.name}\nโทร: ${formatPhone(a.phone)}${a.role ? `\nตำแหน่ง/บทบาท: ${a.role}` : ''}`,
};

const isLeader = (ctx: FlowContext) => ctx.answers.leader === true;

async function save(ctx: FlowContext): Promise<Next> {
  const a = ctx.answers;
  const applicant: Applicant = {
    name: a.name as string,
    phone: a.phone as string,
    ...(typeof a.address === 'string' ? { address: a.address } : {}),
    ...(typeof a.role === 'string' ? { role: a.role } : {}),
  };
  if (!(await saveSections(ctx, { applicant }))) return saveRefused(ctx);
  return backToHub(ctx, [text(APPLICANT_SAY.saved(applicant))]);
}

function acceptShort(typed: string | undefined, max: number, tooLong: string, ask: string): Accepted {
  const value = typed?.trim() ?? '';
  if (!value) return { ok: false, reason: ask };
  return [...value].length > max ? { ok: false, reason: tooLong } : { ok: true, value };
}

export const applicantFlow: Flow = {
  id: MCHCH_FLOWS.applicant,
  version: 1,
  title: 'ข้อมูลผู้สมัคร มชช.',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'applicant', params);
    if ('refuse' in opened) return opened;
    const answers = { ...opened.answers, leader: opened.data.type === 'leader' };
    return { step: opened.data.applicant ? 'existing' : 'name', answers };
  },
  steps: {
    existing: {
      async ask(ctx) {
        const a = (await caseData(ctx)).applicant!;
        return {
          messages: [text(APPLICANT_SAY.existing(a))],
          choices: [
            { value: KEEP, label: APPLICANT_SAY.keep, keywords: ['ถูกต้อง', 'ใช้'] },
            { value: CHANGE, label: APPLICANT_SAY.change, keywords: ['แก้', 'เปลี่ยน'] },
          ],
        };
      },
      accept: pickChoice,
      next: (ctx) => (ctx.answers.existing === KEEP ? backToHub(ctx, [text(APPLICANT_SAY.kept)]) : { step: 'name' }),
    },
    name: {
      ask: (ctx) => ({ messages: [text(APPLICANT_SAY.name(isLeader(ctx)))], acceptsText: true }),
      accept(reply) {
        const parsed = parsePersonName(reply.text ?? '');
        return parsed.ok ? { ok: true, value: formatPersonName(parsed.value) } : { ok: false, reason: nameReasonText(parsed.reason) };
      },
      next: () => ({ step: 'nameOk' }),
    },
    nameOk: {
      ask: (ctx) => ({
        messages: [text(APPLICANT_SAY.nameBack(ctx.answers.name as string))],
        choices: [
          { value: YES, label: APPLICANT_SAY.yes, keywords: ['ใช่', 'ถูก', 'ถูกต้องค่ะ', 'ถูกต้องครับ'] },
          { value: NO, label: APPLICANT_SAY.no, keywords: ['ไม่ใช่', 'ผิด', 'แก้'] },
        ],
      }),
      accept: pickChoice,
      next: (ctx) => ({ step: ctx.answers.nameOk === YES ? 'phone' : 'name' }),
    },
    phone: {
      ask: () => ({ messages: [text(APPLICANT_SAY.phone)], acceptsText: true }),
      accept(reply) {
        const parsed = parsePhone(reply.text ?? '');
        return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, reason: phoneReasonText(parsed.reason) };
      },
      next: () => ({ step: 'address' }),
    },
    address: {
      ask: () => ({ messages: [text(APPLICANT_SAY.address)], choices: [SKIP], acceptsText: true }),
      accept: (reply) => (reply.choice?.value === SKIP.value ? { ok: true, value: null } : acceptShort(reply.text, 300, APPLICANT_SAY.addressTooLong, APPLICANT_SAY.address)),
      next: (ctx) => (isLeader(ctx) ? save(ctx) : { step: 'role' }),
    },
    role: {
      ask: () => ({ messages: [text(APPLICANT_SAY.role)], acceptsText: true }),
      accept: (reply) => acceptShort(reply.text, 100, APPLICANT_SAY.roleTooLong, APPLICANT_SAY.role),
      next: (ctx) => save(ctx),
    },
  },
};

export const applicantEntry: Entry = { id: MCHCH_ENTRIES.applicant, keywords: [], flow: applicantFlow.id };
