// Cases from LINE: a staff member's decision buttons (one place: refuses non-staff, answers an old
// button with the case's status now, and calls the same transition the staff pages will call), the
// short conversation that asks for what a decision needs (the sections for ขอเอกสารเพิ่ม, a reason,
// the step's day, the note — in that order, each only when the kind's transition says so), and
// the applicant's button under a status push (into the right place); staff's queue (เรื่องรอตรวจ) and the
// applicant's own cases (สถานะเรื่อง). Postback formats: src/cases/messages.ts.
import { caseSections, findTransition, statusInfo, type AnyKind, type Transition } from '../cases/kind';
import { kindOf } from '../cases/kinds';
import { MAX_NOTE_CHARS, caseStartIso, reservedForAdmin, stepAfter, stepDayProblem, type DecisionStep } from '../cases/decisions';
import { staffQueue } from '../cases/queue';
import { reasonLine, reopenedSections, staffFacts, staffRoleOf, transition } from '../cases/actions';
import {
  CASE_ENTRIES,
  alreadyHandledMessages,
  approvalByAdminMessages,
  caseStatusMessages,
  dayText,
  decidedMessages,
  myCasesMessages,
  notAllowedMessages,
  notFoundMessages,
  noteNeededMessages,
  queueMessages,
  referenceText,
  staffCaseMessages,
} from '../cases/messages';
import { applicantCasesDated, findCase } from '../cases/store';
import { GROUP_KIND } from '../groups/store';
import { GROUP_SECTIONS } from '../office/group-settings';
import { GROUP_FLOWS, hubParams } from './groups/ids';
import { MCHCH_KIND } from '../mchch/store';
import { MCHCH_ENTRIES, MCHCH_FLOWS, mchchHubParams } from './mchch/ids';
import { LINE_LIMITS } from '../line/limits';
import { addMonths, bangkokToday, isIsoDate, toIso } from '../thai/calendar';
import { parseThaiDate, reasonText } from '../thai/date-parse';
import type { CaseRow } from '../db/schema';
import { postbackAction, quickItem, text, type Message } from '../line/messages';
import { postback, wholeNumber } from './postback';
import type { Accepted, Entry, Flow, FlowContext, Next, Reply, Routed } from './types';

const DONE = '__done';

export const CASE_FLOW_SAY = {
  chooseSections: 'เลือกส่วนที่ต้องให้ผู้ยื่นแก้ไข กดได้หลายข้อ (กดซ้ำเพื่อเอาออก) แล้วกด "เสร็จแล้ว" ค่ะ',
  chosen: (labels: string[]) => (labels.length ? `เลือกแล้ว: ${labels.join(', ')}` : 'ยังไม่ได้เลือกค่ะ'),
  done: 'เสร็จแล้ว',
  defaultNote: 'พิมพ์ข้อความถึงผู้ยื่นได้เลยค่ะ',
  noteEmpty: 'กรุณาพิมพ์เป็นข้อความค่ะ',
  noteTooLong: `ข้อความยาวเกินไปค่ะ กรุณาพิมพ์ให้สั้นลง (ไม่เกิน ${MAX_NOTE_CHARS} ตัวอักษร)`,
  about: (reference: string, label: string) => `เรื่อง ${reference} → ${label}`,
  chooseReason: 'เลือกเหตุผลค่ะ (ผู้ยื่นจะเห็นเหตุผลนี้เป็นภาษาที่เข้าใจง่าย)',
  defaultDate: 'วันที่เท่าไรคะ (พิมพ์ เช่น 15 มี.ค. 2569 หรือกด "วันนี้")',
  today: 'วันนี้',
  pickDate: '📅 เลือกวันที่',
  dateAfterToday: (today: string) => `วันนี้คือ ${today} ค่ะ ขั้นนี้เกิดขึ้นแล้ว จึงต้องเป็นวันนี้หรือก่อนหน้านี้ ช่วยตรวจวันที่อีกครั้งนะคะ`,
  dateBeforeCase: (since: string) => `เรื่องนี้เริ่มเมื่อ ${since} ค่ะ วันที่ต้องไม่ก่อนวันนั้น ช่วยตรวจปีอีกครั้งนะคะ`,
  noFullDate: 'ขอวัน เดือน และปีให้ครบนะคะ เช่น 8 ก.พ. 2562 ค่ะ',
  dateHeard: (day: string) => `วันที่ ${day} ค่ะ`,
  reasonPicked: (label: string) => `เหตุผล: ${label}`,
};

