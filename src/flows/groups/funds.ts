// grp_sub_funds: the group's funds (reference §2.7, Q5): entries of a source (the office's list, or
// อื่น ๆ typed), an amount (satang, said back "1,500 บาท") and an optional date, with the running
// total. Each entry is saved to the case as soon as it is complete; one can be removed.
import type { GroupData } from '../../groups/data';
import { text } from '../../line/messages';
import { formatSatang, moneyReasonText, parseMoney } from '../../thai/money';
import type { Choice, Entry, Flow, FlowContext } from '../types';
import {
  SKIP,
  pickChoice,
  acceptPastDate,
  backToHub,
  caseData,
  dateText,
  numbered,
  openSection,
  pastDatePicker,
  removeChoices,
  removeIndex,
  saveRefused,
  saveSection,
} from './common';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';

type Fund = NonNullable<GroupData['funds']>['entries'][number];

const ADD = 'add';
const REMOVE = 'remove';
const DONE = 'done';
const OTHER = 'other';

export const FUNDS_SAY = {
  intro: 'เงินทุนของกลุ่มมาจากไหนบ้างคะ เพิ่มได้ทีละรายการค่ะ (ส่วนนี้ไม่บังคับ)',
  list: (lines: string[], total: number) => `เงินทุนที่บันทึกไว้:\n${numbered(lines)}\nรวม ${formatSatang(total)} ค่ะ`,
  add: 'เพิ่มเงินทุน',
  remove: 'ลบรายการ',
  done: 'เสร็จแล้ว',
  source: 'เงินทุนนี้มาจากไหนคะ',
  other: 'อื่น ๆ',
  otherSource: 'พิมพ์ที่มาของเงินทุนได้เลยค่ะ เช่น เงินจากการขายสินค้า',
  sourceTooLong: 'ที่มาของเงินทุนยาวเกินไปค่ะ ขอสั้น ๆ ไม่เกิน 60 ตัวอักษรนะคะ',
  amount: (source: string) => `เงินทุนจาก "${source}" จำนวนเท่าไรคะ พิมพ์เป็นตัวเลข เช่น 1,500 ค่ะ`,
  date: (amount: string) => `${amount} ค่ะ ได้รับเงินนี้วันที่เท่าไรคะ (ไม่ทราบ กด "ข้าม" ได้ค่ะ)`,
  saved: (source: string, amount: string, total: number) => `บันทึกแล้วค่ะ ✅ ${source} ${amount}\nรวมเงินทุนตอนนี้ ${formatSatang(total)} ค่ะ`,
  whichRemove: 'ลบรายการไหนคะ กดหรือพิมพ์หมายเลขได้เลยค่ะ',
  badRemove: 'ไม่พบรายการหมายเลขนี้ค่ะ กดหรือพิมพ์หมายเลขจากรายการนะคะ',
  removed: (line: string) => `ลบรายการ "${line}" แล้วค่ะ`,
  finished: (count: number, total: number) => (count ? `บันทึกเงินทุน ${count} รายการ รวม ${formatSatang(total)} เรียบร้อยค่ะ ✅` : 'ยังไม่มีเงินทุนที่บันทึกไว้ค่ะ'),
};

const fundsOf = async (ctx: FlowContext): Promise<Fund[]> => (await caseData(ctx)).funds?.entries ?? [];
const totalOf = (funds: readonly Fund[]) => funds.reduce((sum, f) => sum + f.amountSatang, 0);
const lineOf = (f: Fund) => `${f.source} ${formatSatang(f.amountSatang)}${f.date ? ` (${dateText(f.date)})` : ''}`;

function sourceChoices(ctx: FlowContext): Choice[] {
  return [...ctx.services.office.groups.fundSources.map((s) => ({ value: s, label: s })), { value: OTHER, label: FUNDS_SAY.other, keywords: ['อื่นๆ', 'อื่น'] }];
}

