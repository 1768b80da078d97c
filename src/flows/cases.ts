// Cases from LINE: a staff member's decision buttons (one place: refuses non-staff, answers an old
// button with the case's status now, and calls the same transition the staff pages will call), the
// short conversation that asks for the note (and for ขอเอกสารเพิ่ม the sections) a decision needs, and
// the applicant's button under a status push (into the right place); staff's queue (เรื่องรอตรวจ) and the
// applicant's own cases (สถานะเรื่อง). Postback formats: src/cases/messages.ts.
import { findTransition, statusInfo, type AnyKind, type Transition } from '../cases/kind';
import { caseKinds, kindOf } from '../cases/kinds';
import { reopenedSections, staffFacts, transition } from '../cases/actions';
import {
  CASE_ENTRIES,
  alreadyHandledMessages,
  caseStatusMessages,
  decidedMessages,
  myCasesMessages,
  notAllowedMessages,
  notFoundMessages,
  noteNeededMessages,
  queueMessages,
  referenceText,
  staffCaseMessages,
} from '../cases/messages';
import { applicantCasesDated, casesWaiting, findCase } from '../cases/store';
import { GROUP_KIND } from '../groups/store';
import { GROUP_SECTIONS } from '../office/group-settings';
import { GROUP_FLOWS, hubParams } from './groups/ids';
import type { CaseRow } from '../db/schema';
import { text, type Message } from '../line/messages';
import { wholeNumber } from './postback';
import type { Entry, Flow, FlowContext, Routed } from './types';

/** LINE shows up to 5,000 characters; a note longer than this is surely a paste by mistake. */
const MAX_NOTE_CHARS = 1_000;
const DONE = '__done';