interface Target {
  c: CaseRow;
  kind: AnyKind;
  version: number;
  to: string;
}


/** The case a button names, in this office; undefined when the data is not a case button or the case is not here. */
async function target(ctx: FlowContext, params: Record<string, string>): Promise<Target | undefined> {
  const id = wholeNumber(params.c);
  const version = wholeNumber(params.v);
  if (id === undefined || version === undefined || !params.t) return undefined;
  const c = await findCase(ctx.tx, ctx.services.office.id, id);
  const kind = c && kindOf(c.kind);
  return c && kind ? { c, kind, version, to: params.t } : undefined;
}

/** Make the decision as this staff member and say what came of it. */
async function decide(ctx: FlowContext, t: Target, extra: { note?: string; sections?: string[]; reason?: string; date?: string } = {}): Promise<Message[]> {
  const result = await transition(ctx.tx, ctx.services.office.id, t.c.id, { to: t.to, actor: { role: 'officer', id: ctx.userId }, expectedVersion: t.version, office: ctx.services.office, ...extra }, ctx.now);
  if (result.ok) {
    const rule = findTransition(t.kind, t.c.status, t.to, 'officer')?.reasons?.find((r) => r.id === extra.reason)?.rule;
    const note = [rule && reasonLine(rule), extra.note?.trim()].filter(Boolean).join('\n') || undefined;
    return decidedMessages(t.kind, result.case, note, extra.date);
  }
  switch (result.reason) {
    case 'not_found':
      return notFoundMessages();
    case 'stale':
      return alreadyHandledMessages(t.kind, result.current);
    case 'needs_note':
      return noteNeededMessages(t.kind, result.current, t.to);
    case 'not_allowed':
      return notAllowedMessages(t.kind, result.current);
  }
}

/**
 * Why a decision cannot be asked about now (an old button, a decision not open from this status, an
 * approval the office keeps for its admins: Q20); undefined when it can.
 */
async function refusal(ctx: FlowContext, t: Target): Promise<Message[] | undefined> {
  if (t.c.version !== t.version) return alreadyHandledMessages(t.kind, t.c);
  const rule = findTransition(t.kind, t.c.status, t.to, 'officer');
  if (!rule) return notAllowedMessages(t.kind, t.c);
  if (reservedForAdmin(rule, ctx.services.office) && (await staffRoleOf(ctx.tx, ctx.services.office.id, ctx.userId)) !== 'admin') {
    return approvalByAdminMessages(rule.label ?? 'อนุมัติ');
  }
  return undefined;
}

/** `case-decide`: a staff decision button (c, v, t). */
export const caseDecideEntry: Entry = {
  id: CASE_ENTRIES.decide,
  staffOnly: true,
  keywords: [],
  async respond(ctx, params) {
    const t = await target(ctx, params);
    if (!t) return notFoundMessages();
    return (await refusal(ctx, t)) ?? decide(ctx, t);
  },
};

interface NoteAnswers {
  caseId: number;
  version: number;
  to: string;
  sections: { chosen: string[]; done: boolean };
  reason?: string;
  date?: string;
  note?: string;
}

async function noteTarget(ctx: FlowContext): Promise<{ t: Target; rule: Transition | undefined } | undefined> {
  const answers = ctx.answers as unknown as NoteAnswers;
  const t = await target(ctx, { c: String(answers.caseId), v: String(answers.version), t: answers.to });
  return t && { t, rule: findTransition(t.kind, t.c.status, t.to, 'officer') };
}

function answersOf(ctx: FlowContext): NoteAnswers {
  return ctx.answers as unknown as NoteAnswers;
}

function chosenOf(ctx: FlowContext): string[] {
  return answersOf(ctx).sections?.chosen ?? [];
}

/** "เรื่อง MCH-2562-0001 → ไม่รับเรื่อง" above each question, so staff know which case they answer for. */
function aboutLine(found: { t: Target } | undefined): string {
  return found ? `${CASE_FLOW_SAY.about(referenceText(found.t.c), statusInfo(found.t.kind, found.t.to).label)}\n` : '';
}

