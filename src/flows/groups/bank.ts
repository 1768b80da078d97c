// grp_sub_bank: the group's bank account (reference §2.8, Q9): bank, branch, account name (a warning
// when it lacks the group's name), account number (said back ONLY as its last four digits and
// confirmed; an unusual length is said and confirmed, never refused), account type, signatories from
// the committee, the signing rule, the passbook's first page and the date opened. The office's bank
// note (Q9) is said at the start. Saved once the leader confirms the summary. Never logged.
import type { GroupData, Member } from '../../groups/data';
import { GROUP_SLOTS } from '../../groups/data';
import { text } from '../../line/messages';
import { accountReasonText, maskAccount, parseAccountNumber } from '../../thai/bank-account';
import type { Choice, Entry, Flow, FlowContext, Next } from '../types';
import { SKIP, acceptPastDate, pickChoice, backToHub, caseData, caseIdOf, dateText, memberName, numbered, openSection, pastDatePicker, saveRefused, saveSection } from './common';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

type Bank = NonNullable<GroupData['bank']>;

const OTHER = 'other';
const YES = 'yes';
const AGAIN = 'again';
const KEEP = 'keep';

export const BANK_SAY = {
  existing: (summary: string) => `บัญชีธนาคารที่บันทึกไว้:\n${summary}\n\nถูกต้องไหมคะ หรือจะกรอกใหม่คะ`,
  keep: 'ถูกต้อง ใช้ตามนี้',
  again: 'กรอกใหม่',
  bank: 'บัญชีของกลุ่มเปิดไว้กับธนาคารไหนคะ',
  other: 'อื่น ๆ',
  otherBank: 'พิมพ์ชื่อธนาคารหรือสถาบันการเงินได้เลยค่ะ',
  nameTooLong: 'ชื่อยาวเกินไปค่ะ ขอสั้นลงหน่อยนะคะ',
  branch: 'สาขาไหนคะ (ไม่ทราบ กด "ข้าม" ได้ค่ะ)',
  accountName: 'ชื่อบัญชีตามหน้าสมุดบัญชีคืออะไรคะ',
  nameWithoutGroup: (group: string) => `ชื่อบัญชีนี้ไม่มีชื่อกลุ่ม "${group}" อยู่ด้วยค่ะ ถ้าถูกต้องตามสมุดบัญชีแล้วก็ไม่เป็นไรนะคะ`,
  accountNumber: 'เลขที่บัญชีคืออะไรคะ พิมพ์ตามหน้าสมุดบัญชีได้เลย เช่น 020-1-23456-7 ค่ะ',
  confirmNumber: (masked: string, length: number, unusual: boolean) =>
    (unusual ? `เลขที่บัญชีนี้มี ${length} หลัก ซึ่งไม่ค่อยพบบ่อยค่ะ ` : '') + `เลขที่บัญชีลงท้ายด้วย ${masked} ใช่ไหมคะ`,
  yes: 'ใช่ ถูกต้อง',
  retype: 'พิมพ์ใหม่',
  accountType: 'เป็นบัญชีประเภทไหนคะ',
  signatories: (list: string) => `ใครเป็นผู้มีอำนาจลงนามถอนเงินบ้างคะ พิมพ์หมายเลขกรรมการ เช่น 1,2,3 หรือพิมพ์ชื่อได้ค่ะ\n${list}`,
  unknownSignatory: (name: string) => `ไม่พบ "${name}" ในรายชื่อสมาชิกค่ะ พิมพ์หมายเลขกรรมการ หรือชื่อตามรายชื่อสมาชิกนะคะ`,
  notOnCommittee: (names: string[]) => `${names.join(', ')} ไม่ได้อยู่ในคณะกรรมการค่ะ ถ้าถูกต้องแล้วก็ไม่เป็นไรนะคะ`,
  signRule: 'การถอนเงินต้องลงนามกี่คนคะ เช่น "2 ใน 3" (ไม่มี กด "ข้าม" ได้ค่ะ)',
  passbook: 'ขอรูปถ่ายหน้าแรกของสมุดบัญชีค่ะ (ที่มีชื่อบัญชีและเลขที่บัญชี) ถ้ายังไม่สะดวก กด "ข้าม" แล้วส่งภายหลังได้ค่ะ',
  opened: 'เปิดบัญชีเมื่อวันที่เท่าไรคะ (ไม่ทราบ กด "ข้าม" ได้ค่ะ)',
  confirm: (summary: string) => `ตรวจข้อมูลบัญชีอีกครั้งนะคะ\n${summary}`,
  save: 'บันทึก',
  saved: 'บันทึกบัญชีธนาคารเรียบร้อยค่ะ ✅',
  kept: 'ใช้ข้อมูลบัญชีเดิมค่ะ ✅',
};