export const CASE_FLOW_SAY = {
  chooseSections: 'เลือกส่วนที่ต้องให้ผู้ยื่นแก้ไข กดได้หลายข้อ (กดซ้ำเพื่อเอาออก) แล้วกด "เสร็จแล้ว" ค่ะ',
  chosen: (labels: string[]) => (labels.length ? `เลือกแล้ว: ${labels.join(', ')}` : 'ยังไม่ได้เลือกค่ะ'),
  done: 'เสร็จแล้ว',
  defaultNote: 'พิมพ์ข้อความถึงผู้ยื่นได้เลยค่ะ',
  noteEmpty: 'กรุณาพิมพ์เป็นข้อความค่ะ',
  noteTooLong: `ข้อความยาวเกินไปค่ะ กรุณาพิมพ์ให้สั้นลง (ไม่เกิน ${MAX_NOTE_CHARS} ตัวอักษร)`,
  about: (reference: string, label: string) => `เรื่อง ${reference} → ${label}`,
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
async function decide(ctx: FlowContext, t: Target, extra: { note?: string; sections?: string[] } = {}): Promise<Message[]> {
  const result = await transition(ctx.tx, ctx.services.office.id, t.c.id, { to: t.to, actor: { role: 'officer', id: ctx.userId }, expectedVersion: t.version, office: ctx.services.office, ...extra }, ctx.now);
  if (result.ok) return decidedMessages(t.kind, result.case, extra.note);
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

/** Why a decision cannot be asked about now (an old button, a decision not open from this status); undefined when it can. */
function refusal(t: Target): Message[] | undefined {
  if (t.c.version !== t.version) return alreadyHandledMessages(t.kind, t.c);
  return findTransition(t.kind, t.c.status, t.to, 'officer') ? undefined : notAllowedMessages(t.kind, t.c);
}

/** `case-decide`: a staff decision button (c, v, t). */
export const caseDecideEntry: Entry = {
  id: CASE_ENTRIES.decide,
  staffOnly: true,
  keywords: [],
  async respond(ctx, params) {
    const t = await target(ctx, params);
    return t ? decide(ctx, t) : notFoundMessages();
  },
};

interface NoteAnswers {
  caseId: number;
  version: number;
  to: string;
  sections: { chosen: string[]; done: boolean };
}

async function noteTarget(ctx: FlowContext): Promise<{ t: Target; rule: Transition | undefined } | undefined> {
  const answers = ctx.answers as unknown as NoteAnswers;
  const t = await target(ctx, { c: String(answers.caseId), v: String(answers.version), t: answers.to });
  return t && { t, rule: findTransition(t.kind, t.c.status, t.to, 'officer') };
}

function chosenOf(ctx: FlowContext): string[] {
  return (ctx.answers as unknown as NoteAnswers).sections?.chosen ?? [];
}

/** The staff conversation for a decision that needs a note (and sections): ask, then decide. */
export const caseNoteFlow: Flow = {
  id: 'case_note',
  version: 1,
  title: 'บันทึกผลการพิจารณา',
  staffOnly: true,
  async start(ctx, params) {
    const t = await target(ctx, params);
    if (!t) return { refuse: notFoundMessages() };
    const refused = refusal(t);
    if (refused) return { refuse: refused };
    const rule = findTransition(t.kind, t.c.status, t.to, 'officer')!;
    // A decision needing nothing more is simply made (a button drawn before the kind changed).
    if (!rule.needsNote && !rule.reopens) return { refuse: await decide(ctx, t) };
    const answers: NoteAnswers = { caseId: t.c.id, version: t.version, to: t.to, sections: { chosen: [], done: false } };
    return { step: rule.reopens ? 'sections' : 'note', answers: answers as unknown as Record<string, unknown> };
  },
  steps: {
    sections: {
      async ask(ctx) {
        const found = await noteTarget(ctx);
        const sections = found?.t.kind.sections ?? {};
        const chosen = chosenOf(ctx);
        const choices = Object.entries(sections).map(([value, label]) => ({ value, label: chosen.includes(value) ? `✓ ${label}` : label }));
        if (chosen.length > 0) choices.push({ value: DONE, label: CASE_FLOW_SAY.done });
        const about = found ? `${CASE_FLOW_SAY.about(referenceText(found.t.c), statusInfo(found.t.kind, found.t.to).label)}\n` : '';
        return { messages: [text(`${about}${CASE_FLOW_SAY.chooseSections}\n${CASE_FLOW_SAY.chosen(chosen.map((s) => sections[s] ?? s))}`)], choices };
      },
      accept(reply, ctx) {
        const chosen = chosenOf(ctx);
        const value = reply.choice?.value;
        if (!value) return { ok: false, reason: 'กรุณาเลือกจากปุ่มด้านล่างนะคะ' };
        if (value === DONE) return { ok: true, value: { chosen, done: true } };
        return { ok: true, value: { chosen: chosen.includes(value) ? chosen.filter((s) => s !== value) : [...chosen, value], done: false } };
      },
      async next(ctx) {
        const { done } = (ctx.answers as unknown as NoteAnswers).sections;
        if (!done) return { step: 'sections' };
        const found = await noteTarget(ctx);
        if (found?.rule?.needsNote) return { step: 'note' };
        return { end: found ? await decide(ctx, found.t, { sections: chosenOf(ctx) }) : notFoundMessages() };
      },
    },
    note: {
      async ask(ctx) {
        const found = await noteTarget(ctx);
        const about = found ? `${CASE_FLOW_SAY.about(referenceText(found.t.c), statusInfo(found.t.kind, found.t.to).label)}\n` : '';
        return { messages: [text(`${about}${found?.rule?.needsNote ?? CASE_FLOW_SAY.defaultNote}`)], acceptsText: true };
      },
      accept(reply) {
        const note = reply.text?.trim() ?? '';
        if (!note) return { ok: false, reason: CASE_FLOW_SAY.noteEmpty };
        if ([...note].length > MAX_NOTE_CHARS) return { ok: false, reason: CASE_FLOW_SAY.noteTooLong };
        return { ok: true, value: note };
      },
      async next(ctx) {
        const found = await noteTarget(ctx);
        if (!found) return { end: notFoundMessages() };
        return { end: await decide(ctx, found.t, { note: ctx.answers.note as string, sections: chosenOf(ctx) }) };
      },
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
    return staffCaseMessages(kind, c, await staffFacts(ctx.tx, kind, c, ctx.services.office));
  },
};

/** Every status that stands in some kind's staff queue, and its tier (the first tier first). */
function queueTiers(): Map<string, Map<string, number>> {
  const tiers = new Map<string, Map<string, number>>();
  for (const kind of Object.values(caseKinds)) tiers.set(kind.id, new Map((kind.queue ?? []).flatMap((tier, i) => tier.map((status) => [status, i] as const))));
  return tiers;
}

/** `case-queue` (เรื่องรอตรวจ): the office's cases waiting, new and resubmitted first, the longest waiting first. */
export const caseQueueEntry: Entry = {
  id: CASE_ENTRIES.queue,
  menuLabel: 'เรื่องรอตรวจ (จนท.)',
  menuOrder: 62,
  staffOnly: true,
  keywords: ['เรื่องรอตรวจ', 'รอตรวจ', 'งานรอตรวจ', 'เคสรอตรวจ'],
  async respond(ctx) {
    const tiers = queueTiers();
    const statuses = [...new Set([...tiers.values()].flatMap((m) => [...m.keys()]))];
    const items = (await casesWaiting(ctx.tx, ctx.services.office.id, statuses))
      .flatMap((c) => {
        const kind = kindOf(c.kind);
        const tier = tiers.get(c.kind)?.get(c.status);
        return kind && tier !== undefined ? [{ c, kind, since: c.statusSince, tier }] : [];
      })
      .sort((a, b) => a.tier - b.tier || a.since - b.since || a.c.id - b.c.id);
    return queueMessages(items, ctx.now);
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
    return myCasesMessages(items);
  },
};
