// "ส่งรายงานกลุ่ม": a registered group's activity report for the period it owes (reference §2.10).
// The report is a case (group_report) created as the period is chosen, so each activity and amount is
// kept as it is given (a restart, or a day's pause, loses nothing). Activities (a date within the
// period, what was done, how many took part, photos), income and expenses (said back), the balance —
// a warning, never a block, when it is not the previous balance + income − expenses (the previous
// report's, or for the first report the group's registered funds) — problems, review, send.
import { menuItem } from '../../booking/messages';
import { createDraft, saveData, transition } from '../../cases/actions';
import type { GroupReportData, ReportActivity } from '../../cases/kinds/group-report';
import { groupReportData } from '../../cases/kinds/group-report';
import { findCase } from '../../cases/store';
import { referenceText } from '../../cases/messages';
import type { CaseRow } from '../../db/schema';
import { GROUP_SLOTS } from '../../groups/data';
import { isInPeriod, periodLabel, periodOf, type Period } from '../../groups/periods';
import { periodDue, previousBalance, reportsOfGroup, REPORT_KIND } from '../../groups/reports';
import { groupDataOf } from '../../groups/store';
import { text, type Message } from '../../line/messages';
import { bangkokToday, fromIso, toIso } from '../../thai/calendar';
import { formatThaiDate } from '../../thai/date-format';
import { formatSatang, moneyReasonText, parseMoney } from '../../thai/money';
import { parseSmallInt } from '../../thai/numbers';
import type { Accepted, Entry, Flow, FlowContext, Next, Step } from '../types';
import { GROUP_ENTRIES, GROUP_FLOWS } from './ids';
import { fullDateOf, groupName, groupOf, officeOf, pickGroupStep, startGroup } from './registered';

export const REPORT_SAY = {
  noneDue: (next: string) => `ตอนนี้ยังไม่มีงวดที่ต้องส่งรายงานค่ะ 😊 งวดถัดไปคือ ${next} ส่งได้เมื่อจบงวดนะคะ`,
  alreadySent: (period: string, reference: string) => `รายงานงวด ${period} ส่งแล้วค่ะ (เลขที่ ${reference}) ไม่ต้องส่งซ้ำนะคะ 🙏`,
  intro: (group: string, period: string, range: string) => `📋 รายงานกิจกรรม${group}\nงวด ${period} (${range})\nเริ่มจากกิจกรรมที่ทำในงวดนี้นะคะ`,
  activityDate: (range: string) => `กิจกรรมนี้ทำวันที่เท่าไรคะ (ในงวด ${range}) พิมพ์ได้เลย เช่น 15 พ.ย. 2569 หรือกดเลือกวันค่ะ`,
  noActivity: 'ไม่มีกิจกรรม',
  outsidePeriod: (range: string) => `วันที่นี้ไม่อยู่ในงวดรายงานค่ะ งวดนี้คือ ${range} ช่วยตรวจวันที่อีกครั้งนะคะ`,
  description: 'ทำกิจกรรมอะไรคะ เล่าสั้น ๆ ได้เลยค่ะ เช่น ประชุมสมาชิก ทำขนมขาย',
  descriptionBad: 'ขอเป็นข้อความสั้น ๆ ไม่เกิน 500 ตัวอักษรนะคะ',
  participants: 'มีผู้ร่วมกิจกรรมกี่คนคะ (พิมพ์ตัวเลข)',
  participantsBad: 'ขอเป็นตัวเลขนะคะ เช่น 25 ค่ะ',
  skip: 'ข้าม',
  photos: 'ส่งรูปกิจกรรมได้เลยค่ะ (ส่งหลายรูปพร้อมกันได้) ถ้าไม่มีรูป กด "ข้าม" ค่ะ',
  activitySaved: (n: number) => `บันทึกกิจกรรมที่ ${n} แล้วค่ะ ✅`,
  more: 'มีกิจกรรมอื่นในงวดนี้อีกไหมคะ',
  addMore: 'เพิ่มกิจกรรม',
  noMore: 'ไม่มีแล้ว',
  income: 'งวดนี้กลุ่มมีรายรับรวมเท่าไรคะ (บาท) ถ้าไม่มี พิมพ์ 0 ค่ะ',
  expenses: 'งวดนี้กลุ่มมีรายจ่ายรวมเท่าไรคะ (บาท) ถ้าไม่มี พิมพ์ 0 ค่ะ',
  balance: 'ตอนสิ้นงวด กลุ่มมีเงินคงเหลือเท่าไรคะ (บาท)',
  readIncome: (s: number) => `รายรับ ${formatSatang(s)} ค่ะ`,
  readExpenses: (s: number) => `รายจ่าย ${formatSatang(s)} ค่ะ`,
  readBalance: (s: number) => `เงินคงเหลือ ${formatSatang(s)} ค่ะ`,
  balanceWarning: (previous: number, expected: number) =>
    `⚠️ ยอดคงเหลือไม่ตรงกับที่คำนวณค่ะ: ยอดยกมา ${formatSatang(previous)} + รายรับ − รายจ่าย = ${formatSatang(expected)} ` +
    'ช่วยตรวจอีกครั้งนะคะ ถ้าถูกแล้ว ส่งต่อได้ตามปกติค่ะ',
  problems: 'มีปัญหาหรืออยากให้สำนักงานช่วยเรื่องอะไรไหมคะ พิมพ์ได้เลย ถ้าไม่มี กด "ไม่มี" ค่ะ',
  none: 'ไม่มี',
  review: 'ตรวจรายงานก่อนส่งนะคะ 👇',
  send: 'ส่งรายงาน',
  fixMoney: 'แก้ยอดเงิน',
  sent: (reference: string) => `ส่งรายงานแล้วค่ะ ✅ เลขที่ ${reference}\nเจ้าหน้าที่จะอ่านและแจ้งทาง LINE นี้ค่ะ ขอบคุณนะคะ 🙏`,
  notSent: 'ขออภัยค่ะ ส่งรายงานนี้ไม่ได้ในตอนนี้ สอบถามเจ้าหน้าที่ได้ค่ะ (พิมพ์ "ช่วยเหลือ")',
};