const ACCOUNT_TYPES = ['ออมทรัพย์', 'ฝากประจำ', 'กระแสรายวัน'];

interface BankAnswers {
  c: number;
  existing?: string;
  bank?: string;
  otherBank?: string;
  branch?: string | null;
  accountName?: string;
  accountNumber?: { digits: string; unusualLength: boolean };
  confirmNumber?: string;
  accountType?: string | null;
  signatories?: number[] | null;
  signRule?: string | null;
  passbook?: number[] | null;
  opened?: string | null;
  confirm?: string;
}

const answersOf = (ctx: FlowContext) => ctx.answers as unknown as BankAnswers;

function shortText(max: number, ask: string) {
  return (reply: { text?: string; choice?: Choice }) => {
    if (reply.choice?.value === SKIP.value) return { ok: true as const, value: null };
    const typed = reply.text?.trim() ?? '';
    if (!typed) return { ok: false as const, reason: ask };
    return [...typed].length > max ? { ok: false as const, reason: BANK_SAY.nameTooLong } : { ok: true as const, value: typed };
  };
}

/** The committee members with a member id, numbered as the signatory question lists them. */
function committeeHolders(data: GroupData): { position: string; member: Member }[] {
  const members = data.members?.entries ?? [];
  return (data.committee?.entries ?? []).flatMap((e) => {
    const member = e.memberId === undefined ? undefined : members.find((m) => m.id === e.memberId);
    return member ? [{ position: e.position, member }] : [];
  });
}

function bankOf(ctx: FlowContext): Bank {
  const a = answersOf(ctx);
  return {
    bank: a.bank === OTHER ? a.otherBank! : a.bank!,
    ...(a.branch && { branch: a.branch }),
    accountName: a.accountName!,
    accountNumber: a.accountNumber!.digits,
    ...(a.accountType && { accountType: a.accountType }),
    signatories: a.signatories ?? [],
    ...(a.signRule && { signRule: a.signRule }),
    passbook: a.passbook ?? [],
    ...(a.opened && { opened: a.opened }),
  };
}

/** The account as the leader reads it back: the number only as its last four digits. */
export function bankSummary(bank: Bank, data: GroupData): string {
  const members = data.members?.entries ?? [];
  const signers = bank.signatories.map((id) => members.find((m) => m.id === id)).filter((m): m is Member => m !== undefined);
  return [
    `ธนาคาร: ${bank.bank}${bank.branch ? ` สาขา${bank.branch}` : ''}`,
    `ชื่อบัญชี: ${bank.accountName}`,
    `เลขที่บัญชี: ${maskAccount(bank.accountNumber)}`,
    ...(bank.accountType ? [`ประเภท: ${bank.accountType}`] : []),
    ...(signers.length ? [`ผู้ลงนาม: ${signers.map(memberName).join(', ')}`] : []),
    ...(bank.signRule ? [`เงื่อนไขการลงนาม: ${bank.signRule}`] : []),
    `รูปหน้าสมุดบัญชี: ${bank.passbook.length ? `${bank.passbook.length} รูป` : 'ยังไม่ได้ส่ง'}`,
    ...(bank.opened ? [`วันที่เปิดบัญชี: ${dateText(bank.opened)}`] : []),
  ].join('\n');
}