export const fundsFlow: Flow = {
  id: GROUP_FLOWS.section('funds'),
  version: 1,
  title: 'เงินทุนของกลุ่ม',
  async start(ctx, params) {
    const opened = await openSection(ctx, 'funds', params);
    return 'refuse' in opened ? opened : { step: 'list', answers: opened.answers };
  },
  steps: {
    list: {
      async ask(ctx) {
        const funds = await fundsOf(ctx);
        const choices: Choice[] = [{ value: ADD, label: FUNDS_SAY.add, keywords: ['เพิ่ม'] }];
        if (funds.length) choices.push({ value: REMOVE, label: FUNDS_SAY.remove, keywords: ['ลบ'] });
        choices.push({ value: DONE, label: FUNDS_SAY.done, keywords: ['เสร็จ', 'ครบแล้ว'] });
        return { messages: [text(funds.length ? FUNDS_SAY.list(funds.map(lineOf), totalOf(funds)) : FUNDS_SAY.intro)], choices };
      },
      accept: pickChoice,
      async next(ctx) {
        if (ctx.answers.list === ADD) return { step: 'source' };
        if (ctx.answers.list === REMOVE) return { step: 'remove' };
        const funds = await fundsOf(ctx);
        return backToHub(ctx, [text(FUNDS_SAY.finished(funds.length, totalOf(funds)))]);
      },
    },
    source: {
      ask: (ctx) => ({ messages: [text(FUNDS_SAY.source)], choices: sourceChoices(ctx) }),
      accept: pickChoice,
      next: (ctx) => ({ step: ctx.answers.source === OTHER ? 'otherSource' : 'amount' }),
    },
    otherSource: {
      ask: () => ({ messages: [text(FUNDS_SAY.otherSource)], acceptsText: true }),
      accept(reply) {
        const typed = reply.text?.trim() ?? '';
        if (!typed) return { ok: false, reason: FUNDS_SAY.otherSource };
        return [...typed].length > 60 ? { ok: false, reason: FUNDS_SAY.sourceTooLong } : { ok: true, value: typed };
      },
      next: () => ({ step: 'amount' }),
    },
    amount: {
      ask: (ctx) => ({ messages: [text(FUNDS_SAY.amount(sourceName(ctx)))], acceptsText: true }),
      accept(reply) {
        const parsed = parseMoney(reply.text ?? '');
        return parsed.ok ? { ok: true, value: parsed.satang } : { ok: false, reason: moneyReasonText(parsed.reason) };
      },
      next: () => ({ step: 'date' }),
    },
    date: {
      ask: (ctx) => ({
        messages: [text(FUNDS_SAY.date(formatSatang(ctx.answers.amount as number)))],
        choices: [SKIP],
        acceptsText: true,
        datePicker: pastDatePicker(ctx.now),
      }),
      accept: (reply, ctx) => acceptPastDate(reply, ctx.now, true),
      async next(ctx) {
        const date = ctx.answers.date as string | null;
        const fund: Fund = { source: sourceName(ctx), amountSatang: ctx.answers.amount as number, ...(date && { date }) };
        const funds = [...(await fundsOf(ctx)), fund];
        if (!(await saveSection(ctx, 'funds', { entries: funds }))) return saveRefused(ctx);
        return { step: 'list', say: [text(FUNDS_SAY.saved(fund.source, formatSatang(fund.amountSatang), totalOf(funds)))] };
      },
    },
    remove: {
      async ask(ctx) {
        const funds = await fundsOf(ctx);
        return { messages: [text(`${FUNDS_SAY.whichRemove}\n${numbered(funds.map(lineOf))}`)], choices: removeChoices(funds.map(lineOf)), acceptsText: true };
      },
      async accept(reply, ctx) {
        const index = removeIndex(reply, (await fundsOf(ctx)).length);
        return index === undefined ? { ok: false, reason: FUNDS_SAY.badRemove } : { ok: true, value: index };
      },
      async next(ctx) {
        const funds = await fundsOf(ctx);
        const [gone] = funds.splice(ctx.answers.remove as number, 1);
        if (!(await saveSection(ctx, 'funds', funds.length ? { entries: funds } : undefined))) return saveRefused(ctx);
        return { step: 'list', say: gone ? [text(FUNDS_SAY.removed(lineOf(gone)))] : [] };
      },
    },
  },
};

function sourceName(ctx: FlowContext): string {
  return ctx.answers.source === OTHER ? (ctx.answers.otherSource as string) : (ctx.answers.source as string);
}

export const fundsEntry: Entry = { id: GROUP_ENTRIES.section('funds'), keywords: [], flow: fundsFlow.id };