// ---- the report case -------------------------------------------------------------------------

async function reportOf(ctx: FlowContext): Promise<{ c: CaseRow; data: GroupReportData }> {
  const c = (await findCase(ctx.tx, officeOf(ctx), Number(ctx.answers.report)))!;
  return { c, data: groupReportData.parse(JSON.parse(c.data)) };
}

function rangeOf(data: Pick<GroupReportData, 'period'>): string {
  return `${formatThaiDate(fromIso(data.period.from))} – ${formatThaiDate(fromIso(data.period.to))}`;
}

async function save(ctx: FlowContext, patch: Partial<GroupReportData>): Promise<void> {
  const result = await saveData(ctx.tx, officeOf(ctx), Number(ctx.answers.report), ctx.userId, patch, ctx.now);
  if (!result.ok) throw new Error(`saving the report failed: ${result.reason}`);
}

/** After the group is known: the report being edited (asked for more), the draft of the period due, a new draft, or why none. */
async function afterGroup(ctx: FlowContext): Promise<Next> {
  const group = await groupOf(ctx);
  const settings = ctx.services.office.groups;
  const reports = await reportsOfGroup(ctx.tx, officeOf(ctx), group);
  const asked = reports.find((r) => r.c.status === 'needs_info');
  if (asked) return openReport(ctx, asked.c, 'review');
  const due = await periodDue(ctx.tx, officeOf(ctx), group, settings, ctx.now);
  if (!due) {
    const last = periodOf(toIso(bangkokToday(ctx.now)), settings);
    const sentLast = reports.find((r) => r.c.status !== 'draft' && r.c.status !== 'withdrawn' && r.data.period.to < last.from);
    const say = sentLast ? REPORT_SAY.alreadySent(sentLast.data.period.label, referenceText(sentLast.c)) : REPORT_SAY.noneDue(periodLabel(last, settings));
    return { end: [text(say, [menuItem()])] };
  }
  const draft = reports.find((r) => r.c.status === 'draft' && r.data.period.key === due.key);
  if (draft) return openReport(ctx, draft.c, draft.data.incomeSatang !== undefined ? 'review' : draft.data.activities.length > 0 ? 'more' : 'activity-date');
  const c = await createDraft(ctx.tx, officeOf(ctx), REPORT_KIND, ctx.userId, ctx.now, newReport(group, due, periodLabel(due, settings)));
  return openReport(ctx, c, 'activity-date');
}

function newReport(group: CaseRow, period: Period, label: string): GroupReportData {
  return { groupCaseId: group.id, groupName: groupName(group), period: { ...period, label }, activities: [] };
}

function openReport(ctx: FlowContext, c: CaseRow, step: string): Next {
  ctx.answers.report = c.id;
  return { step };
}

// ---- steps ---------------------------------------------------------------------------------------

function moneyStep(question: string, field: 'incomeSatang' | 'expensesSatang', readBack: (s: number) => string, next: string): Step {
  return {
    ask: () => ({ messages: [text(question)], acceptsText: true }),
    async accept(reply, ctx): Promise<Accepted> {
      const money = parseMoney(reply.text ?? '');
      if (!money.ok) return { ok: false, reason: moneyReasonText(money.reason) };
      await save(ctx, { [field]: money.satang });
      return { ok: true, value: money.satang, say: [text(readBack(money.satang))] };
    },
    next: () => ({ step: next }),
  };
}