export const bankFlow: Flow = {
  id: GROUP_FLOWS.section('bank'),
  version: 1,
  title: 'บัญชีธนาคารของกลุ่ม',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'bank', params);
    if ('refuse' in opened) return opened;
    return { step: opened.data.bank ? 'existing' : 'bank', answers: opened.answers };
  },
  steps: {
    existing: {
      async ask(ctx) {
        const data = await caseData(ctx);
        return {
          messages: [text(BANK_SAY.existing(bankSummary(data.bank!, data)))],
          choices: [
            { value: KEEP, label: BANK_SAY.keep },
            { value: AGAIN, label: BANK_SAY.again },
          ],
        };
      },
      accept: pickChoice,
      next: (ctx) => (answersOf(ctx).existing === KEEP ? backToHub(ctx, [text(BANK_SAY.kept)]) : { step: 'bank' }),
    },
    bank: {
      ask: (ctx) => ({
        messages: [text(`${ctx.services.office.groups.bankNote}\n\n${BANK_SAY.bank}`)],
        choices: [...ctx.services.office.groups.banks.map((b) => ({ value: b, label: b })), { value: OTHER, label: BANK_SAY.other, keywords: ['อื่นๆ', 'อื่น'] }],
      }),
      accept: pickChoice,
      next: (ctx) => ({ step: answersOf(ctx).bank === OTHER ? 'otherBank' : 'branch' }),
    },
    otherBank: {
      ask: () => ({ messages: [text(BANK_SAY.otherBank)], acceptsText: true }),
      accept: shortText(60, BANK_SAY.otherBank),
      next: () => ({ step: 'branch' }),
    },
    branch: {
      ask: () => ({ messages: [text(BANK_SAY.branch)], choices: [SKIP], acceptsText: true }),
      accept: shortText(100, BANK_SAY.branch),
      next: () => ({ step: 'accountName' }),
    },
    accountName: {
      ask: () => ({ messages: [text(BANK_SAY.accountName)], acceptsText: true }),
      async accept(reply, ctx) {
        const checked = shortText(150, BANK_SAY.accountName)({ text: reply.text });
        if (!checked.ok || checked.value === null) return checked.ok ? { ok: false, reason: BANK_SAY.accountName } : checked;
        const group = (await caseData(ctx)).profile?.name;
        return group && !checked.value.includes(group) ? { ...checked, say: [text(BANK_SAY.nameWithoutGroup(group))] } : checked;
      },
      next: () => ({ step: 'accountNumber' }),
    },
    accountNumber: {
      ask: () => ({ messages: [text(BANK_SAY.accountNumber)], acceptsText: true }),
      accept(reply) {
        const parsed = parseAccountNumber(reply.text ?? '');
        return parsed.ok ? { ok: true, value: { digits: parsed.digits, unusualLength: parsed.unusualLength } } : { ok: false, reason: accountReasonText(parsed.reason) };
      },
      next: () => ({ step: 'confirmNumber' }),
    },
    confirmNumber: {
      ask(ctx) {
        const { digits, unusualLength } = answersOf(ctx).accountNumber!;
        return {
          messages: [text(BANK_SAY.confirmNumber(maskAccount(digits), digits.length, unusualLength))],
          choices: [
            { value: YES, label: BANK_SAY.yes, keywords: ['ใช่', 'ถูกต้อง', 'ถูก'] },
            { value: AGAIN, label: BANK_SAY.retype, keywords: ['ไม่ใช่', 'ผิด'] },
          ],
        };
      },
      accept: pickChoice,
      next: (ctx) => ({ step: answersOf(ctx).confirmNumber === YES ? 'accountType' : 'accountNumber' }),
    },
    accountType: {
      ask: () => ({ messages: [text(BANK_SAY.accountType)], choices: [...ACCOUNT_TYPES.map((v) => ({ value: v, label: v })), SKIP] }),
      accept: (reply) => (reply.choice ? { ok: true, value: reply.choice.value === SKIP.value ? null : reply.choice.value } : pickChoice(reply)),
      async next(ctx) {
        return { step: committeeHolders(await caseData(ctx)).length ? 'signatories' : 'signRule' };
      },
    },
    signatories: {
      async ask(ctx) {
        const holders = committeeHolders(await caseData(ctx));
        return { messages: [text(BANK_SAY.signatories(numbered(holders.map((h) => `${h.position} — ${memberName(h.member)}`))))], choices: [SKIP], acceptsText: true };
      },
      async accept(reply, ctx) {
        if (reply.choice?.value === SKIP.value) return { ok: true, value: null };
        const data = await caseData(ctx);
        const holders = committeeHolders(data);
        const members = (data.members?.entries ?? []).filter((m) => m.status === 'active');
        const ids: number[] = [];
        const outside: string[] = [];
        for (const token of (reply.text ?? '').split(/[,\n]|และ|\s(?=\d)/).map((s) => s.trim()).filter(Boolean)) {
          const n = /^[\d๐-๙]{1,3}$/.test(token) ? Number(token.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50))) : undefined;
          const found = n !== undefined ? holders[n - 1]?.member : members.find((m) => memberName(m).includes(token) || `${m.firstName} ${m.lastName}` === token || m.firstName === token);
          if (!found) return { ok: false, reason: BANK_SAY.unknownSignatory(token) };
          if (!ids.includes(found.id)) ids.push(found.id);
          if (!holders.some((h) => h.member.id === found.id)) outside.push(memberName(found));
        }
        if (ids.length === 0) return { ok: false, reason: BANK_SAY.signatories('') };
        return { ok: true, value: ids, ...(outside.length && { say: [text(BANK_SAY.notOnCommittee(outside))] }) };
      },
      next: () => ({ step: 'signRule' }),
    },
    signRule: {
      ask: () => ({ messages: [text(BANK_SAY.signRule)], choices: [{ value: '2 ใน 3', label: '2 ใน 3' }, { value: '1 ใน 2', label: '1 ใน 2' }, SKIP], acceptsText: true }),
      accept: (reply) => (reply.choice && reply.choice.value !== SKIP.value ? { ok: true, value: reply.choice.value } : shortText(100, BANK_SAY.signRule)(reply)),
      next: () => ({ step: 'passbook' }),
    },
    passbook: {
      ask: (ctx) => ({
        messages: [text(BANK_SAY.passbook)],
        choices: [SKIP],
        document: { slot: GROUP_SLOTS.passbook, accept: ['image', 'pdf'], caseId: caseIdOf(ctx) },
      }),
      accept: (reply) => (reply.attachments?.length ? { ok: true, value: reply.attachments } : reply.choice?.value === SKIP.value ? { ok: true, value: null } : { ok: false, reason: BANK_SAY.passbook }),
      next: () => ({ step: 'opened' }),
    },
    opened: {
      ask: (ctx) => ({ messages: [text(BANK_SAY.opened)], choices: [SKIP], acceptsText: true, datePicker: pastDatePicker(ctx.now) }),
      accept: (reply, ctx) => acceptPastDate(reply, ctx.now, true),
      next: () => ({ step: 'confirm' }),
    },
    confirm: {
      async ask(ctx) {
        return {
          messages: [text(BANK_SAY.confirm(bankSummary(bankOf(ctx), await caseData(ctx))))],
          choices: [
            { value: YES, label: BANK_SAY.save, keywords: ['ถูกต้อง', 'ใช่', 'ตกลง'] },
            { value: AGAIN, label: BANK_SAY.again },
          ],
        };
      },
      accept: pickChoice,
      async next(ctx): Promise<Next> {
        if (answersOf(ctx).confirm !== YES) return { step: 'bank' };
        return (await saveSection(ctx, 'bank', bankOf(ctx))) ? backToHub(ctx, [text(BANK_SAY.saved)]) : saveRefused(ctx);
      },
    },
  },
};

export const bankEntry: Entry = { id: GROUP_ENTRIES.section('bank'), keywords: [], flow: bankFlow.id };