/** The steps a decision asks for, in order (src/cases/decisions.ts): sections (reopens) → reason → date → note. */
type NoteStep = DecisionStep;

/** Go on to the next question, or make the decision with everything asked. */
async function onward(ctx: FlowContext, after: NoteStep): Promise<Next> {
  const found = await noteTarget(ctx);
  if (!found) return { end: notFoundMessages() };
  // The case moved on meanwhile (another staff member): decide() says so with the status now.
  const next = found.rule && stepAfter(found.rule, after);
  if (next) return { step: next };
  const a = answersOf(ctx);
  return { end: await decide(ctx, found.t, { note: a.note, sections: chosenOf(ctx), reason: a.reason, date: a.date }) };
}

/**
 * The day of a step: "วันนี้", LINE's date picker, or typed (Thai digits, BE or CE years, Thai month
 * names, "8 ก.พ. 62"). Not after today unless the step is set ahead (an assessment), not before the
 * case began; half dates are asked again in full.
 */
function acceptStepDay(reply: Reply, now: Date, found: { t: Target; rule: Transition | undefined } | undefined): Accepted {
  const ahead = Boolean(found?.rule?.dateMayBeAhead);
  const today = toIso(bangkokToday(now));
  let iso: string;
  if (reply.choice?.value === 'today') iso = today;
  else if (reply.date !== undefined) {
    if (!isIsoDate(reply.date)) return { ok: false, reason: reasonText('unrecognised') };
    iso = reply.date;
  } else {
    // A day set ahead is read against a "today" two years on, so the parser does not call it future.
    const parsed = parseThaiDate(reply.text ?? '', { today: ahead ? addMonths(bangkokToday(now), 24) : bangkokToday(now) });
    if (!parsed.ok) return { ok: false, reason: parsed.reason === 'future' ? CASE_FLOW_SAY.dateAfterToday(dayText(today)) : reasonText(parsed.reason) };
    const { year, month, day } = parsed.value;
    if (month === undefined || day === undefined) return { ok: false, reason: CASE_FLOW_SAY.noFullDate };
    iso = toIso({ year, month, day });
  }
  const problem = found ? stepDayProblem(found.rule ?? {}, found.t.c, iso, now) : iso > today ? 'after_today' : undefined;
  if (problem === 'after_today') return { ok: false, reason: CASE_FLOW_SAY.dateAfterToday(dayText(today)) };
  if (problem === 'before_case') return { ok: false, reason: CASE_FLOW_SAY.dateBeforeCase(dayText(caseStartIso(found!.t.c))) };
  return { ok: true, value: iso, say: [text(CASE_FLOW_SAY.dateHeard(dayText(iso)))] };
}