/** What the balance should be: the previous report's balance (or, for the first, the funds registered) + income − expenses. */
async function expectedBalance(ctx: FlowContext, data: GroupReportData): Promise<{ previous: number; expected: number } | undefined> {
  const group = await groupOf(ctx);
  const previous =
    previousBalance(await reportsOfGroup(ctx.tx, officeOf(ctx), group), data.period) ??
    groupDataOf(group).funds?.entries.reduce((sum, f) => sum + f.amountSatang, 0);
  if (previous === undefined) return undefined;
  return { previous, expected: previous + (data.incomeSatang ?? 0) - (data.expensesSatang ?? 0) };
}

function activityLine(a: ReportActivity, i: number): string {
  const people = a.participants !== undefined ? ` (${a.participants} คน)` : '';
  const photos = a.photos.length ? ` 📷${a.photos.length}` : '';
  return `${i + 1}. ${formatThaiDate(fromIso(a.date))} ${a.description}${people}${photos}`;
}

/** The review: what the leader sent, as they will send it (no staff evaluation: it is not theirs to read). */
function reviewText(data: GroupReportData, warning?: string): string {
  const lines = [`📋 รายงาน${data.groupName ?? ''}`, `งวด ${data.period.label} (${rangeOf(data)})`, '', 'กิจกรรม:'];
  lines.push(...(data.activities.length ? data.activities.map(activityLine) : ['- ไม่มีกิจกรรม']));
  lines.push('', `รายรับ ${formatSatang(data.incomeSatang ?? 0)}`, `รายจ่าย ${formatSatang(data.expensesSatang ?? 0)}`, `คงเหลือ ${formatSatang(data.balanceSatang ?? 0)}`);
  lines.push(`ปัญหา/ความต้องการ: ${data.problems ?? 'ไม่มี'}`);
  if (warning) lines.push('', warning);
  return lines.join('\n');
}

const steps: Record<string, Step> = {
  group: pickGroupStep(afterGroup),
  'activity-date': {
    async ask(ctx) {
      const { data } = await reportOf(ctx);
      const today = toIso(bangkokToday(ctx.now));
      return {
        messages: [
          ...(data.activities.length === 0 ? [text(REPORT_SAY.intro(data.groupName ?? '', data.period.label, rangeOf(data)))] : []),
          text(REPORT_SAY.activityDate(rangeOf(data))),
        ],
        acceptsText: true,
        datePicker: { label: 'เลือกวัน', initial: data.period.from, min: data.period.from, max: data.period.to < today ? data.period.to : today },
        choices: data.activities.length === 0 ? [{ value: 'none', label: REPORT_SAY.noActivity, keywords: ['ไม่ได้ทำกิจกรรม'] }] : [],
      };
    },
    async accept(reply, ctx) {
      if (reply.choice?.value === 'none') return { ok: true, value: 'none' };
      const date = fullDateOf(reply, ctx.now);
      if (!date.ok) return date;
      const { data } = await reportOf(ctx);
      if (!isInPeriod(date.iso, data.period)) return { ok: false, reason: REPORT_SAY.outsidePeriod(rangeOf(data)) };
      return { ok: true, value: date.iso };
    },
    next: (ctx) => ({ step: ctx.answers['activity-date'] === 'none' ? 'income' : 'activity-what' }),
  },
  'activity-what': {
    ask: () => ({ messages: [text(REPORT_SAY.description)], acceptsText: true }),
    accept: (reply) => {
      const description = reply.text?.trim() ?? '';
      return description.length > 0 && description.length <= 500 ? { ok: true, value: description } : { ok: false, reason: REPORT_SAY.descriptionBad };
    },
    next: () => ({ step: 'activity-people' }),
  },
  'activity-people': {
    ask: () => ({ messages: [text(REPORT_SAY.participants)], acceptsText: true, choices: [{ value: 'skip', label: REPORT_SAY.skip }] }),
    accept: (reply) => {
      if (reply.choice) return { ok: true, value: null };
      const n = parseSmallInt(reply.text ?? '');
      return n === undefined ? { ok: false, reason: REPORT_SAY.participantsBad } : { ok: true, value: n };
    },
    next: () => ({ step: 'activity-photos' }),
  },
  'activity-photos': {
    ask: (ctx) => ({
      messages: [text(REPORT_SAY.photos)],
      choices: [{ value: 'skip', label: REPORT_SAY.skip, keywords: ['ไม่มีรูป'] }],
      document: { slot: GROUP_SLOTS.report, accept: ['image'], caseId: Number(ctx.answers.report) },
    }),
    async accept(reply, ctx) {
      const { data } = await reportOf(ctx);
      const people = ctx.answers['activity-people'];
      const activity: ReportActivity = {
        date: String(ctx.answers['activity-date']),
        description: String(ctx.answers['activity-what']),
        ...(typeof people === 'number' && { participants: people }),
        photos: reply.attachments ?? [],
      };
      const activities = [...data.activities, activity];
      await save(ctx, { activities });
      return { ok: true, value: activities.length, say: [text(REPORT_SAY.activitySaved(activities.length))] };
    },
    next: () => ({ step: 'more' }),
  },
  more: {
    ask: () => ({
      messages: [text(REPORT_SAY.more)],
      choices: [
        { value: 'add', label: REPORT_SAY.addMore, keywords: ['มี', 'มีค่ะ'] },
        { value: 'done', label: REPORT_SAY.noMore, keywords: ['ไม่มี', 'หมดแล้ว'] },
      ],
    }),
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    next: (ctx) => ({ step: ctx.answers.more === 'add' ? 'activity-date' : 'income' }),
  },
  income: moneyStep(REPORT_SAY.income, 'incomeSatang', REPORT_SAY.readIncome, 'expenses'),
  expenses: moneyStep(REPORT_SAY.expenses, 'expensesSatang', REPORT_SAY.readExpenses, 'balance'),
  balance: {
    ask: () => ({ messages: [text(REPORT_SAY.balance)], acceptsText: true }),
    async accept(reply, ctx) {
      const money = parseMoney(reply.text ?? '');
      if (!money.ok) return { ok: false, reason: moneyReasonText(money.reason) };
      await save(ctx, { balanceSatang: money.satang });
      return { ok: true, value: money.satang, say: [text(REPORT_SAY.readBalance(money.satang))] };
    },
    next: (ctx) => ({ step: ctx.answers.problems === undefined ? 'problems' : 'review' }),
  },
  problems: {
    ask: () => ({ messages: [text(REPORT_SAY.problems)], acceptsText: true, choices: [{ value: 'none', label: REPORT_SAY.none, keywords: ['ไม่มีค่ะ', 'ไม่มีครับ'] }] }),
    async accept(reply, ctx) {
      const problems = reply.choice ? undefined : reply.text?.trim().slice(0, 1000);
      if (problems) await save(ctx, { problems });
      return { ok: true, value: problems ?? '' };
    },
    next: () => ({ step: 'review' }),
  },
  review: {
    async ask(ctx) {
      const { data } = await reportOf(ctx);
      const balance = await expectedBalance(ctx, data);
      const warning = balance && data.balanceSatang !== undefined && balance.expected !== data.balanceSatang ? REPORT_SAY.balanceWarning(balance.previous, balance.expected) : undefined;
      const messages: Message[] = [text(REPORT_SAY.review), text(reviewText(data, warning))];
      return {
        messages,
        choices: [
          { value: 'send', label: REPORT_SAY.send, keywords: ['ส่ง'] },
          { value: 'add', label: REPORT_SAY.addMore },
          { value: 'money', label: REPORT_SAY.fixMoney },
        ],
      };
    },
    accept: (reply) => ({ ok: true, value: reply.choice!.value }),
    async next(ctx) {
      if (ctx.answers.review === 'add') return { step: 'activity-date' };
      if (ctx.answers.review === 'money') return { step: 'income' };
      const { c } = await reportOf(ctx);
      const to = c.status === 'needs_info' ? 'resubmitted' : 'submitted';
      const result = await transition(ctx.tx, officeOf(ctx), c.id, { to, actor: { role: 'applicant', id: ctx.userId }, expectedVersion: c.version }, ctx.now);
      return { end: [text(result.ok ? REPORT_SAY.sent(referenceText(result.case)) : REPORT_SAY.notSent, [menuItem()])] };
    },
  },
};

export const groupReportFlow: Flow = {
  id: GROUP_FLOWS.report,
  version: 1,
  title: 'รายงานกิจกรรมกลุ่ม',
  steps,
  async start(ctx, params) {
    const start = await startGroup(ctx, params);
    if ('refuse' in start) return start;
    if ('pick' in start) return { step: 'group' };
    ctx.answers.group = start.group;
    const next = await afterGroup(ctx);
    if ('end' in next) return { refuse: next.end };
    return { step: next.step, answers: { ...ctx.answers } };
  },
};

export const groupReportEntry: Entry = {
  id: GROUP_ENTRIES.report,
  keywords: ['ส่งรายงานกลุ่ม', 'รายงานกิจกรรม', 'รายงานกลุ่ม'],
  flow: GROUP_FLOWS.report,
};