/** The staff conversation for a decision that needs more than a tap: the sections, a reason, the day, a note; then decide. */
export const caseNoteFlow: Flow = {
  id: 'case_note',
  version: 2,
  title: 'บันทึกผลการพิจารณา',
  staffOnly: true,
  async start(ctx, params) {
    const t = await target(ctx, params);
    if (!t) return { refuse: notFoundMessages() };
    const refused = await refusal(ctx, t);
    if (refused) return { refuse: refused };
    const rule = findTransition(t.kind, t.c.status, t.to, 'officer')!;
    const first = stepAfter(rule);
    // A decision needing nothing more is simply made (a button drawn before the kind changed).
    if (!first) return { refuse: await decide(ctx, t) };
    const answers: NoteAnswers = { caseId: t.c.id, version: t.version, to: t.to, sections: { chosen: [], done: false } };
    return { step: first, answers: answers as unknown as Record<string, unknown> };
  },
  steps: {
    sections: {
      async ask(ctx) {
        const found = await noteTarget(ctx);
        // Only the sections of this case (its type's documents), at most what quick replies hold with "เสร็จแล้ว" and ยกเลิก/ย้อนกลับ.
        const sections = found ? caseSections(found.t.kind, found.t.c, ctx.services.office) : {};
        const chosen = chosenOf(ctx);
        const choices = Object.entries(sections)
          .slice(0, LINE_LIMITS.quickReplyItems - 3)
          .map(([value, label]) => ({ value, label: chosen.includes(value) ? `✓ ${label}` : label }));
        if (chosen.length > 0) choices.push({ value: DONE, label: CASE_FLOW_SAY.done });
        return { messages: [text(`${aboutLine(found)}${CASE_FLOW_SAY.chooseSections}\n${CASE_FLOW_SAY.chosen(chosen.map((s) => sections[s] ?? s))}`)], choices };
      },
      accept(reply, ctx) {
        const chosen = chosenOf(ctx);
        const value = reply.choice?.value;
        if (!value) return { ok: false, reason: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ' };
        if (value === DONE) return { ok: true, value: { chosen, done: true } };
        return { ok: true, value: { chosen: chosen.includes(value) ? chosen.filter((s) => s !== value) : [...chosen, value], done: false } };
      },
      async next(ctx) {
        if (!answersOf(ctx).sections.done) return { step: 'sections' };
        return onward(ctx, 'sections');
      },
    },
    reason: {
      async ask(ctx) {
        const found = await noteTarget(ctx);
        // The reasons in full in the question (a label over 20 characters is cut on its button); typing the number picks one.
        const reasons = (found?.rule?.reasons ?? []).slice(0, LINE_LIMITS.quickReplyItems - 2);
        const list = reasons.map((r, i) => `${i + 1}. ${r.label}`).join('\n');
        return {
          messages: [text(`${aboutLine(found)}${CASE_FLOW_SAY.chooseReason}\n${list}`)],
          choices: reasons.map((r, i) => ({ value: r.id, label: r.label, keywords: [String(i + 1)] })),
        };
      },
      accept(reply) {
        return reply.choice ? { ok: true, value: reply.choice.value, say: [text(CASE_FLOW_SAY.reasonPicked(reply.choice.label))] } : { ok: false, reason: 'กรุณาเลือกเหตุผลจากปุ่มด้านล่าง หรือพิมพ์หมายเลขนะคะ' };
      },
      next: (ctx) => onward(ctx, 'reason'),
    },
    date: {
      async ask(ctx) {
        const found = await noteTarget(ctx);
        const today = toIso(bangkokToday(ctx.now));
        const ahead = Boolean(found?.rule?.dateMayBeAhead);
        const since = found ? caseStartIso(found.t.c) : undefined;
        return {
          messages: [text(`${aboutLine(found)}${found?.rule?.needsDate ?? CASE_FLOW_SAY.defaultDate}`)],
          choices: [{ value: 'today', label: CASE_FLOW_SAY.today }],
          // LINE wants min before max: no min on the case's first day (the answer is checked anyway).
          datePicker: { label: CASE_FLOW_SAY.pickDate, initial: today, ...(ahead ? {} : { max: today }), ...(since && (ahead || since < today) ? { min: since } : {}) },
          acceptsText: true,
        };
      },
      async accept(reply, ctx) {
        return acceptStepDay(reply, ctx.now, await noteTarget(ctx));
      },
      next: (ctx) => onward(ctx, 'date'),
    },
    note: {
      async ask(ctx) {
        const found = await noteTarget(ctx);
        return { messages: [text(`${aboutLine(found)}${found?.rule?.needsNote ?? CASE_FLOW_SAY.defaultNote}`)], acceptsText: true };
      },
      accept(reply) {
        const note = reply.text?.trim() ?? '';
        if (!note) return { ok: false, reason: CASE_FLOW_SAY.noteEmpty };
        if ([...note].length > MAX_NOTE_CHARS) return { ok: false, reason: CASE_FLOW_SAY.noteTooLong };
        return { ok: true, value: note };
      },
      next: (ctx) => onward(ctx, 'note'),
    },
  },
};

/** `case-note`: a decision button that needs a note; starts the conversation above. */
export const caseNoteEntry: Entry = { id: CASE_ENTRIES.note, staffOnly: true, keywords: [], flow: caseNoteFlow.id };

/**
 * Where the applicant's case button leads, per kind: a flow to continue in, or undefined for the
 * status card. Groups: a draft → the hub; ขอเอกสารเพิ่ม → the hub opening the first reopened section
 * (the hub, flow GROUP_FLOWS.hub, is the groups conversation's; until it is registered the status card answers).
 */
const applicantRoutes: Readonly<Record<string, (c: CaseRow) => { flow: string; params: Record<string, string> } | undefined>> = {
  [GROUP_KIND]: (c) => {
    if (c.status === 'draft') return { flow: GROUP_FLOWS.hub, params: hubParams(c.id) };
    if (c.status !== 'needs_info') return undefined;
    const reopened = reopenedSections(c);
    return { flow: GROUP_FLOWS.hub, params: hubParams(c.id, GROUP_SECTIONS.find((s) => reopened.includes(s))) };
  },
  // มชช.: a draft or a pack still to hand in → the application's hub; ขอเอกสารเพิ่ม → the hub at the
  // first reopened section, in the order of the type's sections (the hub is flow MCHCH_FLOWS.hub).
  [MCHCH_KIND]: (c) => {
    if (c.status === 'draft' || c.status === 'pack_ready') return { flow: MCHCH_FLOWS.hub, params: mchchHubParams(c.id) };
    if (c.status !== 'needs_info') return undefined;
    const kind = kindOf(c.kind)!;
    const reopened = reopenedSections(c);
    const first = Object.keys(caseSections(kind, c)).find((s) => reopened.includes(s)) ?? reopened[0];
    return { flow: MCHCH_FLOWS.hub, params: first ? { ...mchchHubParams(c.id), s: first } : mchchHubParams(c.id) };
  },
};

/**
 * `case-open`: the applicant's button under a status push (into the right place), and staff opening
 * a case from the queue or a notice (the card with the decisions open now). Anyone else: not found.
 */
export const caseOpenEntry: Entry = {
  id: CASE_ENTRIES.open,
  keywords: [],
  async respond(ctx, params): Promise<Message[] | Routed> {
    const id = wholeNumber(params.c);
    const c = id === undefined ? undefined : await findCase(ctx.tx, ctx.services.office.id, id);
    const kind = c && kindOf(c.kind);
    if (!c || !kind) return notFoundMessages();
    if (c.applicantUserId === ctx.userId) {
      const route = applicantRoutes[c.kind]?.(c);
      const status = caseStatusMessages(kind, c);
      return route ? { then: route, otherwise: status } : status;
    }
    if (!(await ctx.services.isStaff(ctx.tx, ctx.userId))) return notFoundMessages();
    return staffCaseMessages(kind, c, await staffFacts(ctx.tx, kind, c, ctx.services.office, ctx.now));
  },
};

/** `case-queue` (เรื่องรอตรวจ): the office's cases waiting, new and resubmitted first, the longest waiting first. */
export const caseQueueEntry: Entry = {
  id: CASE_ENTRIES.queue,
  menuLabel: 'เรื่องรอตรวจ (จนท.)',
  menuOrder: 62,
  staffOnly: true,
  keywords: ['เรื่องรอตรวจ', 'รอตรวจ', 'งานรอตรวจ', 'เคสรอตรวจ'],
  async respond(ctx) {
    return queueMessages(await staffQueue(ctx.tx, ctx.services.office.id), ctx.now);
  },
};

/** `my-cases` (สถานะเรื่อง): the applicant's own cases, the latest change first. */
export const myCasesEntry: Entry = {
  id: CASE_ENTRIES.mine,
  menuLabel: 'สถานะเรื่อง',
  menuOrder: 40,
  keywords: ['สถานะเรื่อง', 'เรื่องของฉัน', 'ติดตามเรื่อง'],
  async respond(ctx) {
    const items = (await applicantCasesDated(ctx.tx, ctx.services.office.id, ctx.userId)).flatMap((c) => {
      const kind = kindOf(c.kind);
      return kind ? [{ c, kind, since: c.statusSince }] : [];
    });
    const messages = myCasesMessages(items);
    // มชช. applications have their own list with each step's day (สถานะใบสมัคร): offered under these.
    if (!items.some((i) => i.c.kind === MCHCH_KIND)) return messages;
    const last = messages.at(-1)!;
    const statusItem = quickItem(postbackAction(MCHCH_STATUS_BUTTON, postback.go(MCHCH_ENTRIES.status)));
    return [...messages.slice(0, -1), { ...last, quickReply: { items: [statusItem, ...(last.quickReply?.items ?? [])] } }];
  },
};

const MCHCH_STATUS_BUTTON = 'สถานะใบสมัคร';
